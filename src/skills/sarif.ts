import { basename, join } from "node:path";
import type * as Sarif from "sarif";
import { RULES } from "../detect/rule-catalog.js";
import {
  artifactLocation,
  baseUri,
  INFORMATION_URI,
  levelOf,
  type SeverityName,
  sarifFingerprint,
  securitySeverity,
} from "../util/sarif.js";
import type { SkillReport } from "./types.js";

const SRCROOT = "SRCROOT";

/**
 * SARIF 2.1.0 for code-scanning UIs: one result per finding, rule metadata from the scanner's catalog,
 * paths relative to the working directory (`SRCROOT`), fingerprints per skill so two skills with the same
 * file and excerpt never collide, and none of them depends on where the skills sit.
 */
export function toSarif(reports: SkillReport[], toolVersion: string, cwd: string = process.cwd()): Sarif.Log {
  const used = new Set(reports.flatMap((r) => r.findings.map((f) => f.rule)));
  const rules: Sarif.ReportingDescriptor[] = [...used].sort().map((id) => {
    const rule = RULES[id];
    const severity = (rule?.severity ?? "medium") as SeverityName;
    return {
      id,
      name: id,
      shortDescription: { text: rule?.title ?? id },
      fullDescription: { text: rule?.why ?? id },
      helpUri: INFORMATION_URI,
      defaultConfiguration: { level: levelOf(severity) },
      properties: {
        tags: ["security", rule?.category ?? "skill"],
        "security-severity": securitySeverity(severity),
        category: rule?.category,
        severity,
      },
    };
  });
  const results: Sarif.Result[] = reports.flatMap((r) =>
    r.findings.map((f) => {
      const file = f.location?.file ?? "";
      const physical: Sarif.PhysicalLocation = {
        artifactLocation: artifactLocation(file ? join(r.root, file) : r.root, cwd, SRCROOT),
      };
      if (f.location?.line !== undefined) physical.region = { startLine: Math.max(1, f.location.line) };
      return {
        ruleId: f.rule,
        level: levelOf(f.severity as SeverityName),
        message: { text: `${r.name}: ${f.message} — ${f.excerpt}` },
        locations: [{ physicalLocation: physical }],
        partialFingerprints: sarifFingerprint(r.kind, basename(r.root), r.name, f.rule, file, f.excerpt),
        properties: {
          skill: r.name,
          verdict: r.verdict,
          confidence: f.confidence,
          category: f.category,
          "security-severity": securitySeverity(f.severity as SeverityName),
        },
      };
    }),
  );
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: { name: "clawwarden", version: toolVersion, informationUri: INFORMATION_URI, rules },
        },
        automationDetails: { id: "clawwarden/scan/" },
        originalUriBaseIds: { [SRCROOT]: { uri: baseUri(cwd) } },
        results,
      },
    ],
  };
}
