#!/usr/bin/env node
// Scores every row of a JSON-lines file ({"text", "label"?, "lang"?, ...}) with the shipped injection detector at
// its default threshold. stdout: {"predictions": [true|false per input row, in order]} (with --json, the only
// format). stderr: precision, recall and false-positive rate per language and per source, when labels exist.
// Verdicts never look at the label.
//   npm run eval:injection -- FILE.jsonl --json
import { createReadStream } from "node:fs";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";

const root = resolve(import.meta.dirname, "..");
const { classifyInjection } = await import(join(root, "dist", "detect", "injection-classify.js"));
const file = process.argv.slice(2).find((a) => !a.startsWith("--"));
if (!file) {
  console.error("usage: npm run eval:injection -- FILE.jsonl --json");
  process.exit(2);
}
const predictions = [];
const stats = new Map();
const bump = (key, label, pred) => {
  const s = stats.get(key) ?? { tp: 0, fp: 0, tn: 0, fn: 0 };
  if (label === 1) pred ? s.tp++ : s.fn++;
  else pred ? s.fp++ : s.tn++;
  stats.set(key, s);
};
const rl = createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY });
for await (const line of rl) {
  if (!line.trim()) continue;
  let row;
  try {
    row = JSON.parse(line);
  } catch {
    predictions.push(false);
    continue;
  }
  const text =
    typeof row.text === "string"
      ? row.text
      : typeof row.prompt === "string"
        ? row.prompt
        : JSON.stringify(row.text ?? "");
  const pred = classifyInjection(text).flagged;
  predictions.push(pred);
  const label =
    row.label === 1 || row.label === true || row.label === "1" || row.label === "injection"
      ? 1
      : row.label === undefined
        ? undefined
        : 0;
  if (label === undefined) continue;
  const lang = row.lang ?? (/[\u4e00-\u9fff]/.test(text) ? "zh" : "en");
  bump(`lang=${lang}`, label, pred);
  if (row.source) bump(`source=${row.source}`, label, pred);
}
process.stdout.write(`${JSON.stringify({ predictions })}\n`);
const pct = (n, d) => (d ? (n / d).toFixed(3) : "-");
for (const [key, s] of [...stats].sort()) {
  console.error(
    `${key.padEnd(48)} n=${s.tp + s.fp + s.tn + s.fn}  recall=${pct(s.tp, s.tp + s.fn)}  fpr=${pct(s.fp, s.fp + s.tn)}  precision=${pct(s.tp, s.tp + s.fp)}`,
  );
}
