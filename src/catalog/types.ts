import type { LiveFacts } from "../model/live-facts.js";
import type { Snapshot } from "../model/snapshot.js";

export type {
  Category,
  Evidence,
  Finding,
  FixKind,
  Priority,
  Severity,
  Status,
} from "../model/finding.js";
export type { SourceLocation } from "../model/location.js";

import type { Category, Finding, FixKind, Priority, Severity, Status } from "../model/finding.js";

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
  /**
   * The OpenClaw checkIds (exact, `<name>` patterns or `.*` families) this item answers for: OpenClaw's findings
   * are shown under it, and the reverse index (catalog/openclaw-index.ts) is built from these lists.
   */
  openclawOwns?: string[];
  fix: FixKind;
  /** What the check needs to decide: config/state are always collected; live and deep need flags. */
  needs: Array<"config" | "state" | "live" | "deep" | "person">;
  /** Pure: judges the snapshot, never reads disk or network. Returns at least one finding. */
  evaluate(snapshot: Snapshot): Finding[];
  /**
   * Pure: judges the live host facts (`audit --live`/`--deep`) for items whose Verification asks for the running
   * system; undefined when the facts say nothing about this item. Its presence adds "live" to `needs`.
   */
  evaluateLive?(snapshot: Snapshot, live: LiveFacts): Finding[] | undefined;
}

export interface ItemResult {
  item: Pick<CatalogItem, "id" | "title" | "category" | "priority" | "fix" | "openclaw">;
  status: Status;
  severity: Severity;
  findings: Finding[];
}
