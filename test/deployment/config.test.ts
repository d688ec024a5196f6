// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the tests are about literal ${VAR} text
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/deployment/config.js";

const fixtures = resolve(import.meta.dirname, "..", "fixtures", "config");
const samples = join(import.meta.dirname, "..", "fixtures", "openclaw-samples");

/** 1-based line and column of the first occurrence of `needle` (after `after`, if given) in a file. */
function find(file: string, needle: string, after?: string): { file: string; line: number; column: number } {
  const text = readFileSync(file, "utf8");
  const from = after === undefined ? 0 : text.indexOf(after);
  const offset = text.indexOf(needle, from);
  if (from < 0 || offset < 0) throw new Error(`${needle} not in ${file}`);
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { file, line, column: offset - before.lastIndexOf("\n") };
}

describe("loadConfig: values and positions", () => {
  const file = join(fixtures, "positions", "openclaw.json5");
  const cfg = loadConfig(file, { env: { OPENCLAW_GATEWAY_TOKEN: "t0k3n-from-env-0123456789abcdef" } });

  it("parses JSON5 (comments, unquoted keys, single quotes, hex, Infinity)", () => {
    expect(cfg.exists).toBe(true);
    expect(cfg.files).toEqual([file]);
    expect(cfg.value).toMatchObject({
      gateway: { mode: "local", bind: "loopback", auth: { mode: "token" } },
      hooks: { mappings: [{ path: "/a", action: "agent" }, { path: "/b" }] },
      port: 0x4965,
      ratio: Infinity,
    });
  });

  it("maps nested keys and array elements to file:line:column", () => {
    expect(cfg.positions.gateway).toEqual({ file, line: 3, column: 3 });
    expect(cfg.positions["gateway.bind"]).toEqual({ file, line: 5, column: 5 });
    expect(cfg.positions["gateway.auth.token"]).toEqual(find(file, "token:"));
    expect(cfg.positions.hooks).toEqual({ file, line: 8, column: 3 });
    expect(cfg.positions["hooks.mappings.0"]).toEqual({ file, line: 10, column: 7 });
    expect(cfg.positions["hooks.mappings.0.action"]).toEqual(find(file, "action"));
    expect(cfg.positions["hooks.mappings.1"]).toEqual({ file, line: 11, column: 7 });
    expect(cfg.positions["hooks.mappings.1.path"]).toEqual({ file, line: 12, column: 9 });
    expect(cfg.positions.ratio).toEqual({ file, line: 17, column: 3 });
  });

  it("substitutes ${VAR} and records the key path as env-substituted", () => {
    expect((cfg.value.gateway as { auth: { token: string } }).auth.token).toBe(
      "t0k3n-from-env-0123456789abcdef",
    );
    expect(cfg.envSubstituted).toEqual({ "gateway.auth.token": ["OPENCLAW_GATEWAY_TOKEN"] });
    expect(cfg.secretRefs).toEqual([
      { keyPath: "gateway.auth.token", kind: "env-template", source: "env", id: "OPENCLAW_GATEWAY_TOKEN" },
    ]);
    expect(cfg.issues).toEqual([]);
  });

  it("a missing file is exists:false with an empty value", () => {
    const missing = loadConfig(join(fixtures, "nope", "openclaw.json"), { env: {} });
    expect(missing).toMatchObject({ exists: false, value: {}, positions: {}, files: [], issues: [] });
  });
});

describe("loadConfig: $include", () => {
  const dir = join(fixtures, "includes");
  const main = join(dir, "openclaw.json5");
  const base = join(dir, "parts", "agents-base.json5");
  const overlay = join(dir, "parts", "agents-overlay.json5");
  const channels = join(dir, "parts", "channels.json5");
  const telegram = join(dir, "parts", "nested", "telegram.json5");
  const cfg = loadConfig(main, { env: {} });

  it("deep-merges include arrays in order, concatenates arrays, sibling keys win", () => {
    expect(cfg.value.agents).toEqual({
      defaults: {
        workspace: "~/base-workspace",
        sandbox: { mode: "all", scope: "agent" },
        model: "anthropic/claude-opus-4-6",
      },
      list: [{ id: "main" }, { id: "helper", workspace: "/srv/helper" }],
    });
    expect(cfg.value.channels).toEqual({
      telegram: { enabled: true, dmPolicy: "pairing", botToken: "${TELEGRAM_BOT_TOKEN}" },
    });
    expect(cfg.files).toEqual([main, base, overlay, channels, telegram]);
  });

  it("points each key at the file that decided it", () => {
    expect(cfg.positions.agents).toEqual(find(main, "agents:"));
    expect(cfg.positions["agents.defaults.workspace"]).toEqual(find(base, "workspace"));
    expect(cfg.positions["agents.defaults.sandbox.scope"]).toEqual(find(base, "scope"));
    expect(cfg.positions["agents.defaults.sandbox.mode"]).toEqual(find(main, "mode"));
    expect(cfg.positions["agents.defaults.model"]).toEqual(find(overlay, "model"));
    expect(cfg.positions["agents.list.0"]).toEqual(find(base, "{ id"));
    expect(cfg.positions["agents.list.1"]).toEqual(find(overlay, "{ id"));
    expect(cfg.positions["agents.list.1.workspace"]).toEqual(find(overlay, "workspace"));
    expect(cfg.positions.channels).toEqual(find(main, "channels"));
    expect(cfg.positions["channels.telegram"]).toEqual(find(channels, "telegram"));
    expect(cfg.positions["channels.telegram.enabled"]).toEqual(find(telegram, "enabled"));
    expect(cfg.positions["channels.telegram.dmPolicy"]).toEqual(find(channels, "dmPolicy"));
    expect(cfg.positions["gateway.bind"]).toEqual(find(main, "bind"));
  });

  it("reports an unresolved ${VAR} from an include file at its position there", () => {
    expect(cfg.issues).toEqual([
      {
        kind: "unresolved-env",
        message: expect.stringContaining("${TELEGRAM_BOT_TOKEN}"),
        keyPath: "channels.telegram.botToken",
        location: find(telegram, "botToken"),
      },
    ]);
    expect(cfg.secretRefs).toContainEqual({
      keyPath: "channels.telegram.botToken",
      kind: "env-template",
      source: "env",
      id: "TELEGRAM_BOT_TOKEN",
    });
  });
});

