#!/usr/bin/env node
// Bench: `backup create`, `verify` and `restore` on a generated state dir (default 1 GiB: a 256 MiB live WAL
// SQLite database, 512 MiB of JSONL transcripts, 256 MiB of incompressible media), MB/s for each and peak RSS.
//   npm run bench:backup                 (builds first)
//   node bench/backup-throughput.mjs --mb 256
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { generateIdentity, identityToRecipient } from "age-encryption";
import Database from "better-sqlite3";

const root = resolve(import.meta.dirname, "..");
const { createBackup } = await import(join(root, "dist", "backup", "create.js"));
const { readBackup } = await import(join(root, "dist", "backup", "read.js"));
const { restoreBackup } = await import(join(root, "dist", "backup", "restore.js"));
const args = process.argv.slice(2);
const mb = Number(args[args.indexOf("--mb") + 1] || 1024);

const work = mkdtempSync(join(tmpdir(), "cw-bench-backup-"));
try {
  const state = join(work, "state");
  mkdirSync(join(state, "agents", "main", "sessions"), { recursive: true });
  mkdirSync(join(state, "media"), { recursive: true });
  const db = new Database(join(state, "openclaw.sqlite"));
  db.pragma("journal_mode = WAL");
  db.exec("CREATE TABLE events (id INTEGER PRIMARY KEY, body TEXT)");
  const ins = db.prepare("INSERT INTO events (body) VALUES (?)");
  const row = `{"role":"assistant","text":"${"lorem ipsum dolor sit amet ".repeat(150)}"}`;
  const rows = Math.floor(((mb / 4) * 1024 * 1024) / row.length);
  db.transaction(() => {
    for (let i = 0; i < rows; i++) ins.run(row);
  })();
  const line = `${JSON.stringify({ type: "message", text: "the quick brown fox ".repeat(40) })}\n`;
  const chunk = line.repeat(Math.ceil((1024 * 1024) / line.length));
  for (let f = 0; f < mb / 2 / 8; f++) {
    writeFileSync(join(state, "agents", "main", "sessions", `s${f}.jsonl`), chunk.repeat(8));
  }
  for (let f = 0; f < mb / 4 / 8; f++)
    writeFileSync(join(state, "media", `m${f}.bin`), randomBytes(8 * 1024 * 1024));
  const total = du(state);
  const id = await generateIdentity();
  const keys = { recipients: [await identityToRecipient(id)], identities: [id] };
  const out = join(work, "b.tar.gz.age");
  const rate = (ms) => `${(total / 1048576 / (ms / 1000)).toFixed(1)} MB/s`;
  let t = performance.now();
  await createBackup({ stateDir: state, out, keys: { ...keys, identities: [] }, env: {} });
  const createMs = performance.now() - t;
  t = performance.now();
  const report = await readBackup(out, keys);
  const verifyMs = performance.now() - t;
  if (report.problems.length) throw new Error(report.problems.join("; "));
  t = performance.now();
  await restoreBackup({ file: out, keys, to: join(work, "restored"), force: false });
  const restoreMs = performance.now() - t;
  db.close();
  console.log(
    `state dir ${(total / 1048576).toFixed(0)} MiB → backup ${(statSync(out).size / 1048576).toFixed(0)} MiB`,
  );
  console.log(`create  ${(createMs / 1000).toFixed(1)} s  ${rate(createMs)}`);
  console.log(`verify  ${(verifyMs / 1000).toFixed(1)} s  ${rate(verifyMs)}`);
  console.log(`restore ${(restoreMs / 1000).toFixed(1)} s  ${rate(restoreMs)}`);
  console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

function du(dir) {
  let n = 0;
  for (const d of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (d.isFile()) n += statSync(join(d.parentPath ?? d.path, d.name)).size;
  }
  return n;
}
