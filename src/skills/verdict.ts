import type { Severity } from "../model/finding.js";
import type { Confidence, SkillFinding, Verdict } from "./types.js";

const SEV: Severity[] = ["info", "low", "medium", "high", "critical"];

/** Severity after confidence: low-confidence findings count one step lower. */
export function effectiveLevel(severity: Severity, confidence: Confidence): number {
  const i = SEV.indexOf(severity);
  return confidence === "low" ? Math.max(0, i - 1) : i;
}

/**
 * Verdict of one skill from its findings:
 * - malicious: a critical finding (confidence ≥ medium), or high findings in two or more categories;
 * - suspicious: a high finding, or a critical one with low confidence;
 * - review: a medium finding;
 * - clean otherwise — unless something could not be analysed: then `incomplete`, never `clean`/`review`.
 */
export function verdictOf(findings: SkillFinding[], incomplete: boolean): Verdict {
  let verdict: Verdict = "clean";
  const highCategories = new Set<string>();
  for (const f of findings) {
    const level = effectiveLevel(f.severity, f.confidence);
    if (level >= 4) return "malicious";
    if (level === 3) highCategories.add(f.category);
    if (level === 3) verdict = "suspicious";
    else if (level === 2 && verdict === "clean") verdict = "review";
  }
  if (highCategories.size >= 2) return "malicious";
  if (incomplete && (verdict === "clean" || verdict === "review")) return "incomplete";
  return verdict;
}
