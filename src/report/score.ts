import { severityRank } from "../catalog/run.js";
import type { ItemResult, Priority, Severity, Status } from "../catalog/types.js";

const weight: Record<Priority, number> = { P0: 3, P1: 2, P2: 1 };
const credit: Partial<Record<Status, number>> = { pass: 1, warn: 0.5, fail: 0, manual: 0 };

export interface Summary {
  total: number;
  counts: Record<Status, number>;
  /** 0–100, weighted by priority (P0 3, P1 2, P2 1) over decided items: pass 1, warn ½, fail and unattested manual 0. */
  index: number;
  /** Items that could be decided (not unknown, not skipped) out of the applicable ones. */
  coverage: { decided: number; applicable: number };
  failing: Record<Exclude<Severity, "info">, number>;
}

export function summarize(results: readonly ItemResult[]): Summary {
  const counts: Record<Status, number> = { pass: 0, fail: 0, warn: 0, manual: 0, skip: 0, unknown: 0 };
  const failing = { critical: 0, high: 0, medium: 0, low: 0 };
  let earned = 0;
  let possible = 0;
  for (const r of results) {
    counts[r.status]++;
    const c = credit[r.status];
    if (c !== undefined) {
      earned += c * weight[r.item.priority];
      possible += weight[r.item.priority];
    }
    for (const f of r.findings) {
      if (f.status === "fail" && !f.suppressed && f.severity !== "info") failing[f.severity]++;
    }
  }
  const applicable = results.length - counts.skip;
  return {
    total: results.length,
    counts,
    index: possible === 0 ? 0 : Math.round((earned / possible) * 100),
    coverage: { decided: applicable - counts.unknown, applicable },
    failing,
  };
}

export type FailOn = Exclude<Severity, "info"> | "none";

/** Exit code 1 when a failing (not suppressed) finding is at or above the threshold. */
export function exitCodeFor(results: readonly ItemResult[], failOn: FailOn): 0 | 1 {
  if (failOn === "none") return 0;
  const threshold = severityRank[failOn];
  const hit = results.some((r) =>
    r.findings.some(
      (f) => f.status === "fail" && !f.suppressed && !f.baselined && severityRank[f.severity] >= threshold,
    ),
  );
  return hit ? 1 : 0;
}
