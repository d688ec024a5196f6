/**
 * `clawwarden report diff OLD.json NEW.json`: per guide item what got better or worse, and which findings
 * are new or gone (by fingerprint), as text, JSON or Markdown.
 */
import type { Status } from "../catalog/types.js";
import type { AuditReport } from "./model.js";

const RANK: Record<Status, number> = { fail: 5, warn: 4, unknown: 3, manual: 2, pass: 1, skip: 0 };

export interface ReportDiff {
  index: { from: number; to: number };
  improved: Array<{ id: string; title: string; from: Status; to: Status }>;
  regressed: Array<{ id: string; title: string; from: Status; to: Status }>;
  newFindings: Array<{ id: string; checkId: string; status: string; message: string }>;
  resolvedFindings: Array<{ id: string; checkId: string; status: string; message: string }>;
}

const bad = (s: string) => s === "fail" || s === "warn";

export function diffReports(before: AuditReport, after: AuditReport): ReportDiff {
  const old = new Map(before.items.map((r) => [r.item.id, r]));
  const cur = new Map(after.items.map((r) => [r.item.id, r]));
  const out: ReportDiff = {
    index: { from: before.summary.index, to: after.summary.index },
    improved: [],
    regressed: [],
    newFindings: [],
    resolvedFindings: [],
  };
  for (const [id, r] of cur) {
    const o = old.get(id);
    if (!o || o.status === r.status) continue;
    const entry = { id, title: r.item.title, from: o.status, to: r.status };
    if (RANK[r.status] < RANK[o.status]) out.improved.push(entry);
    else out.regressed.push(entry);
  }
  const prints = (rep: AuditReport) =>
    new Map(
      rep.items.flatMap((r) =>
        r.findings
          .filter((f) => bad(f.status))
          .map(
            (f) =>
              [
                f.fingerprint,
                { id: r.item.id, checkId: f.checkId, status: f.status, message: f.message },
              ] as const,
          ),
      ),
    );
  const a = prints(before);
  const b = prints(after);
  for (const [fp, f] of b) if (!a.has(fp)) out.newFindings.push(f);
  for (const [fp, f] of a) if (!b.has(fp)) out.resolvedFindings.push(f);
  return out;
}

export function renderDiff(d: ReportDiff, format: "text" | "markdown"): string {
  const md = format === "markdown";
  const lines: string[] = [];
  const head = (t: string) => lines.push("", md ? `#### ${t}` : t);
  lines.push(
    md
      ? `### clawwarden: hardening index ${d.index.from} → ${d.index.to}`
      : `hardening index ${d.index.from} → ${d.index.to}`,
  );
  const list = (items: string[]) => {
    if (!items.length) lines.push(md ? "_none_" : "  (none)");
    for (const i of items) lines.push(md ? `- ${i}` : `  ${i}`);
  };
  head(`Regressed (${d.regressed.length})`);
  list(d.regressed.map((r) => `${r.id} ${r.title}: ${r.from} → ${r.to}`));
  head(`New findings (${d.newFindings.length})`);
  list(d.newFindings.map((f) => `${f.checkId} [${f.status}] ${f.message}`));
  head(`Improved (${d.improved.length})`);
  list(d.improved.map((r) => `${r.id} ${r.title}: ${r.from} → ${r.to}`));
  head(`Resolved findings (${d.resolvedFindings.length})`);
  list(d.resolvedFindings.map((f) => `${f.checkId} [${f.status}] ${f.message}`));
  return `${lines.join("\n")}\n`;
}