describe("loadConfig: ${VAR} substitution rules", () => {
  const file = join(fixtures, "env", "openclaw.json5");
  const cfg = loadConfig(file, {
    env: {
      BASE: "https://llm.example",
      CUSTOM_API_KEY: "k-123",
      HEADER_KEY: "h",
      EMPTY_VAR: "",
      lower_case: "x",
    },
  });
  const v = cfg.value as Record<string, unknown> & {
    models: { providers: { custom: Record<string, unknown> } };
  };

  it("substitutes inline, keeps escapes, lower-case names and missing/empty vars literal", () => {
    expect(v.models.providers.custom.baseUrl).toBe("https://llm.example/v1");
    expect(v.models.providers.custom.apiKey).toBe("k-123");
    expect(v.models.providers.custom.headers).toEqual({ "X-Api-Key": "$HEADER_KEY" });
    expect(v.literal).toBe("${BASE} stays a literal");
    expect(v.lower).toBe("${lower_case} is not a reference");
    expect(v.missing).toBe("${NOT_SET_ANYWHERE}");
    expect(v.empty).toBe("${EMPTY_VAR}");
    expect(v.mixed).toBe("https://llm.example:${NOT_SET_ANYWHERE}");
    expect(v.fromConfig).toBe("config-value");
  });

  it("records substituted key paths and reports each unresolved reference with its location", () => {
    expect(cfg.envSubstituted).toEqual({
      "models.providers.custom.baseUrl": ["BASE"],
      "models.providers.custom.apiKey": ["CUSTOM_API_KEY"],
      mixed: ["BASE"],
      fromConfig: ["FROM_CONFIG_VARS"],
    });
    expect(cfg.issues.map((i) => [i.kind, i.keyPath, i.location?.line])).toEqual([
      ["unresolved-env", "missing", find(file, "missing").line],
      ["unresolved-env", "empty", find(file, "empty").line],
      ["unresolved-env", "mixed", find(file, "mixed").line],
    ]);
  });

  it("the process env wins over the config's env.vars", () => {
    const c = loadConfig(file, { env: { FROM_CONFIG_VARS: "from-process" } });
    expect(c.value.fromConfig).toBe("from-process");
  });
});

describe("loadConfig: SecretRefs", () => {
  const cfg = loadConfig(join(fixtures, "secretrefs", "openclaw.json5"), { env: {} });

  it("recognises SecretRef objects (env/file/exec/store, legacy provider-less) and $VAR on secret keys", () => {
    expect(cfg.secretRefs).toEqual([
      {
        keyPath: "gateway.auth.token",
        kind: "secretref",
        source: "env",
        provider: "default",
        id: "OPENCLAW_GATEWAY_TOKEN",
      },
      {
        keyPath: "gateway.remote.password",
        kind: "secretref",
        source: "file",
        provider: "vault",
        id: "/gateway/remote",
      },
      {
        keyPath: "channels.telegram.botToken",
        kind: "env-template",
        source: "env",
        id: "TELEGRAM_BOT_TOKEN",
      },
      {
        keyPath: "channels.discord.token",
        kind: "secretref",
        source: "store",
        provider: "default",
        id: "DISCORD_TOKEN",
      },
      { keyPath: "channels.slack.signingSecret", kind: "secretref", source: "exec", id: "slack/signing" },
    ]);
  });

  it("does not treat plaintext, objects with extra keys or $VAR on ordinary keys as references", () => {
    const paths = cfg.secretRefs.map((r) => r.keyPath);
    expect(paths).not.toContain("skills.entries.x.apiKey");
    expect(paths).not.toContain("notARef");
    expect(paths).not.toContain("greeting");
  });
});

