import type { Snapshot } from "../deployment/snapshot.js";

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

export type { SourceLocation } from "../model/location.js";

import type { SourceLocation } from "../model/location.js";

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

export interface CatalogItem {
  id: string;
  title: string;
  category: Category;
  priority: Priority;
  /** The guide's Action column. */
  action: string;
  /** The guide's Verification column. */
  verification: string;
  /** Why it matters, in one or two sentences an operator reads. */
  why: string;
  /** Equivalent `openclaw security audit` checkIds. */
  openclaw: string[];
  fix: FixKind;
  /** What the check needs to decide: config/state are always collected; live and deep need flags. */
  needs: Array<"config" | "state" | "live" | "deep" | "person">;
  /** Pure: judges the snapshot, never reads disk or network. Returns at least one finding. */
  evaluate(snapshot: Snapshot): Finding[];
}

export interface ItemResult {
  item: Pick<CatalogItem, "id" | "title" | "category" | "priority" | "fix" | "openclaw">;
  status: Status;
  severity: Severity;
  findings: Finding[];
}
