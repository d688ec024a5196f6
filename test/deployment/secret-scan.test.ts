import { createHash } from "node:crypto";
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gatewayLogFiles, scanConfigSecrets, scanStateSecrets } from "../../src/deployment/secret-scan.js";
import { scanTextFile } from "../../src/deployment/secret-scan-core.js";
import { inventoryStateDir } from "../../src/deployment/state-dir.js";
import type { LoadedConfig, Locator, SecretScan } from "../../src/model/snapshot.js";
import { secretFingerprint } from "../../src/util/fingerprint.js";
import { FAKE } from "../fixtures/state/generate.mjs";

const fixtures = join(import.meta.dirname, "..", "fixtures", "state");
let work: string;
/** Private SQLite copies go here (our own temp dir), so the test reads and cleans only what it made. */
let privateDir: string;
let savedPrivateDir: string | undefined;

function snapshotTree(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(root, p)] = createHash("sha256").update(readFileSync(p)).digest("hex");
    }
  };
  walk(root);
  return out;
}

function summary(scan: SecretScan): string[] {
  return scan.hits
    .map(
      (h) =>
        `${relative(work, h.location.file)}|${h.where ?? `line ${h.location.line}`}|${h.ruleId}${h.store ? `|${h.store}` : ""}`,
    )
    .sort();
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "cw-secret-scan-"));
  cpSync(fixtures, work, { recursive: true });
  privateDir = mkdtempSync(join(tmpdir(), "cw-secret-scan-private-"));
  savedPrivateDir = process.env.CLAWWARDEN_PRIVATE_DIR;
  process.env.CLAWWARDEN_PRIVATE_DIR = privateDir;
});
afterAll(() => {
  if (savedPrivateDir === undefined) delete process.env.CLAWWARDEN_PRIVATE_DIR;
  else process.env.CLAWWARDEN_PRIVATE_DIR = savedPrivateDir;
  rmSync(work, { recursive: true, force: true });
  rmSync(privateDir, { recursive: true, force: true });
});

describe("scanStateSecrets", () => {
  it("finds secrets in file-era credentials, JSONL transcripts and logs", async () => {
    const root = join(work, "file-era");
    const fact = await scanStateSecrets(root, inventoryStateDir(root), { workers: 0 });
    if (!fact.known) throw new Error(fact.reason);
    expect(summary(fact.value)).toEqual([
      "file-era/agents/main/sessions/s-1.jsonl|line 3|aws-access-key-id",
      "file-era/agents/main/sessions/s-1.jsonl|line 3|aws-secret-access-key",
      "file-era/agents/main/sessions/s-1.jsonl|line 5|github-token",
      "file-era/credentials/oauth.json|line 3|google-oauth-refresh-token|oauth",
      "file-era/logs/commands.log|line 1|openai-api-key",
    ]);
    const gh = fact.value.hits.find((h) => h.ruleId === "github-token");
    expect(gh?.fingerprint).toBe(secretFingerprint(FAKE.github));
    expect(JSON.stringify(fact.value)).not.toContain(FAKE.github);
    expect(fact.value.incomplete).toEqual([]);
  });

  it("reads SQLite rows including the WAL, zstd transcript rows and task_runs prompts, leaving no trace", async () => {
    const root = join(work, "sqlite-era");
    const before = snapshotTree(root);
    const fact = await scanStateSecrets(root, inventoryStateDir(root), { workers: 0 });
    if (!fact.known) throw new Error(fact.reason);
    expect(summary(fact.value)).toEqual([
      "sqlite-era/agents/main/agent/openclaw-agent.sqlite|transcript_events.event_json#rowid=1|vault-token",
      "sqlite-era/agents/main/agent/openclaw-agent.sqlite|transcript_events.event_zstd#rowid=2|cloudflare-api-token",
      "sqlite-era/state/openclaw.sqlite|config_machine_state.value_json#rowid=1|anthropic-api-key|auth-profiles",
      "sqlite-era/state/openclaw.sqlite|device_auth_tokens.token#rowid=1|sqlite-credential-column|device-token",
      "sqlite-era/state/openclaw.sqlite|task_runs.task#rowid=2|github-token",
      "sqlite-era/state/openclaw.sqlite|task_runs.task#rowid=3|aws-access-key-id",
      "sqlite-era/state/openclaw.sqlite|task_runs.task#rowid=3|aws-secret-access-key",
    ]);
    expect(snapshotTree(root)).toEqual(before);
    expect(fact.value.filesScanned).toBe(2);
    expect(readdirSync(privateDir)).toEqual([]);
  });

  it("reports a database it cannot open as incomplete instead of failing", async () => {
    const root = mkdtempSync(join(work, "broken-"));
    cpSync(join(fixtures, "file-era", "exec-approvals.json"), join(root, "state", "openclaw.sqlite"), {
      recursive: true,
    });
    const fact = await scanStateSecrets(root, inventoryStateDir(root), { workers: 0 });
    if (!fact.known) throw new Error(fact.reason);
    expect(fact.value.incomplete).toEqual([
      { path: "state/openclaw.sqlite", reason: expect.stringMatching(/not a database/) },
    ]);
  });

  it("is unknown for a state dir that does not exist", async () => {
    const missing = join(work, "missing");
    expect(await scanStateSecrets(missing, inventoryStateDir(missing))).toMatchObject({ known: false });
  });
});

