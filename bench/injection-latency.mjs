#!/usr/bin/env node
// Bench: classifyInjection latency (rules + model) p50/p99 on 1 KB and 64 KB texts.
//   npm run bench:injection
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const { classifyInjection } = await import(join(root, "dist", "detect", "injection-classify.js"));
const para =
  "The quarterly report shows revenue growth across all regions, with the system team noting that override flags were ignored in tests. ";
const make = (bytes) => para.repeat(Math.ceil(bytes / para.length)).slice(0, bytes);
classifyInjection(make(1024));
for (const [label, bytes, runs] of [
  ["1 KB", 1024, 2000],
  ["64 KB", 65536, 200],
]) {
  const text = make(bytes);
  const ms = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    classifyInjection(text);
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  console.log(
    `${label}: p50 ${ms[Math.floor(runs * 0.5)].toFixed(3)} ms, p99 ${ms[Math.floor(runs * 0.99)].toFixed(3)} ms`,
  );
}
