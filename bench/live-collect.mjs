#!/usr/bin/env node
// Bench: wall time of `collectLive` (what `audit --live` adds) on this host, per collector set.
//   npm run build && node bench/live-collect.mjs --runs 5
// Target: < 1.5 s for --live on a host with a few hundred processes (the collectors run in parallel).
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf("--runs") + 1] || 5) || 5;
const { collectLive } = await import(
  join(process.env.CW_DIST ?? join(root, "dist"), "deployment", "live.js")
);

const config = {
  path: "/nonexistent/openclaw.json",
  exists: false,
  value: {},
  positions: {},
  files: [],
  envSubstituted: {},
  secretRefs: [],
  issues: [],
};
const locator = {
  stateDir: "/nonexistent",
  configPath: config.path,
  stateDirSource: "flag",
  configPathSource: "default",
  home: process.env.HOME ?? "/root",
};
const times = [];
let last;
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  last = await collectLive({ locator, config, deep: false, env: process.env, deployDirs: [root] });
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const count = (f) =>
  f.known ? (Array.isArray(f.value) ? f.value.length : "ok") : `unknown: ${f.reason.slice(0, 60)}`;
console.log(
  `collectLive (--live) median ${times[Math.floor(runs / 2)].toFixed(0)} ms, min ${times[0].toFixed(0)} ms over ${runs} runs`,
);
console.log(
  `  sockets ${count(last.sockets)}, gateway processes ${count(last.processes)}, firewall ${last.firewall.known ? last.firewall.value.source : "unknown"}, containers ${last.containers.known ? last.containers.value.containers.length : "unknown"}`,
);
