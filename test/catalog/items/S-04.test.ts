import { s04 } from "../../../src/catalog/sandbox.js";
import { runCases } from "../check-tester.js";
import { CONFIG, conf, hardened, insecure } from "../helpers/sandbox.js";

runCases(s04, [
  {
    name: "no policy at all fails",
    output: true,
    snapshot: conf({}),
    expect: { status: "fail", checks: ["no-policy"], messageIncludes: "group:runtime" },
  },
  {
    name: "profile full fails",
    output: true,
    snapshot: conf({ tools: { profile: "full" } }, { "tools.profile": { file: CONFIG, line: 12 } }),
    expect: {
      status: "fail",
      checks: ["profile-full"],
      evidenceIncludes: `${CONFIG}:12`,
      remediationIncludes: "tools.profile messaging",
    },
  },
  {
    name: "allow wildcard fails",
    output: true,
    snapshot: conf({ tools: { allow: ["*"] } }),
    expect: { status: "fail", checks: ["allow-wildcard"] },
  },
  {
    name: "alsoAllow wildcard fails",
    output: true,
    snapshot: conf({ tools: { profile: "messaging", alsoAllow: ["*"] } }),
    expect: { status: "fail", checks: ["allow-wildcard"] },
  },
  {
    name: "coding profile warns about runtime and fs",
    snapshot: conf({ tools: { profile: "coding" } }),
    expect: {
      status: "warn",
      checks: ["risky-groups"],
      messageIncludes: ["group:runtime", "group:fs"],
      remediationIncludes: "group:runtime",
    },
  },
  {
    name: "messaging profile passes (its gateway tool is update-only)",
    snapshot: conf({ tools: { profile: "messaging" } }),
    expect: { status: "pass", checks: ["least-privilege"] },
  },
  {
    name: "an explicit allowlist of safe tools passes",
    snapshot: conf({ tools: { allow: ["message", "web_search", "memory_search"] } }),
    expect: { status: "pass", checks: ["least-privilege"] },
  },
  {
    name: "an allowlist that grants a risky group warns",
    snapshot: conf({ tools: { allow: ["message", "group:nodes"] } }),
    expect: { status: "warn", checks: ["risky-groups"], messageIncludes: "group:nodes" },
  },
  {
    name: "explicitly granting gateway on a limited profile warns (automation)",
    snapshot: conf({ tools: { profile: "messaging", alsoAllow: ["gateway"] } }),
    expect: { status: "warn", messageIncludes: "group:automation" },
  },
  {
    name: "an agent that widens its own tools is judged separately",
    snapshot: conf({
      tools: { profile: "messaging" },
      agents: { entries: { dev: { tools: { profile: "full" } } } },
    }),
    expect: { status: "fail", checks: ["least-privilege", "profile-full"], messageIncludes: "agent dev" },
  },
  {
    name: "a provider override with profile full warns",
    snapshot: conf({
      tools: { profile: "messaging", byProvider: { "openai/gpt-5.4": { profile: "full" } } },
    }),
    expect: {
      status: "warn",
      checks: ["least-privilege", "override-widens"],
      evidenceIncludes: "tools.byProvider.openai/gpt-5.4",
    },
  },
  {
    name: "a sender override granting group:fs warns",
    snapshot: conf({
      tools: { profile: "messaging", toolsBySender: { "channel:discord:123": { alsoAllow: ["group:fs"] } } },
    }),
    expect: { status: "warn", checks: ["override-widens"], messageIncludes: "group:fs" },
  },
  {
    name: "a harmless provider override passes",
    snapshot: conf({ tools: { profile: "messaging", byProvider: { openai: { allow: ["message"] } } } }),
    expect: { status: "pass", absentChecks: ["override-widens"] },
  },
  {
    name: "gateway.tools.allow re-enabling exec over HTTP on loopback warns",
    snapshot: conf({ tools: { profile: "messaging" }, gateway: { tools: { allow: ["exec"] } } }),
    expect: { status: "warn", checks: ["http-tools-dangerous"] },
  },
  {
    name: "the same on a lan bind fails critical",
    snapshot: conf({
      tools: { profile: "messaging" },
      gateway: { bind: "lan", tools: { allow: ["exec", "cron"] } },
    }),
    expect: { status: "fail", severity: "critical", checks: ["http-tools-dangerous"] },
  },
  {
    name: "real insecure config fails",
    output: true,
    snapshot: insecure(),
    expect: { status: "fail", checks: ["profile-full"], evidenceIncludes: "config-insecure.json:20" },
  },
  {
    name: "real hardened config passes",
    snapshot: hardened(),
    expect: { status: "pass", checks: ["least-privilege"] },
  },
]);
