import type { InstalledSkillsScan, InstalledSkillVerdict, Snapshot } from "../model/snapshot.js";
import { finding } from "./finding.js";
import { agentEntries, cfg, configEvidence, get, isObject, manualOrAttested, where } from "./helpers.js";
import type { CatalogItem, Evidence, Finding } from "./types.js";

const scanRemediation =
  "Run `clawwarden audit` without --no-skills (or `clawwarden scan <skills root>`) so installed code gets a verdict.";

/** The installed-skills scan, or why there is none. */
function skillsScan(s: Snapshot): { scan: InstalledSkillsScan } | { reason: string; hint?: string } {
  if (!s.skills) return { reason: "the skill scanner did not run (--no-skills)" };
  if (!s.skills.known)
    return s.skills.hint === undefined
      ? { reason: s.skills.reason }
      : { reason: s.skills.reason, hint: s.skills.hint };
  return { scan: s.skills.value };
}

/** Non-bundled plugin and skill installs visible in the state dir inventory. */
export function installedFromState(s: Snapshot): { plugins: string[]; skills: string[] } {
  const plugins: string[] = [];
  const skills: string[] = [];
  for (const e of s.state.entries) {
    if (e.kind !== "dir" && e.kind !== "symlink") continue;
    if (
      /^extensions\/[^/]+$/.test(e.path) ||
      /^npm\/projects\/[^/]+$/.test(e.path) ||
      /^git\/[^/]+$/.test(e.path)
    )
      plugins.push(e.path);
    else if (/^skills\/[^/]+$/.test(e.path) || /^workspace[^/]*\/skills\/[^/]+$/.test(e.path))
      skills.push(e.path);
  }
  return { plugins, skills };
}

function verdictEvidence(v: InstalledSkillVerdict): Evidence {
  return {
    message: `${v.kind} ${v.name}: ${v.verdict} (${v.findings} finding${v.findings === 1 ? "" : "s"})`,
    source: "scan",
    value: v.verdict,
    location: { file: v.path },
  };
}

function unknownScan(item: CatalogItem, s: Snapshot, what: string): Finding {
  const r = skillsScan(s);
  const reason = "reason" in r ? r.reason : "";
  const found = installedFromState(s);
  const evidence: Evidence[] = [
    {
      message: `state dir holds ${found.plugins.length} non-bundled plugin(s) and ${found.skills.length} managed skill(s)`,
      source: "state",
      location: { file: s.state.root },
    },
  ];
  return finding(item, {
    check: "needs-scanner",
    status: "unknown",
    message: `needs the skill scanner: ${what} (${reason}). Run \`clawwarden scan\`.`,
    evidence,
    remediation: scanRemediation,
  });
}

/** One finding per non-clean verdict, one summary finding for the clean ones. */
function verdictFindings(item: CatalogItem, scan: InstalledSkillsScan): Finding[] {
  const out: Finding[] = [];
  const clean = scan.items.filter((v) => v.verdict === "clean");
  for (const v of scan.items) {
    if (v.verdict === "clean") continue;
    const subject = `${v.kind}:${v.name}`;
    if (v.verdict === "malicious" || v.verdict === "suspicious")
      out.push(
        finding(item, {
          check: v.verdict,
          status: "fail",
          severity: v.verdict === "malicious" ? "critical" : "high",
          message: `${v.kind} "${v.name}" is ${v.verdict}: do not run it.`,
          evidence: [verdictEvidence(v)],
          remediation: `Remove it (${v.kind === "plugin" ? `\`openclaw plugins uninstall ${v.name}\`` : `delete ${v.path}`}), then rotate every credential the gateway holds.`,
          location: { file: v.path },
          subject,
        }),
      );
    else if (v.verdict === "review")
      out.push(
        finding(item, {
          check: "review",
          status: "warn",
          message: `${v.kind} "${v.name}" needs a human review of the scanner's findings.`,
          evidence: [verdictEvidence(v)],
          remediation: `Read \`clawwarden scan ${v.path}\` findings and the source; keep it only if every finding is explained.`,
          location: { file: v.path },
          subject,
        }),
      );
    else
      out.push(
        finding(item, {
          check: "incomplete",
          status: "unknown",
          message: `${v.kind} "${v.name}" could not be scanned completely.`,
          evidence: [verdictEvidence(v)],
          remediation: `Re-run \`clawwarden scan ${v.path}\` and check why it was incomplete (size limits, unreadable files).`,
          location: { file: v.path },
          subject,
        }),
      );
  }
  if (clean.length > 0 || out.length === 0)
    out.push(
      finding(item, {
        check: "scan-clean",
        status: "pass",
        message:
          scan.items.length === 0
            ? `No installed skills or plugins found in ${scan.roots.length} root(s).`
            : `${clean.length} installed skill(s)/plugin(s) scanned clean.`,
        evidence: clean.slice(0, 20).map(verdictEvidence),
      }),
    );
  return out;
}

