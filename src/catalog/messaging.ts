import { join } from "node:path";
import type { Snapshot } from "../model/snapshot.js";
import { finding } from "./finding.js";
import { guardEvidence } from "./guard-evidence.js";
import { cfg, configEvidence, isObject, manualOrAttested } from "./helpers.js";
import { ocSet, type Segment } from "./remediation.js";
import { soulRulesMissing } from "./soul-rules.js";
import type { CatalogItem, Evidence, Finding } from "./types.js";

// ─── channel sections: channels.<ch> and channels.<ch>.accounts.<id> ───────────────────────────

/** Keys under `channels` that are not channels. */
const NOT_CHANNELS = new Set(["defaults", "modelByChannel"]);

interface Section {
  channel: string;
  /** `channels.telegram` or `channels.telegram.accounts.work`. */
  keyPath: string;
  /** The same path as segments, for commands (ids may contain dots, `@`, leading `-`). */
  segments: Segment[];
  label: string;
  value: Record<string, unknown>;
  /** The channel section an account inherits unset keys from. */
  parent?: Section;
  enabled: boolean;
}

export function channelSections(s: Snapshot): Section[] {
  const channels = cfg(s, "channels");
  if (!isObject(channels)) return [];
  const out: Section[] = [];
  for (const [channel, value] of Object.entries(channels)) {
    if (NOT_CHANNELS.has(channel) || !isObject(value)) continue;
    const section: Section = {
      channel,
      keyPath: `channels.${channel}`,
      segments: ["channels", channel],
      label: channel,
      value,
      enabled: value.enabled !== false,
    };
    out.push(section);
    if (isObject(value.accounts)) {
      for (const [id, acc] of Object.entries(value.accounts)) {
        if (!isObject(acc)) continue;
        out.push({
          channel,
          keyPath: `channels.${channel}.accounts.${id}`,
          segments: ["channels", channel, "accounts", id],
          label: `${channel} account ${id}`,
          value: acc,
          parent: section,
          enabled: section.enabled && acc.enabled !== false,
        });
      }
    }
  }
  return out;
}

/** A key of a section, falling back to its channel for accounts; returns where it was found. */
function inherited(
  sec: Section,
  read: (v: Record<string, unknown>) => unknown,
  key: string,
): { value: unknown; keyPath: string; segments: Segment[] } {
  const own = read(sec.value);
  const at = (x: Section) => ({
    keyPath: `${x.keyPath}.${key}`,
    segments: [...x.segments, ...key.split(".")],
  });
  if (own !== undefined || !sec.parent) return { value: own, ...at(sec) };
  return { value: read(sec.parent.value), ...at(sec.parent) };
}

function isWildcardList(v: unknown): boolean {
  return Array.isArray(v) && v.some((e) => String(e).trim() === "*");
}

function noChannels(item: CatalogItem): Finding {
  return finding(item, {
    check: "no-channels",
    status: "pass",
    message: "No messaging channels are configured, so nobody can message the agent from outside.",
    evidence: [{ message: "channels has no channel sections", source: "default", keyPath: "channels" }],
  });
}

/** A disabled channel's setting is dormant: report it, but as a low warning. */
function dormant(sec: Section, f: Finding): Finding {
  if (sec.enabled || f.status !== "fail") return f;
  return {
    ...f,
    status: "warn",
    severity: "low",
    message: `${f.message} (the channel is disabled, so this is dormant until it is enabled)`,
  };
}

// ─── D-01 ───────────────────────────────────────────────────────────────────────────────────────

const DM_POLICIES = ["pairing", "allowlist", "open", "disabled"];

