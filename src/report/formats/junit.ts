/**
 * JUnit XML (the Jenkins/Ant dialect CI systems read, checked against junit-10.xsd in the tests): one test
 * suite per guide category, one test case per guide item. fail → <failure> with every failing finding and
 * its fix; warn, unknown, manual and not-applicable → <skipped> with the reason, so CI shows them without
 * failing the build; pass → a plain test case.
 */
import type { ItemResult } from "../../catalog/types.js";
import { escapeXml } from "../../util/escape.js";
import type { AuditReport } from "../model.js";

function findingText(r: ItemResult, statuses: string[]): string {
  return r.findings
    .filter((f) => statuses.includes(f.status))
    .map((f) => {
      const where = f.evidence.find((e) => e.location)?.location;
      const at = where ? ` (${where.file}${where.line ? `:${where.line}` : ""})` : "";
      const suppressed = f.suppressed ? ` [suppressed: ${f.suppressed.reason}]` : "";
      return `${f.checkId} [${f.status}/${f.severity}] ${f.message}${at}${suppressed}${f.remediation ? `\nfix: ${f.remediation}` : ""}`;
    })
    .join("\n\n");
}

export function auditToJunit(report: AuditReport): string {
  const byCategory = new Map<string, ItemResult[]>();
  for (const r of report.items)
    byCategory.set(r.item.category, [...(byCategory.get(r.item.category) ?? []), r]);
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const failures = report.items.filter((r) => r.status === "fail").length;
  out.push(
    `<testsuites name="clawwarden audit" tests="${report.items.length}" failures="${failures}" errors="0" time="0">`,
  );
  for (const [category, items] of byCategory) {
    const f = items.filter((r) => r.status === "fail").length;
    const skipped = items.filter((r) => r.status !== "fail" && r.status !== "pass").length;
    out.push(
      `  <testsuite name="${escapeXml(`clawwarden.${category}`)}" tests="${items.length}" failures="${f}" errors="0" skipped="${skipped}" time="0" timestamp="${escapeXml(report.takenAt)}" hostname="localhost">`,
    );
    out.push("    <properties>");
    out.push(`      <property name="stateDir" value="${escapeXml(report.target.stateDir)}"/>`);
    out.push(`      <property name="hardeningIndex" value="${report.summary.index}"/>`);
    out.push("    </properties>");
    for (const r of items) {
      const name = `${r.item.id} ${r.item.title}`;
      const openclaw = r.item.openclaw.length ? ` openclaw: ${r.item.openclaw.join(", ")}` : "";
      out.push(
        `    <testcase name="${escapeXml(name)}" classname="${escapeXml(`clawwarden.${category}.${r.item.priority}`)}" time="0">`,
      );
      if (r.status === "fail") {
        const first = r.findings.find((x) => x.status === "fail");
        out.push(
          `      <failure type="${escapeXml(r.severity)}" message="${escapeXml(first?.message ?? r.item.title)}">${escapeXml(findingText(r, ["fail", "warn"]))}</failure>`,
        );
      } else if (r.status !== "pass") {
        const first = r.findings.find((x) => x.status === r.status);
        out.push(
          `      <skipped type="${escapeXml(r.status)}" message="${escapeXml(`${r.status}: ${first?.message ?? ""}`)}"/>`,
        );
      }
      out.push(
        `      <system-out>${escapeXml(`guide ${r.item.id} (${r.item.priority}).${openclaw}`)}</system-out>`,
      );
      out.push("    </testcase>");
    }
    out.push("  </testsuite>");
  }
  out.push("</testsuites>");
  return `${out.join("\n")}\n`;
}