const k01: CatalogItem = {
  id: "K-01",
  title: "Audit every Skill",
  category: "skills",
  priority: "P0",
  action: "Read the source and check the publisher's reputation before installing",
  verification: "Manual review",
  why: "Skills and plugins run with the agent's (plugins: the gateway's) privileges; a malicious one steals every credential the gateway holds.",
  openclaw: ["skills.code_safety", "plugins.code_safety"],
  openclawOwns: ["skills.*", "plugins.code_safety", "plugins.code_safety.*"],
  fix: "manual",
  needs: ["state", "person"],
  evaluate(s) {
    const r = skillsScan(s);
    if ("reason" in r) return [unknownScan(k01, s, "every installed skill and plugin needs a verdict")];
    return verdictFindings(k01, r.scan);
  },
};

const k02: CatalogItem = {
  id: "K-02",
  title: "Install Clawdex protection",
  category: "skills",
  priority: "P0",
  action:
    "Install Koi Security's Clawdex Skill, which scans against a database of malicious Skills before installation",
  verification: "Clawdex status check",
  why: "Known-malicious skills are published under plausible names; checking every install against indicators of compromise stops the known ones. clawwarden's offline IOC scan and its install gate (security.installPolicy → `clawwarden install-policy`) take Clawdex's place.",
  openclaw: ["skills.code_safety", "plugins.code_safety"],
  fix: "assisted",
  needs: ["config", "state"],
  evaluate(s) {
    const out: Finding[] = [];
    const r = skillsScan(s);
    if ("reason" in r)
      out.push(unknownScan(k02, s, "installed skills were not checked against the IOC list"));
    else {
      const bad = r.scan.items.filter((v) => v.verdict === "malicious");
      if (bad.length > 0)
        out.push(
          finding(k02, {
            check: "ioc-match",
            status: "fail",
            severity: "critical",
            message: `${bad.length} installed skill(s)/plugin(s) match known-malicious indicators: ${bad.map((v) => v.name).join(", ")}.`,
            evidence: bad.map(verdictEvidence),
            remediation:
              "Remove them now, rotate every credential the gateway holds, and review the session logs for what they did.",
          }),
        );
      else
        out.push(
          finding(k02, {
            check: "ioc-scan",
            status: "pass",
            message: `clawwarden's IOC scan checked ${r.scan.items.length} installed item(s): no known-malicious match.`,
          }),
        );
    }
    out.push(installGate(k02, s));
    return out;
  },
};

