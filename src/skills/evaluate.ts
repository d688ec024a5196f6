import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../util/errors.js";
import { VERDICT_ORDER, type Verdict, verdictRank } from "./types.js";

/**
 * Evaluation of the scanner on a labelled corpus (one folder per skill plus a labels file):
 * precision, recall and false-positive rate per verdict threshold, and per-category confusion.
 */

export interface Label {
  label: "malicious" | "benign";
  category: string;
}

/** labels.json ({"skills": {dir: {label, category}}} or {dir: "malicious"}) or labels.csv/.tsv (dir,label[,category]). */
export function readLabels(corpus: string, file?: string): Record<string, Label> {
  const candidates = file ? [file] : ["labels.json", "labels.csv", "labels.tsv"].map((f) => join(corpus, f));
  const path = candidates.find((p) => existsSync(p));
  if (!path) throw new InputError("no labels file (labels.json, labels.csv or labels.tsv)", { file: corpus });
  const text = readFileSync(path, "utf8");
  const out: Record<string, Label> = {};
  const norm = (l: string): Label["label"] => {
    const v = l.trim().toLowerCase();
    if (["malicious", "malware", "bad", "1", "true"].includes(v)) return "malicious";
    if (["benign", "clean", "good", "0", "false"].includes(v)) return "benign";
    throw new InputError(`unknown label "${l}"`, { file: path });
  };
  if (path.endsWith(".json")) {
    const raw = JSON.parse(text) as Record<string, unknown>;
    const skills = (raw.skills ?? raw) as Record<string, unknown>;
    for (const [dir, v] of Object.entries(skills)) {
      if (dir === "format") continue;
      if (typeof v === "string")
        out[dir] = { label: norm(v), category: norm(v) === "benign" ? "benign" : "uncategorised" };
      else {
        const o = v as { label?: string; category?: string };
        const label = norm(o.label ?? "");
        out[dir] = { label, category: o.category ?? (label === "benign" ? "benign" : "uncategorised") };
      }
    }
  } else {
    const sep = path.endsWith(".tsv") ? "\t" : ",";
    text.split("\n").forEach((line, i) => {
      const cells = line.split(sep).map((c) => c.trim());
      if (!cells[0] || cells[0].startsWith("#") || (i === 0 && /^(?:dir|skill|name)$/i.test(cells[0])))
        return;
      const label = norm(cells[1] ?? "");
      out[cells[0]] = { label, category: cells[2] || (label === "benign" ? "benign" : "uncategorised") };
    });
  }
  return out;
}

export interface ThresholdRow {
  threshold: Verdict;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: number;
  recall: number;
  fpr: number;
}

export interface Evaluation {
  total: number;
  thresholds: ThresholdRow[];
  /** category → verdict → count. */
  confusion: Record<string, Record<Verdict, number>>;
  misses: Array<{ skill: string; label: Label; verdict: Verdict }>;
}

export const THRESHOLDS: Verdict[] = ["review", "incomplete", "suspicious", "malicious"];

export function evaluate(
  results: Array<{ skill: string; label: Label; verdict: Verdict }>,
  missAt: Verdict = "suspicious",
): Evaluation {
  const thresholds = THRESHOLDS.map((threshold): ThresholdRow => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    let tn = 0;
    for (const r of results) {
      const flagged = verdictRank(r.verdict) >= verdictRank(threshold);
      if (r.label.label === "malicious") flagged ? tp++ : fn++;
      else flagged ? fp++ : tn++;
    }
    const ratio = (a: number, b: number) => (b === 0 ? Number.NaN : a / b);
    return {
      threshold,
      tp,
      fp,
      fn,
      tn,
      precision: ratio(tp, tp + fp),
      recall: ratio(tp, tp + fn),
      fpr: ratio(fp, fp + tn),
    };
  });
  const confusion: Evaluation["confusion"] = {};
  for (const r of results) {
    const row =
      confusion[r.label.category] ??
      (Object.fromEntries(VERDICT_ORDER.map((v) => [v, 0])) as Record<Verdict, number>);
    confusion[r.label.category] = row;
    row[r.verdict]++;
  }
  const misses = results.filter(
    (r) => (r.label.label === "malicious") !== verdictRank(r.verdict) >= verdictRank(missAt),
  );
  return { total: results.length, thresholds, confusion, misses };
}

const pct = (x: number) => (Number.isNaN(x) ? "  n/a" : `${(x * 100).toFixed(1).padStart(5)}%`);

export function renderEvaluation(e: Evaluation): string {
  const lines = [
    `${e.total} labelled skill(s)`,
    "",
    "threshold    TP   FP   FN   TN  precision  recall     FP rate",
  ];
  for (const t of e.thresholds) {
    lines.push(
      `${`>= ${t.threshold}`.padEnd(12)} ${String(t.tp).padStart(3)}  ${String(t.fp).padStart(3)}  ${String(t.fn).padStart(3)}  ${String(t.tn).padStart(3)}  ${pct(t.precision)}     ${pct(t.recall)}     ${pct(t.fpr)}`,
    );
  }
  const width = Math.max(20, ...Object.keys(e.confusion).map((c) => c.length + 1));
  lines.push(
    "",
    `per-category confusion (rows: labelled category; columns: verdict)`,
    `${"category".padEnd(width)} ${VERDICT_ORDER.map((v) => v.padStart(11)).join("")}`,
  );
  for (const [cat, row] of Object.entries(e.confusion).sort())
    lines.push(`${cat.padEnd(width)} ${VERDICT_ORDER.map((v) => String(row[v]).padStart(11)).join("")}`);
  if (e.misses.length > 0) {
    lines.push("", "errors at threshold suspicious:");
    for (const m of e.misses)
      lines.push(
        `  ${m.label.label === "malicious" ? "missed" : "false positive"}: ${m.skill} (${m.label.category}) → ${m.verdict}`,
      );
  }
  return `${lines.join("\n")}\n`;
}
