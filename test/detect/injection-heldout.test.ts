import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { classifyInjection } from "../../src/detect/injection-classify.js";
import { normalise } from "../../src/detect/injection-features.js";
import { loadTrainingRows } from "../../training/injection/rows.mjs";

/**
 * The shipped detector (phrase rules + data/injection/model.json) re-measured on the held-out fifth of its own
 * training sources, split exactly as `npm run train:injection` splits them: a retrained or edited model that loses
 * recall or gains false positives fails here. The goal per language: recall >= 0.85 at FPR <= 0.05.
 */
describe("shipped injection detector on its held-out part", () => {
  const root = join(import.meta.dirname, "..", "..");
  const { train, test } = loadTrainingRows(root, normalise);
  const verdicts = test.map((r) => ({ ...r, flagged: classifyInjection(r.text).flagged }));
  const rate = (rows: typeof verdicts) => rows.filter((r) => r.flagged).length / rows.length;

  it("every manifest source names its licence and has the rows the manifest says", () => {
    const manifest = JSON.parse(
      readFileSync(join(root, "training", "injection", "manifest.json"), "utf8"),
    ) as {
      sources: Array<{ name: string; path: string; licence?: string; rows: number; split?: string }>;
    };
    for (const src of manifest.sources) {
      const lines = readFileSync(resolve(root, src.path), "utf8").trim().split("\n");
      const rows = lines.filter(
        (l) => !src.split || (JSON.parse(l) as { split?: string }).split === src.split,
      );
      expect({ name: src.name, rows: rows.length, licensed: !!src.licence }).toEqual({
        name: src.name,
        rows: src.rows,
        licensed: true,
      });
    }
  });

  it("never holds out a row it trains on, nor a carrier whose attacked copy it trains on", () => {
    const trainGroups = new Set(train.map((r) => r.group));
    expect(test.length).toBeGreaterThan(1000);
    expect(test.filter((r) => trainGroups.has(r.group))).toEqual([]);
  });

  it.each(["en", "zh"])("%s: recall >= 0.85 at a false-positive rate <= 0.05", (lang) => {
    const part = verdicts.filter((r) => r.lang === lang);
    const injections = part.filter((r) => r.label === 1);
    const benign = part.filter((r) => r.label === 0);
    expect(injections.length).toBeGreaterThan(100);
    expect(benign.length).toBeGreaterThan(100);
    expect(rate(injections)).toBeGreaterThanOrEqual(0.85);
    expect(rate(benign)).toBeLessThanOrEqual(0.05);
  });

  it.each(["en", "zh"])("%s: benign rows full of trigger words stay under the same budget", (lang) => {
    const trigger =
      /\b(?:ignore|disregard|forget|override|bypass|system|instructions?|prompts?|pretend|act as|jailbreak)\b|忽略|系统|指令|提示|扮演|越狱/i;
    const over = verdicts.filter((r) => r.lang === lang && r.label === 0 && trigger.test(r.text));
    expect(over.length).toBeGreaterThan(20);
    expect(rate(over)).toBeLessThanOrEqual(0.05);
  });
});