/** Whether new installs pass through a scanner: OpenClaw's security.installPolicy (e.g. `clawwarden install-policy`). */
function installGate(item: CatalogItem, s: Snapshot): Finding {
  const policy = cfg(s, "security.installPolicy");
  if (isObject(policy) && policy.enabled === true) {
    const command = get(policy, "exec.command");
    const targets = Array.isArray(policy.targets) ? policy.targets : ["skill", "plugin"];
    const missing = ["skill", "plugin"].filter((t) => !targets.includes(t));
    if (typeof command !== "string" || command.length === 0)
      return finding(item, {
        check: "install-policy-broken",
        status: "warn",
        severity: "medium",
        message:
          "security.installPolicy is enabled without exec.command: every install is blocked (fails closed).",
        evidence: [configEvidence(s, "security.installPolicy.enabled")],
        remediation:
          "Set security.installPolicy.exec to an absolute scanner command: `clawwarden fix --only K-02` writes a working block (`clawwarden install-policy --print-config` prints it).",
        location: where(s, "security.installPolicy"),
      });
    return finding(item, {
      check: missing.length ? "install-policy-partial" : "install-policy",
      status: missing.length ? "warn" : "pass",
      severity: missing.length ? "medium" : undefined,
      message: missing.length
        ? `security.installPolicy does not cover ${missing.join(" and ")} installs.`
        : "New skill and plugin installs pass through security.installPolicy.",
      evidence: [configEvidence(s, "security.installPolicy.exec.command")],
      remediation: 'Set security.installPolicy.targets to ["skill", "plugin"].',
      location: where(s, "security.installPolicy"),
    });
  }
  return finding(item, {
    check: "no-install-gate",
    status: "warn",
    severity: "medium",
    message: "Nothing scans new skills or plugins before they are installed.",
    evidence: [configEvidence(s, "security.installPolicy.enabled")],
    remediation:
      "Gate installs with clawwarden: `clawwarden fix --only K-02` adds security.installPolicy to openclaw.json (previewed, backed up, reversible), or add the block printed by `clawwarden install-policy --print-config` yourself; it runs the scan before every skill and plugin install and blocks malicious ones.",
    location: where(s, "security.installPolicy"),
  });
}

const k03: CatalogItem = {
  id: "K-03",
  title: "Sandbox-test new Skills",
  category: "skills",
  priority: "P0",
  action: "Run any newly installed Skill in a minimum-privilege sandbox first",
  verification: "openclaw sandbox explain --session",
  why: "A skill's real behaviour shows only when it runs; a first run inside a no-network, read-only sandbox limits what a bad one can do.",
  openclaw: [],
  fix: "assisted",
  needs: ["config", "person"],
  evaluate(s) {
    const out: Finding[] = [];
    const r = skillsScan(s);
    if (!("reason" in r)) {
      const review = r.scan.items.filter((v) => v.verdict === "review" || v.verdict === "suspicious");
      if (review.length > 0)
        out.push(
          finding(k03, {
            check: "trial-needed",
            status: "warn",
            message: `${review.length} installed item(s) have unexplained scanner findings: trial them in a sandboxed agent before use.`,
            evidence: review.map(verdictEvidence),
            remediation:
              'Add a trial agent with agents.entries.<id>.sandbox.mode "all", docker.network "none", workspaceAccess "none" and tools.profile "minimal", and run the skill there first.',
          }),
        );
    }
    const sandboxed = sandboxedAgents(s);
    const guidance =
      sandboxed.length > 0
        ? `trial every new skill in a sandboxed agent (${sandboxed.join(", ")}) and check \`openclaw sandbox explain --session <key>\` before enabling it elsewhere`
        : 'no agent has sandbox.mode "all": create a trial agent with sandbox.mode "all" and network "none" and run every new skill there first';
    const manual = manualOrAttested(k03, s, guidance);
    manual.evidence.push({
      message:
        sandboxed.length > 0
          ? `sandboxed agents: ${sandboxed.join(", ")}`
          : 'no agent with sandbox.mode "all" (agents.defaults.sandbox.mode / agents.entries.*.sandbox.mode)',
      source: sandboxed.length > 0 ? "config" : "default",
      keyPath: "agents.defaults.sandbox.mode",
      location: where(s, "agents.defaults.sandbox.mode"),
    });
    out.push(manual);
    return out;
  },
};

/** Agents whose sessions all run sandboxed. */
function sandboxedAgents(s: Snapshot): string[] {
  const defaults = cfg(s, "agents.defaults.sandbox.mode");
  const out: string[] = [];
  if (defaults === "all") out.push("defaults");
  for (const a of agentEntries(s)) {
    const mode = get(a.value, "sandbox.mode");
    if (mode === "all" || (mode === undefined && defaults === "all")) out.push(a.id);
  }
  return out;
}

