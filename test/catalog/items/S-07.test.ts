import { s07 } from "../../../src/catalog/sandbox.js";
import { runCases } from "../check-tester.js";
import { conf, hardened, insecure, sandboxed } from "../helpers/sandbox.js";

runCases(s07, [
  {
    name: "default workspaceAccess (none) passes",
    snapshot: sandboxed({}),
    expect: { status: "pass", checks: ["workspace-none"], evidenceIncludes: 'default "none"' },
  },
  {
    name: "ro passes",
    snapshot: sandboxed({ workspaceAccess: "ro" }),
    expect: { status: "pass", checks: ["workspace-ro"] },
  },
  {
    name: "rw fails",
    snapshot: sandboxed({ workspaceAccess: "rw" }),
    expect: {
      status: "fail",
      checks: ["workspace-rw"],
      remediationIncludes: "agents.defaults.sandbox.workspaceAccess ro",
    },
  },
  {
    name: "readOnlyRoot false fails",
    output: true,
    snapshot: sandboxed({ docker: { readOnlyRoot: false } }),
    expect: { status: "fail", checks: ["root-writable"] },
  },
  {
    name: "a writable project bind warns",
    snapshot: sandboxed({ docker: { binds: ["/srv/project:/project"] } }),
    expect: {
      status: "warn",
      checks: ["bind-writable"],
      evidenceIncludes: "agents.defaults.sandbox.docker.binds.0",
    },
  },
  {
    name: "a read-only project bind passes",
    snapshot: sandboxed({ docker: { binds: ["/srv/project:/project:ro"] } }),
    expect: { status: "pass", absentChecks: ["bind-writable"] },
  },
  {
    name: "the docker socket fails critical even read-only",
    snapshot: sandboxed({ docker: { binds: ["/var/run/docker.sock:/var/run/docker.sock:ro"] } }),
    expect: {
      status: "fail",
      severity: "critical",
      checks: ["bind-dangerous"],
      messageIncludes: "engine socket",
    },
  },
  {
    name: "~/.ssh fails",
    output: true,
    snapshot: sandboxed({ docker: { binds: ["/home/op/.ssh:/root/.ssh:ro"] } }),
    expect: { status: "fail", checks: ["bind-dangerous"], messageIncludes: "~/.ssh" },
  },
  {
    name: "/etc fails",
    output: true,
    snapshot: sandboxed({ docker: { binds: ["/etc:/host-etc:ro"] } }),
    expect: { status: "fail", checks: ["bind-dangerous"] },
  },
  {
    name: "a relative source warns",
    snapshot: sandboxed({ docker: { binds: ["./data:/data:ro"] } }),
    expect: { status: "warn", checks: ["bind-relative"] },
  },
  {
    name: "dangerous binds fail even while the sandbox is off (OpenClaw flags them too)",
    snapshot: conf({
      tools: { profile: "messaging" },
      agents: { defaults: { sandbox: { docker: { binds: ["/:/host"] } } } },
    }),
    expect: { status: "fail", checks: ["bind-dangerous", "no-sandbox-no-writes"] },
  },
  {
    name: "an agent's own binds add to the defaults",
    snapshot: conf({
      agents: {
        defaults: { sandbox: { mode: "all", docker: { binds: ["/srv/a:/a:ro"] } } },
        entries: { dev: { sandbox: { docker: { binds: ["/root:/r"] } } } },
      },
    }),
    expect: {
      status: "fail",
      checks: ["bind-dangerous"],
      evidenceIncludes: "agents.entries.dev.sandbox.docker.binds.0",
    },
  },
  {
    name: "no sandbox with writes limited to the workspace warns",
    snapshot: conf({ tools: { profile: "coding", fs: { workspaceOnly: true } } }),
    expect: { status: "warn", checks: ["no-sandbox-workspace-writes"] },
  },
  {
    name: "no sandbox with unrestricted writes fails",
    snapshot: conf({ tools: { profile: "coding" } }),
    expect: { status: "fail", checks: ["no-sandbox-host-writes"] },
  },
  {
    name: "real insecure config fails",
    snapshot: insecure(),
    expect: { status: "fail", checks: ["no-sandbox-host-writes"] },
  },
  {
    name: "real hardened config passes",
    snapshot: hardened(),
    expect: { status: "pass", checks: ["no-sandbox-no-writes"] },
  },
]);
