#!/usr/bin/env node
// Derives indirect-injection training rows from BIPIA's *train* files (never its test files): each train text
// attack inserted at the start, middle or end of train emails and tables, plus the clean contexts as negatives.
// Reads a local snapshot of github.com/microsoft/BIPIA (pass its git dir); writes training/injection/sources/bipia-derived.jsonl.
//   node scripts/make-injection-data.mjs /path/to/BIPIA.git
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const gitDir = process.argv[2];
if (!gitDir) {
  console.error("usage: node scripts/make-injection-data.mjs <BIPIA git dir>");
  process.exit(2);
}
const show = (path) =>
  execFileSync("git", ["--git-dir", gitDir, "show", `HEAD:${path}`], {
    encoding: "utf8",
    maxBuffer: 64 << 20,
  });
const commit = execFileSync("git", ["--git-dir", gitDir, "rev-parse", "HEAD"], { encoding: "utf8" }).trim();
const attacks = Object.values(JSON.parse(show("benchmark/text_attack_train.json"))).flat();
const lines = (p) =>
  show(p)
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));
const emails = lines("benchmark/email/train.jsonl").map((r) => r.context);
const tables = lines("benchmark/table/train.jsonl")
  .map((r) => r.context)
  .filter((c) => c.length < 2500);
let seed = 7;
const rand = () => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed / 2 ** 32;
};
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const insert = (context, attack, at) => {
  if (at === "start") return `${attack}\n${context}`;
  if (at === "end") return `${context}\n${attack}`;
  const ls = context.split("\n");
  const mid = Math.floor(ls.length / 2);
  return [...ls.slice(0, mid), attack, ...ls.slice(mid)].join("\n");
};
const out = [];
const tableSample = [];
for (let i = 0; i < 160; i++) tableSample.push(pick(tables));
for (const [kind, contexts] of [
  ["table", tableSample],
  ["email", emails],
]) {
  contexts.forEach((c, i) => {
    out.push({ text: c, label: 0, lang: "en", source: `bipia-train-derived/${kind}-clean` });
    const at = ["start", "middle", "end"][i % 3];
    out.push({
      text: insert(c, pick(attacks), at),
      label: 1,
      lang: "en",
      source: `bipia-train-derived/${kind}-attack@${at}`,
    });
  });
}
writeFileSync(
  join(root, "training", "injection", "sources", "bipia-derived.jsonl"),
  `${out.map((r) => JSON.stringify(r)).join("\n")}\n`,
);
console.error(
  `BIPIA ${commit}: ${out.length} rows (${attacks.length} train attacks, ${emails.length} emails, ${tableSample.length} tables)`,
);
