#!/usr/bin/env node
// Bench: hash-chained event log, records appended (sealed, scrubbed, fsync'd in batches) and verified per second.
//   npm run bench:events
//   node bench/events-throughput.mjs --records 100000
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const { EventLog } = await import(join(root, "dist", "events", "log.js"));
const { verifyEvents } = await import(join(root, "dist", "events", "verify.js"));
const args = process.argv.slice(2);
const N = args.includes("--records") ? Number(args[args.indexOf("--records") + 1]) : 100_000;
const dir = mkdtempSync(join(tmpdir(), "cw-bench-events-"));
try {
  const log = new EventLog(dir, { capacity: N + 1, maxBytes: 64 * 1024 * 1024 });
  let t = performance.now();
  for (let i = 0; i < N; i++) {
    log.append({
      source: "guard",
      type: "guard.decision",
      session: `agent:main:telegram:${i % 50}`,
      data: {
        hook: "before_tool_call",
        tool: "exec",
        rule: "restricted-paths",
        action: i % 7 ? "allow" : "block",
        ms: 0.04,
      },
    });
  }
  const appendMs = performance.now() - t;
  await log.flush();
  const writeMs = performance.now() - t;
  t = performance.now();
  const r = await verifyEvents(dir);
  const verifyMs = performance.now() - t;
  if (!r.ok || r.records !== N) throw new Error(`verify: ${JSON.stringify(r)}`);
  const size = statSync(join(dir, "events.jsonl")).size;
  console.log(`${N} records, ${(size / 1048576).toFixed(1)} MiB`);
  console.log(`append (hot path, enqueue only): ${((appendMs * 1000) / N).toFixed(2)} µs/record`);
  console.log(`append + seal + write:           ${Math.round(N / (writeMs / 1000))} records/s`);
  console.log(`verify:                          ${Math.round(N / (verifyMs / 1000))} records/s`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
