/**
 * Offline table of published OpenClaw security advisories (npm `openclaw`), used by P-03.
 *
 * Every entry names where its fixed version was read and when that source was published or retrieved.
 * Ids are the advisory's own GHSA id (or the CVE id the source gives); none is invented. The changelog that
 * ships with the installed 2026.9.6 package (`CHANGELOG.md`) only covers 2026.9.6 itself and carries no
 * security entries, so every row here comes from the advisory pages cited.
 *
 * Maintenance: add new advisories at the end, keep `reviewed` current. A version newer than the newest
 * `fixed` here is not proof of being current: P-03 says so in its message.
 */
export interface Advisory {
  id: string;
  /** Other ids for the same advisory (CVE for a GHSA and vice versa). */
  aliases?: string[];
  title: string;
  severity: "critical" | "high" | "medium" | "low";
  /** First patched `openclaw` version; everything below is affected. */
  fixed: string;
  /** Lowest affected version when the advisory names one (otherwise all versions below `fixed`). */
  introduced?: string;
  source: string;
  /** Date of the source, YYYY-MM-DD: when it was published, or when it was read if the page shows no date. */
  sourceDate: string;
  dateKind: "published" | "retrieved";
}

export const advisoriesReviewed = "2026-11-25";

export const advisories: readonly Advisory[] = [
  {
    id: "GHSA-xvhf-x56f-2hpp",
    aliases: ["CVE-2026-28463"],
    title: "Exec approvals: safeBins could bypass stdin-only constraints via shell expansion",
    severity: "medium",
    fixed: "2026.2.14",
    source:
      "https://www.endorlabs.com/vulnerability/cve-2026-28463 (cites github.com/openclaw/openclaw GHSA)",
    sourceDate: "2026-03-05",
    dateKind: "published",
  },
  {
    id: "GHSA-5847-rm3g-23mw",
    title: "Hook auth rate limiter bypass via IPv4-mapped IPv6 client key variants",
    severity: "medium",
    fixed: "2026.2.22",
    source: "https://o3.security/vulnerability/GHSA-5847-rm3g-23mw",
    sourceDate: "2026-11-25",
    dateKind: "retrieved",
  },
  {
    id: "GHSA-796m-2973-wc5q",
    title: "tools.exec allowlist/safe-bins analysis diverged from execution for env -S wrappers",
    severity: "high",
    fixed: "2026.2.23",
    source: "https://www.webkkk.net/advisories/GHSA-796m-2973-wc5q",
    sourceDate: "2026-11-25",
    dateKind: "retrieved",
  },
  {
    id: "GHSA-hjvp-qhm6-wrh2",
    title: "Node system.run approvals lacked a strict execution-context binding (env could change)",
    severity: "medium",
    fixed: "2026.2.26",
    source: "https://gt.lichaohome.top/advisories/GHSA-hjvp-qhm6-wrh2",
    sourceDate: "2026-11-25",
    dateKind: "retrieved",
  },
  {
    id: "GHSA-8mvx-p2r9-r375",
    title: "Web tools strict URL guard could lose DNS pinning when env proxy is configured",
    severity: "high",
    fixed: "2026.3.2",
    source: "https://github.com/openclaw/openclaw/pull/33703",
    sourceDate: "2026-03-04",
    dateKind: "published",
  },
  {
    id: "GHSA-cfvj-7rx7-fc7c",
    title:
      "stageSandboxMedia destination symlink traversal could overwrite files outside the sandbox workspace",
    severity: "high",
    fixed: "2026.3.2",
    source: "https://github.com/openclaw/openclaw/pull/33703",
    sourceDate: "2026-03-04",
    dateKind: "published",
  },
  {
    id: "GHSA-474h-prjg-mmw3",
    title: 'Sandboxed sessions_spawn(runtime="acp") bypassed sandbox inheritance',
    severity: "high",
    fixed: "2026.3.2",
    source: "https://github.com/openclaw/openclaw/pull/33703",
    sourceDate: "2026-03-04",
    dateKind: "published",
  },
  {
    id: "GHSA-6rmx-gvvg-vh6j",
    title: "Hooks handler counted auth failures before rejecting unsupported methods (webhook lockout)",
    severity: "medium",
    fixed: "2026.3.7",
    source: "https://dbugs.ptsecurity.com/vulnerability/PT-2026-26497",
    sourceDate: "2026-03-09",
    dateKind: "published",
  },
  {
    id: "GHSA-5wcw-8jjv-m286",
    title: "WebSocket cross-site hijacking of the Gateway",
    severity: "high",
    fixed: "2026.3.11",
    source: "https://github.com/openclaw/openclaw/pull/44403",
    sourceDate: "2026-03-12",
    dateKind: "published",
  },
  {
    id: "GHSA-4jpw-hj22-2xmc",
    title: "Pairing-scoped device tokens could mint operator.admin and reach node RCE",
    severity: "critical",
    fixed: "2026.3.11",
    source: "https://research.averlon.ai/vulnerability-intelligence/cve/GHSA-4jpw-hj22-2xmc",
    sourceDate: "2026-11-25",
    dateKind: "retrieved",
  },
  {
    id: "GHSA-rqpp-rjj8-7wv8",
    title: "WebSocket shared-auth connections could self-declare elevated scopes",
    severity: "critical",
    fixed: "2026.3.12",
    source: "https://research.averlon.ai/vulnerability-intelligence/cve/GHSA-rqpp-rjj8-7wv8",
    sourceDate: "2026-11-25",
    dateKind: "retrieved",
  },
  {
    id: "CVE-2026-35660",
    title: "Gateway /reset let operator.write callers reset admin sessions",
    severity: "high",
    fixed: "2026.3.23",
    source: "https://app.opencve.io/cve/CVE-2026-35660",
    sourceDate: "2026-11-25",
    dateKind: "retrieved",
  },
  {
    id: "GHSA-4hmj-39m8-jwc7",
    title: "ACP CLI approval prompt ANSI escape sequence injection",
    severity: "medium",
    fixed: "2026.3.25",
    introduced: "2026.2.13",
    source: "https://github.com/github/advisory-database/pull/7488",
    sourceDate: "2026-04-23",
    dateKind: "published",
  },
  {
    id: "CVE-2026-34503",
    title: "Revoked tokens and removed devices kept their live WebSocket sessions",
    severity: "high",
    fixed: "2026.3.28",
    source: "https://www.sentinelone.com/vulnerability-database/cve-2026-34503/ (NVD published 2026-03-31)",
    sourceDate: "2026-03-31",
    dateKind: "published",
  },
  {
    id: "GHSA-5hff-46vh-rxmw",
    title: "Read-only operator scope could kill agent sessions over HTTP",
    severity: "medium",
    fixed: "2026.4.2",
    source: "https://aithreatalert.com/cve/GHSA-5hff-46vh-rxmw",
    sourceDate: "2026-04-07",
    dateKind: "published",
  },
  {
    id: "GHSA-whf9-3hcx-gq54",
    title: "device.token.rotate bypassed role approval",
    severity: "medium",
    fixed: "2026.4.8",
    source: "https://aithreatalert.com/cve/GHSA-whf9-3hcx-gq54",
    sourceDate: "2026-04-09",
    dateKind: "published",
  },
  {
    id: "GHSA-68x5-xx89-w9mm",
    title: "Stale auth closure kept pre-reload Gateway auth after a config reload",
    severity: "medium",
    fixed: "2026.4.8",
    source: "https://aithreatalert.com/cve/GHSA-68x5-xx89-w9mm",
    sourceDate: "2026-04-09",
    dateKind: "published",
  },
  {
    id: "GHSA-xmxx-7p24-h892",
    title: "Gateway kept accepting an old bearer token after SecretRef rotation",
    severity: "high",
    fixed: "2026.4.15",
    source: "https://security-recipes.ai/prompt-library/cve/ghsa-xh72-openclaw-agent-surface-fail-closed/",
    sourceDate: "2026-11-25",
    dateKind: "retrieved",
  },
  {
    id: "GHSA-xh72-v6v9-mwhc",
    title: "Feishu webhook and card-action callbacks failed open without signing config",
    severity: "critical",
    fixed: "2026.4.15",
    source: "https://security-recipes.ai/prompt-library/cve/ghsa-xh72-openclaw-agent-surface-fail-closed/",
    sourceDate: "2026-11-25",
    dateKind: "retrieved",
  },
  {
    id: "GHSA-4m3v-q747-pc6h",
    title: "Mattermost slash token revocation could lag until monitor refresh",
    severity: "medium",
    fixed: "2026.4.24",
    source: "https://vdb.ai.kr/en/vuln/GHSA-4m3v-q747-pc6h",
    sourceDate: "2026-11-25",
    dateKind: "retrieved",
  },
  {
    id: "GHSA-xww8-gqvh-92x9",
    title: "Exec approval display truncation hid part of the command being approved",
    severity: "high",
    fixed: "2026.5.18",
    source: "https://www.github.mrsoni.in/advisories/GHSA-xww8-gqvh-92x9",
    sourceDate: "2026-11-25",
    dateKind: "retrieved",
  },
  {
    id: "GHSA-2j8v-hwgc-x698",
    title: "Shell wrapper argv could change between approval and execution",
    severity: "high",
    fixed: "2026.5.18",
    source: "https://github.com/advisories/GHSA-2j8v-hwgc-x698 (github/advisory-database PR #9421)",
    sourceDate: "2026-07-02",
    dateKind: "published",
  },
  {
    id: "GHSA-8wg3-5mcm-fjq8",
    title: "Workspace .env overrides Homebrew executable selection for skill exec",
    severity: "medium",
    fixed: "2026.5.27",
    source: "https://github.com/volcengine/OpenViking/pull/3021 (July 2, 2026 advisory batch)",
    sourceDate: "2026-07-06",
    dateKind: "published",
  },
  {
    id: "GHSA-83w9-h5wv-j9xm",
    title: "Node pairing reconnection confused approval scope state",
    severity: "medium",
    fixed: "2026.5.27",
    source: "https://github.com/volcengine/OpenViking/pull/3021 (July 2, 2026 advisory batch)",
    sourceDate: "2026-07-06",
    dateKind: "published",
  },
];

