#!/usr/bin/env node
// Bench: `clawwarden watch` idle CPU (nothing changes for --idle seconds, default 60) and alert latency from a
// config change to the webhook receiving the regression (default debounce 2 s included), over --changes edits.
//   npm run bench:watch
//   node bench/watch-idle-latency.mjs --idle 60 --changes 6
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const { Watcher } = await import(join(root, "dist", "watch", "watcher.js"));
const args = process.argv.slice(2);
const flag = (n, d) => (args.includes(n) ? Number(args[args.indexOf(n) + 1]) : d);
const IDLE_S = flag("--idle", 60);
const CHANGES = flag("--changes", 6);

const work = mkdtempSync(join(tmpdir(), "cw-bench-watch-"));
const received = [];
const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    received.push(Date.now());
    res.writeHead(200).end();
  });
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
try {
  cpSync(join(root, "examples"), join(work, "examples"), { recursive: true });
  execFileSync("bash", [join(work, "examples", "apply-modes.sh"), join(work, "examples")]);
  const stateDir = join(work, "examples", "hardened");
  writeFileSync(
    join(work, "clawwarden.json"),
    JSON.stringify({
      watch: {
        rules: [{ name: "n01", match: { type: "audit.regression", items: ["N-01"] }, dedup: "1ms" }],
        sinks: [{ type: "webhook", name: "hook", url: `http://127.0.0.1:${server.address().port}/` }],
      },
    }),
  );
  const watcher = new Watcher({
    collect: {
      env: { OPENCLAW_GATEWAY_TOKEN: "Zk3v9QpL2mN8xR4tW7yB1cD6", HOME: work },
      cwd: work,
      stateDir,
      live: false,
      deep: false,
      openclaw: false,
      skills: true,
    },
    env: {},
  });
  await watcher.start();
  // settle: the first audit's own tail (GC, closing its readers) is not idle cost
  await new Promise((r) => setTimeout(r, 3000));
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, IDLE_S * 1000));
  const cpu = process.cpuUsage(cpu0);
  const wall = performance.now() - t0;
  console.log(
    `idle ${IDLE_S} s: ${((cpu.user + cpu.system) / 1000).toFixed(1)} ms CPU (${(((cpu.user + cpu.system) / 1000 / wall) * 100).toFixed(3)}% of one core)`,
  );
  const cfg = join(stateDir, "openclaw.json");
  const original = readFileSync(cfg, "utf8");
  const latencies = [];
  for (let i = 0; i < CHANGES; i++) {
    const before = received.length;
    const t = Date.now();
    writeFileSync(cfg, original.replace('"bind": "loopback"', '"bind": "lan"'));
    while (received.length === before) await new Promise((r) => setTimeout(r, 10));
    latencies.push(received[received.length - 1] - t);
    writeFileSync(cfg, original);
    await new Promise((r) => setTimeout(r, 4000));
  }
  latencies.sort((a, b) => a - b);
  console.log(
    `alert latency config change → webhook (debounce 2 s included), ${CHANGES} edits: median ${latencies[Math.floor(latencies.length / 2)]} ms, max ${latencies.at(-1)} ms`,
  );
  await watcher.stop();
} finally {
  server.close();
  rmSync(work, { recursive: true, force: true });
}
