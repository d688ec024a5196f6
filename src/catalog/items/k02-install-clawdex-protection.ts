import type { Snapshot } from "../../model/snapshot.js";
import { finding } from "../finding.js";
import { cfg, configEvidence, get, isObject, where } from "../helpers.js";
import { skillsScan, unknownScan, verdictEvidence } from "../lib/skills.js";
import type { CatalogItem, Finding } from "../types.js";

/** Whether new installs pass through a scanner: OpenClaw's security.installPolicy (e.g. `clawwarden install-policy`). */
function installGate(item: CatalogItem, s: Snapshot): Finding {
  const policy = cfg(s, "security.installPolicy");
  if (isObject(policy) && policy.enabled === true) {
    const command = get(policy, "exec.command");
    const targets = Array.isArray(policy.targets) ? policy.targets : ["skill", "plugin"];
    const missing = ["skill", "plugin"].filter((t) => !targets.includes(t));
    if (typeof command !== "string" || command.length === 0)
      return finding(item, {
        check: "install-policy-broken",
        status: "warn",
        severity: "medium",
        message:
          "security.installPolicy is enabled without exec.command: every install is blocked (fails closed).",
        evidence: [configEvidence(s, "security.installPolicy.enabled")],
        remediation:
          "Set security.installPolicy.exec to an absolute scanner command: `clawwarden fix --only K-02` writes a working block (`clawwarden install-policy --print-config` prints it).",
        location: where(s, "security.installPolicy"),
      });
    return finding(item, {
      check: missing.length ? "install-policy-partial" : "install-policy",
      status: missing.length ? "warn" : "pass",
      severity: missing.length ? "medium" : undefined,
      message: missing.length
        ? `security.installPolicy does not cover ${missing.join(" and ")} installs.`
        : "New skill and plugin installs pass through security.installPolicy.",
      evidence: [configEvidence(s, "security.installPolicy.exec.command")],
      remediation: 'Set security.installPolicy.targets to ["skill", "plugin"].',
      location: where(s, "security.installPolicy"),
    });
  }
  return finding(item, {
    check: "no-install-gate",
    status: "warn",
    severity: "medium",
    message: "Nothing scans new skills or plugins before they are installed.",
    evidence: [configEvidence(s, "security.installPolicy.enabled")],
    remediation:
      "Gate installs with clawwarden: `clawwarden fix --only K-02` adds security.installPolicy to openclaw.json (previewed, backed up, reversible), or add the block printed by `clawwarden install-policy --print-config` yourself; it runs the scan before every skill and plugin install and blocks malicious ones.",
    location: where(s, "security.installPolicy"),
  });
}
export const k02: CatalogItem = {
  id: "K-02",
  title: "Install Clawdex protection",
  category: "skills",
  priority: "P0",
  action:
    "Install Koi Security's Clawdex Skill, which scans against a database of malicious Skills before installation",
  verification: "Clawdex status check",
  why: "Known-malicious skills are published under plausible names; checking every install against indicators of compromise stops the known ones. clawwarden's offline IOC scan and its install gate (security.installPolicy → `clawwarden install-policy`) take Clawdex's place.",
  openclaw: ["skills.code_safety", "plugins.code_safety"],
  fix: "assisted",
  needs: ["config", "state"],
  evaluate(s) {
    const out: Finding[] = [];
    const r = skillsScan(s);
    if ("reason" in r)
      out.push(unknownScan(k02, s, "installed skills were not checked against the IOC list"));
    else {
      const bad = r.scan.items.filter((v) => v.verdict === "malicious");
      if (bad.length > 0)
        out.push(
          finding(k02, {
            check: "ioc-match",
            status: "fail",
            severity: "critical",
            message: `${bad.length} installed skill(s)/plugin(s) match known-malicious indicators: ${bad.map((v) => v.name).join(", ")}.`,
            evidence: bad.map(verdictEvidence),
            remediation:
              "Remove them now, rotate every credential the gateway holds, and review the session logs for what they did.",
          }),
        );
      else
        out.push(
          finding(k02, {
            check: "ioc-scan",
            status: "pass",
            message: `clawwarden's IOC scan checked ${r.scan.items.length} installed item(s): no known-malicious match.`,
          }),
        );
    }
    out.push(installGate(k02, s));
    return out;
  },
};
