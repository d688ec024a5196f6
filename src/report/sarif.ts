import type * as Sarif from "sarif";
import { catalog } from "../catalog/index.js";
import type { Finding, SourceLocation } from "../catalog/types.js";
import {
  artifactLocation,
  baseUri,
  INFORMATION_URI,
  levelOf,
  sarifFingerprint,
  securitySeverity,
} from "../util/sarif.js";
import type { AuditReport } from "./model.js";

const STATE_DIR = "STATEDIR";
/** Code-scanning UIs rank a rule by one number; a guide item's priority is the honest one. */
const PRIORITY_SEVERITY = { P0: "9.0", P1: "7.0", P2: "5.0" } as const;
const PRIORITY_LEVEL = { P0: "error", P1: "warning", P2: "note" } as const;

/**
 * SARIF 2.1.0 for code-scanning UIs: one rule per guide item (its guide action and why), one result per
 * failing or warning finding (suppressed ones carry `suppressions`), located relative to the state dir
 * (`STATEDIR`) so two copies of one deployment give the same results and fingerprints.
 */
export function auditToSarif(report: AuditReport): Sarif.Log {
  const stateDir = report.target.stateDir;
  const results: Sarif.Result[] = report.items.flatMap((r) =>
    r.findings
      .filter((f) => f.status === "fail" || f.status === "warn")
      .map((f) => {
        const location = locationOf(f, report.target.configPath, stateDir);
        const where = location.physicalLocation?.artifactLocation?.uri ?? "";
        const result: Sarif.Result = {
          ruleId: f.id,
          level:
            f.status === "warn" && (f.severity === "low" || f.severity === "info")
              ? "note"
              : levelOf(f.severity),
          message: { text: f.remediation ? `${f.message} Fix: ${f.remediation}` : f.message },
          locations: [location],
          partialFingerprints: sarifFingerprint(
            f.checkId,
            where,
            f.message.split(stateDir).join("<state dir>"),
          ),
          properties: {
            checkId: f.checkId,
            severity: f.severity,
            status: f.status,
            "security-severity": securitySeverity(f.severity),
          },
        };
        if (f.suppressed) {
          result.suppressions = [
            {
              kind: "external",
              justification: f.suppressed.expires
                ? `${f.suppressed.reason} (until ${f.suppressed.expires})`
                : f.suppressed.reason,
            },
          ];
        }
        return result;
      }),
  );
  const rules: Sarif.ReportingDescriptor[] = catalog.map((item) => ({
    id: item.id,
    name: item.title.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : "")),
    shortDescription: { text: `${item.id} ${item.title}` },
    fullDescription: { text: `${item.action}. ${item.why}` },
    help: {
      text: `Action: ${item.action}. Verification: ${item.verification}. Fix: ${item.fix} (\`clawwarden explain ${item.id}\`).`,
    },
    helpUri: INFORMATION_URI,
    defaultConfiguration: { level: PRIORITY_LEVEL[item.priority] },
    properties: {
      tags: ["security", item.category, item.priority],
      "security-severity": PRIORITY_SEVERITY[item.priority],
      category: item.category,
      priority: item.priority,
      openclaw: item.openclaw,
    },
  }));
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "clawwarden",
            version: report.tool.version,
            semanticVersion: report.tool.version,
            informationUri: INFORMATION_URI,
            rules,
          },
        },
        automationDetails: { id: "clawwarden/audit/" },
        originalUriBaseIds: {
          [STATE_DIR]: { uri: baseUri(stateDir), description: { text: "the OpenClaw state dir" } },
        },
        results,
        properties: { hardeningIndex: report.summary.index },
      },
    ],
  };
}

function locationOf(f: Finding, configPath: string, stateDir: string): Sarif.Location {
  const loc: SourceLocation = f.location ??
    f.evidence.find((e) => e.location !== undefined)?.location ?? { file: configPath };
  const physical: Sarif.PhysicalLocation = {
    artifactLocation: artifactLocation(loc.file, stateDir, STATE_DIR),
  };
  // No line means the finding is about the whole file or directory: no region rather than a made-up line 1.
  if (loc.line !== undefined) {
    physical.region = {
      startLine: Math.max(1, loc.line),
      ...(loc.column ? { startColumn: loc.column } : {}),
    };
  }
  return { physicalLocation: physical };
}
