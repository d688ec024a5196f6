import { expect } from "vitest";
import { d01 } from "../../../src/catalog/messaging.js";
import { runCases } from "../check-tester.js";
import { CONFIG, channels, conf, hardened, insecure } from "../helpers/messaging.js";

runCases(d01, [
  { name: "no channels passes", snapshot: conf({}), expect: { status: "pass", checks: ["no-channels"] } },
  {
    name: "a channel without dmPolicy defaults to pairing",
    snapshot: channels({ telegram: { enabled: true } }),
    expect: { status: "pass", checks: ["dm-pairing"], evidenceIncludes: 'default "pairing"' },
  },
  {
    name: "open DM policy fails critical with file:line",
    snapshot: conf(
      { channels: { whatsapp: { dmPolicy: "open", allowFrom: ["*"] } } },
      { "channels.whatsapp.dmPolicy": { file: CONFIG, line: 14 } },
    ),
    expect: {
      status: "fail",
      severity: "critical",
      checks: ["dm-open"],
      evidenceIncludes: `${CONFIG}:14`,
      remediationIncludes: "openclaw config set channels.whatsapp.dmPolicy pairing",
    },
  },
  {
    name: "allowlist with a wildcard fails",
    output: true,
    snapshot: channels({ signal: { dmPolicy: "allowlist", allowFrom: ["+15550001", "*"] } }),
    expect: { status: "fail", checks: ["allowfrom-wildcard"], evidenceIncludes: "channels.signal.allowFrom" },
  },
  {
    name: "an explicit allowlist passes",
    snapshot: channels({ signal: { dmPolicy: "allowlist", allowFrom: ["+15550001"] } }),
    expect: { status: "pass", checks: ["dm-allowlist"], messageIncludes: "1 sender" },
  },
  {
    name: "disabled DMs pass even with a wildcard list",
    snapshot: channels({ slack: { dmPolicy: "disabled", allowFrom: ["*"] } }),
    expect: { status: "pass", checks: ["dm-disabled"] },
  },
  {
    name: "an open account under a locked channel fails (channels.<ch>.accounts.<id>)",
    snapshot: channels({ telegram: { dmPolicy: "pairing", accounts: { alerts: { dmPolicy: "open" } } } }),
    expect: {
      status: "fail",
      checks: ["dm-pairing", "dm-open"],
      messageIncludes: "telegram account alerts",
      remediationIncludes: "channels.telegram.accounts.alerts.dmPolicy pairing",
    },
  },
  {
    name: "an account inherits the channel's wildcard allowFrom",
    output: true,
    snapshot: channels({ telegram: { allowFrom: ["*"], accounts: { work: { enabled: true } } } }),
    expect: { status: "fail", checks: ["allowfrom-wildcard"] },
    assert: (findings) =>
      expect(findings.filter((f) => f.checkId === "D-01.allowfrom-wildcard")).toHaveLength(2),
  },
  {
    name: "legacy channels.discord.dm.policy open fails and points at doctor --fix",
    output: true,
    snapshot: channels({ discord: { dm: { policy: "open", allowFrom: ["*"] } } }),
    expect: {
      status: "fail",
      checks: ["dm-open"],
      evidenceIncludes: "channels.discord.dm.policy",
      remediationIncludes: "openclaw doctor --fix",
    },
  },
  {
    name: "a Telegram per-chat open override fails",
    output: true,
    snapshot: channels({ telegram: { dmPolicy: "pairing", direct: { "12345": { dmPolicy: "open" } } } }),
    expect: {
      status: "fail",
      checks: ["dm-open"],
      evidenceIncludes: "channels.telegram.direct.12345.dmPolicy",
    },
  },
  {
    name: "an open policy on a disabled channel is a low warning",
    snapshot: channels({ telegram: { enabled: false, dmPolicy: "open" } }),
    expect: { status: "warn", severity: "low", checks: ["dm-open"], messageIncludes: "dormant" },
  },
  {
    name: "an unknown policy warns",
    snapshot: channels({ telegram: { dmPolicy: "friends" } }),
    expect: { status: "warn", checks: ["dm-invalid"] },
  },
  {
    name: "real insecure config fails",
    snapshot: insecure(),
    expect: {
      status: "fail",
      severity: "critical",
      checks: ["dm-open"],
      evidenceIncludes: "config-insecure.json:13",
    },
  },
  { name: "real hardened config passes (no channels)", snapshot: hardened(), expect: { status: "pass" } },
]);
