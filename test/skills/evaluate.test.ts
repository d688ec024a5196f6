import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { evaluate, readLabels, renderEvaluation } from "../../src/skills/evaluate.js";

describe("evaluation harness", () => {
  it("reads JSON and CSV labels", () => {
    const d = mkdtempSync(join(tmpdir(), "cw-eval-"));
    writeFileSync(join(d, "labels.csv"), "dir,label,category\na,malicious,reverse-shell\nb,benign\n");
    expect(readLabels(d)).toEqual({
      a: { label: "malicious", category: "reverse-shell" },
      b: { label: "benign", category: "benign" },
    });
    writeFileSync(join(d, "l.json"), JSON.stringify({ x: "bad", y: { label: "clean" } }));
    expect(readLabels(d, join(d, "l.json"))).toEqual({
      x: { label: "malicious", category: "uncategorised" },
      y: { label: "benign", category: "benign" },
    });
  });

  it("computes precision, recall and FP rate per threshold and the per-category confusion", () => {
    const m = (skill: string, verdict: string, category = "x") => ({
      skill,
      label: { label: "malicious" as const, category },
      verdict: verdict as never,
    });
    const b = (skill: string, verdict: string) => ({
      skill,
      label: { label: "benign" as const, category: "benign" },
      verdict: verdict as never,
    });
    const e = evaluate([
      m("1", "malicious"),
      m("2", "suspicious"),
      m("3", "review", "y"),
      b("4", "clean"),
      b("5", "suspicious"),
      b("6", "review"),
    ]);
    const at = (t: string) => e.thresholds.find((r) => r.threshold === t);
    expect(at("review")).toMatchObject({ tp: 3, fp: 2, fn: 0, tn: 1 });
    expect(at("suspicious")).toMatchObject({
      tp: 2,
      fp: 1,
      fn: 1,
      tn: 2,
      precision: 2 / 3,
      recall: 2 / 3,
      fpr: 1 / 3,
    });
    expect(at("malicious")).toMatchObject({ tp: 1, fp: 0, recall: 1 / 3, fpr: 0 });
    expect(e.confusion.x).toMatchObject({ malicious: 1, suspicious: 1, clean: 0 });
    expect(e.misses.map((x) => x.skill)).toEqual(["3", "5"]);
    expect(renderEvaluation(e)).toContain(">= suspicious");
  });
});
