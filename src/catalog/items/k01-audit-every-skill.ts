import type { InstalledSkillsScan } from "../../model/snapshot.js";
import { finding } from "../finding.js";
import { skillsScan, unknownScan, verdictEvidence } from "../lib/skills.js";
import type { CatalogItem, Finding } from "../types.js";

/** One finding per non-clean verdict, one summary finding for the clean ones. */
function verdictFindings(item: CatalogItem, scan: InstalledSkillsScan): Finding[] {
  const out: Finding[] = [];
  const clean = scan.items.filter((v) => v.verdict === "clean");
  for (const v of scan.items) {
    if (v.verdict === "clean") continue;
    const subject = `${v.kind}:${v.name}`;
    if (v.verdict === "malicious" || v.verdict === "suspicious")
      out.push(
        finding(item, {
          check: v.verdict,
          status: "fail",
          severity: v.verdict === "malicious" ? "critical" : "high",
          message: `${v.kind} "${v.name}" is ${v.verdict}: do not run it.`,
          evidence: [verdictEvidence(v)],
          remediation: `Remove it (${v.kind === "plugin" ? `\`openclaw plugins uninstall ${v.name}\`` : `delete ${v.path}`}), then rotate every credential the gateway holds.`,
          location: { file: v.path },
          subject,
        }),
      );
    else if (v.verdict === "review")
      out.push(
        finding(item, {
          check: "review",
          status: "warn",
          message: `${v.kind} "${v.name}" needs a human review of the scanner's findings.`,
          evidence: [verdictEvidence(v)],
          remediation: `Read \`clawwarden scan ${v.path}\` findings and the source; keep it only if every finding is explained.`,
          location: { file: v.path },
          subject,
        }),
      );
    else
      out.push(
        finding(item, {
          check: "incomplete",
          status: "unknown",
          message: `${v.kind} "${v.name}" could not be scanned completely.`,
          evidence: [verdictEvidence(v)],
          remediation: `Re-run \`clawwarden scan ${v.path}\` and check why it was incomplete (size limits, unreadable files).`,
          location: { file: v.path },
          subject,
        }),
      );
  }
  if (clean.length > 0 || out.length === 0)
    out.push(
      finding(item, {
        check: "scan-clean",
        status: "pass",
        message:
          scan.items.length === 0
            ? `No installed skills or plugins found in ${scan.roots.length} root(s).`
            : `${clean.length} installed skill(s)/plugin(s) scanned clean.`,
        evidence: clean.slice(0, 20).map(verdictEvidence),
      }),
    );
  return out;
}
export const k01: CatalogItem = {
  id: "K-01",
  title: "Audit every Skill",
  category: "skills",
  priority: "P0",
  action: "Read the source and check the publisher's reputation before installing",
  verification: "Manual review",
  why: "Skills and plugins run with the agent's (plugins: the gateway's) privileges; a malicious one steals every credential the gateway holds.",
  openclaw: ["skills.code_safety", "plugins.code_safety"],
  openclawOwns: ["skills.*", "plugins.code_safety", "plugins.code_safety.*"],
  fix: "manual",
  needs: ["state", "person"],
  evaluate(s) {
    const r = skillsScan(s);
    if ("reason" in r) return [unknownScan(k01, s, "every installed skill and plugin needs a verdict")];
    return verdictFindings(k01, r.scan);
  },
};
