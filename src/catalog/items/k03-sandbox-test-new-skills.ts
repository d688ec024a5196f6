import type { Snapshot } from "../../model/snapshot.js";
import { finding } from "../finding.js";
import { agentEntries, cfg, get, manualOrAttested, where } from "../helpers.js";
import { skillsScan, verdictEvidence } from "../lib/skills.js";
import type { CatalogItem, Finding } from "../types.js";

/** Agents whose sessions all run sandboxed. */
function sandboxedAgents(s: Snapshot): string[] {
  const defaults = cfg(s, "agents.defaults.sandbox.mode");
  const out: string[] = [];
  if (defaults === "all") out.push("defaults");
  for (const a of agentEntries(s)) {
    const mode = get(a.value, "sandbox.mode");
    if (mode === "all" || (mode === undefined && defaults === "all")) out.push(a.id);
  }
  return out;
}
export const k03: CatalogItem = {
  id: "K-03",
  title: "Sandbox-test new Skills",
  category: "skills",
  priority: "P0",
  action: "Run any newly installed Skill in a minimum-privilege sandbox first",
  verification: "openclaw sandbox explain --session",
  why: "A skill's real behaviour shows only when it runs; a first run inside a no-network, read-only sandbox limits what a bad one can do.",
  openclaw: [],
  fix: "assisted",
  needs: ["config", "person"],
  evaluate(s) {
    const out: Finding[] = [];
    const r = skillsScan(s);
    if (!("reason" in r)) {
      const review = r.scan.items.filter((v) => v.verdict === "review" || v.verdict === "suspicious");
      if (review.length > 0)
        out.push(
          finding(k03, {
            check: "trial-needed",
            status: "warn",
            message: `${review.length} installed item(s) have unexplained scanner findings: trial them in a sandboxed agent before use.`,
            evidence: review.map(verdictEvidence),
            remediation:
              'Add a trial agent with agents.entries.<id>.sandbox.mode "all", docker.network "none", workspaceAccess "none" and tools.profile "minimal", and run the skill there first.',
          }),
        );
    }
    const sandboxed = sandboxedAgents(s);
    const guidance =
      sandboxed.length > 0
        ? `trial every new skill in a sandboxed agent (${sandboxed.join(", ")}) and check \`openclaw sandbox explain --session <key>\` before enabling it elsewhere`
        : 'no agent has sandbox.mode "all": create a trial agent with sandbox.mode "all" and network "none" and run every new skill there first';
    const manual = manualOrAttested(k03, s, guidance);
    manual.evidence.push({
      message:
        sandboxed.length > 0
          ? `sandboxed agents: ${sandboxed.join(", ")}`
          : 'no agent with sandbox.mode "all" (agents.defaults.sandbox.mode / agents.entries.*.sandbox.mode)',
      source: sandboxed.length > 0 ? "config" : "default",
      keyPath: "agents.defaults.sandbox.mode",
      location: where(s, "agents.defaults.sandbox.mode"),
    });
    out.push(manual);
    return out;
  },
};
