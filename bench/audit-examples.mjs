#!/usr/bin/env node
// Bench (b): our audit of the bundled examples beside OpenClaw's own `openclaw security audit --json` on the
// same state dir, in the same run. Prints median wall time and peak RSS of each and the speed ratio.
//   npm run bench:audit                    (builds first)
//   node bench/audit-examples.mjs --runs 9 --openclaw-runs 3
// Target: ours < 150 ms wall per example and >= 50x faster than OpenClaw's audit.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  return i === -1 ? fallback : Number(args[i + 1]);
};
const RUNS = flag("--runs", 7);
const OPENCLAW_RUNS = flag("--openclaw-runs", 2);
const EXAMPLES = ["insecure", "hardened", "legacy-file-era"];
const cli = join(root, "dist", "cli", "main.js");
const TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;

if (!existsSync(cli)) {
  console.error(`missing ${cli}: run npm run build first (npm run bench:audit does)`);
  process.exit(2);
}

const openclawPath = spawnSync("bash", [join(root, "scripts", "install-openclaw.sh")], { encoding: "utf8" })
  .stdout.trim()
  .split("\n")
  .pop();

/**
 * Runs a command; returns wall ms (hrtime around the whole process), CPU ms (user + sys, all threads) and peak
 * RSS in MiB from GNU time. CPU time is the steadier number on a busy machine.
 */
function measure(cmd, cmdArgs, env, okCodes) {
  const argv = TIME ? ["-f", "__RSS_KB=%M __CPU_S=%U+%S", cmd, ...cmdArgs] : cmdArgs;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(TIME ?? cmd, argv, { env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (!okCodes.includes(r.status)) {
    throw new Error(`${cmd} ${cmdArgs.join(" ")} exited ${r.status}: ${(r.stderr || "").slice(-1500)}`);
  }
  const rss = /__RSS_KB=(\d+)/.exec(r.stderr ?? "");
  const cpu = /__CPU_S=([\d.]+)\+([\d.]+)/.exec(r.stderr ?? "");
  const cpuMs = cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : Number.NaN;
  return { ms, cpuMs, rssMiB: rss ? Number(rss[1]) / 1024 : Number.NaN, stdout: r.stdout };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (n, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : "n/a");

const work = mkdtempSync(join(tmpdir(), "cw-bench-audit-"));
try {
  cpSync(join(root, "examples"), join(work, "examples"), { recursive: true });
  spawnSync("bash", [join(work, "examples", "apply-modes.sh"), join(work, "examples")]);
  const home = join(work, "home");
  mkdirSync(home);
  const baseEnv = { PATH: process.env.PATH, HOME: home, NO_COLOR: "1" };
  const hardenedEnv = {
    OPENCLAW_GATEWAY_TOKEN: "bench-token-0123456789abcdefghijklmnopqrstuv",
    TELEGRAM_BOT_TOKEN: "7000000000:AAbenchbenchbenchbenchbenchbenchbe",
  };

  console.log(
    `audit of the bundled examples: ours (node ${process.version}, ${RUNS} runs) vs openclaw security audit --json (${OPENCLAW_RUNS} runs)`,
  );
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")} on ${cpus().length} cores`,
  );
  console.log(
    "example          ours wall ms median/min  ours CPU ms  ours RSS MiB  openclaw wall ms  openclaw CPU ms  openclaw RSS MiB  wall ratio  CPU ratio  failing: ours / openclaw",
  );
  const summary = [];
  for (const name of EXAMPLES) {
    const stateDir = join(work, "examples", name);
    const env = { ...baseEnv, ...(name === "hardened" ? hardenedEnv : {}) };
    const ourArgs = [cli, "audit", "--json", "--no-openclaw", "--fail-on", "none", "--state-dir", stateDir];
    measure(process.execPath, ourArgs, env, [0, 1]); // warm the page cache once
    const ours = Array.from({ length: RUNS }, () => measure(process.execPath, ourArgs, env, [0, 1]));
    const report = JSON.parse(ours[0].stdout);

    // OpenClaw 9.6 refuses a file-era dir that still has exec-approvals.json ("run openclaw doctor --fix"):
    // time it on a copy without that one file, as the differential suite does.
    let ocDir = stateDir;
    if (existsSync(join(stateDir, "exec-approvals.json"))) {
      ocDir = join(work, "without-exec-approvals", name);
      cpSync(stateDir, ocDir, { recursive: true });
      rmSync(join(ocDir, "exec-approvals.json"));
    }
    const ocEnv = {
      ...env,
      PATH: `${openclawPath}:${process.env.PATH}`,
      OPENCLAW_STATE_DIR: ocDir,
      OPENCLAW_NO_AUTO_UPDATE: "1",
      npm_config_offline: "true",
    };
    const theirs = Array.from({ length: OPENCLAW_RUNS }, () =>
      measure("openclaw", ["security", "audit", "--json"], ocEnv, [0]),
    );
    const ocReport = JSON.parse(theirs[0].stdout);

    const oursMs = median(ours.map((r) => r.ms));
    const theirsMs = median(theirs.map((r) => r.ms));
    const ratio = theirsMs / oursMs;
    const ourFailing = report.summary?.counts?.fail;
    summary.push({ name, oursMs, theirsMs, ratio });
    const oursCpu = median(ours.map((r) => r.cpuMs));
    const theirsCpu = median(theirs.map((r) => r.cpuMs));
    console.log(
      [
        name.padEnd(16),
        `${fmt(oursMs)} / ${fmt(Math.min(...ours.map((r) => r.ms)))}`.padStart(24),
        fmt(oursCpu).padStart(12),
        fmt(Math.max(...ours.map((r) => r.rssMiB))).padStart(13),
        fmt(theirsMs).padStart(17),
        fmt(theirsCpu).padStart(16),
        fmt(Math.max(...theirs.map((r) => r.rssMiB))).padStart(17),
        `${fmt(ratio, 1)}x`.padStart(11),
        `${fmt(theirsCpu / oursCpu, 1)}x`.padStart(10),
        `  ${ourFailing ?? "?"} items / ${ocReport.summary.critical} critical, ${ocReport.summary.warn} warn`,
      ].join(" "),
    );
  }
  const worst = summary.reduce((a, b) => (b.oursMs > a.oursMs ? b : a));
  const slowestRatio = Math.min(...summary.map((s) => s.ratio));
  console.log(
    `\nslowest of ours: ${fmt(worst.oursMs)} ms (${worst.name}; target < 150 ms: ${worst.oursMs < 150 ? "met" : "NOT met"}); ` +
      `smallest speed-up: ${fmt(slowestRatio, 1)}x (target >= 50x: ${slowestRatio >= 50 ? "met" : "NOT met"})`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
