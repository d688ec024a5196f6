import { findingFingerprint } from "../util/fingerprint.js";
import type { CatalogItem, Evidence, Finding, Severity, SourceLocation, Status } from "./types.js";

export interface FindingInput {
  /** Sub-check suffix, e.g. "bind-lan" → checkId "N-01.bind-lan". */
  check: string;
  status: Status;
  severity?: Severity;
  message: string;
  evidence?: Evidence[];
  remediation?: string;
  location?: SourceLocation;
  /** What the finding is about (a key path, a channel, a file) so the fingerprint is stable. */
  subject?: string;
  /** The concrete OpenClaw checkIds that report exactly this (see Finding.openclawChecks). */
  openclawChecks?: string[];
}

const defaultSeverity: Record<CatalogItem["priority"], Severity> = {
  P0: "critical",
  P1: "high",
  P2: "medium",
};

/** Builds a Finding for a catalog item; severity defaults from the item's priority for fail, lower for warn. */
export function finding(item: CatalogItem, input: FindingInput): Finding {
  const base = defaultSeverity[item.priority];
  const severity: Severity =
    input.severity ??
    (input.status === "fail"
      ? base
      : input.status === "warn"
        ? base === "critical"
          ? "high"
          : base === "high"
            ? "medium"
            : "low"
        : "info");
  const checkId = `${item.id}.${input.check}`;
  const result: Finding = {
    id: item.id,
    checkId,
    title: item.title,
    status: input.status,
    severity,
    message: input.message,
    evidence: input.evidence ?? [],
    fix: item.fix,
    openclaw: item.openclaw,
    fingerprint: findingFingerprint(checkId, input.subject ?? ""),
    ...(input.openclawChecks !== undefined && { openclawChecks: input.openclawChecks }),
  };
  if (input.remediation !== undefined) result.remediation = input.remediation;
  if (input.location !== undefined) result.location = input.location;
  return result;
}