describe("loadConfig: real OpenClaw 9.6 sample configs", () => {
  it("config-insecure.json: values and positions", () => {
    const file = join(samples, "config-insecure.json");
    const cfg = loadConfig(file, { env: {} });
    expect(cfg.value).toMatchObject({
      gateway: { bind: "lan", auth: { mode: "none" }, controlUi: { allowedOrigins: ["*"] } },
      channels: { telegram: { dmPolicy: "open", allowFrom: ["*"] } },
      tools: { elevated: { enabled: true, allowFrom: { telegram: ["*"] } } },
    });
    expect(cfg.positions["gateway.bind"]).toEqual({ file, line: 4, column: 5 });
    expect(cfg.positions["channels.telegram.botToken"]).toEqual(find(file, '"botToken"'));
    expect(cfg.positions["gateway.controlUi.allowedOrigins.0"]).toEqual(find(file, '"*"'));
    expect(cfg.positions["hooks.token"]).toEqual(find(file, '"token"', '"hooks"'));
    expect(cfg.secretRefs).toEqual([]);
    expect(cfg.issues).toEqual([]);
  });

  it("config-hardened.json: the env SecretRef token is recognised", () => {
    const file = join(samples, "config-hardened.json");
    const cfg = loadConfig(file, { env: {} });
    expect(cfg.value).toMatchObject({ gateway: { bind: "loopback", auth: { mode: "token" } } });
    expect(cfg.secretRefs).toEqual([
      {
        keyPath: "gateway.auth.token",
        kind: "secretref",
        source: "env",
        provider: "default",
        id: "OPENCLAW_GATEWAY_TOKEN",
      },
    ]);
    expect(cfg.positions["tools.deny.4"]).toEqual(find(file, '"sessions_send"'));
    expect(cfg.positions["gateway.auth.rateLimit.lockoutMs"]).toEqual(find(file, '"lockoutMs"'));
  });

  it("loads every sample config and matches JSON.parse exactly", () => {
    for (const name of [
      "config-insecure.json",
      "config-hardened.json",
      "config-insecure-after-fix.json",
      "config-gateway-mock-plugin.json",
    ]) {
      const file = join(samples, name);
      const cfg = loadConfig(file, { env: {} });
      expect(cfg.value, name).toEqual(JSON.parse(readFileSync(file, "utf8")));
    }
  });
});

describe("loadConfig: dotenv files the gateway loads", () => {
  it("fill missing variables in order, never override the environment, report unreadable ones", () => {
    const d = mkdtempSync(join(tmpdir(), "cw-config-dotenv-"));
    try {
      writeFileSync(join(d, "openclaw.json"), '{ "a": "${A}", "b": "${B}", "c": "${C}", "d": "${D}" }');
      writeFileSync(join(d, ".env"), "A=from-state-env\nB=from-state-env\n");
      writeFileSync(join(d, "gateway.env"), "B=from-gateway-env\nC=from-gateway-env\n");
      mkdirSync(join(d, "broken.env"));
      const cfg = loadConfig(join(d, "openclaw.json"), {
        env: { A: "from-process" },
        dotenvFiles: [join(d, ".env"), join(d, "gateway.env"), join(d, "broken.env"), join(d, "absent.env")],
      });
      expect(cfg.value).toEqual({ a: "from-process", b: "from-state-env", c: "from-gateway-env", d: "${D}" });
      expect(Object.keys(cfg.envSubstituted)).toEqual(["a", "b", "c"]);
      expect(cfg.issues.map((i) => [i.kind, i.keyPath ?? i.location?.file])).toEqual([
        ["read-error", join(d, "broken.env")],
        ["unresolved-env", "d"],
      ]);
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });
});

describe("loadConfig: duplicate keys", () => {
  it("the last value wins, as in OpenClaw, and the shadowed one is reported", () => {
    const d = mkdtempSync(join(tmpdir(), "cw-config-dup-"));
    try {
      const file = join(d, "openclaw.json5");
      writeFileSync(
        file,
        '{\n  gateway: {\n    bind: "loopback",\n    port: 1,\n    bind: "lan",\n  },\n}\n',
      );
      const cfg = loadConfig(file, { env: {} });
      expect(cfg.value).toEqual({ gateway: { port: 1, bind: "lan" } });
      expect(cfg.positions["gateway.bind"]).toEqual({ file, line: 5, column: 5 });
      expect(cfg.issues).toEqual([
        {
          kind: "parse-error",
          message: expect.stringMatching(
            /duplicate key "bind": this later value wins over the one at line 3/,
          ),
          location: { file, line: 5, column: 5 },
        },
      ]);
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });
});
