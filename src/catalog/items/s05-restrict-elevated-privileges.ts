import type { Snapshot } from "../../model/snapshot.js";
import { finding } from "../finding.js";
import { agentEntries, cfg, configEvidence, isObject } from "../helpers.js";
import { ocSet } from "../remediation.js";
import { describePolicy, policyEvidence, type ToolPolicy, toolAllowed, toolPolicy } from "../tool-policy.js";
import type { CatalogItem, Finding } from "../types.js";

function execPolicy(
  s: Snapshot,
  base: string,
): {
  mode: "deny" | "allowlist" | "ask" | "auto" | "full" | "unset" | "invalid";
  ask?: string;
  keys: string[];
} {
  const mode = cfg(s, `${base}.mode`);
  const security = cfg(s, `${base}.security`);
  const ask = cfg(s, `${base}.ask`);
  const keys = [`${base}.mode`, `${base}.security`, `${base}.ask`].filter((k) => cfg(s, k) !== undefined);
  if (typeof mode === "string") {
    return ["deny", "allowlist", "ask", "auto", "full"].includes(mode)
      ? { mode: mode as "deny", keys }
      : { mode: "invalid", keys };
  }
  if (security === "deny") return { mode: "deny", keys };
  if (security === "allowlist")
    return { mode: ask === "on-miss" || ask === "always" ? "ask" : "allowlist", keys };
  if (security === "full") return { mode: "full", ask: typeof ask === "string" ? ask : "off", keys };
  if (security !== undefined) return { mode: "invalid", keys };
  return { mode: "unset", keys };
}
/** OpenClaw rejects `mode` beside the legacy `security`/`ask` pair, so keep whichever form is in use. */
function execFix(s: Snapshot, base: string): string {
  const legacy = cfg(s, `${base}.security`) !== undefined || cfg(s, `${base}.ask`) !== undefined;
  return legacy
    ? `${ocSet(`${base}.security`, "allowlist")} and ${ocSet(`${base}.ask`, "on-miss")} (the legacy form of mode "ask")`
    : `${ocSet(`${base}.mode`, "ask")} (or "allowlist")`;
}
export const s05: CatalogItem = {
  id: "S-05",
  title: "Restrict elevated privileges",
  category: "sandbox",
  priority: "P0",
  action: "Only enable tools.elevated for highly trusted Agents; avoid granting exec or apply_patch",
  verification: "Policy review",
  why: "Elevated mode lets exec escape the sandbox onto the gateway host, and exec in full mode runs any command without approval; granted to everyone on a channel, that is remote code execution for anyone who can message the bot.",
  openclaw: [
    "tools.elevated.allowFrom.*.wildcard",
    "tools.elevated.allowFrom.*.large",
    "tools.exec.security_full_configured",
    "security.exposure.open_channels_with_exec",
    "security.exposure.open_groups_with_elevated",
  ],
  openclawOwns: [
    "tools.exec.*",
    "tools.elevated.allowFrom.<provider>.wildcard",
    "tools.elevated.allowFrom.<provider>.large",
  ],
  fix: "auto",
  needs: ["config"],
  evaluate(s) {
    const out: Finding[] = [];

    // Elevated: unset `enabled` counts as enabled, but only senders in allowFrom get it.
    const enabled = cfg(s, "tools.elevated.enabled");
    const allowFrom = cfg(s, "tools.elevated.allowFrom");
    const lists = isObject(allowFrom) ? Object.entries(allowFrom).filter(([, v]) => Array.isArray(v)) : [];
    if (enabled === false) {
      out.push(
        finding(s05, {
          check: "elevated-disabled",
          status: "pass",
          message: "Elevated mode is disabled (tools.elevated.enabled false).",
          evidence: [configEvidence(s, "tools.elevated.enabled")],
          subject: "tools.elevated",
        }),
      );
    } else {
      let flagged = false;
      for (const [channel, list] of lists) {
        const entries = (list as unknown[]).map((e) => String(e).trim());
        const keyPath = `tools.elevated.allowFrom.${channel}`;
        if (entries.includes("*")) {
          flagged = true;
          out.push(
            finding(s05, {
              check: "elevated-wildcard",
              status: "fail",
              severity: "critical",
              message: `${keyPath} contains "*": everyone who can message the bot on ${channel} may switch on elevated mode and run commands on the gateway host.`,
              evidence: [configEvidence(s, keyPath)],
              remediation:
                '`openclaw config set tools.elevated.enabled false`, or list the few trusted sender ids instead of "*".',
              subject: keyPath,
            }),
          );
        } else if (entries.length > 25) {
          flagged = true;
          out.push(
            finding(s05, {
              check: "elevated-large",
              status: "warn",
              message: `${keyPath} lists ${entries.length} senders; elevated access should be limited to a few highly trusted people.`,
              evidence: [configEvidence(s, keyPath, `${keyPath} has ${entries.length} entries`)],
              remediation:
                "Trim the list to the operators who need it, or `openclaw config set tools.elevated.enabled false`.",
              subject: keyPath,
            }),
          );
        }
      }
      if (!flagged) {
        const total = lists.reduce((n, [, l]) => n + (l as unknown[]).length, 0);
        out.push(
          finding(s05, {
            check: total === 0 ? "elevated-nobody" : "elevated-allowlisted",
            status: "pass",
            message:
              total === 0
                ? `Elevated mode is ${enabled === true ? "enabled" : "not disabled (unset counts as enabled)"}, but tools.elevated.allowFrom grants it to nobody. Set tools.elevated.enabled false to make that explicit.`
                : `Elevated mode is limited to ${total} listed sender(s) in tools.elevated.allowFrom.`,
            evidence: [
              configEvidence(s, "tools.elevated.enabled"),
              configEvidence(s, "tools.elevated.allowFrom"),
            ],
            subject: "tools.elevated",
          }),
        );
      }
    }

    // Exec approval policy, globally and per agent, where exec is reachable at all.
    const scopes: Array<{ label: string; base: string; policy: ToolPolicy }> = [
      { label: "tools.exec", base: "tools.exec", policy: toolPolicy(s) },
    ];
    for (const e of agentEntries(s)) {
      if (!isObject(e.value.tools) || !isObject(e.value.tools.exec)) continue;
      scopes.push({
        label: `agent ${e.id}`,
        base: `${e.keyPath}.tools.exec`,
        policy: toolPolicy(s, `${e.keyPath}.tools`),
      });
    }
    for (const sc of scopes) {
      const ex = execPolicy(s, sc.base);
      const evidence = (ex.keys.length ? ex.keys : [`${sc.base}.mode`]).map((k) => configEvidence(s, k));
      const subject = sc.base;
      if (!toolAllowed(sc.policy, "exec")) {
        out.push(
          finding(s05, {
            check: "exec-not-reachable",
            status: "pass",
            message: `${sc.label}: the exec tool is denied by the tool policy (${describePolicy(sc.policy)}).`,
            evidence: [...evidence, ...policyEvidence(s, sc.policy)],
            subject,
          }),
        );
      } else if (ex.mode === "full") {
        const approvals = ex.ask === "on-miss" || ex.ask === "always";
        out.push(
          finding(s05, {
            check: "exec-full",
            status: "fail",
            openclawChecks: ["tools.exec.security_full_configured"],
            severity: approvals ? "high" : "critical",
            message: `${sc.label}: exec runs with security "full"${approvals ? "" : " and no approval prompt"}: the model can run any command on its host.`,
            evidence,
            remediation: `${execFix(s, sc.base)}; keep "full" for break-glass agents only.`,
            subject,
          }),
        );
      } else if (ex.mode === "unset") {
        out.push(
          finding(s05, {
            check: "exec-unset",
            status: "warn",
            severity: "medium",
            message: `${sc.label}: no exec policy is configured; the host's exec approvals decide, and OpenClaw's host default is "full" without approvals.`,
            evidence,
            remediation: `${ocSet(`${sc.base}.mode`, "ask")} (or deny exec: ${ocSet("tools.deny", ["group:runtime"])}).`,
            subject,
          }),
        );
      } else if (ex.mode === "invalid") {
        out.push(
          finding(s05, {
            check: "exec-invalid",
            status: "warn",
            message: `${sc.label}: the exec policy has a value OpenClaw does not accept.`,
            evidence,
            remediation: execFix(s, sc.base),
            subject,
          }),
        );
      } else {
        out.push(
          finding(s05, {
            check: "exec-restricted",
            status: "pass",
            message: `${sc.label}: exec policy is "${ex.mode}".`,
            evidence,
            subject,
          }),
        );
      }
    }

    for (const base of [
      "tools.exec.applyPatch",
      ...agentEntries(s).map((e) => `${e.keyPath}.tools.exec.applyPatch`),
    ]) {
      if (cfg(s, `${base}.workspaceOnly`) === false) {
        out.push(
          finding(s05, {
            check: "apply-patch-anywhere",
            status: "fail",
            severity: "high",
            message: `${base}.workspaceOnly is false: apply_patch may write files anywhere the process can.`,
            evidence: [configEvidence(s, `${base}.workspaceOnly`)],
            remediation: ocSet(`${base}.workspaceOnly`, true),
            subject: `${base}.workspaceOnly`,
          }),
        );
      }
    }
    if (cfg(s, "commands.bash") === true) {
      out.push(
        finding(s05, {
          check: "bash-command",
          status: "warn",
          message:
            "commands.bash is true: senders with elevated access can run `!` shell commands from chat.",
          evidence: [configEvidence(s, "commands.bash")],
          remediation: "`openclaw config set commands.bash false`",
          subject: "commands.bash",
        }),
      );
    }
    return out;
  },
};
