#!/usr/bin/env node
// Decision table of the guard on a labelled event set (JSON lines of {hook, event, ctx, expect, lang}): expect
// "stop" (the guard must block or ask), "pass" (it must return nothing), "redact" (the returned content must
// contain `contains` and keep `keeps` exactly). Prints per language: recall of stop decisions, false positives on
// benign work, redaction exactness.
//   npm run eval:guard -- [FILE.jsonl] [--profile production]
import { createReadStream } from "node:fs";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";

const root = resolve(import.meta.dirname, "..");
const { Guard } = await import(join(root, "dist", "guard", "engine.js"));
const { loadPolicy } = await import(join(root, "dist", "guard", "policy.js"));
const args = process.argv.slice(2);
const profile = args.includes("--profile") ? args[args.indexOf("--profile") + 1] : "production";
const file =
  args.find((a, i) => !a.startsWith("--") && args[i - 1] !== "--profile") ??
  join(root, "test", "fixtures", "guard", "labelled-events.jsonl");
const guard = new Guard({
  policy: loadPolicy({ profile }),
  paths: { home: "/home/op", stateDir: "/home/op/.openclaw", extra: [] },
});
const t = {};
const misses = [];
for await (const line of createInterface({ input: createReadStream(file) })) {
  if (!line.trim()) continue;
  const row = JSON.parse(line);
  const r = await guard.handle(row.hook, row.event, row.ctx);
  const lang = row.lang ?? "en";
  t[lang] ??= { stop: 0, stopped: 0, pass: 0, falsePos: 0, redact: 0, exact: 0 };
  const s = t[lang];
  if (row.expect === "stop") {
    s.stop++;
    if (r && (r.block || r.requireApproval || r.cancel || r.outcome === "block")) s.stopped++;
    else misses.push(`missed stop: ${JSON.stringify(row.event).slice(0, 120)}`);
  } else if (row.expect === "pass") {
    s.pass++;
    if (r !== undefined) {
      s.falsePos++;
      misses.push(
        `false positive: ${JSON.stringify(row.event).slice(0, 120)} → ${JSON.stringify(r).slice(0, 120)}`,
      );
    }
  } else if (row.expect === "redact") {
    s.redact++;
    if (r?.content?.includes(row.contains) && r.content.includes(row.keeps)) s.exact++;
    else misses.push(`inexact redaction: ${JSON.stringify(r)?.slice(0, 160)}`);
  }
}
console.log(`profile ${profile}`);
console.log("| lang | stop recall | false positives on benign | redaction exact |");
console.log("|---|---|---|---|");
for (const [lang, s] of Object.entries(t)) {
  console.log(`| ${lang} | ${s.stopped}/${s.stop} | ${s.falsePos}/${s.pass} | ${s.exact}/${s.redact} |`);
}
for (const m of misses) console.log(`- ${m}`);
