#!/usr/bin/env node
// Regenerates examples/insecure and examples/hardened with the REAL OpenClaw 2026.9.6:
//   node scripts/make-examples.mjs            (about 2 minutes; needs ~1 GB RAM for the gateway)
// For each example: a fresh state dir; `openclaw gateway run` on loopback with a generation-only config that
// points the agent at a local mock OpenAI-compatible model (127.0.0.1, random port); one real agent turn through
// the gateway (`openclaw agent`), so OpenClaw itself writes state/openclaw.sqlite (task_runs, workspace state),
// the per-agent agents/main/agent/openclaw-agent.sqlite (transcripts) and the workspace; gateway stopped; then
// the example's final openclaw.json is written and touched by `openclaw config set` (so OpenClaw adds its own
// `meta` block) and checked with `openclaw config validate`. Machine-specific leftovers are removed and every
// SQLite file is checkpointed (no -wal/-shm needed). examples/legacy-file-era is hand-built (see examples/README.md).
import { spawn, spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const outRoot = join(root, "examples");
const openclawPath = spawnSync("bash", [join(root, "scripts", "install-openclaw.sh")], { encoding: "utf8" })
  .stdout.trim()
  .split("\n")
  .pop();
const node24 = join(openclawPath.split(":")[0], "node");
const GATEWAY_TOKEN = "example-generation-only-gateway-token-7Qm2"; // used only while generating, never stored

// Fake credentials, shaped like real ones so detectors recognise them. None of them is valid anywhere.
const FAKE = {
  awsKeyId: "AKIAQX4TZ7RW2KJ5NM3B",
  awsSecret: "wJ8rTq2ZmV5xLp9KdN3bYc7HfG1sA4eU6oI0yR2T",
  githubToken: "ghp_R7c2Lk9QmZ4vX8tN1wB5yH3jF6dS0aPq2Ue7",
  telegramBotToken: "7012345678:AAFq3ZkL9xWm2Vb8Rt5Yc1Hn4Jd7Gs0PeQw",
};

const EXAMPLES = {
  insecure: {
    message:
      `Deploy the staging stack. Use AWS_ACCESS_KEY_ID=${FAKE.awsKeyId} ` +
      `AWS_SECRET_ACCESS_KEY=${FAKE.awsSecret} and push the tag with ${FAKE.githubToken}.`,
    // The reference's insecure config (b), plus a legacy model tier for L-01.
    config: {
      gateway: {
        mode: "local",
        bind: "lan",
        port: 18789,
        auth: { mode: "none" },
        controlUi: { allowedOrigins: ["*"] },
      },
      channels: {
        telegram: {
          enabled: true,
          botToken: FAKE.telegramBotToken,
          dmPolicy: "open",
          allowFrom: ["*"],
          groupPolicy: "open",
        },
      },
      // Not an openai/* model: 9.6 routes those through the Codex harness and its audit then tries to install
      // @openclaw/codex from npm.
      agents: { defaults: { model: { primary: "anthropic/claude-2.1" }, sandbox: { mode: "off" } } },
      tools: {
        profile: "full",
        exec: { security: "full", ask: "off" },
        elevated: { enabled: true, allowFrom: { telegram: ["*"] } },
      },
      hooks: { enabled: true, token: "short", path: "/" },
    },
  },
  hardened: {
    message: "Summarise today's calendar in three bullet points.",
    // The reference's hardened config (c), plus sandboxing, mDNS off, a pairing-only channel with an env
    // SecretRef token, no group chats, a current model and the audit ledger.
    config: {
      gateway: {
        mode: "local",
        bind: "loopback",
        port: 18789,
        auth: {
          mode: "token",
          token: { source: "env", provider: "default", id: "OPENCLAW_GATEWAY_TOKEN" },
          rateLimit: { maxAttempts: 10, windowMs: 60000, lockoutMs: 300000 },
        },
        trustedProxies: ["127.0.0.1"],
        tailscale: { mode: "off" },
      },
      discovery: { mdns: { mode: "off" } },
      session: { dmScope: "per-channel-peer" },
      channels: {
        telegram: {
          enabled: true,
          botToken: { source: "env", provider: "default", id: "TELEGRAM_BOT_TOKEN" },
          dmPolicy: "pairing",
          groupPolicy: "disabled",
        },
      },
      agents: {
        defaults: {
          model: { primary: "anthropic/claude-opus-4-5" },
          sandbox: {
            mode: "all",
            scope: "agent",
            workspaceAccess: "ro",
            docker: { network: "none", readOnlyRoot: true, capDrop: ["ALL"], user: "1000:1000" },
          },
        },
      },
      tools: {
        profile: "messaging",
        deny: ["group:automation", "group:runtime", "group:fs", "sessions_spawn", "sessions_send"],
        fs: { workspaceOnly: true },
        exec: { security: "deny", ask: "always" },
        elevated: { enabled: false },
        sessions: { visibility: "agent" },
        agentToAgent: { enabled: false },
      },
      logging: { audit: { enabled: true } },
      browser: { enabled: false },
    },
  },
};

function log(msg) {
  process.stderr.write(`[make-examples] ${msg}\n`);
}

/** A tiny deterministic OpenAI-compatible model: always answers with one short sentence. */
function startMockModel() {
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => {
      body += d;
    });
    req.on("end", () => {
      let j = {};
      try {
        j = JSON.parse(body || "{}");
      } catch {}
      if (req.url.endsWith("/models")) {
        res.writeHead(200, { "content-type": "application/json" });
        return res.end(JSON.stringify({ object: "list", data: [{ id: "mock-model", object: "model" }] }));
      }
      const base = { id: "chatcmpl-example", created: 1795600000, model: j.model || "mock-model" };
      const content = "Done. I will not repeat any credentials you sent.";
      const usage = { prompt_tokens: 10, completion_tokens: 9, total_tokens: 19 };
      if (j.stream) {
        res.writeHead(200, { "content-type": "text/event-stream" });
        const send = (o) => res.write(`data: ${JSON.stringify(o)}\n\n`);
        const chunk = { ...base, object: "chat.completion.chunk" };
        send({
          ...chunk,
          choices: [{ index: 0, delta: { role: "assistant", content }, finish_reason: null }],
        });
        send({ ...chunk, choices: [{ index: 0, delta: {}, finish_reason: "stop" }] });
        if (j.stream_options?.include_usage) send({ ...chunk, choices: [], usage });
        res.write("data: [DONE]\n\n");
        return res.end();
      }
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          ...base,
          object: "chat.completion",
          choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
          usage,
        }),
      );
    });
  });
  return new Promise((ok) => server.listen(0, "127.0.0.1", () => ok(server)));
}