export const d01: CatalogItem = {
  id: "D-01",
  title: "Lock down DM policy",
  category: "messaging",
  priority: "P1",
  action: 'Set dmPolicy: "pairing" or an explicit allowlist; never "open"',
  verification: "Config file review",
  why: 'With an open DM policy anyone who finds the bot can talk to an agent that holds credentials and runs tools; "pairing" makes each new sender prove they were invited.',
  openclaw: [
    "channels.*.dm.open",
    "channels.*.dm.open_invalid",
    "security.exposure.open_groups_with_elevated",
    "security.exposure.open_groups_with_runtime_or_fs",
    "security.exposure.open_groups_with_control_plane_tools",
    "security.trust_model.multi_user_heuristic",
  ],
  openclawOwns: [
    "channels.<provider>.dm.*",
    "channels.<provider>.allowFrom.*",
    "channels.<provider>.account.*",
    "channels.<provider>.warning.*",
    "channels.<provider>.commands.*",
    "channels.*",
    "security.exposure.open_channels_with_exec",
    "security.trust_model.multi_user_heuristic",
  ],
  fix: "auto",
  needs: ["config"],
  evaluate(s) {
    const sections = channelSections(s);
    if (sections.length === 0) return [noChannels(d01)];
    const out: Finding[] = [];
    for (const sec of sections) {
      const modern = inherited(sec, (v) => v.dmPolicy, "dmPolicy");
      const legacy = inherited(sec, (v) => (isObject(v.dm) ? v.dm.policy : undefined), "dm.policy");
      const policy = modern.value ?? legacy.value ?? "pairing";
      const policyKey =
        modern.value !== undefined
          ? modern.keyPath
          : legacy.value !== undefined
            ? legacy.keyPath
            : `${sec.keyPath}.dmPolicy`;
      const allowFrom = inherited(sec, (v) => v.allowFrom, "allowFrom");
      const legacyAllow = inherited(
        sec,
        (v) => (isObject(v.dm) ? v.dm.allowFrom : undefined),
        "dm.allowFrom",
      );
      const allow = allowFrom.value !== undefined ? allowFrom : legacyAllow;
      const policyEv =
        modern.value === undefined && legacy.value === undefined
          ? configEvidence(s, policyKey, `${policyKey} is unset (default "pairing")`)
          : configEvidence(s, policyKey);
      const fixCmd = `${ocSet([...sec.segments, "dmPolicy"], "pairing")}${legacy.value !== undefined && modern.value === undefined ? ` (${legacy.keyPath} is the legacy form: run \`openclaw doctor --fix\` first to migrate it)` : ""}`;
      const subject = `${sec.keyPath}.dm`;

      if (policy === "open") {
        out.push(
          dormant(
            sec,
            finding(d01, {
              check: "dm-open",
              status: "fail",
              severity: "critical",
              message: `${sec.label}: the DM policy is "open" — anyone who can message the bot reaches the agent.`,
              openclawChecks: [`channels.${sec.channel}.dm.open`],
              evidence: [policyEv, ...(allow.value !== undefined ? [configEvidence(s, allow.keyPath)] : [])],
              remediation: `${fixCmd}, then approve people with \`openclaw pairing approve ${sec.channel} <code>\`.`,
              subject,
            }),
          ),
        );
      } else if (policy !== "disabled" && isWildcardList(allow.value)) {
        out.push(
          dormant(
            sec,
            finding(d01, {
              check: "allowfrom-wildcard",
              status: "fail",
              severity: "critical",
              message: `${sec.label}: ${allow.keyPath} contains "*", which admits every sender despite the "${String(policy)}" policy.`,
              evidence: [configEvidence(s, allow.keyPath), policyEv],
              remediation: `List the sender ids instead of "*": ${ocSet(allow.segments, ["<sender id>"])}.`,
              subject,
            }),
          ),
        );
      } else if (!DM_POLICIES.includes(String(policy))) {
        out.push(
          finding(d01, {
            check: "dm-invalid",
            status: "warn",
            message: `${sec.label}: ${policyKey} = ${JSON.stringify(policy)} is not a DM policy OpenClaw accepts.`,
            evidence: [policyEv],
            remediation: fixCmd,
            subject,
          }),
        );
      } else {
        const n = Array.isArray(allow.value) ? allow.value.length : 0;
        out.push(
          finding(d01, {
            check: `dm-${String(policy)}`,
            status: "pass",
            message:
              policy === "disabled"
                ? `${sec.label}: direct messages are disabled.`
                : policy === "allowlist"
                  ? `${sec.label}: only the ${n} sender(s) in ${allow.keyPath} may send DMs.`
                  : `${sec.label}: new DM senders must pair first ("pairing").`,
            evidence: [policyEv],
            subject,
          }),
        );
      }

      // Telegram per-chat overrides: channels.telegram.direct.<chatId>.dmPolicy
      if (isObject(sec.value.direct)) {
        for (const [id, d] of Object.entries(sec.value.direct)) {
          if (isObject(d) && d.dmPolicy === "open") {
            const keyPath = `${sec.keyPath}.direct.${id}.dmPolicy`;
            const segments = [...sec.segments, "direct", id, "dmPolicy"];
            out.push(
              dormant(
                sec,
                finding(d01, {
                  check: "dm-open",
                  status: "fail",
                  severity: "critical",
                  message: `${sec.label}: the DM override for chat ${id} is "open".`,
                  evidence: [configEvidence(s, keyPath)],
                  remediation: ocSet(segments, "pairing"),
                  subject: keyPath,
                }),
              ),
            );
          }
        }
      }
    }
    return out;
  },
};