const k04: CatalogItem = {
  id: "K-04",
  title: "Refuse manual command execution",
  category: "skills",
  priority: "P0",
  action:
    "Be wary of any docs that ask you to manually paste commands or install password-protected archives",
  verification: "Security awareness training",
  why: "Malicious skills ask the operator to paste a 'setup' command or open a password-protected archive so that the payload never passes a scanner.",
  openclaw: [],
  fix: "manual",
  needs: ["config", "person"],
  evaluate(s) {
    const out: Finding[] = [];
    if (cfg(s, "skills.install.allowUploadedArchives") === true)
      out.push(
        finding(k04, {
          check: "uploaded-archives",
          status: "warn",
          message:
            "skills.install.allowUploadedArchives is true: skills can be installed from uploaded archives.",
          evidence: [configEvidence(s, "skills.install.allowUploadedArchives")],
          remediation: "openclaw config set skills.install.allowUploadedArchives false",
          location: where(s, "skills.install.allowUploadedArchives"),
          subject: "skills.install.allowUploadedArchives",
        }),
      );
    out.push(
      manualOrAttested(
        k04,
        s,
        "make sure everyone who installs skills refuses instructions to paste shell commands or open password-protected archives, and reports them",
      ),
    );
    return out;
  },
};

const k05: CatalogItem = {
  id: "K-05",
  title: "Centralize Skill management",
  category: "skills",
  priority: "P0",
  action: "In a team setting, have an admin approve and deploy Skills centrally",
  verification: "Process review",
  why: "Without an allowlist and pinned, integrity-checked installs, any plugin dropped into the state dir loads with gateway privileges and an upstream update can swap the code unnoticed.",
  openclaw: [
    "plugins.extensions_no_allowlist",
    "plugins.installs_unpinned_npm_specs",
    "plugins.installs_missing_integrity",
    "plugins.installs_version_drift",
    "hooks.installs_unpinned_npm_specs",
    "hooks.installs_missing_integrity",
  ],
  openclawOwns: [
    "hooks.installs_unpinned_npm_specs",
    "hooks.installs_missing_integrity",
    "hooks.installs_version_drift",
    "plugins.*",
  ],
  fix: "assisted",
  needs: ["config", "state"],
  evaluate(s) {
    const out: Finding[] = [...allowlistFindings(k05, s), ...installRecordFindings(k05, s)];
    const r = skillsScan(s);
    if ("reason" in r)
      out.push(unknownScan(k05, s, "the clawwarden lockfile of approved skills was not checked"));
    else out.push(...lockfileFindings(k05, r.scan));
    return out;
  },
};

function allowlistFindings(item: CatalogItem, s: Snapshot): Finding[] {
  if (cfg(s, "plugins.enabled") === false)
    return [
      finding(item, {
        check: "plugins-disabled",
        status: "pass",
        message: "plugins.enabled is false: no plugin is loaded.",
        evidence: [configEvidence(s, "plugins.enabled")],
      }),
    ];
  const allow = cfg(s, "plugins.allow");
  const allowList = Array.isArray(allow) ? allow.filter((a): a is string => typeof a === "string") : [];
  const found = installedFromState(s).plugins;
  const loadPaths = cfg(s, "plugins.load.paths");
  const extra = Array.isArray(loadPaths) ? loadPaths.length : 0;
  if (allowList.length > 0)
    return [
      finding(item, {
        check: "plugins-allowlist",
        status: "pass",
        message: `plugins.allow limits loading to ${allowList.length} approved plugin id(s).`,
        evidence: [configEvidence(s, "plugins.allow")],
      }),
    ];
  if (found.length === 0 && extra === 0)
    return [
      finding(item, {
        check: "plugins-allowlist",
        status: "pass",
        message: "No non-bundled plugins are installed, so an empty plugins.allow lets nothing extra load.",
        evidence: [configEvidence(s, "plugins.allow")],
      }),
    ];
  return [
    finding(item, {
      check: "no-plugin-allowlist",
      status: "fail",
      severity: "high",
      message: `plugins.allow is empty while ${found.length + extra} non-bundled plugin source(s) exist: any of them may auto-load with gateway privileges.`,
      evidence: [
        configEvidence(s, "plugins.allow"),
        ...found.slice(0, 20).map(
          (p): Evidence => ({
            message: `non-bundled plugin at ${p}`,
            source: "state",
            location: { file: `${s.state.root}/${p}` },
          }),
        ),
        ...(extra ? [configEvidence(s, "plugins.load.paths")] : []),
      ],
      remediation:
        "Set plugins.allow to the approved plugin ids, e.g. openclaw config set plugins.allow '[\"<id>\"]' --strict-json.",
      location: where(s, "plugins.allow"),
      subject: "plugins.allow",
    }),
  ];
}