describe("scanStateSecrets inputs", () => {
  it("scans extra files such as the gateway log, and transcripts that are not valid UTF-8", async () => {
    const root = mkdtempSync(join(work, "extra-"));
    mkdirSync(join(root, "agents", "main", "sessions"), { recursive: true });
    const bad = Buffer.concat([
      Buffer.from('{"text":"caf'),
      Buffer.from([0xe9, 0xff, 0xfe]),
      Buffer.from(`"}\n{"text":"key ${FAKE.github}"}\n`),
    ]);
    writeFileSync(join(root, "agents", "main", "sessions", "s.jsonl"), bad);
    const logDir = mkdtempSync(join(work, "tmp-openclaw-"));
    const log = join(logDir, "openclaw-2026-11-25.log");
    writeFileSync(log, `2026-11-25T10:00:00Z gateway: auth header Bearer ${FAKE.gateway}\n`);
    writeFileSync(join(logDir, "other.txt"), `ghp_${"x".repeat(36)}`);
    expect(gatewayLogFiles(logDir)).toEqual([log]);
    const fact = await scanStateSecrets(root, inventoryStateDir(root), {
      workers: 0,
      extraFiles: [...gatewayLogFiles(logDir), join(logDir, "missing.log")],
    });
    if (!fact.known) throw new Error(fact.reason);
    expect(
      fact.value.hits.map((h) => `${relative(work, h.location.file)}:${h.location.line}|${h.ruleId}`).sort(),
    ).toEqual([
      `${relative(work, root)}/agents/main/sessions/s.jsonl:2|github-token`,
      `${relative(work, log)}:1|bearer-token`,
    ]);
  });
});

