/**
 * Per-item verification of a fix run: compares the audit before and after, decides which
 * remediations stay (their items no longer fail), and renders the closing table.
 */
import type { Finding, ItemResult } from "../catalog/types.js";
import type { ItemPlan } from "./types.js";

export type Outcome =
  | "fixed"
  | "partly fixed"
  | "not fixed"
  | "needs a person"
  | "not selected"
  | "now fails";

export interface ItemOutcome {
  id: string;
  title: string;
  outcome: Outcome;
  /** What remains and why (a finding's message), or what was done. */
  detail: string;
  /** Whether this run's changes for the item are in place. */
  kept: boolean;
}

const counted = (f: Finding) => !f.suppressed;

/** Fail/warn findings per item: what `fix` is asked to act on. */
export function failingByItem(results: readonly ItemResult[]): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  for (const r of results) {
    const bad = r.findings.filter((f) => counted(f) && (f.status === "fail" || f.status === "warn"));
    if (bad.length) out.set(r.item.id, bad);
  }
  return out;
}

const fails = (r: ItemResult | undefined) =>
  r ? r.findings.filter((f) => counted(f) && f.status === "fail") : [];

export type ItemVerdict = "verified" | "partial" | "unverified";

/** An item verifies when no failing finding is left; partial when fewer fail than before. */
export function verdictOf(before: ItemResult | undefined, after: ItemResult | undefined): ItemVerdict {
  const left = fails(after).length;
  if (left === 0) return "verified";
  return left < fails(before).length ? "partial" : "unverified";
}

export interface Judgement {
  /** Remediation ids whose changes stay. */
  keep: string[];
  /** Remediation ids taken out, with the reason. */
  dropped: Array<{ id: string; items: string[]; verdict: ItemVerdict; reason: string }>;
}

/**
 * Which of the applied remediations stay. Items with no audit result (SOUL's manual items, assisted
 * files) do not decide; an item that is only partly fixed stays only with `partial`.
 */
export function judge(
  before: readonly ItemResult[],
  after: readonly ItemResult[],
  applied: readonly ItemPlan[],
  itemsOf: (id: string) => string[],
  partial: boolean,
): Judgement {
  const pre = new Map(before.map((r) => [r.item.id, r]));
  const post = new Map(after.map((r) => [r.item.id, r]));
  const keep: string[] = [];
  const dropped: Judgement["dropped"] = [];
  for (const item of applied) {
    const judged = itemsOf(item.id).filter((id) => post.has(id) && post.get(id)?.status !== "manual");
    const verdicts = judged.map((id) => ({ id, v: verdictOf(pre.get(id), post.get(id)) }));
    const worst = verdicts.some((x) => x.v === "unverified")
      ? "unverified"
      : verdicts.some((x) => x.v === "partial")
        ? "partial"
        : "verified";
    if (worst === "verified" || (worst === "partial" && partial)) {
      keep.push(item.id);
      continue;
    }
    const reason = verdicts
      .filter((x) => x.v !== "verified")
      .map(
        (x) =>
          `${x.id}: ${fails(post.get(x.id))
            .map((f) => f.message)
            .join("; ")}`,
      )
      .join(" | ");
    dropped.push({ id: item.id, items: judged, verdict: worst, reason });
  }
  return { keep, dropped };
}

/** The closing table: every item that failed or warned before or fails now, and what this run did about it. */
export function outcomes(opts: {
  before: readonly ItemResult[];
  after: readonly ItemResult[];
  kept: readonly ItemPlan[];
  dropped: Judgement["dropped"];
  /** Item ids some remediation could fix (so an unplanned failing item was only not selected). */
  fixable: ReadonlySet<string>;
  itemsOf: (id: string) => string[];
}): ItemOutcome[] {
  const pre = new Map(opts.before.map((r) => [r.item.id, r]));
  const keptItems = new Set(opts.kept.flatMap((i) => opts.itemsOf(i.id)));
  const droppedItems = new Map(opts.dropped.flatMap((d) => d.items.map((id) => [id, d] as const)));
  const rows: ItemOutcome[] = [];
  for (const r of opts.after) {
    const id = r.item.id;
    const title = r.item.title;
    const was = pre.get(id);
    const leftFails = fails(r);
    const firstBad = r.findings.find((f) => counted(f) && (f.status === "fail" || f.status === "warn"));
    const remains = firstBad
      ? `${firstBad.message}${firstBad.remediation ? ` → ${firstBad.remediation}` : ""}`
      : "";
    if (keptItems.has(id) && r.status !== "manual") {
      const v = verdictOf(was, r);
      if (v === "verified") {
        if (was && (was.status === "fail" || was.status === "warn"))
          rows.push({
            id,
            title,
            outcome: "fixed",
            detail: remains ? `left as advice: ${remains}` : "",
            kept: true,
          });
        continue;
      }
      rows.push({ id, title, outcome: "partly fixed", detail: remains, kept: true });
      continue;
    }
    const d = droppedItems.get(id);
    if (d) {
      rows.push({
        id,
        title,
        outcome: d.verdict === "partial" ? "partly fixed" : "not fixed",
        detail: `undone (${d.verdict === "partial" ? "only partly verified; --partial keeps such changes" : "did not verify"}): ${d.reason}`,
        kept: false,
      });
      continue;
    }
    if (r.status !== "fail" && r.status !== "warn") continue;
    if (leftFails.length && was && was.status !== "fail") {
      rows.push({ id, title, outcome: "now fails", detail: remains, kept: false });
      continue;
    }
    if (r.status === "fail") {
      rows.push({
        id,
        title,
        outcome: opts.fixable.has(id) ? "not selected" : "needs a person",
        detail: remains,
        kept: false,
      });
    }
  }
  return rows;
}

export function renderOutcomes(rows: readonly ItemOutcome[]): string {
  if (!rows.length) return "";
  const order: Outcome[] = [
    "fixed",
    "partly fixed",
    "not fixed",
    "now fails",
    "not selected",
    "needs a person",
  ];
  const sorted = [...rows].sort(
    (a, b) => order.indexOf(a.outcome) - order.indexOf(b.outcome) || a.id.localeCompare(b.id),
  );
  const width = Math.max(...sorted.map((r) => r.outcome.length));
  const lines = ["", "Result per item:"];
  for (const r of sorted) {
    lines.push(`  ${r.id}  ${r.outcome.padEnd(width)}  ${r.title}${r.detail ? ` — ${r.detail}` : ""}`);
  }
  const count = (o: Outcome) => rows.filter((r) => r.outcome === o).length;
  lines.push(
    `  ${count("fixed")} fixed, ${count("partly fixed")} partly fixed, ${count("not fixed")} not fixed, ${count("needs a person")} need a person${count("now fails") ? `, ${count("now fails")} now fail` : ""}`,
  );
  return `${lines.join("\n")}\n`;
}
