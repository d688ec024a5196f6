import type { SourceLocation } from "./location.js";

/** Guide categories, in the order the guide lists them. */
export type Category =
  | "network"
  | "sandbox"
  | "messaging"
  | "skills"
  | "credentials"
  | "logging"
  | "llm"
  | "deployment";

export type Priority = "P0" | "P1" | "P2";

/**
 * pass/fail/warn: decided. manual: needs a person (may be attested). skip: not applicable (reason in
 * message). unknown: a fact could not be collected (reason in message) — never a silent pass.
 */
export type Status = "pass" | "fail" | "warn" | "manual" | "skip" | "unknown";

export type Severity = "critical" | "high" | "medium" | "low" | "info";

export type FixKind = "auto" | "assisted" | "manual";

/** One piece of evidence. `value` is always display-safe: secrets are fingerprints, never clear text. */
export interface Evidence {
  message: string;
  source: "config" | "state" | "host" | "openclaw" | "attestation" | "scan" | "default";
  keyPath?: string;
  value?: string;
  location?: SourceLocation;
}

/**
 * The one finding model shared by audit, scan and guard.
 * `id` is the guide item (N-01) for audit findings or the rule id for scan/guard findings;
 * `checkId` names the precise sub-check (stable, used for suppression and baselines).
 */
export interface Finding {
  id: string;
  checkId: string;
  title: string;
  status: Status;
  severity: Severity;
  message: string;
  evidence: Evidence[];
  remediation?: string;
  location?: SourceLocation;
  fix?: FixKind;
  /** OpenClaw `security audit` checkIds that say the same thing. */
  openclaw?: string[];
  /**
   * The concrete OpenClaw checkIds that report exactly this finding (not the item's whole family), when the
   * check knows them. Only these findings follow OpenClaw's own `security.audit.suppressions`.
   */
  openclawChecks?: string[];
  /** Stable hash of id + checkId + location-independent subject; survives unrelated edits. */
  fingerprint: string;
  /** Set when a suppression in the clawwarden config matched; suppressed findings do not count. */
  suppressed?: { reason: string; expires?: string };
  /** Set when the finding is in the `--baseline` file: known before, shown marked, not counted for the exit code. */
  baselined?: boolean;
}
