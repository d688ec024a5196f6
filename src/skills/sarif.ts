import { RULES } from "./rules/catalog.js";
import type { SkillReport } from "./types.js";

/** SARIF 2.1.0 for code-scanning UIs: one result per finding, rule metadata from the catalog. */
export function toSarif(reports: SkillReport[], toolVersion: string): object {
  const used = new Set(reports.flatMap((r) => r.findings.map((f) => f.rule)));
  const rules = [...used].sort().map((id) => ({
    id,
    name: id,
    shortDescription: { text: RULES[id]?.title ?? id },
    fullDescription: { text: RULES[id]?.why ?? id },
    properties: { category: RULES[id]?.category, severity: RULES[id]?.severity },
  }));
  const level = (sev: string) =>
    sev === "critical" || sev === "high" ? "error" : sev === "medium" ? "warning" : "note";
  const results = reports.flatMap((r) =>
    r.findings.map((f) => ({
      ruleId: f.rule,
      level: level(f.severity),
      message: { text: `${r.name}: ${f.message} — ${f.excerpt}` },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: joinUri(r.root, f.location?.file ?? "") },
            region: { startLine: Math.max(1, f.location?.line ?? 1) },
          },
        },
      ],
      partialFingerprints: { clawwarden: f.fingerprint },
      properties: { skill: r.name, verdict: r.verdict, confidence: f.confidence, category: f.category },
    })),
  );
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [{ tool: { driver: { name: "clawwarden", version: toolVersion, rules } }, results }],
  };
}

function joinUri(root: string, file: string): string {
  const base = root.replace(/\\/g, "/").replace(/\/$/, "");
  return file ? `${base}/${file}` : base;
}
