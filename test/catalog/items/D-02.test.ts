import { expect } from "vitest";
import { d02 } from "../../../src/catalog/messaging.js";
import { runCases } from "../check-tester.js";
import { CONFIG, channels, conf, hardened, insecure } from "../helpers/messaging.js";

runCases(d02, [
  { name: "no channels passes", snapshot: conf({}), expect: { status: "pass", checks: ["no-channels"] } },
  {
    name: "defaults (allowlist, mentions required) pass with a live-test note",
    snapshot: channels({ telegram: {} }),
    expect: {
      status: "pass",
      checks: ["mention-required"],
      messageIncludes: "live test",
      evidenceIncludes: 'default "allowlist"',
    },
  },
  {
    name: "groupPolicy open fails",
    output: true,
    snapshot: conf(
      { channels: { whatsapp: { groupPolicy: "open" } } },
      { "channels.whatsapp.groupPolicy": { file: CONFIG, line: 20 } },
    ),
    expect: {
      status: "fail",
      severity: "high",
      checks: ["group-open"],
      evidenceIncludes: `${CONFIG}:20`,
      remediationIncludes: "channels.whatsapp.groupPolicy allowlist",
    },
  },
  {
    name: "channels.defaults.groupPolicy open fails for every channel that inherits it",
    output: true,
    snapshot: channels({
      defaults: { groupPolicy: "open" },
      telegram: {},
      signal: { groupPolicy: "allowlist" },
    }),
    expect: {
      status: "fail",
      checks: ["group-open", "mention-required"],
      evidenceIncludes: "channels.defaults.groupPolicy",
    },
  },
  {
    name: "channels.defaults.groupPolicy open without channels still fails",
    snapshot: channels({ defaults: { groupPolicy: "open" } }),
    expect: { status: "fail", checks: ["group-open"] },
  },
  {
    name: "telegram groups.*.requireMention false fails",
    output: true,
    snapshot: channels({ telegram: { groups: { "*": { requireMention: false } } } }),
    expect: {
      status: "fail",
      checks: ["mention-off"],
      evidenceIncludes: "channels.telegram.groups.*.requireMention",
      remediationIncludes: `openclaw config set 'channels.telegram.groups["*"].requireMention' true`,
    },
  },
  {
    name: "an account without group settings of its own is covered by its channel's finding",
    snapshot: channels({
      telegram: { groups: { "*": { requireMention: false } }, accounts: { alt: { dmPolicy: "pairing" } } },
    }),
    expect: { status: "fail", checks: ["mention-off"], absentChecks: ["mention-required"] },
  },
  {
    name: "an account with its own safe group settings passes beside a failing channel",
    snapshot: channels({
      telegram: { groupPolicy: "open", accounts: { alt: { groupPolicy: "allowlist" } } },
    }),
    expect: {
      status: "fail",
      checks: ["group-open", "mention-required"],
      messageIncludes: "telegram account alt: only allow-listed",
    },
  },
  {
    name: "whatsapp per-group requireMention false fails; the command quotes the dotted group id",
    output: true,
    snapshot: channels({ whatsapp: { groups: { "120363@g.us": { requireMention: false } } } }),
    expect: {
      status: "fail",
      checks: ["mention-off"],
      remediationIncludes: `openclaw config set 'channels.whatsapp.groups["120363@g.us"].requireMention' true`,
    },
  },
  {
    name: "discord guild and guild-channel overrides are checked",
    output: true,
    snapshot: channels({
      discord: {
        guilds: { "111": { requireMention: true, channels: { "222": { requireMention: false } } } },
      },
    }),
    expect: {
      status: "fail",
      checks: ["mention-off"],
      evidenceIncludes: "channels.discord.guilds.111.channels.222.requireMention",
    },
  },
  {
    name: "slack channel-level and top-level requireMention false fail",
    snapshot: channels({ slack: { requireMention: false, channels: { C01: { requireMention: false } } } }),
    expect: { status: "fail" },
    assert: (findings) => expect(findings.filter((f) => f.checkId === "D-02.mention-off")).toHaveLength(2),
  },
  {
    name: "account-level settings are checked too",
    snapshot: channels({
      telegram: {
        accounts: { team: { groupPolicy: "open", groups: { "-100": { requireMention: false } } } },
      },
    }),
    expect: {
      status: "fail",
      checks: ["group-open", "mention-off"],
      messageIncludes: "telegram account team",
    },
  },
  {
    name: "a telegram per-group groupPolicy open fails",
    snapshot: channels({ telegram: { groups: { "-100": { groupPolicy: "open" } } } }),
    expect: {
      status: "fail",
      checks: ["group-open"],
      evidenceIncludes: "channels.telegram.groups.-100.groupPolicy",
    },
  },
  {
    name: "requireMention inside DM topics is not a group setting",
    snapshot: channels({ telegram: { direct: { "42": { topics: { "1": { requireMention: false } } } } } }),
    expect: { status: "pass", checks: ["mention-required"] },
  },
  {
    name: "groupAllowFrom wildcard warns",
    snapshot: channels({ signal: { groupAllowFrom: ["*"] } }),
    expect: { status: "warn", severity: "low", checks: ["group-allowfrom-wildcard"] },
  },
  {
    name: "groups disabled pass",
    snapshot: channels({ imessage: { groupPolicy: "disabled" } }),
    expect: { status: "pass", checks: ["groups-disabled"] },
  },
  {
    name: "real insecure config fails",
    snapshot: insecure(),
    expect: { status: "fail", checks: ["group-open"], evidenceIncludes: "config-insecure.json:15" },
  },
  { name: "real hardened config passes (no channels)", snapshot: hardened(), expect: { status: "pass" } },
]);
