import { s02 } from "../../../src/catalog/sandbox.js";
import { runCases } from "../check-tester.js";
import { conf, hardened, insecure, sandboxed } from "../helpers/sandbox.js";

runCases(s02, [
  {
    name: "an engine socket bind fails from the config alone (no --live needed)",
    snapshot: conf({
      agents: {
        defaults: {
          sandbox: { mode: "all", docker: { binds: ["/var/run/docker.sock:/var/run/docker.sock:ro"] } },
        },
      },
    }),
    expect: {
      status: "fail",
      severity: "critical",
      checks: ["engine-socket-bind"],
      messageIncludes: "/var/run/docker.sock",
    },
  },
  {
    name: "default docker sandbox: config is fine, the container proof needs --live",
    snapshot: sandboxed({}),
    expect: { status: "unknown", checks: ["needs-live"], messageIncludes: "needs --live" },
  },
  {
    name: "host network fails",
    snapshot: sandboxed({ docker: { network: "host" } }, {}),
    expect: {
      status: "fail",
      checks: ["network-host"],
      evidenceIncludes: "agents.defaults.sandbox.docker.network",
    },
  },
  {
    name: "joining another container's namespace fails",
    snapshot: sandboxed({ docker: { network: "container:db" } }),
    expect: { status: "fail", checks: ["network-host"] },
  },
  {
    name: "unconfined seccomp and apparmor fail",
    snapshot: sandboxed({ docker: { seccompProfile: "unconfined", apparmorProfile: "Unconfined" } }),
    expect: { status: "fail", checks: ["seccomp-unconfined", "apparmor-unconfined"] },
  },
  {
    name: "capDrop without ALL warns",
    snapshot: sandboxed({ docker: { capDrop: ["NET_RAW"] } }),
    expect: { status: "warn", checks: ["capdrop-not-all"] },
  },
  {
    name: "an ssh backend warns",
    snapshot: sandboxed({ backend: "ssh" }),
    expect: { status: "warn", checks: ["backend-not-container"] },
  },
  {
    name: "per-agent docker settings merge over defaults",
    snapshot: conf({
      agents: {
        defaults: { sandbox: { mode: "all" } },
        entries: { web: { sandbox: { docker: { network: "host" } } } },
      },
    }),
    expect: {
      status: "fail",
      checks: ["network-host"],
      messageIncludes: "agent web",
      evidenceIncludes: "agents.entries.web.sandbox.docker.network",
    },
  },
  { name: "real insecure config needs --live", snapshot: insecure(), expect: { status: "unknown" } },
  {
    name: "real hardened config needs --live (no container facts in config)",
    snapshot: hardened(),
    expect: { status: "unknown" },
  },
]);