// ─── D-02 ───────────────────────────────────────────────────────────────────────────────────────

/** Sub-trees of a channel section that are about DMs (mentions do not apply) or handled separately. */
const NOT_GROUP_KEYS = new Set(["accounts", "direct", "dm", "dms"]);

interface GroupHit {
  key: "requireMention" | "groupPolicy";
  keyPath: string;
  segments: Segment[];
  value: unknown;
}

function walkGroupSettings(
  value: Record<string, unknown>,
  at: { keyPath: string; segments: Segment[] },
  hit: (h: GroupHit) => void,
  depth = 0,
): void {
  if (depth > 6) return;
  for (const [k, v] of Object.entries(value)) {
    const here = { keyPath: `${at.keyPath}.${k}`, segments: [...at.segments, k] };
    if ((k === "requireMention" || (depth > 0 && k === "groupPolicy")) && !isObject(v))
      hit({ key: k, ...here, value: v });
    if (isObject(v) && !(depth === 0 && NOT_GROUP_KEYS.has(k))) walkGroupSettings(v, here, hit, depth + 1);
  }
}

export const d02: CatalogItem = {
  id: "D-02",
  title: "Limit group permissions",
  category: "messaging",
  priority: "P1",
  action: "Require an explicit @mention to trigger the bot in group chats",
  verification: "Live test",
  why: "In a group every member — and every message pasted or forwarded into it — can steer the agent; requiring an @mention and an allowlist of groups keeps stray chatter and injected text from triggering tools.",
  openclaw: [
    "security.exposure.open_groups_with_elevated",
    "security.exposure.open_groups_with_runtime_or_fs",
    "security.exposure.open_groups_with_control_plane_tools",
    "channels.telegram.groups.allowFrom.wildcard",
    "channels.discord.allowlisted_groups.broad_members",
  ],
  openclawOwns: [
    "channels.<provider>.groups.*",
    "channels.<provider>.allowlisted_groups.*",
    "security.exposure.open_groups_with_elevated",
    "security.exposure.open_groups_with_runtime_or_fs",
    "security.exposure.open_groups_with_control_plane_tools",
    "security.exposure.*",
    "security.trust_model.group_scope_main",
  ],
  fix: "auto",
  needs: ["config"],
  evaluate(s) {
    const out: Finding[] = [];
    const defaultsPolicy = cfg(s, "channels.defaults.groupPolicy");
    const sections = channelSections(s);
    if (defaultsPolicy === "open" && sections.length === 0) {
      out.push(
        finding(d02, {
          check: "group-open",
          status: "fail",
          message:
            'channels.defaults.groupPolicy is "open": every channel without its own groupPolicy answers in any group.',
          evidence: [configEvidence(s, "channels.defaults.groupPolicy")],
          remediation: ocSet("channels.defaults.groupPolicy", "allowlist"),
          subject: "channels.defaults.groupPolicy",
        }),
      );
    }
    if (sections.length === 0) return out.length ? out : [noChannels(d02)];

    const failedSections = new Set<string>();
    for (const sec of sections) {
      const own = inherited(sec, (v) => v.groupPolicy, "groupPolicy");
      const policy = own.value ?? defaultsPolicy ?? "allowlist";
      const policyKey =
        own.value !== undefined
          ? own.keyPath
          : defaultsPolicy !== undefined
            ? "channels.defaults.groupPolicy"
            : `${sec.keyPath}.groupPolicy`;
      const policyEv =
        own.value === undefined && defaultsPolicy === undefined
          ? configEvidence(s, policyKey, `${policyKey} is unset (default "allowlist")`)
          : configEvidence(s, policyKey);
      const before = out.length;

      if (policy === "open") {
        out.push(
          dormant(
            sec,
            finding(d02, {
              check: "group-open",
              status: "fail",
              message: `${sec.label}: groupPolicy is "open" — the bot answers in any group it is added to, to any member.`,
              evidence: [policyEv],
              remediation: `${own.value !== undefined ? ocSet(own.segments, "allowlist") : ocSet(policyKey, "allowlist")} and list the groups under ${sec.keyPath}.groups (or guilds/channels).`,
              subject: `${sec.keyPath}.groupPolicy`,
            }),
          ),
        );
      }

      const mentionOff: GroupHit[] = [];
      const nestedOpen: GroupHit[] = [];
      walkGroupSettings(sec.value, sec, (h) => {
        if (h.key === "requireMention" && h.value === false) mentionOff.push(h);
        if (h.key === "groupPolicy" && h.value === "open") nestedOpen.push(h);
      });
      for (const { keyPath, segments } of mentionOff) {
        out.push(
          dormant(
            sec,
            finding(d02, {
              check: "mention-off",
              status: "fail",
              message: `${sec.label}: ${keyPath} is false, so every message in that group triggers the agent without an @mention.`,
              evidence: [configEvidence(s, keyPath)],
              remediation: ocSet(segments, true),
              subject: keyPath,
            }),
          ),
        );
      }
      for (const { keyPath, segments } of nestedOpen) {
        out.push(
          dormant(
            sec,
            finding(d02, {
              check: "group-open",
              status: "fail",
              message: `${sec.label}: ${keyPath} is "open".`,
              evidence: [configEvidence(s, keyPath)],
              remediation: ocSet(segments, "allowlist"),
              subject: keyPath,
            }),
          ),
        );
      }
      const groupAllow = `${sec.keyPath}.groupAllowFrom`;
      if (isWildcardList(sec.value.groupAllowFrom)) {
        out.push(
          finding(d02, {
            check: "group-allowfrom-wildcard",
            status: "warn",
            severity: "low",
            message: `${sec.label}: ${groupAllow} contains "*": any member of an allowed group may trigger the bot.`,
            evidence: [configEvidence(s, groupAllow)],
            remediation: `List the members who may trigger it: ${ocSet([...sec.segments, "groupAllowFrom"], ["<sender id>"])}.`,
            subject: groupAllow,
          }),
        );
      }
      // An account without group settings of its own uses its channel's, which are reported above.
      const ownGroupKeys = ["groupPolicy", "groups", "guilds", "channels", "requireMention"].some(
        (k) => sec.value[k] !== undefined,
      );
      const parentFailed = sec.parent !== undefined && failedSections.has(sec.parent.keyPath);
      if (out.length > before) failedSections.add(sec.keyPath);
      else if (!parentFailed || ownGroupKeys) {
        out.push(
          finding(d02, {
            check: policy === "disabled" ? "groups-disabled" : "mention-required",
            status: "pass",
            message:
              policy === "disabled"
                ? `${sec.label}: group chats are disabled.`
                : `${sec.label}: only allow-listed groups, and group messages need an @mention (no requireMention is false; mentions are required by default). Confirm with a live test in a group.`,
            evidence: [policyEv],
            subject: `${sec.keyPath}.groupPolicy`,
          }),
        );
      }
    }
    return out;
  },
};

