import type { InstalledSkillsScan, Snapshot } from "../../model/snapshot.js";
import { finding } from "../finding.js";
import { cfg, configEvidence, isObject, where } from "../helpers.js";
import { installedFromState, isPinnedSpec, skillsScan, unknownScan, verdictEvidence } from "../lib/skills.js";
import type { CatalogItem, Evidence, Finding } from "../types.js";

function allowlistFindings(item: CatalogItem, s: Snapshot): Finding[] {
  if (cfg(s, "plugins.enabled") === false)
    return [
      finding(item, {
        check: "plugins-disabled",
        status: "pass",
        message: "plugins.enabled is false: no plugin is loaded.",
        evidence: [configEvidence(s, "plugins.enabled")],
      }),
    ];
  const allow = cfg(s, "plugins.allow");
  const allowList = Array.isArray(allow) ? allow.filter((a): a is string => typeof a === "string") : [];
  const found = installedFromState(s).plugins;
  const loadPaths = cfg(s, "plugins.load.paths");
  const extra = Array.isArray(loadPaths) ? loadPaths.length : 0;
  if (allowList.length > 0)
    return [
      finding(item, {
        check: "plugins-allowlist",
        status: "pass",
        message: `plugins.allow limits loading to ${allowList.length} approved plugin id(s).`,
        evidence: [configEvidence(s, "plugins.allow")],
      }),
    ];
  if (found.length === 0 && extra === 0)
    return [
      finding(item, {
        check: "plugins-allowlist",
        status: "pass",
        message: "No non-bundled plugins are installed, so an empty plugins.allow lets nothing extra load.",
        evidence: [configEvidence(s, "plugins.allow")],
      }),
    ];
  return [
    finding(item, {
      check: "no-plugin-allowlist",
      status: "fail",
      severity: "high",
      message: `plugins.allow is empty while ${found.length + extra} non-bundled plugin source(s) exist: any of them may auto-load with gateway privileges.`,
      evidence: [
        configEvidence(s, "plugins.allow"),
        ...found.slice(0, 20).map(
          (p): Evidence => ({
            message: `non-bundled plugin at ${p}`,
            source: "state",
            location: { file: `${s.state.root}/${p}` },
          }),
        ),
        ...(extra ? [configEvidence(s, "plugins.load.paths")] : []),
      ],
      remediation:
        "Set plugins.allow to the approved plugin ids, e.g. openclaw config set plugins.allow '[\"<id>\"]' --strict-json.",
      location: where(s, "plugins.allow"),
      subject: "plugins.allow",
    }),
  ];
}
/** File-era install records (`plugins.installs.<id>`, `hooks.installs.<id>`) from npm: pinned spec and integrity. */
function installRecordFindings(item: CatalogItem, s: Snapshot): Finding[] {
  const out: Finding[] = [];
  for (const base of ["plugins.installs", "hooks.installs"]) {
    const records = cfg(s, base);
    if (!isObject(records)) continue;
    for (const [id, rec] of Object.entries(records)) {
      if (!isObject(rec) || rec.source !== "npm") continue;
      const keyPath = `${base}.${id}`;
      const spec = typeof rec.spec === "string" ? rec.spec : undefined;
      if (spec !== undefined && !isPinnedSpec(spec))
        out.push(
          finding(item, {
            check: "install-unpinned",
            status: "fail",
            severity: "high",
            message: `${keyPath}.spec "${spec}" is not pinned to an exact version: an update can change the code.`,
            evidence: [configEvidence(s, `${keyPath}.spec`)],
            remediation: `Reinstall with an exact version: openclaw plugins install npm:<pkg>@<x.y.z> (then \`openclaw doctor --fix\` to migrate install records).`,
            location: where(s, `${keyPath}.spec`),
            subject: keyPath,
          }),
        );
      if (typeof rec.integrity !== "string" || rec.integrity.length === 0)
        out.push(
          finding(item, {
            check: "install-no-integrity",
            status: "fail",
            severity: "high",
            message: `${keyPath} has no integrity hash: a swapped package would not be noticed.`,
            evidence: [configEvidence(s, `${keyPath}.integrity`)],
            remediation:
              "Reinstall the plugin so OpenClaw records its integrity, and record it in clawwarden's skills lockfile.",
            location: where(s, keyPath),
            subject: `${keyPath}.integrity`,
          }),
        );
    }
  }
  if (out.length === 0 && (isObject(cfg(s, "plugins.installs")) || isObject(cfg(s, "hooks.installs"))))
    out.push(
      finding(item, {
        check: "installs-pinned",
        status: "pass",
        message: "Every npm install record is pinned to an exact version with an integrity hash.",
        evidence: [configEvidence(s, "plugins.installs", "plugins.installs records checked")],
      }),
    );
  return out;
}
function lockfileFindings(item: CatalogItem, scan: InstalledSkillsScan): Finding[] {
  const out: Finding[] = [];
  for (const v of scan.items) {
    if (v.approved !== "unapproved" && v.approved !== "changed") continue;
    out.push(
      finding(item, {
        check: v.approved === "changed" ? "lockfile-changed" : "lockfile-unapproved",
        status: "fail",
        severity: "high",
        message:
          v.approved === "changed"
            ? `${v.kind} "${v.name}" changed since an admin approved it.`
            : `${v.kind} "${v.name}" is installed but not approved in the clawwarden lockfile.`,
        evidence: [verdictEvidence(v)],
        remediation: `Have an admin review it and run \`clawwarden skills approve ${v.path}\`, or remove it.`,
        location: { file: v.path },
        subject: `${v.kind}:${v.name}`,
      }),
    );
  }
  if (!scan.lockfileInUse)
    out.push(
      finding(item, {
        check: "no-lockfile",
        status: "warn",
        severity: "medium",
        message: "No clawwarden skills lockfile: installs are not approved centrally.",
        remediation:
          "As the admin, run `clawwarden skills approve <skill dir>` for each reviewed skill and plugin to record the approved set.",
      }),
    );
  else if (out.length === 0)
    out.push(
      finding(item, {
        check: "lockfile",
        status: "pass",
        message: `Every installed skill and plugin (${scan.items.length}) matches the approved lockfile.`,
      }),
    );
  return out;
}
export const k05: CatalogItem = {
  id: "K-05",
  title: "Centralize Skill management",
  category: "skills",
  priority: "P0",
  action: "In a team setting, have an admin approve and deploy Skills centrally",
  verification: "Process review",
  why: "Without an allowlist and pinned, integrity-checked installs, any plugin dropped into the state dir loads with gateway privileges and an upstream update can swap the code unnoticed.",
  openclaw: [
    "plugins.extensions_no_allowlist",
    "plugins.installs_unpinned_npm_specs",
    "plugins.installs_missing_integrity",
    "plugins.installs_version_drift",
    "hooks.installs_unpinned_npm_specs",
    "hooks.installs_missing_integrity",
  ],
  openclawOwns: [
    "hooks.installs_unpinned_npm_specs",
    "hooks.installs_missing_integrity",
    "hooks.installs_version_drift",
    "plugins.*",
  ],
  fix: "assisted",
  needs: ["config", "state"],
  evaluate(s) {
    const out: Finding[] = [...allowlistFindings(k05, s), ...installRecordFindings(k05, s)];
    const r = skillsScan(s);
    if ("reason" in r)
      out.push(unknownScan(k05, s, "the clawwarden lockfile of approved skills was not checked"));
    else out.push(...lockfileFindings(k05, r.scan));
    return out;
  },
};
