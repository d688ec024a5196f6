import type { Snapshot } from "../model/snapshot.js";
import { finding } from "./finding.js";
import { catalog } from "./index.js";
import {
  type OpenClawSuppression,
  openclawSuppressionFor,
  openclawSuppressions,
} from "./openclaw-suppressions.js";
import type { CatalogItem, Finding, ItemResult, Severity, Status } from "./types.js";

const statusRank: Record<Status, number> = { fail: 5, warn: 4, unknown: 3, manual: 2, pass: 1, skip: 0 };
export const severityRank: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

/** Runs every (or the selected) catalog item on a snapshot. A check that throws becomes `unknown`, never a pass. */
export function runCatalog(
  snapshot: Snapshot,
  opts: { only?: readonly string[]; items?: readonly CatalogItem[] } = {},
): ItemResult[] {
  const only = opts.only?.map((id) => id.toUpperCase());
  const items = (opts.items ?? catalog).filter((item) => !only || only.includes(item.id));
  // OpenClaw's own suppressions are read from the config once per run, not once per finding.
  const fromOpenClaw = openclawSuppressions(snapshot);
  return items.map((item) => evaluateItem(item, snapshot, fromOpenClaw));
}

function evaluateItem(
  item: CatalogItem,
  snapshot: Snapshot,
  fromOpenClaw: readonly OpenClawSuppression[],
): ItemResult {
  let findings: Finding[];
  try {
    findings = item.evaluate(snapshot);
    if (findings.length === 0) throw new Error("the check returned no finding");
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    findings = [
      finding(item, { check: "check-error", status: "unknown", message: `check failed: ${message}` }),
    ];
  }
  findings = findings.map((f) => applySuppression(f, snapshot, fromOpenClaw));
  const { status, severity } = itemVerdict(findings);
  const { id, title, category, priority, fix, openclaw } = item;
  return { item: { id, title, category, priority, fix, openclaw }, status, severity, findings };
}

/**
 * An item's status and severity from its findings: the worst status among the counted (unsuppressed)
 * findings, and the highest severity among those that fail or warn. Reports and tests both use this.
 */
export function itemVerdict(findings: readonly Finding[]): { status: Status; severity: Severity } {
  const counted = findings.filter((f) => !f.suppressed);
  const status = counted.length === 0 ? "skip" : worstStatus(counted.map((f) => f.status));
  const severity = counted
    .filter((f) => f.status === "fail" || f.status === "warn")
    .reduce<Severity>((acc, f) => (severityRank[f.severity] > severityRank[acc] ? f.severity : acc), "info");
  return { status, severity };
}

export function worstStatus(statuses: readonly Status[]): Status {
  return statuses.reduce<Status>((acc, s) => (statusRank[s] > statusRank[acc] ? s : acc), "skip");
}

function applySuppression(
  f: Finding,
  snapshot: Snapshot,
  openclawEntries: readonly OpenClawSuppression[],
): Finding {
  const now = Date.parse(snapshot.takenAt);
  const fromOpenClaw = openclawSuppressionFor(f, openclawEntries);
  const match = snapshot.clawwarden.suppressions.find(
    (s) =>
      (s.checkId === undefined || s.checkId === f.checkId || s.checkId === f.id) &&
      (s.fingerprint === undefined || s.fingerprint === f.fingerprint) &&
      (s.checkId !== undefined || s.fingerprint !== undefined) &&
      (s.expires === undefined || Date.parse(s.expires) >= now),
  );
  if (!match && fromOpenClaw) {
    return {
      ...f,
      suppressed: {
        reason: `OpenClaw security.audit.suppressions[${fromOpenClaw.index}] (${fromOpenClaw.checkId}): ${fromOpenClaw.reason ?? "no reason given"}`,
      },
    };
  }
  if (!match || f.status === "pass") return f;
  return {
    ...f,
    suppressed: match.expires ? { reason: match.reason, expires: match.expires } : { reason: match.reason },
  };
}
