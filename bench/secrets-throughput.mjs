#!/usr/bin/env node
/**
 * Bench (a): secret scan of a synthetic large state dir (JSONL transcripts + SQLite transcripts
 * with zstd rows + task_runs), next to secretlint's recommended preset on the same JSONL files.
 *
 *   npm run bench:secrets                      (builds, then runs this)
 *   node bench/secrets-throughput.mjs [--size-mb 1100] [--secretlint-mb 64] [--dir bench/out/secrets-state]
 *
 * Each scanner runs in a fresh child process so its peak RSS is its own.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join, relative, resolve } from "node:path";

const repo = resolve(import.meta.dirname, "..");
const dist = join(repo, "dist");
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};

async function scanChild(root) {
  const { inventoryStateDir } = await import(join(dist, "deployment", "state-dir.js"));
  const { scanStateSecrets } = await import(join(dist, "deployment", "secret-scan.js"));
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const inv = inventoryStateDir(root);
  const fact = await scanStateSecrets(root, inv, { workers: Number(opt("--workers", "2")) });
  const wallS = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  if (!fact.known) throw new Error(fact.reason);
  const diskBytes = inv.entries
    .filter((e) => e.kind === "file" && /\.(jsonl|sqlite|sqlite-wal)$/.test(e.path))
    .reduce((n, e) => n + e.size, 0);
  return {
    wallS,
    cpuS: (cpu.user + cpu.system) / 1e6,
    textBytes: fact.value.bytesScanned,
    diskBytes,
    files: fact.value.filesScanned,
    hits: fact.value.hits.map((h) => h.fingerprint),
    incomplete: fact.value.incomplete.length,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
  };
}

async function secretlintChild(root, sampleMB, manifestPath) {
  const { lintSource } = await import("@secretlint/core");
  const { creator } = await import("@secretlint/secretlint-rule-preset-recommend");
  const { inventoryStateDir } = await import(join(dist, "deployment", "state-dir.js"));
  const m = JSON.parse(readFileSync(manifestPath, "utf8"));
  const files = inventoryStateDir(root)
    .entries.filter((e) => e.kind === "file" && e.path.endsWith(".jsonl"))
    .map((e) => join(root, e.path));
  const config = { rules: [{ id: "@secretlint/secretlint-rule-preset-recommend", rule: creator }] };
  let bytes = 0;
  const linted = [];
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (const file of files) {
    if (bytes >= sampleMB * 1024 * 1024) break;
    const content = readFileSync(file, "utf8");
    const res = await lintSource({
      source: { filePath: file, content, contentType: "text" },
      options: { config },
    });
    bytes += Buffer.byteLength(content);
    linted.push({ file, ranges: res.messages.map((msg) => msg.range) });
  }
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  let expected = 0;
  let found = 0;
  for (const { file, ranges } of linted) {
    const content = readFileSync(file, "utf8");
    for (const p of m.planted.jsonl) {
      const at = content.indexOf(p.value);
      if (at === -1) continue;
      expected++;
      if (ranges.some((r) => r[0] < at + p.value.length && at < r[1])) found++;
    }
  }
  return {
    wallS: wall,
    cpuS: (cpu.user + cpu.system) / 1e6,
    textBytes: bytes,
    files: files.length,
    expected,
    found,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
  };
}

/** secretlint's CLI as users run it (process start included), over the same sample files. */
function secretlintCli(root, sampleMB, manifestPath) {
  const m = JSON.parse(readFileSync(manifestPath, "utf8"));
  const files = [];
  let bytes = 0;
  for (const e of readdirSync(join(root, "agents"), { recursive: true })) {
    if (!String(e).endsWith(".jsonl") || bytes >= sampleMB * 1024 * 1024) continue;
    const f = join(root, "agents", String(e));
    files.push(f);
    bytes += statSync(f).size;
  }
  const rc = join(os.tmpdir(), `cw-secretlintrc-${process.pid}.json`);
  writeFileSync(rc, JSON.stringify({ rules: [{ id: "@secretlint/secretlint-rule-preset-recommend" }] }));
  const bin = join(repo, "node_modules", "secretlint", "bin", "secretlint.js");
  const timeBin = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;
  // secretlint only lints files under its cwd.
  const report = join(os.tmpdir(), `cw-secretlint-report-${process.pid}.json`);
  const argv = [
    process.execPath,
    bin,
    "--secretlintrc",
    rc,
    "--format",
    "json",
    "--output",
    report,
    ...files.map((f) => relative(root, f)),
  ];
  const t0 = performance.now();
  const r = spawnSync(timeBin ?? argv[0], timeBin ? ["-f", "%M", ...argv] : argv.slice(1), {
    encoding: "utf8",
    maxBuffer: 1 << 30,
    cwd: root,
  });
  const wallS = (performance.now() - t0) / 1000;
  rmSync(rc, { force: true });
  const peakRssMB = timeBin ? Number(r.stderr.trim().split("\n").pop()) / 1024 : Number.NaN;
  let expected = 0;
  let found = 0;
  const results = existsSync(report) ? JSON.parse(readFileSync(report, "utf8")) : [];
  rmSync(report, { force: true });
  if (r.status !== 0 && r.status !== 1)
    throw new Error(`secretlint exited ${r.status}: ${r.stderr.slice(0, 300)}`);
  for (const result of results) {
    const content = readFileSync(resolve(root, result.filePath), "utf8");
    for (const p of m.planted.jsonl) {
      const at = content.indexOf(p.value);
      if (at === -1) continue;
      expected++;
      if (result.messages.some((msg) => msg.range[0] < at + p.value.length && at < msg.range[1])) found++;
    }
  }
  return { wallS, textBytes: bytes, files: files.length, expected, found, peakRssMB };
}

