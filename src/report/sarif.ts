import { catalog } from "../catalog/index.js";
import type { Finding, Severity, SourceLocation } from "../catalog/types.js";
import type { AuditReport } from "./model.js";

/**
 * SARIF 2.1.0 for code-scanning UIs: one rule per guide item (its guide action and why), one result per
 * failing or warning finding that is not suppressed, located at the config key or file it is about.
 */
export function auditToSarif(report: AuditReport): object {
  const results = report.items.flatMap((r) =>
    r.findings
      .filter((f) => (f.status === "fail" || f.status === "warn") && !f.suppressed)
      .map((f) => ({
        ruleId: f.id,
        level: level(f.status, f.severity),
        message: { text: f.remediation ? `${f.message} Fix: ${f.remediation}` : f.message },
        locations: locationOf(f, report.target.configPath),
        partialFingerprints: { clawwarden: f.fingerprint },
        properties: { checkId: f.checkId, severity: f.severity, status: f.status },
      })),
  );
  const rules = catalog.map((item) => ({
    id: item.id,
    name: item.title,
    shortDescription: { text: `${item.id} ${item.title}` },
    fullDescription: { text: `${item.action}. ${item.why}` },
    help: { text: `Verification: ${item.verification}. Fix: ${item.fix}.` },
    properties: { category: item.category, priority: item.priority, openclaw: item.openclaw },
  }));
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "clawwarden", version: report.tool.version, rules } },
        results,
        properties: { hardeningIndex: report.summary.index, stateDir: report.target.stateDir },
      },
    ],
  };
}

function level(status: Finding["status"], severity: Severity): "error" | "warning" | "note" {
  if (status === "warn") return severity === "info" || severity === "low" ? "note" : "warning";
  return severity === "critical" || severity === "high" ? "error" : "warning";
}

function locationOf(f: Finding, configPath: string): object[] {
  const loc: SourceLocation = f.location ??
    f.evidence.find((e) => e.location !== undefined)?.location ?? { file: configPath };
  return [
    {
      physicalLocation: {
        artifactLocation: { uri: loc.file },
        region: { startLine: Math.max(1, loc.line ?? 1), ...(loc.column ? { startColumn: loc.column } : {}) },
      },
    },
  ];
}
