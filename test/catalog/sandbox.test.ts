import { describe, expect, it } from "vitest";
import {
  dangerousBindSource,
  s01,
  s02,
  s03,
  s04,
  s05,
  s06,
  s07,
  sandboxItems,
} from "../../src/catalog/sandbox.js";
import { riskyGroupsAllowed, toolAllowed, toolPolicy } from "../../src/catalog/tool-policy.js";
import { configSnapshot, runCases, SAMPLES_DIR } from "./check-tester.js";
import { snapshot } from "./snapshot-fixture.js";

const CONFIG = "/home/op/.openclaw/openclaw.json";
const conf = (
  value: Record<string, unknown>,
  positions: Record<string, { file: string; line: number }> = {},
) => snapshot({ config: { value, positions } });
const sandboxed = (sandbox: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  conf({ agents: { defaults: { sandbox: { mode: "all", ...sandbox } } }, ...extra });
const insecure = () => configSnapshot(`${SAMPLES_DIR}/config-insecure.json`);
const hardened = () =>
  configSnapshot(`${SAMPLES_DIR}/config-hardened.json`, { env: { OPENCLAW_GATEWAY_TOKEN: "x".repeat(64) } });

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

runCases(s05, [
  {
    name: "empty config: elevated grants nobody, exec policy unset warns",
    snapshot: conf({}),
    expect: { status: "warn", severity: "medium", checks: ["elevated-nobody", "exec-unset"] },
  },
  {
    name: "elevated allowFrom wildcard fails critical",
    snapshot: conf({ tools: { elevated: { allowFrom: { discord: ["*"] } }, exec: { mode: "ask" } } }),
    expect: {
      status: "fail",
      severity: "critical",
      checks: ["elevated-wildcard", "exec-restricted"],
      evidenceIncludes: "tools.elevated.allowFrom.discord",
    },
  },
  {
    name: "a large elevated list warns",
    snapshot: conf({
      tools: {
        elevated: { enabled: true, allowFrom: { telegram: Array.from({ length: 30 }, (_, i) => `tg:${i}`) } },
        exec: { mode: "allowlist" },
      },
    }),
    expect: { status: "warn", checks: ["elevated-large"], messageIncludes: "30 senders" },
  },
  {
    name: "a short elevated list passes",
    snapshot: conf({
      tools: { elevated: { enabled: true, allowFrom: { telegram: ["tg:1"] } }, exec: { mode: "ask" } },
    }),
    expect: { status: "pass", checks: ["elevated-allowlisted"] },
  },
  {
    name: "elevated disabled even with a wildcard list passes",
    snapshot: conf({
      tools: { elevated: { enabled: false, allowFrom: { telegram: ["*"] } }, exec: { mode: "deny" } },
    }),
    expect: { status: "pass", checks: ["elevated-disabled"] },
  },
  {
    name: "exec mode full fails critical",
    snapshot: conf({ tools: { elevated: { enabled: false }, exec: { mode: "full" } } }),
    expect: {
      status: "fail",
      severity: "critical",
      checks: ["exec-full"],
      remediationIncludes: "tools.exec.mode ask",
    },
  },
  {
    name: "legacy security full with ask always fails high",
    output: true,
    snapshot: conf({ tools: { elevated: { enabled: false }, exec: { security: "full", ask: "always" } } }),
    expect: {
      status: "fail",
      severity: "high",
      checks: ["exec-full"],
      remediationIncludes: "openclaw config set tools.exec.security allowlist",
    },
  },
  {
    name: "legacy allowlist + on-miss passes",
    snapshot: conf({
      tools: { elevated: { enabled: false }, exec: { security: "allowlist", ask: "on-miss" } },
    }),
    expect: { status: "pass", checks: ["exec-restricted"], messageIncludes: '"ask"' },
  },
  {
    name: "exec denied by the tool policy passes whatever exec mode says",
    snapshot: conf({ tools: { elevated: { enabled: false }, deny: ["exec"], exec: { mode: "full" } } }),
    expect: { status: "pass", checks: ["exec-not-reachable"] },
  },
  {
    name: "a per-agent exec override to full fails",
    snapshot: conf({
      tools: { elevated: { enabled: false }, exec: { mode: "ask" } },
      agents: { entries: { ops: { tools: { exec: { mode: "full" } } } } },
    }),
    expect: { status: "fail", checks: ["exec-restricted", "exec-full"], messageIncludes: "agent ops" },
  },
  {
    name: "apply_patch outside the workspace fails",
    output: true,
    snapshot: conf({
      tools: { elevated: { enabled: false }, exec: { mode: "ask", applyPatch: { workspaceOnly: false } } },
    }),
    expect: {
      status: "fail",
      checks: ["apply-patch-anywhere"],
      remediationIncludes: "tools.exec.applyPatch.workspaceOnly true",
    },
  },
  {
    name: "commands.bash warns",
    snapshot: conf({
      commands: { bash: true },
      tools: { elevated: { enabled: false }, exec: { mode: "ask" } },
    }),
    expect: { status: "warn", checks: ["bash-command"] },
  },
  {
    name: "real insecure config fails on the elevated wildcard and full exec",
    snapshot: insecure(),
    expect: {
      status: "fail",
      severity: "critical",
      checks: ["elevated-wildcard", "exec-full"],
      evidenceIncludes: "config-insecure.json:",
    },
  },
  {
    name: "real hardened config passes",
    snapshot: hardened(),
    expect: { status: "pass", checks: ["elevated-disabled", "exec-not-reachable"] },
  },
]);

runCases(s06, [
  {
    name: "a state dir owned by a normal user still needs --live",
    snapshot: snapshot(),
    expect: { status: "unknown", checks: ["needs-live"], messageIncludes: "uid 1000" },
  },
  {
    name: "a root-owned state dir warns",
    snapshot: snapshot({
      state: { entries: [{ path: "", kind: "dir", mode: 0o700, uid: 0, gid: 0, size: 4096, mtimeMs: 0 }] },
    }),
    expect: {
      status: "warn",
      severity: "medium",
      checks: ["state-dir-root-owned", "needs-live"],
      remediationIncludes: "useradd",
    },
  },
  { name: "real hardened config: config cannot decide", snapshot: hardened(), expect: { status: "unknown" } },
]);

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

describe("tool policy model", () => {
  const policy = (tools: Record<string, unknown>) => toolPolicy(conf({ tools }));

  it("follows profiles, groups, allow/deny and wildcards", () => {
    expect(toolAllowed(policy({}), "exec")).toBe(true);
    expect(toolAllowed(policy({ profile: "messaging" }), "exec")).toBe(false);
    expect(toolAllowed(policy({ profile: "messaging" }), "message")).toBe(true);
    expect(toolAllowed(policy({ profile: "coding" }), "apply_patch")).toBe(true);
    expect(toolAllowed(policy({ profile: "coding", deny: ["group:fs"] }), "apply_patch")).toBe(false);
    expect(toolAllowed(policy({ profile: "coding", deny: ["write"] }), "apply_patch")).toBe(true);
    expect(toolAllowed(policy({ allow: ["write"] }), "apply_patch")).toBe(true);
    expect(toolAllowed(policy({ allow: ["web_*"] }), "web_fetch")).toBe(true);
    expect(toolAllowed(policy({ allow: ["web_*"] }), "exec")).toBe(false);
    expect(toolAllowed(policy({ deny: ["BASH"] }), "exec")).toBe(false);
    expect(toolAllowed(policy({ profile: "minimal", alsoAllow: ["exec"] }), "exec")).toBe(true);
  });

  it("counts the limited profiles' update-only gateway tool as safe", () => {
    expect(riskyGroupsAllowed(policy({ profile: "minimal" }))).toEqual([]);
    expect(riskyGroupsAllowed(policy({}))).toEqual([
      "group:runtime",
      "group:fs",
      "group:automation",
      "group:nodes",
    ]);
  });

  it("knows the dangerous bind sources", () => {
    expect(dangerousBindSource("/")).toContain("/");
    expect(dangerousBindSource("/proc/1")).toContain("/proc");
    expect(dangerousBindSource("~/.aws")).toContain(".aws");
    expect(dangerousBindSource("/home/op")).toContain("home directory");
    expect(dangerousBindSource("/home/op/projects/site")).toBeUndefined();
    expect(dangerousBindSource("/srv/data")).toBeUndefined();
  });

  it("lists S-01..S-07 with the planned fix kinds", () => {
    expect(sandboxItems.map((i) => `${i.id}:${i.fix}`)).toEqual([
      "S-01:auto",
      "S-02:assisted",
      "S-03:auto",
      "S-04:auto",
      "S-05:auto",
      "S-06:assisted",
      "S-07:auto",
    ]);
    for (const item of sandboxItems) expect([item.category, item.priority]).toEqual(["sandbox", "P0"]);
  });
});
