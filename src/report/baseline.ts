/**
 * Baselines: today's failing and warning findings by fingerprint, so CI fails only on new ones
 * (`audit --baseline FILE`). Baselined findings stay in every format, marked, and do not count for the
 * exit code. A finding's fingerprint is its check id plus its subject (a key path, a channel, a file).
 */
import type { AuditReport } from "./model.js";

export const BASELINE_FORMAT = "clawwarden-baseline/1";

export interface Baseline {
  format: typeof BASELINE_FORMAT;
  createdAt: string;
  stateDir: string;
  findings: Array<{ fingerprint: string; checkId: string; status: string; message: string }>;
}

export function createBaseline(report: AuditReport): Baseline {
  return {
    format: BASELINE_FORMAT,
    createdAt: report.takenAt,
    stateDir: report.target.stateDir,
    findings: report.items.flatMap((r) =>
      r.findings
        .filter((f) => f.status === "fail" || f.status === "warn")
        .map((f) => ({
          fingerprint: f.fingerprint,
          checkId: f.checkId,
          status: f.status,
          message: f.message,
        })),
    ),
  };
}

/** Validates a parsed baseline file; returns an error message or undefined. */
export function baselineProblem(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null) return "not a JSON object";
  const b = value as Partial<Baseline>;
  if (b.format !== BASELINE_FORMAT) return `format must be "${BASELINE_FORMAT}"`;
  if (!Array.isArray(b.findings) || b.findings.some((f) => typeof f?.fingerprint !== "string"))
    return "findings must be a list of { fingerprint, checkId, … }";
  return undefined;
}

/** Marks the report's findings that the baseline knows. Returns how many were marked. */
export function applyBaseline(report: AuditReport, baseline: Baseline): number {
  const known = new Set(baseline.findings.map((f) => f.fingerprint));
  let marked = 0;
  for (const r of report.items) {
    r.findings = r.findings.map((f) => {
      if ((f.status !== "fail" && f.status !== "warn") || !known.has(f.fingerprint)) return f;
      marked++;
      return { ...f, baselined: true };
    });
  }
  return marked;
}