// ─── D-03 ───────────────────────────────────────────────────────────────────────────────────────

export const d03: CatalogItem = {
  id: "D-03",
  title: "Use disposable accounts",
  category: "messaging",
  priority: "P1",
  action: "Use a dedicated disposable/sandbox account on the messaging app connected to OpenClaw",
  verification: "Account audit",
  why: "The agent acts as whatever account it is logged into; a dedicated throwaway account limits what a hijacked agent can read, impersonate or leak to that one account.",
  openclaw: [],
  fix: "manual",
  needs: ["person"],
  evaluate(s) {
    const channels = [...new Set(channelSections(s).map((c) => c.channel))];
    const f = manualOrAttested(
      d03,
      s,
      "check that every messaging account connected to OpenClaw is a dedicated bot or throwaway account (its own phone number for WhatsApp/Signal/iMessage), not a personal or company account",
    );
    const evidence: Evidence[] = channels.map((c) =>
      configEvidence(s, `channels.${c}`, `channel ${c} is configured`),
    );
    return [{ ...f, evidence: [...f.evidence, ...evidence] }];
  },
};

// ─── D-04 ───────────────────────────────────────────────────────────────────────────────────────

/** OpenClaw counts a non-loopback bind and Tailscale Serve/Funnel as remote exposure for hooks. */
function remotelyExposed(s: Snapshot): boolean {
  const bind = cfg(s, "gateway.bind");
  const tailscale = cfg(s, "gateway.tailscale.mode");
  return (typeof bind === "string" && bind !== "loopback") || tailscale === "serve" || tailscale === "funnel";
}

