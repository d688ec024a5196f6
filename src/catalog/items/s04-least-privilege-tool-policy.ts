import type { Snapshot } from "../../model/snapshot.js";
import { finding } from "../finding.js";
import { bindExposure } from "../gateway-facts.js";
import { agentEntries, cfg, configEvidence, isObject } from "../helpers.js";
import { ocSet } from "../remediation.js";
import { sandboxScopes } from "../sandbox-scopes.js";
import {
  describePolicy,
  policyEvidence,
  RISKY_GROUPS,
  riskyGroupsAllowed,
  strings,
  TOOL_GROUPS,
} from "../tool-policy.js";
import type { CatalogItem, Finding } from "../types.js";

/** Tools OpenClaw keeps off HTTP /tools/invoke unless gateway.tools.allow re-enables them. */
const HTTP_DENIED = [
  "exec",
  "spawn",
  "shell",
  "fs_write",
  "fs_delete",
  "fs_move",
  "apply_patch",
  "sessions_spawn",
  "sessions_send",
  "cron",
  "gateway",
  "nodes",
  "whatsapp_login",
];
/** `tools.byProvider.<p>` and `tools.toolsBySender.<who>` (globally and per agent) can widen the policy. */
function policyOverrideFindings(s: Snapshot): Finding[] {
  const out: Finding[] = [];
  const roots = ["tools", ...agentEntries(s).map((e) => `${e.keyPath}.tools`)];
  for (const root of roots) {
    for (const kind of ["byProvider", "toolsBySender"] as const) {
      const map = cfg(s, `${root}.${kind}`);
      if (!isObject(map)) continue;
      for (const [key, value] of Object.entries(map)) {
        if (!isObject(value)) continue;
        const base = `${root}.${kind}.${key}`;
        const granted = [...(strings(value.allow) ?? []), ...(strings(value.alsoAllow) ?? [])];
        const risky = RISKY_GROUPS.filter(
          (g) => granted.includes(g) || TOOL_GROUPS[g]?.some((t) => t !== "gateway" && granted.includes(t)),
        );
        const wide = value.profile === "full" || granted.includes("*");
        if (!wide && risky.length === 0) continue;
        out.push(
          finding(s04, {
            check: "override-widens",
            status: "warn",
            message: `${base} widens the tool policy for ${kind === "byProvider" ? "provider/model" : "sender"} ${JSON.stringify(key)}: ${wide ? 'profile "full" or "*"' : risky.join(", ")}.`,
            evidence: [configEvidence(s, base, `${base} = ${JSON.stringify(value)}`)],
            remediation: `Narrow ${base} to the tools that ${kind === "byProvider" ? "model" : "sender"} needs, or remove it.`,
            subject: base,
          }),
        );
      }
    }
  }
  return out;
}
export const s04: CatalogItem = {
  id: "S-04",
  title: "Least-privilege tool policy",
  category: "sandbox",
  priority: "P0",
  action: "Use a tools.allow whitelist and enable only the MCP tools you need",
  verification: "openclaw config get tools",
  why: "Every tool the model can call is something a prompt injection can call; a short allowlist keeps shell, file-write and control-plane tools out of reach of agents that do not need them.",
  openclaw: [
    "tools.profile_minimal_overridden",
    "gateway.tools_invoke_http.dangerous_allow",
    "plugins.tools_reachable_permissive_policy",
    "security.exposure.open_groups_with_control_plane_tools",
  ],
  openclawOwns: [
    "gateway.tools_invoke_http.dangerous_allow",
    "gateway.nodes.*",
    "tools.exec.agent_skill_mcp_boundary_drift",
    "tools.exec.fs_tools_disabled_but_exec_enabled",
    "tools.profile_minimal_overridden",
    "security.trust_model.cross_agent_session_access_default",
    "plugins.tools_reachable_permissive_policy",
  ],
  fix: "auto",
  needs: ["config"],
  evaluate(s) {
    const out: Finding[] = [];
    const scopes = sandboxScopes(s).filter(
      (sc) => sc.id === "defaults" || cfg(s, sc.toolsKey ?? "") !== undefined,
    );
    for (const sc of scopes) {
      const p = sc.policy;
      const label = sc.id === "defaults" ? "tools" : sc.label;
      const evidence = policyEvidence(s, p);
      const wildcard = [...(p.allow ?? []), ...(p.alsoAllow ?? [])].includes("*");
      const risky = riskyGroupsAllowed(p);
      const fixKey = sc.id === "defaults" ? "tools" : (sc.toolsKey as string);
      const subject = fixKey;
      if (wildcard) {
        out.push(
          finding(s04, {
            check: "allow-wildcard",
            status: "fail",
            message: `${label}: the allow list contains "*", which allows every tool.`,
            evidence,
            remediation: `Replace "*" with the tools the agent needs, e.g. ${ocSet(`${fixKey}.allow`, ["message", "web_search"])}.`,
            subject,
          }),
        );
      } else if (
        p.allow === undefined &&
        (p.profile === undefined || p.profile === "full") &&
        risky.length > 0
      ) {
        out.push(
          finding(s04, {
            check: p.profile === "full" ? "profile-full" : "no-policy",
            status: "fail",
            message: `${label}: ${p.profile === "full" ? 'tools.profile is "full"' : "no tool profile or allow list is set"}, so every core tool is available — including ${risky.join(", ")}.`,
            evidence,
            remediation: `${ocSet(`${fixKey}.profile`, "messaging")} and allow only what is needed (${fixKey}.alsoAllow), or deny the risky groups: ${ocSet(`${fixKey}.deny`, ["group:runtime", "group:fs", "group:automation", "group:nodes"])}.`,
            subject,
          }),
        );
      } else if (risky.length > 0) {
        out.push(
          finding(s04, {
            check: "risky-groups",
            status: "warn",
            message: `${label}: the policy (${describePolicy(p)}) still allows tools from ${risky.join(", ")}. Keep them only for agents that need them, inside a sandbox.`,
            evidence,
            remediation: `Deny what the agent does not need: ${ocSet(`${fixKey}.deny`, [...new Set([...p.deny, ...risky])])}.`,
            subject,
          }),
        );
      } else {
        out.push(
          finding(s04, {
            check: "least-privilege",
            status: "pass",
            message: `${label}: the policy (${describePolicy(p)}) keeps runtime, file-system, automation and node tools out of reach.`,
            evidence,
            subject,
          }),
        );
      }
    }

    out.push(...policyOverrideFindings(s));

    const httpAllow = strings(cfg(s, "gateway.tools.allow")) ?? [];
    const reenabled = HTTP_DENIED.filter((t) => httpAllow.includes(t));
    if (reenabled.length > 0) {
      const exposed =
        bindExposure(s).exposure !== "loopback" || cfg(s, "gateway.tailscale.mode") === "funnel";
      out.push(
        finding(s04, {
          check: "http-tools-dangerous",
          status: exposed ? "fail" : "warn",
          severity: exposed ? "critical" : "medium",
          message: `gateway.tools.allow re-enables ${reenabled.join(", ")} on HTTP POST /tools/invoke${exposed ? ", and the gateway is reachable from the network" : ""}.`,
          evidence: [configEvidence(s, "gateway.tools.allow")],
          remediation: `Remove ${reenabled.join(", ")} from gateway.tools.allow: ${ocSet(
            "gateway.tools.allow",
            httpAllow.filter((t) => !reenabled.includes(t)),
          )}.`,
          subject: "gateway.tools.allow",
        }),
      );
    }
    return out;
  },
};