describe("scanConfigSecrets", () => {
  it("finds plaintext config values, .env secrets and auth-profile keys but not references", () => {
    const root = join(work, "file-era");
    const configPath = join(root, "openclaw.json");
    const value = JSON.parse(readFileSync(configPath, "utf8"));
    const config: LoadedConfig = {
      path: configPath,
      exists: true,
      value,
      positions: { "gateway.auth.token": { file: configPath, line: 7, column: 16 } },
      files: [configPath],
      envSubstituted: {},
      secretRefs: [
        {
          keyPath: "models.providers.anthropic.apiKey",
          kind: "secretref",
          source: "env",
          provider: "default",
          id: "ANTHROPIC_API_KEY",
        },
      ],
      issues: [],
    };
    const home = mkdtempSync(join(work, "home-"));
    const locator: Locator = {
      stateDir: root,
      configPath,
      stateDirSource: "flag",
      configPathSource: "default",
      home,
    };
    const fact = scanConfigSecrets(locator, config, inventoryStateDir(root));
    if (!fact.known) throw new Error(fact.reason);
    const rows = fact.value.hits
      .map((h) => `${relative(root, h.location.file)}:${h.location.line ?? "?"}|${h.where ?? ""}|${h.ruleId}`)
      .sort();
    expect(rows).toEqual([
      ".env:2|ANTHROPIC_API_KEY|env-plaintext-secret",
      "agents/main/agent/auth-profiles.json:7|profiles.anthropic:default.key|credential-file-plaintext",
      "openclaw.json:13|channels.telegram.botToken|config-plaintext-secret",
      "openclaw.json:7|gateway.auth.token|config-plaintext-secret",
    ]);
    expect(JSON.stringify(fact.value)).not.toContain(FAKE.anthropic);
  });

  it("does not count env substitutions or generated env-name markers as plaintext", () => {
    const root = join(work, "sqlite-era");
    const configPath = join(root, "openclaw.json");
    const config: LoadedConfig = {
      path: configPath,
      exists: true,
      value: { gateway: { auth: { mode: "token", token: "resolved-from-env-0123456789abcdef" } } },
      positions: {},
      files: [configPath],
      envSubstituted: { "gateway.auth.token": ["OPENCLAW_GATEWAY_TOKEN"] },
      secretRefs: [],
      issues: [],
    };
    const locator: Locator = {
      stateDir: root,
      configPath,
      stateDirSource: "flag",
      configPathSource: "default",
      home: work,
    };
    const fact = scanConfigSecrets(locator, config, inventoryStateDir(root));
    expect(fact).toMatchObject({ known: true, value: { hits: [] } });
  });
});

describe("scanConfigSecrets confidence", () => {
  it("reports weak or placeholder literals as low-confidence plaintext, not as absent", () => {
    const root = join(work, "sqlite-era");
    const configPath = join(root, "openclaw.json");
    const config: LoadedConfig = {
      path: configPath,
      exists: true,
      value: {
        gateway: { auth: { token: "changeme-2026" } },
        hooks: { token: "short" },
        channels: { slack: { botToken: "" } },
      },
      positions: {},
      files: [],
      envSubstituted: {},
      secretRefs: [],
      issues: [],
    };
    const locator: Locator = {
      stateDir: root,
      configPath,
      stateDirSource: "flag",
      configPathSource: "default",
      home: work,
    };
    const fact = scanConfigSecrets(locator, config, inventoryStateDir(root));
    if (!fact.known) throw new Error(fact.reason);
    expect(fact.value.hits.map((h) => [h.where, h.confidence])).toEqual([
      ["gateway.auth.token", "low"],
      ["hooks.token", "low"],
    ]);
  });
});

describe("SQLite batches", () => {
  it("maps hits to the right row and column, also around values that contain NUL bytes", async () => {
    const root = mkdtempSync(join(work, "nul-"));
    mkdirSync(join(root, "state"));
    const db = new Database(join(root, "state", "openclaw.sqlite"));
    db.exec("CREATE TABLE notes (a TEXT, b TEXT, n INTEGER)");
    const ins = db.prepare("INSERT INTO notes (a, b, n) VALUES (?, ?, ?)");
    for (let i = 1; i <= 1200; i++)
      ins.run(`note ${i}`, i === 700 ? `line one\nVAULT_TOKEN=${FAKE.vault}` : null, i);
    ins.run("has a \u0000 nul byte inside", `again ${FAKE.github}`, 0);
    db.close();
    const fact = await scanStateSecrets(root, inventoryStateDir(root), { workers: 0 });
    if (!fact.known) throw new Error(fact.reason);
    expect(fact.value.hits.map((h) => `${h.where}|${h.ruleId}`)).toEqual([
      "notes.b#rowid=700 line 2|vault-token",
      "notes.b#rowid=1201|github-token",
    ]);
  });
});

