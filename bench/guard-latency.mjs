#!/usr/bin/env node
// Bench: the guard's per-hook latency (p50/p99) for 1 KB, 64 KB and 1 MB payloads on before_tool_call (an exec
// command) and message_sending (a reply), in-process, as OpenClaw calls the plugin's handlers.
//   npm run bench:guard
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const { Guard } = await import(join(root, "dist", "guard", "engine.js"));
const { loadPolicy } = await import(join(root, "dist", "guard", "policy.js"));
const guard = new Guard({
  policy: loadPolicy({ profile: "production" }),
  paths: { home: "/home/op", stateDir: "/home/op/.openclaw", extra: [] },
});
const prose = "Deployed build 4f9a2c1d to staging; tests passed, 3 warnings about deprecated flags. ";
const cmdLine = "grep -rn 'import' src/ | sort | uniq -c | head -n 20 && echo done; ";
const fill = (unit, bytes) => unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);
const stat = (ms) => {
  ms.sort((a, b) => a - b);
  return `p50 ${ms[Math.floor(ms.length * 0.5)].toFixed(3)} ms  p99 ${ms[Math.floor(ms.length * 0.99)].toFixed(3)} ms`;
};
await guard.handle(
  "before_tool_call",
  { toolName: "exec", params: { command: "ls" } },
  { sessionKey: "warm" },
);
console.log("| hook | payload | latency |\n|---|---|---|");
for (const [label, bytes, runs] of [
  ["1 KB", 1024, 1000],
  ["64 KB", 65536, 200],
  ["1 MB", 1 << 20, 20],
]) {
  const tool = [];
  const msg = [];
  const command = fill(cmdLine, bytes);
  const content = fill(prose, bytes);
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    await guard.handle(
      "before_tool_call",
      { toolName: "exec", params: { command } },
      { sessionKey: `b${i % 50}` },
    );
    tool.push(performance.now() - t);
    t = performance.now();
    await guard.handle("message_sending", { to: "telegram:1", content }, { sessionKey: `b${i % 50}` });
    msg.push(performance.now() - t);
  }
  console.log(`| before_tool_call | ${label} | ${stat(tool)} |`);
  console.log(`| message_sending | ${label} | ${stat(msg)} |`);
}