function freePort() {
  return new Promise((ok) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

/** Async on purpose: the mock model lives in this process and must keep answering while OpenClaw runs. */
function openclaw(args, env) {
  return new Promise((ok, fail) => {
    const child = spawn("openclaw", args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), 180_000);
    child.on("close", (status) => {
      clearTimeout(timer);
      if (status === 0) ok({ stdout, stderr });
      else fail(new Error(`openclaw ${args.join(" ")} exited ${status}: ${(stderr || stdout).slice(-2000)}`));
    });
  });
}

function descendants(rootPid) {
  const kids = new Map();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      kids.set(ppid, [...(kids.get(ppid) ?? []), Number(name)]);
    } catch {}
  }
  const out = [];
  const queue = [rootPid];
  while (queue.length) {
    for (const pid of kids.get(queue.shift()) ?? []) {
      out.push(pid);
      queue.push(pid);
    }
  }
  return out;
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return !readFileSync(`/proc/${pid}/stat`, "utf8").includes(") Z ");
  } catch {
    return false;
  }
}

async function withGateway(env, port, fn) {
  const gw = spawn(
    "openclaw",
    ["gateway", "run", "--bind", "loopback", "--auth", "token", "--port", String(port)],
    {
      env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    },
  );
  let output = "";
  gw.stdout.on("data", (d) => {
    output += d;
  });
  gw.stderr.on("data", (d) => {
    output += d;
  });
  try {
    const deadline = Date.now() + 90_000;
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${port}/health`)
        .then((r) => r.status === 200)
        .catch(() => false);
      if (ok) break;
      if (Date.now() > deadline || gw.exitCode !== null)
        throw new Error(`gateway did not start:\n${output.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    return await fn();
  } finally {
    const pids = [gw.pid, ...descendants(gw.pid)];
    for (const pid of pids) {
      try {
        process.kill(pid, "SIGTERM");
      } catch {}
    }
    const deadline = Date.now() + 15_000;
    while (pids.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    for (const pid of pids.filter(alive)) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {}
    }
  }
}

/** Generation-only config: loopback gateway, env token, the mock model. Never shipped. */
function generationConfig(gatewayPort, mockPort) {
  return {
    gateway: {
      mode: "local",
      bind: "loopback",
      port: gatewayPort,
      auth: { mode: "token", token: { source: "env", provider: "default", id: "OPENCLAW_GATEWAY_TOKEN" } },
    },
    agents: { defaults: { model: { primary: "mock/mock-model" }, sandbox: { mode: "off" } } },
    models: {
      mode: "merge",
      providers: {
        mock: {
          baseUrl: `http://127.0.0.1:${mockPort}/v1`,
          apiKey: { source: "env", provider: "default", id: "MOCK_MODEL_KEY" },
          api: "openai-completions",
          models: [
            {
              id: "mock-model",
              name: "Mock Model",
              reasoning: false,
              input: ["text"],
              cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
              contextWindow: 128000,
              maxTokens: 4096,
            },
          ],
        },
      },
    },
    tools: { profile: "messaging" },
  };
}

/** Drops what is machine-specific, huge or transient; keeps what OpenClaw 9.6 really leaves in a state dir. */
function clean(stateDir) {
  const drop = [
    "tmp",
    "cache", // control-ui-assets: 55 MB of the gateway's web UI bundle
    "logs",
    "plugin-skills", // absolute symlinks into this machine's node_modules
    "workspace/.git",
    "config-journal-fingerprint.key",
    "openclaw.json.bak",
    "exec-approvals.sock",
  ];
  for (const rel of drop) rmSync(join(stateDir, rel), { recursive: true, force: true });
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (
        /\.(memory-reindex-|reindex-lock|generation-)|\.bak(\.\d+)?$|\.rejected\.|\.clobbered\./.test(e.name)
      )
        rmSync(p, { force: true });
    }
  };
  walk(stateDir);
  // Git keeps no empty folders (media/…), so the committed examples have none either.
  const prune = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) if (e.isDirectory()) prune(join(dir, e.name));
    if (dir !== stateDir && readdirSync(dir).length === 0) rmSync(dir, { recursive: true });
  };
  prune(stateDir);
}

