import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSON5 from "json5";
import { describe, expect, it } from "vitest";
import { buildPlan, renderPlan } from "../../src/fix/plan.js";
import type { Profile } from "../../src/fix/types.js";

const INSECURE = join(import.meta.dirname, "..", "fixtures", "openclaw-samples", "config-insecure.json");

function insecureStateDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "cw-plan-"));
  copyFileSync(INSECURE, join(dir, "openclaw.json"));
  chmodSync(dir, 0o777);
  chmodSync(join(dir, "openclaw.json"), 0o666);
  mkdirSync(join(dir, "workspace"));
  return dir;
}

function plan(dir: string, profile: Profile = "personal", only?: string[]) {
  return buildPlan({
    stateDir: dir,
    configPath: join(dir, "openclaw.json"),
    profile,
    lang: "en",
    assisted: false,
    assistedDir: join(dir, "assisted"),
    env: {},
    who: "tester",
    now: new Date("2026-11-25T12:00:00Z"),
    ...(only && { only }),
  });
}

describe("buildPlan on the insecure sample", () => {
  const dir = insecureStateDir();
  const p = plan(dir);
  const after = JSON5.parse(p.files.find((f) => f.path.endsWith("openclaw.json"))?.after ?? "{}");

  it("plans every auto item that applies", () => {
    expect(p.items.map((i) => i.id)).toEqual([
      "N-01",
      "N-03",
      "N-05",
      "C-01",
      "S-01",
      "S-04",
      "S-05",
      "D-01",
      "D-02",
      "D-04",
      "SOUL",
      "C-02",
    ]);
  });

  it("produces the hardened values and keeps gateway.mode", () => {
    expect(after.gateway).toMatchObject({
      mode: "local",
      bind: "loopback",
      auth: { mode: "token", token: { source: "env", provider: "default", id: "OPENCLAW_GATEWAY_TOKEN" } },
      controlUi: { allowedOrigins: [] },
    });
    expect(after.channels.telegram).toMatchObject({
      botToken: { source: "env", provider: "default", id: "TELEGRAM_BOT_TOKEN" },
      dmPolicy: "pairing",
      allowFrom: [],
      groupPolicy: "allowlist",
    });
    expect(after.hooks).toMatchObject({
      token: "$" + "{OPENCLAW_HOOKS_TOKEN}",
      path: "/hooks",
      allowedAgentIds: ["main"],
    });
    expect(after.tools).toMatchObject({
      profile: "coding",
      elevated: { enabled: false, allowFrom: { telegram: [] } },
    });
    expect(after.tools.exec).toEqual({ security: "allowlist", ask: "on-miss" });
    expect(after.agents.defaults.sandbox.mode).toBe("non-main");
    expect(after.discovery.mdns.mode).toBe("off");
  });

  it("puts secrets only in the env file and never in the rendered plan", () => {
    const env = p.files.find((f) => f.path.endsWith(".env"));
    expect(env?.after).toMatch(
      /^OPENCLAW_GATEWAY_TOKEN=[A-Za-z0-9_-]{43}\nOPENCLAW_HOOKS_TOKEN=[A-Za-z0-9_-]{43}\nTELEGRAM_BOT_TOKEN=123456:ABCDEF-plaintext-bot-token\n$/,
    );
    const text = renderPlan(p);
    for (const s of p.secrets.filter((x) => x.length >= 12)) expect(text).not.toContain(s);
    expect(text).not.toContain('"token": "short"');
    expect(text).not.toContain("plaintext-bot-token");
    expect(text).toContain('-      "botToken": "<secret 123456…oken (sha256:');
    expect(text).toContain("gateway restart needed");
    expect(text).toContain("clients must use the new token");
  });

  it("chmods the state dir and config", () => {
    expect(p.chmods).toContainEqual({ path: dir, mode: 0o700, from: 0o777 });
    expect(p.chmods).toContainEqual({ path: join(dir, "openclaw.json"), mode: 0o600, from: 0o666 });
  });

  it("uses the stricter values for production", () => {
    const prod = plan(insecureStateDir(), "production");
    const v = JSON5.parse(prod.files.find((f) => f.path.endsWith("openclaw.json"))?.after ?? "{}");
    expect(v.agents.defaults.sandbox.mode).toBe("all");
    expect(v.tools.profile).toBe("messaging");
    expect(v.tools.deny).toEqual([
      "group:automation",
      "group:runtime",
      "group:fs",
      "sessions_spawn",
      "sessions_send",
    ]);
    expect(v.tools.exec).toEqual({ security: "deny", ask: "always" });
  });

  it("--only restricts the items", () => {
    const only = plan(insecureStateDir(), "personal", ["N-01", "C-02"]);
    expect(only.items.map((i) => i.id)).toEqual(["N-01", "C-02"]);
    expect(() => plan(dir, "personal", ["Z-99"])).toThrow(/no fix for Z-99/);
  });
});