function child(mode, ...rest) {
  const out = execFileSync(process.execPath, [import.meta.filename, mode, ...rest], {
    encoding: "utf8",
    maxBuffer: 1 << 28,
    stdio: ["ignore", "pipe", "inherit"],
  });
  return JSON.parse(out);
}

const mb = (b) => b / (1024 * 1024);
const loadNote = () =>
  `loadavg ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")} on ${os.availableParallelism()} cores`;
const fmt = (n, d = 1) => n.toFixed(d);

async function main() {
  const { generateState } = await import("./secrets-gen.mjs");
  const { secretFingerprint } = await import(join(dist, "util", "fingerprint.js"));
  const root = resolve(opt("--dir", join(repo, "bench", "out", "secrets-state")));
  const sizeMB = Number(opt("--size-mb", "1100"));
  const t0 = performance.now();
  const m = generateState(root, sizeMB);
  const manifestPath = join(root, "..", `${root.split("/").pop()}.planted.json`);
  console.log(`synthetic state dir: ${root}`);
  console.log(
    `  ${fmt(mb(m.transcriptBytes), 0)} MiB of transcript text (half JSONL over 300 sessions, half SQLite over 4 agent DBs + task_runs), ` +
      `zstd rows: ${m.zstdReal ? "real zstd (Node 24 zlib, level 1)" : "raw-block frames (no Node 24 found: decoding is cheaper than real data)"}; ` +
      `generated/reused in ${fmt((performance.now() - t0) / 1000)} s`,
  );
  const planted = [...m.planted.jsonl, ...m.planted.sqlite];
  console.log(
    `  planted secrets: ${planted.length} (${m.planted.jsonl.length} in JSONL, ${m.planted.sqlite.length} in SQLite)`,
  );

  const ours = child("--scan", root);
  const hitSet = new Set(ours.hits);
  const recalled = planted.filter((p) => hitSet.has(secretFingerprint(p.value))).length;
  const missedKinds = [
    ...new Set(planted.filter((p) => !hitSet.has(secretFingerprint(p.value))).map((p) => p.kind)),
  ];
  const oursMBs = mb(ours.textBytes) / ours.wallS;
  console.log("\nclawwarden scanStateSecrets (2 worker threads)");
  console.log(
    `  wall ${fmt(ours.wallS, 2)} s for ${fmt(mb(ours.textBytes), 0)} MiB of text (${fmt(mb(ours.diskBytes), 0)} MiB on disk), ${ours.files} files/DBs`,
  );
  console.log(
    `  throughput ${fmt(oursMBs, 0)} MiB/s of text, ${fmt(mb(ours.diskBytes) / ours.wallS, 0)} MiB/s on disk; peak RSS ${fmt(ours.peakRssMB, 0)} MiB`,
  );
  console.log(
    `  recall on planted secrets ${recalled}/${planted.length} (${fmt((100 * recalled) / planted.length)}%)${missedKinds.length ? `, missed kinds: ${missedKinds.join(", ")}` : ""}; ${ours.hits.length} hits in total, ${ours.incomplete} incomplete`,
  );
  console.log(
    `  CPU time ${fmt(ours.cpuS, 2)} s (all threads): ${fmt(mb(ours.textBytes) / ours.cpuS, 0)} MiB per CPU-second`,
  );
  console.log(
    `  1 GiB extrapolated: ${fmt(1024 / oursMBs, 2)} s wall, ${fmt(1024 / (mb(ours.textBytes) / ours.cpuS) / 2, 2)} s on 2 idle cores`,
  );
  console.log(`  machine load while measuring: ${loadNote()}`);

  const sampleMB = Number(opt("--secretlint-mb", "64"));
  const sl = child("--secretlint", root, String(sampleMB), manifestPath);
  const slMBs = mb(sl.textBytes) / sl.wallS;
  console.log(
    `\nsecretlint@10 preset-recommend (@secretlint/core lintSource, 1 thread) on a ${fmt(mb(sl.textBytes), 0)} MiB sample of the same JSONL files`,
  );
  console.log(
    `  wall ${fmt(sl.wallS, 2)} s, throughput ${fmt(slMBs, 1)} MiB/s; CPU ${fmt(sl.cpuS, 2)} s: ${fmt(mb(sl.textBytes) / sl.cpuS, 1)} MiB per CPU-second; peak RSS ${fmt(sl.peakRssMB, 0)} MiB`,
  );
  console.log(
    `  recall on planted secrets in the sample ${sl.found}/${sl.expected} (${fmt((100 * sl.found) / Math.max(1, sl.expected))}%)`,
  );
  console.log(
    `  extrapolated to our ${fmt(mb(ours.textBytes), 0)} MiB: ${fmt(mb(ours.textBytes) / slMBs, 1)} s (it cannot read the SQLite DBs at all; extrapolation assumes the same text)`,
  );
  const cli = secretlintCli(root, sampleMB, manifestPath);
  const cliMBs = mb(cli.textBytes) / cli.wallS;
  console.log(
    `\nsecretlint@10 CLI (preset-recommend, --format json) on ${cli.files} of the same JSONL files (${fmt(mb(cli.textBytes), 0)} MiB)`,
  );
  console.log(
    `  wall ${fmt(cli.wallS, 2)} s including process start, throughput ${fmt(cliMBs, 1)} MiB/s; peak RSS ${fmt(cli.peakRssMB, 0)} MiB`,
  );
  console.log(`  recall on planted secrets in those files ${cli.found}/${cli.expected}`);
  console.log(
    `  extrapolated to our ${fmt(mb(ours.textBytes), 0)} MiB: ${fmt(mb(ours.textBytes) / cliMBs, 1)} s`,
  );
  const perCpuOurs = mb(ours.textBytes) / ours.cpuS;
  const perCpuSl = mb(sl.textBytes) / sl.cpuS;
  console.log(
    `\nspeed-up: ${fmt(oursMBs / cliMBs, 1)}x secretlint's CLI, ${fmt(oursMBs / slMBs, 1)}x its core API (wall); ${fmt(perCpuOurs / perCpuSl, 1)}x per CPU-second vs the core API (target >= 10x); 1 GiB target < 3 s on 2 cores`,
  );
}

if (args[0] === "--scan") {
  process.stdout.write(JSON.stringify(await scanChild(args[1])));
} else if (args[0] === "--secretlint") {
  process.stdout.write(JSON.stringify(await secretlintChild(args[1], Number(args[2]), args[3])));
} else {
  statSync(join(dist, "deployment", "secret-scan.js"));
  await main();
}