describe("withDatabaseCopy", () => {
  it("reads a WAL-mode database without WAL content from memory and leaves it byte-identical", async () => {
    const root = mkdtempSync(join(work, "walmode-"));
    mkdirSync(join(root, "state"));
    const path = join(root, "state", "openclaw.sqlite");
    const db = new Database(path);
    db.pragma("journal_mode = WAL");
    db.exec("CREATE TABLE task_runs (task_id TEXT PRIMARY KEY, task TEXT NOT NULL)");
    db.prepare("INSERT INTO task_runs VALUES ('t', ?)").run(`token is ${FAKE.vault}`);
    db.close();
    const before = snapshotTree(root);
    expect(Object.keys(before)).toEqual(["state/openclaw.sqlite"]);
    const fact = await scanStateSecrets(root, inventoryStateDir(root), { workers: 0 });
    if (!fact.known) throw new Error(fact.reason);
    expect(fact.value.hits.map((h) => `${h.where}|${h.ruleId}`)).toEqual([
      "task_runs.task#rowid=1|vault-token",
    ]);
    expect(snapshotTree(root)).toEqual(before);
  });
});

describe("scanTextFile", () => {
  it("keeps line numbers and whole secrets across chunk boundaries", () => {
    const dir = mkdtempSync(join(work, "chunks-"));
    const file = join(dir, "t.jsonl");
    const lines = Array.from({ length: 400 }, (_, i) =>
      JSON.stringify({ i, text: "filler text ".repeat(i % 7) }),
    );
    lines[123] = JSON.stringify({ text: `export GITHUB_TOKEN=${FAKE.github}` });
    lines[399] = JSON.stringify({ text: `vault ${FAKE.vault}` });
    writeFileSync(file, `${lines.join("\n")}\n`);
    for (const chunk of [97, 4096, 32 * 1024 * 1024]) {
      const res = scanTextFile({ kind: "file", path: file, rel: "t.jsonl" }, chunk);
      expect(res.hits.map((h) => [h.where, h.ruleId, h.fingerprint])).toEqual([
        ["line 124", "github-token", secretFingerprint(FAKE.github)],
        ["line 400", "vault-token", secretFingerprint(FAKE.vault)],
      ]);
      expect(res.bytes).toBe(statSync(file).size);
    }
  });

  it("a line longer than a chunk is scanned in overlapping pieces: every secret once, at its column, memory bounded by the chunk", () => {
    const dir = mkdtempSync(join(work, "longline-"));
    const file = join(dir, "t.jsonl");
    const filler = "lorem ipsum dolor ".repeat(20_000);
    const text = `${filler}export GITHUB_TOKEN=${FAKE.github} ${filler}vault ${FAKE.vault} ${filler}`;
    writeFileSync(file, `${JSON.stringify({ text })}\nnext\n`);
    const colOf = (s: string) =>
      Buffer.byteLength(JSON.stringify({ text }).slice(0, JSON.stringify({ text }).indexOf(s))) + 1;
    const want = [
      ["line 1", "github-token", secretFingerprint(FAKE.github), colOf(FAKE.github)],
      ["line 1", "vault-token", secretFingerprint(FAKE.vault), colOf(FAKE.vault)],
    ];
    // chunk sizes that cut the line everywhere, including through each secret
    for (const chunk of [4096, 4099, 65_536, 32 * 1024 * 1024]) {
      const res = scanTextFile({ kind: "file", path: file, rel: "t.jsonl" }, chunk);
      expect(res.hits.map((h) => [h.where, h.ruleId, h.fingerprint, h.location.column])).toEqual(want);
      expect(res.bytes).toBe(statSync(file).size);
    }
  });
});