/** Checkpoints and compacts every SQLite file with Node 24's node:sqlite; closing removes -wal/-shm. */
function checkpoint(stateDir) {
  const script = `
    const { DatabaseSync } = require("node:sqlite");
    const { readdirSync } = require("node:fs");
    const { join } = require("node:path");
    const walk = (d) => readdirSync(d, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(d, e.name)) : e.name.endsWith(".sqlite") ? [join(d, e.name)] : []);
    for (const f of walk(process.argv[1])) {
      const db = new DatabaseSync(f);
      // Same schema and rows; 1 KiB pages keep the ~350 mostly-empty tables and indexes small. Back to WAL,
      // as OpenClaw left it; closing the last connection removes the -wal/-shm files.
      db.exec("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE; PRAGMA page_size=1024; VACUUM;");
      db.exec("PRAGMA journal_mode=WAL;");
      db.close();
    }`;
  const r = spawnSync(node24, ["-e", script, stateDir], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`checkpoint failed: ${r.stderr}`);
}

function listFiles(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => !e.isDirectory())
    .map((e) => join(e.parentPath, e.name));
}

function sqliteQuery(file, sql) {
  const script = `
    const { DatabaseSync } = require("node:sqlite");
    const db = new DatabaseSync(process.argv[1], { readOnly: true });
    console.log(JSON.stringify(db.prepare(process.argv[2]).all()));
    db.close();`;
  const r = spawnSync(node24, ["-e", script, file, sql], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`query failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

async function makeExample(name, spec, mockPort) {
  const work = mkdtempSync(join(tmpdir(), `cw-example-${name}-`));
  const stateDir = join(work, "state");
  const home = join(work, "home");
  mkdirSync(stateDir, { mode: 0o700 });
  mkdirSync(home);
  const env = {
    PATH: `${openclawPath}:${process.env.PATH}`,
    HOME: home,
    TMPDIR: join(work, "tmp"),
    OPENCLAW_STATE_DIR: stateDir,
    OPENCLAW_GATEWAY_TOKEN: GATEWAY_TOKEN,
    OPENCLAW_NO_AUTO_UPDATE: "1",
    MOCK_MODEL_KEY: "mock-key-not-a-secret",
    TELEGRAM_BOT_TOKEN: "0:unused-during-generation",
    NO_COLOR: "1",
    npm_config_offline: "true", // OpenClaw runs npm for plugin migrations; never let it reach the registry
  };
  mkdirSync(env.TMPDIR);
  const port = await freePort();
  writeFileSync(join(stateDir, "openclaw.json"), JSON.stringify(generationConfig(port, mockPort), null, 2), {
    mode: 0o600,
  });

  log(`${name}: gateway on 127.0.0.1:${port}, one agent turn`);
  await withGateway(env, port, async () => {
    const turn = await openclaw(
      [
        "agent",
        "--agent",
        "main",
        "--session-key",
        `agent:main:${name}-example`,
        "--message",
        spec.message,
        "--json",
      ],
      env,
    );
    const result = JSON.parse(turn.stdout);
    if (result.status !== "ok") throw new Error(`agent turn failed: ${turn.stdout.slice(0, 2000)}`);
  });

  log(`${name}: final config, validated by openclaw`);
  // Written with another port, then set back by OpenClaw's own writer, which adds its `meta` block.
  const draft = { ...spec.config, gateway: { ...spec.config.gateway, port: 18788 } };
  writeFileSync(join(stateDir, "openclaw.json"), `${JSON.stringify(draft, null, 2)}\n`, { mode: 0o600 });
  await openclaw(["config", "set", "gateway.port", String(spec.config.gateway.port)], env);
  const validate = JSON.parse((await openclaw(["config", "validate", "--json"], env)).stdout);
  if (!validate.valid) throw new Error(`${name} config invalid: ${JSON.stringify(validate)}`);

  clean(stateDir);
  const tasks = sqliteQuery(join(stateDir, "state", "openclaw.sqlite"), "select task from task_runs");
  if (!tasks.some((t) => String(t.task).includes(spec.message.slice(0, 40))))
    throw new Error(`${name}: task_runs does not hold the prompt: ${JSON.stringify(tasks).slice(0, 500)}`);
  checkpoint(stateDir);
  const leftovers = listFiles(stateDir).filter((f) => /-(wal|shm|journal)$/.test(f));
  if (leftovers.length) throw new Error(`${name}: SQLite sidecars left: ${leftovers.join(", ")}`);
  return stateDir;
}

// ---------------------------------------------------------------------------------------------------------
// examples/legacy-file-era: CONSTRUCTED by hand (no OpenClaw involved) to match the file-era layout of
// OpenClaw ≈2026.4 (reference §3): credentials/*.json, agents/main/agent/auth-profiles.json,
// agents/main/sessions/sessions.json + *.jsonl transcripts, exec-approvals.json, a global .env.
// The config only uses keys 9.6 still accepts, so OpenClaw 9.6's own audit runs on it too.
// Every secret is fake, generated from a fixed seed so the files are reproducible.

function fakeChars(seed, n, alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") {
  let a = seed >>> 0;
  let out = "";
  for (let i = 0; i < n; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out += alphabet[((t ^ (t >>> 14)) >>> 0) % alphabet.length];
  }
  return out;
}

const UPPER_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const LEGACY = {
  anthropicKey: `sk-ant-api03-${fakeChars(11, 93, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")}AA`,
  openaiKey: `sk-proj-${fakeChars(12, 48)}`,
  telegramBotToken: `6150234871:AA${fakeChars(13, 33, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")}`,
  slackBotToken: `xoxb-2614589301-5524789613021-${fakeChars(14, 24)}`,
  awsKeyId: `AKIA${fakeChars(15, 16, UPPER_DIGITS)}`,
  awsSecret: fakeChars(16, 40, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"),
  vaultToken: `hvs.${fakeChars(17, 24)}`,
  oauthRefresh: fakeChars(18, 64),
  approvalsSocketToken: fakeChars(19, 43, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
};

function writeJson(path, value) {
  mkdirSync(resolve(path, ".."), { recursive: true });
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

function makeLegacyExample(out) {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const t0 = Date.parse("2026-04-10T09:15:00Z");
  const iso = (ms) => new Date(t0 + ms).toISOString();
  const sessionId = "6f1c2b7e-3d4a-4b8e-9a51-0c2d7e8f9a13";

  writeJson(join(out, "openclaw.json"), {
    gateway: {
      mode: "local",
      bind: "loopback",
      port: 18789,
      auth: { mode: "token", token: "changeme-2026" },
    },
    discovery: { mdns: { mode: "full" } },
    channels: {
      telegram: {
        enabled: true,
        botToken: LEGACY.telegramBotToken,
        dmPolicy: "allowlist",
        allowFrom: ["tg:123456789"],
        groupPolicy: "allowlist",
        groups: { "*": { requireMention: true } },
      },
    },
    agents: {
      defaults: {
        model: { primary: "anthropic/claude-sonnet-4-5" },
        sandbox: { mode: "non-main", docker: { network: "bridge" } },
      },
    },
    tools: { profile: "coding" },
    models: {
      mode: "merge",
      providers: {
        openai: {
          baseUrl: "https://api.openai.com/v1",
          apiKey: LEGACY.openaiKey,
          api: "openai-completions",
          models: [
            { id: "gpt-4.1", name: "GPT-4.1", input: ["text"], contextWindow: 128000, maxTokens: 32000 },
          ],
        },
      },
    },
    meta: { lastTouchedVersion: "2026.4.12" },
  });
  writeFileSync(join(out, ".env"), `# global dotenv (file era)\nOPENAI_API_KEY=${LEGACY.openaiKey}\n`);

  writeJson(join(out, "credentials", "telegram-pairing.json"), {
    version: 1,
    requests: [{ id: "987654321", code: "K7PQ2M9X", createdAt: iso(60_000), lastSeenAt: iso(60_000) }],
  });
  writeJson(join(out, "credentials", "telegram-allowFrom.json"), { version: 1, allowFrom: ["123456789"] });
  // Not "openai-codex": 9.6 treats that id as a legacy Codex route and tries to install the codex plugin
  // from clawhub.ai when it audits this dir.
  writeJson(join(out, "credentials", "oauth.json"), {
    anthropic: {
      type: "oauth",
      access: `eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.${fakeChars(20, 120)}.${fakeChars(21, 86)}`,
      refresh: LEGACY.oauthRefresh,
      expires: t0 + 3_600_000,
    },
  });

  writeJson(join(out, "agents", "main", "agent", "auth-profiles.json"), {
    version: 1,
    profiles: {
      "anthropic:default": { type: "api_key", provider: "anthropic", key: LEGACY.anthropicKey },
      "openai:default": { type: "api_key", provider: "openai", key: LEGACY.openaiKey },
    },
    order: { anthropic: ["anthropic:default"] },
    lastGood: { anthropic: "anthropic:default" },
  });

  writeJson(join(out, "agents", "main", "sessions", "sessions.json"), {
    "agent:main:main": {
      sessionId,
      updatedAt: t0 + 180_000,
      chatType: "direct",
      lastChannel: "telegram",
      origin: { provider: "telegram", from: "telegram:123456789" },
    },
  });
  const lines = [
    { type: "session", version: 3, id: sessionId, timestamp: iso(0), cwd: "/home/op/.openclaw/workspace" },
    {
      type: "message",
      id: "m1",
      parentId: null,
      timestamp: iso(60_000),
      message: {
        role: "user",
        content: [
          {
            type: "text",
            text: `Post the release note to Slack with ${LEGACY.slackBotToken} and check what is in ~/.aws/credentials`,
          },
        ],
      },
    },
    {
      type: "message",
      id: "m2",
      parentId: "m1",
      timestamp: iso(61_000),
      message: {
        role: "assistant",
        content: [
          { type: "toolCall", id: "call_1", name: "exec", arguments: { command: "cat ~/.aws/credentials" } },
        ],
      },
    },
    {
      type: "message",
      id: "m3",
      parentId: "m2",
      timestamp: iso(62_000),
      message: {
        role: "toolResult",
        toolCallId: "call_1",
        toolName: "exec",
        content: [
          {
            type: "text",
            text: `[default]\naws_access_key_id = ${LEGACY.awsKeyId}\naws_secret_access_key = ${LEGACY.awsSecret}\n# vault: ${LEGACY.vaultToken}\n`,
          },
        ],
      },
    },
    {
      type: "message",
      id: "m4",
      parentId: "m3",
      timestamp: iso(63_000),
      message: {
        role: "assistant",
        content: [{ type: "text", text: "The default profile has one key pair." }],
      },
    },
  ];
  writeFileSync(
    join(out, "agents", "main", "sessions", `${sessionId}.jsonl`),
    `${lines.map((l) => JSON.stringify(l)).join("\n")}\n`,
  );

  writeJson(join(out, "exec-approvals.json"), {
    version: 1,
    socket: { path: "~/.openclaw/exec-approvals.sock", token: LEGACY.approvalsSocketToken },
    defaults: { security: "full", ask: "off", askFallback: "full", autoAllowSkills: true },
    agents: {
      main: {
        allowlist: [
          {
            id: "0b7d3c1e-5f2a-4c6d-8e9f-1a2b3c4d5e6f",
            pattern: "/usr/bin/*",
            source: "allow-always",
            lastUsedAt: t0 + 62_000,
            lastResolvedPath: "/usr/bin/cat",
          },
        ],
      },
    },
  });
}

/** OpenClaw writes state/openclaw.sqlite into any state dir it touches, so validate a copy. */
async function validateCopy(dir) {
  const work = mkdtempSync(join(tmpdir(), "cw-example-validate-"));
  try {
    cpSync(dir, join(work, "state"), { recursive: true });
    mkdirSync(join(work, "home"));
    const env = {
      PATH: `${openclawPath}:${process.env.PATH}`,
      HOME: join(work, "home"),
      NO_COLOR: "1",
      npm_config_offline: "true",
    };
    env.OPENCLAW_STATE_DIR = join(work, "state");
    const result = JSON.parse((await openclaw(["config", "validate", "--json"], env)).stdout);
    if (!result.valid) throw new Error(`${dir}: config invalid for OpenClaw 9.6: ${JSON.stringify(result)}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function main() {
  const args = process.argv.slice(2);
  const names = args.length ? args.filter((a) => a in EXAMPLES) : Object.keys(EXAMPLES);
  if (!args.length || args.includes("legacy-file-era")) {
    const out = join(outRoot, "legacy-file-era");
    makeLegacyExample(out);
    await validateCopy(out);
    log("legacy-file-era: constructed and validated");
  }
  const mock = await startMockModel();
  try {
    for (const name of names) {
      const out = join(outRoot, name);
      const soulPath = join(out, "workspace", "SOUL.md");
      const keepSoul = name === "hardened" && existsSync(soulPath) ? readFileSync(soulPath) : undefined;
      const stateDir = await makeExample(name, EXAMPLES[name], mock.address().port);
      rmSync(out, { recursive: true, force: true });
      cpSync(stateDir, out, { recursive: true, verbatimSymlinks: true });
      // The hardened example ships the guide's hardened SOUL.md template instead of OpenClaw's default one,
      // and clawwarden's own skills lockfile (K-05: the admin-approved set; empty, only bundled skills exist).
      if (keepSoul) writeFileSync(soulPath, keepSoul);
      if (name === "hardened") {
        mkdirSync(join(out, ".clawwarden"), { mode: 0o700 });
        const lock = { format: "clawwarden-skills-lock/1", skills: {} };
        writeFileSync(join(out, ".clawwarden", "skills.lock.json"), `${JSON.stringify(lock, null, 2)}\n`, {
          mode: 0o600,
        });
      }
      rmSync(resolve(stateDir, ".."), { recursive: true, force: true });
      const size = spawnSync("du", ["-sh", out], { encoding: "utf8" }).stdout.trim();
      log(`${name}: written ${size}`);
    }
  } finally {
    mock.close();
  }
}

await main();