/** Webhook callers that may pick any agent or session can push external text straight into a run. */
function hookRoutingFindings(s: Snapshot): Finding[] {
  const out: Finding[] = [];
  const exposed = remotelyExposed(s);
  const where = exposed ? " and the gateway is reachable from beyond this host" : "";
  const ids = cfg(s, "hooks.allowedAgentIds");
  if (!Array.isArray(ids) || ids.some((id) => String(id).trim() === "*")) {
    out.push(
      finding(d04, {
        check: "hooks-any-agent",
        status: exposed ? "fail" : "warn",
        severity: exposed ? "high" : "medium",
        message: `hooks.allowedAgentIds is ${Array.isArray(ids) ? 'contains "*"' : "unset"}: webhook callers may route their payload to any agent, including the default one with its tools${where}.`,
        evidence: [configEvidence(s, "hooks.allowedAgentIds"), configEvidence(s, "hooks.enabled")],
        remediation: `List the agents webhooks may reach (a dedicated, tool-less agent), or deny routing: ${ocSet("hooks.allowedAgentIds", [])}.`,
        subject: "hooks.allowedAgentIds",
      }),
    );
  }
  if (cfg(s, "hooks.allowRequestSessionKey") === true) {
    const prefixes = cfg(s, "hooks.allowedSessionKeyPrefixes");
    const unrestricted = !Array.isArray(prefixes) || prefixes.length === 0;
    out.push(
      finding(d04, {
        check: "hooks-request-session-key",
        status: exposed ? "fail" : "warn",
        severity: exposed ? "high" : "medium",
        message: `hooks.allowRequestSessionKey is true${unrestricted ? " with no hooks.allowedSessionKeyPrefixes" : ""}: webhook callers choose the session their text lands in${unrestricted ? ", including existing operator sessions" : ""}${where}.`,
        evidence: [
          configEvidence(s, "hooks.allowRequestSessionKey"),
          configEvidence(s, "hooks.allowedSessionKeyPrefixes"),
        ],
        remediation: `${ocSet("hooks.allowRequestSessionKey", false)} (or restrict ${ocSet("hooks.allowedSessionKeyPrefixes", ["hook:"])}).`,
        subject: "hooks.allowRequestSessionKey",
      }),
    );
  }
  return out;
}

