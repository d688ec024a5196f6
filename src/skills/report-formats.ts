/**
 * `scan --format junit|markdown`: one JUnit test case per skill (malicious/suspicious → failure,
 * review/incomplete → skipped with the reason), and a Markdown table sized for a pull-request comment.
 */
import { escapeMarkdownCell, escapeXml } from "../util/escape.js";
import type { SkillReport } from "./types.js";

export function scanToJunit(reports: SkillReport[]): string {
  const failures = reports.filter((r) => r.verdict === "malicious" || r.verdict === "suspicious").length;
  const skipped = reports.filter((r) => r.verdict === "review" || r.verdict === "incomplete").length;
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  out.push(
    `<testsuites name="clawwarden scan" tests="${reports.length}" failures="${failures}" errors="0" time="0">`,
  );
  out.push(
    `  <testsuite name="clawwarden.scan" tests="${reports.length}" failures="${failures}" errors="0" skipped="${skipped}" time="0">`,
  );
  for (const r of reports) {
    const name = `${r.name}${r.version ? `@${r.version}` : ""} (${r.kind})`;
    out.push(`    <testcase name="${escapeXml(name)}" classname="clawwarden.scan.${r.kind}" time="0">`);
    const lines = r.findings
      .filter((f) => f.severity !== "info")
      .map(
        (f) =>
          `${f.rule} [${f.severity}/${f.confidence}] ${f.location?.file ?? ""}:${f.location?.line ?? ""} ${f.message}`,
      );
    if (r.verdict === "malicious" || r.verdict === "suspicious")
      out.push(
        `      <failure type="${r.verdict}" message="${escapeXml(`${r.verdict}: ${r.findings[0]?.message ?? ""}`)}">${escapeXml(lines.join("\n"))}</failure>`,
      );
    else if (r.verdict !== "clean")
      out.push(
        `      <skipped type="${r.verdict}" message="${escapeXml(`${r.verdict}: ${[...r.incomplete.map((i) => i.reason), ...lines].slice(0, 3).join("; ")}`)}"/>`,
      );
    out.push(`      <system-out>${escapeXml(r.root)}</system-out>`);
    out.push("    </testcase>");
  }
  out.push("  </testsuite>", "</testsuites>");
  return `${out.join("\n")}\n`;
}

export function scanToMarkdown(reports: SkillReport[], maxLength = 60_000): string {
  const head = [
    `### clawwarden scan: ${reports.length} skill(s)`,
    "",
    "| verdict | skill | kind | top finding |",
    "|---|---|---|---|",
  ].join("\n");
  let out = head;
  const order = ["malicious", "suspicious", "incomplete", "review", "clean"];
  const sorted = [...reports].sort((a, b) => order.indexOf(a.verdict) - order.indexOf(b.verdict));
  for (const [i, r] of sorted.entries()) {
    const f = r.findings[0];
    const line = `\n| ${r.verdict} | ${escapeMarkdownCell(r.name)} | ${r.kind} | ${f ? escapeMarkdownCell(`${f.rule}: ${f.message}`).slice(0, 300) : ""} |`;
    if (out.length + line.length > maxLength - 80) {
      out += `\n\n… ${sorted.length - i} more skill(s) not shown`;
      break;
    }
    out += line;
  }
  return `${out}\n`;
}
