/**
 * A Markdown summary sized for a pull-request comment: the index, counts, then failing and warning items
 * with their first finding and fix, cut at `maxLength` (GitHub's comment limit is 65,536) with a link to
 * the full report when one is given.
 */
import type { ItemResult } from "../../catalog/types.js";
import { escapeMarkdownCell } from "../../util/escape.js";
import type { AuditReport } from "../model.js";

export interface MarkdownOptions {
  maxLength?: number;
  reportUrl?: string;
}

const ICON: Record<string, string> = {
  fail: "❌",
  warn: "⚠️",
  unknown: "❔",
  manual: "📝",
  pass: "✅",
  skip: "➖",
};

function row(r: ItemResult): string {
  const f = r.findings.find((x) => x.status === r.status) ?? r.findings[0];
  const fix = f?.remediation ? escapeMarkdownCell(f.remediation).slice(0, 300) : "";
  return `| ${ICON[r.status] ?? ""} ${r.status} | ${r.item.id} | ${r.item.priority} | ${escapeMarkdownCell(r.item.title)} | ${escapeMarkdownCell(f?.message ?? "").slice(0, 400)} | ${fix} |`;
}

export function auditToMarkdown(report: AuditReport, opts: MarkdownOptions = {}): string {
  const max = opts.maxLength ?? 60_000;
  const s = report.summary;
  const head = [
    `### clawwarden audit: hardening index ${s.index}/100`,
    "",
    `\`${escapeMarkdownCell(report.target.stateDir)}\` · ${report.takenAt} · clawwarden ${report.tool.version}`,
    "",
    `**${s.counts.fail} fail**, ${s.counts.warn} warn, ${s.counts.unknown} unknown, ${s.counts.manual} manual, ${s.counts.pass} pass (${s.coverage.decided}/${s.coverage.applicable} items decided). Failing findings: ${s.failing.critical} critical, ${s.failing.high} high, ${s.failing.medium} medium, ${s.failing.low} low.`,
    "",
  ];
  const rows = report.items
    .filter((r) => r.status === "fail" || r.status === "warn")
    .sort((a, b) =>
      a.status === b.status ? a.item.id.localeCompare(b.item.id) : a.status === "fail" ? -1 : 1,
    )
    .map(row);
  const table = ["| status | item | priority | title | finding | fix |", "|---|---|---|---|---|---|"];
  const tail = opts.reportUrl ? `\n[Full report](${opts.reportUrl})\n` : "\n";
  let out = [...head, ...(rows.length ? table : ["Nothing fails or warns."])].join("\n");
  let shown = 0;
  for (const line of rows) {
    const note = `\n\n… ${rows.length - shown} more item(s) not shown${opts.reportUrl ? "" : " (see the full report)"}`;
    if (out.length + line.length + 1 + note.length + tail.length > max) {
      out += note;
      break;
    }
    out += `\n${line}`;
    shown++;
  }
  return `${out}\n${tail}`.slice(0, max);
}