export const d04: CatalogItem = {
  id: "D-04",
  title: "Mark untrusted content",
  category: "messaging",
  priority: "P1",
  action: "Tag every external input as untrusted and forbid it from directly affecting command execution",
  verification: "Code review",
  why: "OpenClaw wraps webhook, e-mail and cron input in untrusted-content markers with a security notice; allowUnsafeExternalContent removes that wrapper, so an e-mail or webhook body reaches the model as if the operator had typed it.",
  openclaw: [
    "config.insecure_or_dangerous_flags",
    "hooks.allowed_agent_ids_unrestricted",
    "hooks.request_session_key_enabled",
    "hooks.request_session_key_prefixes_missing",
  ],
  openclawOwns: ["hooks.*", "config.insecure_or_dangerous_flags"],
  fix: "auto",
  needs: ["config"],
  evaluate(s) {
    const out: Finding[] = [];
    const flagged: string[] = [];
    const mappings = cfg(s, "hooks.mappings");
    if (Array.isArray(mappings)) {
      mappings.forEach((m, i) => {
        if (isObject(m) && m.allowUnsafeExternalContent === true)
          flagged.push(`hooks.mappings.${i}.allowUnsafeExternalContent`);
      });
    }
    if (cfg(s, "hooks.gmail.allowUnsafeExternalContent") === true)
      flagged.push("hooks.gmail.allowUnsafeExternalContent");
    for (const keyPath of flagged) {
      const source = keyPath.startsWith("hooks.gmail")
        ? "Gmail messages reach"
        : `input to webhook mapping ${keyPath.split(".")[2]} reaches`;
      out.push(
        finding(d04, {
          check: keyPath.startsWith("hooks.gmail") ? "gmail-unsafe" : "mapping-unsafe",
          status: "fail",
          message: `${keyPath} is true: ${source} the agent without the untrusted-content wrapper.`,
          evidence: [configEvidence(s, keyPath)],
          remediation: ocSet(keyPath, false),
          subject: keyPath,
        }),
      );
    }
    if (cfg(s, "hooks.enabled") === true) out.push(...hookRoutingFindings(s));
    if (out.length === 0) {
      const hooksOn = cfg(s, "hooks.enabled") === true;
      out.push(
        finding(d04, {
          check: "external-content-wrapped",
          status: "pass",
          message: `No allowUnsafeExternalContent flag is set in the config${hooksOn ? " (webhooks are enabled; their input is wrapped)" : ""}, so external input is wrapped as untrusted. Cron job payloads are kept in OpenClaw's state database and were not inspected.`,
          evidence: [
            configEvidence(s, "hooks.enabled"),
            ...(Array.isArray(mappings)
              ? [configEvidence(s, "hooks.mappings", `hooks.mappings has ${mappings.length} mapping(s)`)]
              : []),
          ],
          subject: "allowUnsafeExternalContent",
        }),
      );
    }
    out.push(...soulFindings(s));
    out[0]?.evidence.push(guardEvidence(s));
    return out;
  },
};

/** The hardened SOUL.md states the same rules to the model; a workspace without them has drifted. */
function soulFindings(s: Snapshot): Finding[] {
  return s.workspaces.map((ws) => {
    const file = join(ws.path, "SOUL.md");
    const base = { subject: `soul:${ws.agentId}`, location: { file } };
    if (!ws.soulMd.known)
      return finding(d04, {
        ...base,
        check: "soul-unreadable",
        status: "unknown",
        message: `agent ${ws.agentId}: SOUL.md could not be read: ${ws.soulMd.reason}`,
      });
    const missing = ws.soulMd.value === null ? null : soulRulesMissing(ws.soulMd.value);
    if (missing !== null && missing.length === 0)
      return finding(d04, {
        ...base,
        check: "soul-rules",
        status: "pass",
        message: `agent ${ws.agentId}: SOUL.md states all six safety rule groups of the hardened template.`,
        evidence: [{ message: `${file} has all six rule groups`, source: "state", location: { file } }],
      });
    return finding(d04, {
      ...base,
      check: missing === null ? "soul-missing" : "soul-drift",
      status: "warn",
      severity: "medium",
      message:
        missing === null
          ? `agent ${ws.agentId}: the workspace has no SOUL.md, so the model is never told to treat external content as untrusted data.`
          : `agent ${ws.agentId}: SOUL.md lacks ${missing.length} of the six safety rule groups: ${missing.join(", ")}.`,
      evidence: [
        {
          message: missing === null ? `${file} does not exist` : `${file} misses ${missing.join(", ")}`,
          source: "state",
          location: { file },
        },
      ],
      remediation:
        "`clawwarden fix --only D-04` adds the missing rule sections (English, or Chinese with --lang zh) without changing your own text.",
    });
  });
}

export const messagingItems: CatalogItem[] = [d01, d02, d03, d04];