describe("config routing through $include", () => {
  it("writes into the include file that owns the section and refuses root includes", () => {
    const dir = mkdtempSync(join(tmpdir(), "cw-inc-"));
    writeFileSync(
      join(dir, "openclaw.json"),
      '{\n  // main\n  "gateway": { "$include": "./gateway.json5" },\n  "discovery": { "mdns": { "mode": "off" } }\n}\n',
    );
    writeFileSync(join(dir, "gateway.json5"), "{ mode: 'local', bind: 'lan' }\n");
    const p = plan(dir, "personal", ["N-01"]);
    expect(p.files.map((f) => f.path)).toEqual([join(dir, "gateway.json5")]);
    expect(p.files[0]?.after).toBe("{ mode: 'local', bind: 'loopback' }\n");

    const root = mkdtempSync(join(tmpdir(), "cw-inc-"));
    writeFileSync(join(root, "openclaw.json"), '{ "$include": "./base.json" }\n');
    writeFileSync(join(root, "base.json"), '{ "gateway": { "mode": "local", "bind": "lan" } }\n');
    const r = plan(root, "personal", ["N-01"]);
    expect(r.files).toEqual([]);
    expect(r.refused[0]?.reason).toMatch(/root \$include/);
  });
});

describe("the other remediations on a hand-written JSON5 config", () => {
  const text = `// hand-written
{
  gateway: { mode: 'local', bind: 'loopback', auth: { mode: 'token', token: { source: 'env', provider: 'default', id: 'OPENCLAW_GATEWAY_TOKEN' } } },
  discovery: { mdns: { mode: 'off' } },
  agents: {
    defaults: {
      sandbox: { mode: 'all', workspaceAccess: 'rw', docker: { network: 'bridge', binds: ['/srv/data:/data', '/srv/out:/out:rw,z'] } },
    },
    entries: {
      ops: { sandbox: { mode: 'off' }, tools: { exec: { mode: 'full' } } }, // break-glass agent
    },
  },
  tools: { profile: 'messaging', deny: ['browser'], exec: { mode: 'full' }, elevated: { enabled: false } },
  channels: {
    discord: {
      token: { source: 'env', provider: 'default', id: 'DISCORD_TOKEN' },
      dmPolicy: 'pairing',
      guilds: { '123': { requireMention: false, channels: { general: { requireMention: false } } } },
    },
  },
  models: { providers: { 'my-llm': { baseUrl: 'http://127.0.0.1:4000/v1', apiKey: 'sk-live-0123456789abcdef0123456789' } } },
  hooks: {
    enabled: true,
    token: '\${HOOKS_SECRET}',
    path: '/hooks',
    allowedAgentIds: ['main'],
    defaultSessionKey: 'hook:in',
    mappings: [{ match: { path: 'gh' }, action: 'agent', allowUnsafeExternalContent: true }],
  },
}
`;
  const dir = mkdtempSync(join(tmpdir(), "cw-json5-"));
  writeFileSync(join(dir, "openclaw.json"), text);
  writeFileSync(join(dir, ".env"), "OPENCLAW_GATEWAY_TOKEN=abcdefghijklmnopqrstuvwxyz0123456789ABCD\n");
  const p = plan(dir, "production");
  const out = p.files.find((f) => f.path.endsWith("openclaw.json"))?.after ?? "";
  const v = JSON5.parse(out);

  it("fixes sandbox network, workspace access, binds and per-agent overrides", () => {
    expect(v.agents.defaults.sandbox).toMatchObject({
      mode: "all",
      workspaceAccess: "none",
      docker: { network: "none", binds: ["/srv/data:/data:ro", "/srv/out:/out:ro,z"] },
    });
    expect(v.agents.entries.ops.sandbox.mode).toBe("all");
    expect(v.agents.entries.ops.tools.exec).toEqual({ mode: "deny" });
  });

  it("uses exec.mode when the file does (never mixes it with security/ask)", () => {
    expect(v.tools.exec).toEqual({ mode: "deny" });
  });

  it("requires mentions where they were switched off and keeps untrusted content wrapped", () => {
    expect(v.channels.discord.guilds["123"]).toEqual({
      requireMention: true,
      channels: { general: { requireMention: true } },
    });
    expect(v.hooks.mappings[0].allowUnsafeExternalContent).toBe(false);
  });

  it("moves the provider key to the env file as a SecretRef and leaves env templates and SecretRefs alone", () => {
    expect(v.models.providers["my-llm"].apiKey).toEqual({
      source: "env",
      provider: "default",
      id: "MY_LLM_API_KEY",
    });
    expect(v.hooks.token).toBe("$" + "{HOOKS_SECRET}");
    // the strong env token is kept: N-03 only adds the rate limit
    expect(
      p.items.find((i) => i.id === "N-03")?.steps.map((st) => st.kind === "config" && st.keyPath.join(".")),
    ).toEqual(["gateway.auth.rateLimit"]);
    const env = p.files.find((f) => f.path.endsWith(".env"))?.after;
    expect(env).toBe(
      "OPENCLAW_GATEWAY_TOKEN=abcdefghijklmnopqrstuvwxyz0123456789ABCD\nMY_LLM_API_KEY=sk-live-0123456789abcdef0123456789\n",
    );
  });

  it("keeps comments, quoting and untouched lines of the JSON5 file", () => {
    expect(out.startsWith("// hand-written\n{\n  gateway: { mode: 'local', bind: 'loopback',")).toBe(true);
    expect(out).toContain("}, // break-glass agent");
    expect(out).toContain("path: '/hooks',");
    expect(out).toContain("network: 'none'");
    expect(renderPlan(p)).toContain(
      "uses JSON5 (comments, trailing commas, unquoted keys, single-quoted strings)",
    );
  });
});
