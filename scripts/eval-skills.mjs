#!/usr/bin/env node
// Evaluation harness: npm run eval:skills -- <corpus folder> [--labels FILE] [--ioc-dir DIR] [--json]
// Corpus = one folder per skill + labels.json / labels.csv / labels.tsv. Uses the built scanner in dist/.
import { join } from "node:path";
import { parseArgs } from "node:util";
import { evaluate, readLabels, renderEvaluation } from "../dist/skills/evaluate.js";
import { loadIocDb } from "../dist/skills/ioc.js";
import { scanTarget } from "../dist/skills/scan.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { labels: { type: "string" }, "ioc-dir": { type: "string" }, json: { type: "boolean" } },
});
const corpus = positionals[0];
if (!corpus) {
  process.stderr.write(
    "usage: npm run eval:skills -- <corpus folder> [--labels FILE] [--ioc-dir DIR] [--json]\n",
  );
  process.exit(2);
}
const labels = readLabels(corpus, values.labels);
const ioc = loadIocDb(values["ioc-dir"] ? { userDir: values["ioc-dir"] } : {});
const results = [];
const t0 = performance.now();
for (const [skill, label] of Object.entries(labels)) {
  const reports = await scanTarget(join(corpus, skill), { ioc });
  // A folder that holds several skills takes the worst verdict.
  const order = ["clean", "review", "incomplete", "suspicious", "malicious"];
  const verdict =
    reports.map((r) => r.verdict).sort((a, b) => order.indexOf(b) - order.indexOf(a))[0] ?? "clean";
  results.push({ skill, label, verdict });
}
const e = evaluate(results);
if (values.json) process.stdout.write(`${JSON.stringify(e, null, 2)}\n`);
else
  process.stdout.write(
    `${renderEvaluation(e)}scanned in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
  );