/** Parsed calendar version: `2026.3.13-1` (hotfix, after 2026.3.13), `2026.5.28-beta.4` (before 2026.5.28). */
export interface OpenClawVersion {
  year: number;
  month: number;
  day: number;
  /** Negative for pre-releases (beta/alpha), positive for `-N` hotfixes, 0 for a release. */
  suffix: number;
  text: string;
}

const versionPattern = /(\d{4})\.(\d{1,2})\.(\d{1,2})(?:-(?:(alpha|beta|rc)\.?(\d+)?|(\d+)))?/;

/** Finds an OpenClaw version in text such as `OpenClaw 2026.9.6 (eb377ac)`; undefined when there is none. */
export function parseOpenClawVersion(text: string): OpenClawVersion | undefined {
  const m = versionPattern.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, pre, preN, hotfix] = m;
  let suffix = 0;
  if (pre) suffix = -1000 + ({ alpha: 0, beta: 300, rc: 600 }[pre] ?? 0) + Number(preN ?? 0);
  else if (hotfix) suffix = Number(hotfix);
  return { year: Number(y), month: Number(mo), day: Number(d), suffix, text: m[0] };
}

export function compareVersions(a: OpenClawVersion, b: OpenClawVersion): number {
  return a.year - b.year || a.month - b.month || a.day - b.day || a.suffix - b.suffix;
}

/** Advisories whose fix the given version lacks (and whose affected range includes it). */
export function advisoriesAffecting(version: OpenClawVersion): Advisory[] {
  return advisories.filter((a) => {
    const fixed = parseOpenClawVersion(a.fixed);
    if (!fixed || compareVersions(version, fixed) >= 0) return false;
    const introduced = a.introduced ? parseOpenClawVersion(a.introduced) : undefined;
    return !introduced || compareVersions(version, introduced) >= 0;
  });
}

/** The newest fixed version in the table. */
export function newestFixedVersion(): string {
  let best: OpenClawVersion | undefined;
  for (const a of advisories) {
    const v = parseOpenClawVersion(a.fixed);
    if (v && (!best || compareVersions(v, best) > 0)) best = v;
  }
  return best?.text ?? "";
}
