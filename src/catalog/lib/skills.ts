import type { InstalledSkillsScan, InstalledSkillVerdict, Snapshot } from "../../model/snapshot.js";
import { finding } from "../finding.js";
import type { CatalogItem, Evidence, Finding } from "../types.js";

export const scanRemediation =
  "Run `clawwarden audit` without --no-skills (or `clawwarden scan <skills root>`) so installed code gets a verdict.";
/** The installed-skills scan, or why there is none. */
export function skillsScan(s: Snapshot): { scan: InstalledSkillsScan } | { reason: string; hint?: string } {
  if (!s.skills) return { reason: "the skill scanner did not run (--no-skills)" };
  if (!s.skills.known)
    return s.skills.hint === undefined
      ? { reason: s.skills.reason }
      : { reason: s.skills.reason, hint: s.skills.hint };
  return { scan: s.skills.value };
}
/** Non-bundled plugin and skill installs visible in the state dir inventory. */
export function installedFromState(s: Snapshot): { plugins: string[]; skills: string[] } {
  const plugins: string[] = [];
  const skills: string[] = [];
  for (const e of s.state.entries) {
    if (e.kind !== "dir" && e.kind !== "symlink") continue;
    if (
      /^extensions\/[^/]+$/.test(e.path) ||
      /^npm\/projects\/[^/]+$/.test(e.path) ||
      /^git\/[^/]+$/.test(e.path)
    )
      plugins.push(e.path);
    else if (/^skills\/[^/]+$/.test(e.path) || /^workspace[^/]*\/skills\/[^/]+$/.test(e.path))
      skills.push(e.path);
  }
  return { plugins, skills };
}
export function verdictEvidence(v: InstalledSkillVerdict): Evidence {
  return {
    message: `${v.kind} ${v.name}: ${v.verdict} (${v.findings} finding${v.findings === 1 ? "" : "s"})`,
    source: "scan",
    value: v.verdict,
    location: { file: v.path },
  };
}
export function unknownScan(item: CatalogItem, s: Snapshot, what: string): Finding {
  const r = skillsScan(s);
  const reason = "reason" in r ? r.reason : "";
  const found = installedFromState(s);
  const evidence: Evidence[] = [
    {
      message: `state dir holds ${found.plugins.length} non-bundled plugin(s) and ${found.skills.length} managed skill(s)`,
      source: "state",
      location: { file: s.state.root },
    },
  ];
  return finding(item, {
    check: "needs-scanner",
    status: "unknown",
    message: `needs the skill scanner: ${what} (${reason}). Run \`clawwarden scan\`.`,
    evidence,
    remediation: scanRemediation,
  });
}
/** OpenClaw's own rule (isPinnedRegistrySpec in its audit): the text after the last "@" is an exact semver. */
export function isPinnedSpec(spec: string): boolean {
  const value = spec.trim();
  const at = value.lastIndexOf("@");
  if (at <= 0 || at >= value.length - 1) return false;
  return /^v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/.test(value.slice(at + 1).trim());
}
