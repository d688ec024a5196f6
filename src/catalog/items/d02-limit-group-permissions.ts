import { finding } from "../finding.js";
import { cfg, configEvidence, isObject } from "../helpers.js";
import { channelSections, dormant, inherited, isWildcardList, noChannels } from "../lib/messaging.js";
import { ocSet, type Segment } from "../remediation.js";
import type { CatalogItem, Finding } from "../types.js";

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
