import { finding } from "../finding.js";
import { configEvidence, isObject } from "../helpers.js";
import { channelSections, dormant, inherited, isWildcardList, noChannels } from "../lib/messaging.js";
import { ocSet } from "../remediation.js";
import type { CatalogItem, Finding } from "../types.js";

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
