import { s03 } from "../../../src/catalog/sandbox.js";
import { runCases } from "../check-tester.js";
import { conf, hardened, insecure, sandboxed } from "../helpers/sandbox.js";

runCases(s03, [
  {
    name: "default network (none) passes",
    snapshot: sandboxed({}),
    expect: { status: "pass", checks: ["network-none"], evidenceIncludes: 'default "none"' },
  },
  {
    name: "explicit none passes",
    snapshot: sandboxed({ docker: { network: "none" } }),
    expect: { status: "pass", checks: ["network-none"] },
  },
  {
    name: "bridge fails (egress)",
    snapshot: sandboxed({ docker: { network: "bridge" } }),
    expect: {
      status: "fail",
      severity: "high",
      checks: ["network-egress"],
      remediationIncludes: "agents.defaults.sandbox.docker.network none",
    },
  },
  {
    name: "a custom network fails",
    output: true,
    snapshot: sandboxed({ docker: { network: "openclaw-net" } }),
    expect: { status: "fail", checks: ["network-egress"], messageIncludes: "openclaw-net" },
  },
  {
    name: "host network fails critical",
    output: true,
    snapshot: sandboxed({ docker: { network: "host" } }),
    expect: { status: "fail", severity: "critical", checks: ["network-host"] },
  },
  {
    name: "one agent with bridge fails, the defaults pass",
    output: true,
    snapshot: conf({
      agents: {
        defaults: { sandbox: { mode: "all" } },
        entries: { web: { sandbox: { docker: { network: "bridge" } } } },
      },
    }),
    expect: { status: "fail", checks: ["network-none", "network-egress"] },
  },
  {
    name: "sandbox off with exec reachable fails (host egress)",
    snapshot: conf({ tools: { profile: "coding" } }),
    expect: { status: "fail", checks: ["no-sandbox-host-egress"] },
  },
  {
    name: "sandbox off without exec passes",
    snapshot: conf({ tools: { deny: ["group:runtime"] } }),
    expect: { status: "pass", checks: ["no-sandbox-no-exec"] },
  },
  {
    name: "an ssh backend needs --live",
    snapshot: sandboxed({ backend: "ssh" }),
    expect: { status: "unknown", checks: ["needs-live"] },
  },
  {
    name: "real insecure config fails",
    snapshot: insecure(),
    expect: { status: "fail", checks: ["no-sandbox-host-egress"] },
  },
  { name: "real hardened config passes", snapshot: hardened(), expect: { status: "pass" } },
]);
