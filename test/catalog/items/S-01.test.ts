import { s01 } from "../../../src/catalog/sandbox.js";
import { runCases } from "../check-tester.js";
import { CONFIG, conf, hardened, insecure } from "../helpers/sandbox.js";

runCases(s01, [
  {
    name: "unset mode with the default (unfiltered) tools fails",
    output: true,
    snapshot: conf({}),
    expect: {
      status: "fail",
      severity: "critical",
      checks: ["mode-off"],
      evidenceIncludes: '(unset → "off")',
      remediationIncludes: "agents.defaults.sandbox.mode all",
    },
  },
  {
    name: "mode all passes with file:line",
    snapshot: conf(
      { agents: { defaults: { sandbox: { mode: "all" } } } },
      { "agents.defaults.sandbox.mode": { file: CONFIG, line: 9 } },
    ),
    expect: { status: "pass", checks: ["mode-all"], evidenceIncludes: `${CONFIG}:9` },
  },
  {
    name: "non-main passes with a note about the main session",
    snapshot: conf({ agents: { defaults: { sandbox: { mode: "non-main" } } } }),
    expect: {
      status: "pass",
      checks: ["mode-non-main"],
      messageIncludes: "main session still runs on the host",
    },
  },
  {
    name: "non-main with DMs landing in the shared main session warns",
    snapshot: conf({
      agents: { defaults: { sandbox: { mode: "non-main" } } },
      channels: { telegram: { dmPolicy: "pairing" } },
    }),
    expect: {
      status: "warn",
      checks: ["non-main-dms-in-main"],
      evidenceIncludes: "session.dmScope",
      remediationIncludes: "session.dmScope per-channel-peer",
    },
  },
  {
    name: "non-main with per-peer DM sessions passes",
    snapshot: conf({
      agents: { defaults: { sandbox: { mode: "non-main" } } },
      session: { dmScope: "per-channel-peer" },
      channels: { telegram: { dmPolicy: "pairing" } },
    }),
    expect: { status: "pass", checks: ["mode-non-main"] },
  },
  {
    name: "non-main with DMs disabled passes",
    snapshot: conf({
      agents: { defaults: { sandbox: { mode: "non-main" } } },
      channels: { telegram: { dmPolicy: "disabled" } },
    }),
    expect: { status: "pass", checks: ["mode-non-main"] },
  },
  {
    name: "off with no exec or write tools still fails, at medium severity (the policy only mitigates)",
    snapshot: conf({ tools: { profile: "messaging" } }),
    expect: {
      status: "fail",
      severity: "medium",
      checks: ["mode-off-no-exec-tools"],
      evidenceIncludes: "tools.profile",
    },
  },
  {
    name: "a per-agent override (agents.entries) turns the sandbox off for one agent",
    output: true,
    snapshot: conf({
      agents: { defaults: { sandbox: { mode: "all" } }, entries: { ops: { sandbox: { mode: "off" } } } },
    }),
    expect: {
      status: "fail",
      checks: ["mode-all", "mode-off"],
      messageIncludes: "agent ops",
      remediationIncludes: "agents.entries.ops.sandbox.mode all",
    },
  },
  {
    name: "a file-era agents.list override is read too",
    output: true,
    snapshot: conf({ agents: { list: [{ id: "main", sandbox: { mode: "all" } }] } }),
    expect: { status: "fail", checks: ["mode-all", "mode-off"] },
  },
  {
    name: "an agent that inherits defaults but denies runtime and fs tools is fine",
    snapshot: conf({
      agents: {
        defaults: { sandbox: { mode: "all" } },
        entries: { chat: { tools: { deny: ["group:runtime", "group:fs"] } } },
      },
    }),
    expect: { status: "pass", checks: ["mode-all"] },
  },
  {
    name: "an invalid mode fails",
    snapshot: conf({ agents: { defaults: { sandbox: { mode: "strict" } } } }),
    expect: { status: "fail", checks: ["mode-invalid"] },
  },
  {
    name: "docker settings while the sandbox is off warn",
    snapshot: conf({
      tools: { profile: "minimal" },
      agents: { defaults: { sandbox: { docker: { network: "bridge" } } } },
    }),
    expect: {
      status: "fail",
      severity: "medium",
      checks: ["docker-config-unused", "mode-off-no-exec-tools"],
    },
  },
  {
    name: "real insecure config fails",
    output: true,
    snapshot: insecure(),
    expect: {
      status: "fail",
      checks: ["mode-off"],
      evidenceIncludes: "config-insecure.json:18",
      messageIncludes: "exec",
    },
  },
  {
    name: "OpenClaw's hardened baseline (sandbox off, messaging tools) fails at medium severity",
    snapshot: hardened(),
    expect: { status: "fail", severity: "medium", checks: ["mode-off-no-exec-tools"] },
  },
]);