/** OpenClaw's own rule (isPinnedRegistrySpec in its audit): the text after the last "@" is an exact semver. */
export function isPinnedSpec(spec: string): boolean {
  const value = spec.trim();
  const at = value.lastIndexOf("@");
  if (at <= 0 || at >= value.length - 1) return false;
  return /^v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/.test(value.slice(at + 1).trim());
}

/** File-era install records (`plugins.installs.<id>`, `hooks.installs.<id>`) from npm: pinned spec and integrity. */
function installRecordFindings(item: CatalogItem, s: Snapshot): Finding[] {
  const out: Finding[] = [];
  for (const base of ["plugins.installs", "hooks.installs"]) {
    const records = cfg(s, base);
    if (!isObject(records)) continue;
    for (const [id, rec] of Object.entries(records)) {
      if (!isObject(rec) || rec.source !== "npm") continue;
      const keyPath = `${base}.${id}`;
      const spec = typeof rec.spec === "string" ? rec.spec : undefined;
      if (spec !== undefined && !isPinnedSpec(spec))
        out.push(
          finding(item, {
            check: "install-unpinned",
            status: "fail",
            severity: "high",
            message: `${keyPath}.spec "${spec}" is not pinned to an exact version: an update can change the code.`,
            evidence: [configEvidence(s, `${keyPath}.spec`)],
            remediation: `Reinstall with an exact version: openclaw plugins install npm:<pkg>@<x.y.z> (then \`openclaw doctor --fix\` to migrate install records).`,
            location: where(s, `${keyPath}.spec`),
            subject: keyPath,
          }),
        );
      if (typeof rec.integrity !== "string" || rec.integrity.length === 0)
        out.push(
          finding(item, {
            check: "install-no-integrity",
            status: "fail",
            severity: "high",
            message: `${keyPath} has no integrity hash: a swapped package would not be noticed.`,
            evidence: [configEvidence(s, `${keyPath}.integrity`)],
            remediation:
              "Reinstall the plugin so OpenClaw records its integrity, and record it in clawwarden's skills lockfile.",
            location: where(s, keyPath),
            subject: `${keyPath}.integrity`,
          }),
        );
    }
  }
  if (out.length === 0 && (isObject(cfg(s, "plugins.installs")) || isObject(cfg(s, "hooks.installs"))))
    out.push(
      finding(item, {
        check: "installs-pinned",
        status: "pass",
        message: "Every npm install record is pinned to an exact version with an integrity hash.",
        evidence: [configEvidence(s, "plugins.installs", "plugins.installs records checked")],
      }),
    );
  return out;
}

function lockfileFindings(item: CatalogItem, scan: InstalledSkillsScan): Finding[] {
  const out: Finding[] = [];
  for (const v of scan.items) {
    if (v.approved !== "unapproved" && v.approved !== "changed") continue;
    out.push(
      finding(item, {
        check: v.approved === "changed" ? "lockfile-changed" : "lockfile-unapproved",
        status: "fail",
        severity: "high",
        message:
          v.approved === "changed"
            ? `${v.kind} "${v.name}" changed since an admin approved it.`
            : `${v.kind} "${v.name}" is installed but not approved in the clawwarden lockfile.`,
        evidence: [verdictEvidence(v)],
        remediation: `Have an admin review it and run \`clawwarden skills approve ${v.path}\`, or remove it.`,
        location: { file: v.path },
        subject: `${v.kind}:${v.name}`,
      }),
    );
  }
  if (!scan.lockfileInUse)
    out.push(
      finding(item, {
        check: "no-lockfile",
        status: "warn",
        severity: "medium",
        message: "No clawwarden skills lockfile: installs are not approved centrally.",
        remediation:
          "As the admin, run `clawwarden skills approve <skill dir>` for each reviewed skill and plugin to record the approved set.",
      }),
    );
  else if (out.length === 0)
    out.push(
      finding(item, {
        check: "lockfile",
        status: "pass",
        message: `Every installed skill and plugin (${scan.items.length}) matches the approved lockfile.`,
      }),
    );
  return out;
}

export const skillsItems: CatalogItem[] = [k01, k02, k03, k04, k05];
