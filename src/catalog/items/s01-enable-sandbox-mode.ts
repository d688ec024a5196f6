import { finding } from "../finding.js";
import { cfg, configEvidence } from "../helpers.js";
import { SANDBOX_FIX } from "../lib/sandbox.js";
import { channelSections } from "../messaging.js";
import { ocSet } from "../remediation.js";
import { sandboxScopes } from "../sandbox-scopes.js";
import { describePolicy, policyEvidence, runtimeReachable, writeReachable } from "../tool-policy.js";
import type { CatalogItem, Finding } from "../types.js";

export const s01: CatalogItem = {
  id: "S-01",
  title: "Enable sandbox mode",
  category: "sandbox",
  priority: "P0",
  action: 'Set sandbox.mode: "all" or at least "non-main"',
  verification: "openclaw sandbox explain",
  why: "Without a sandbox every command and file edit the model asks for runs directly on the gateway host with the gateway's rights; a single prompt injection becomes a host compromise.",
  openclaw: [
    "sandbox.docker_config_mode_off",
    "security.exposure.open_groups_with_runtime_or_fs",
    "security.trust_model.multi_user_heuristic",
  ],
  openclawOwns: [
    "sandbox.docker_config_mode_off",
    "tools.exec.host_sandbox_no_sandbox_defaults",
    "tools.exec.host_sandbox_no_sandbox_agents",
  ],
  fix: "auto",
  needs: ["config"],
  evaluate(s) {
    const out: Finding[] = [];
    for (const sc of sandboxScopes(s)) {
      const modeEv = configEvidence(
        s,
        sc.modeKey,
        `${sc.modeKey} = ${cfg(s, sc.modeKey) === undefined ? '(unset → "off")' : JSON.stringify(sc.mode)}`,
      );
      const runtime = runtimeReachable(sc.policy);
      const writes = writeReachable(sc.policy);
      const subject = sc.sandboxKey;
      if (sc.mode === "all") {
        out.push(
          finding(s01, {
            check: "mode-all",
            status: "pass",
            message: `${sc.label}: every session runs in the sandbox (mode "all").`,
            evidence: [modeEv],
            subject,
          }),
        );
      } else if (sc.mode === "non-main") {
        const dmScope = cfg(s, "session.dmScope") ?? "main";
        const dmChannels = channelSections(s)
          .filter((c) => !c.parent && (c.value.dmPolicy ?? "pairing") !== "disabled")
          .map((c) => c.channel);
        if (dmScope === "main" && dmChannels.length > 0 && (runtime.length > 0 || writes.length > 0)) {
          out.push(
            finding(s01, {
              check: "non-main-dms-in-main",
              status: "warn",
              message: `${sc.label}: sandbox mode "non-main" leaves the main session on the host, and session.dmScope "main" puts every direct message (${dmChannels.join(", ")}) into that main session — so DM-triggered runs are not sandboxed.`,
              evidence: [
                modeEv,
                configEvidence(
                  s,
                  "session.dmScope",
                  `session.dmScope = ${JSON.stringify(dmScope)}${cfg(s, "session.dmScope") === undefined ? " (default)" : ""}`,
                ),
              ],
              remediation: `${ocSet("session.dmScope", "per-channel-peer")}, or ${ocSet(sc.modeKey, "all")}.`,
              subject,
            }),
          );
        } else {
          out.push(
            finding(s01, {
              check: "mode-non-main",
              status: "pass",
              message: `${sc.label}: sandbox mode "non-main" — group, channel and other sessions are sandboxed; the agent's main session still runs on the host.`,
              evidence: [modeEv],
              subject,
            }),
          );
        }
      } else if (sc.mode === "off" && runtime.length === 0 && writes.length === 0) {
        out.push(
          finding(s01, {
            check: "mode-off-no-exec-tools",
            // The guide asks for "all" or "non-main"; a restrictive tool policy mitigates (lower
            // severity) but one policy edit away from host execution is not a sandbox.
            status: "fail",
            severity: "medium",
            message: `${sc.label}: the sandbox is off. The tool policy (${describePolicy(sc.policy)}) leaves no exec/process or write/edit/apply_patch tool today, which lowers the risk, but the guide asks for sandbox mode "all" or "non-main".`,
            evidence: [modeEv, ...policyEvidence(s, sc.policy)],
            remediation:
              sc.id === "defaults"
                ? `\`${SANDBOX_FIX}\` (or "non-main"), then \`openclaw sandbox explain\` to confirm.`
                : ocSet(`${sc.sandboxKey}.mode`, "all"),
            subject,
          }),
        );
      } else if (sc.mode === "off") {
        out.push(
          finding(s01, {
            check: "mode-off",
            status: "fail",
            message: `${sc.label}: the sandbox is off and the agent can use ${[...runtime, ...writes].join(", ")}: commands and file edits run directly on the gateway host.`,
            evidence: [modeEv, ...policyEvidence(s, sc.policy)],
            remediation:
              sc.id === "defaults"
                ? `\`${SANDBOX_FIX}\` (or "non-main"), then \`openclaw sandbox explain\` to confirm.`
                : ocSet(`${sc.sandboxKey}.mode`, "all"),
            subject,
          }),
        );
      } else {
        out.push(
          finding(s01, {
            check: "mode-invalid",
            status: "fail",
            message: `${sc.label}: sandbox mode ${JSON.stringify(sc.mode)} is not one OpenClaw accepts (off, non-main, all).`,
            evidence: [modeEv],
            remediation: ocSet(sc.modeKey, "all"),
            subject,
          }),
        );
      }
      if (
        sc.mode === "off" &&
        Object.keys(sc.dockerKeys).some((k) => sc.dockerKeys[k]?.startsWith(sc.sandboxKey))
      ) {
        out.push(
          finding(s01, {
            check: "docker-config-unused",
            status: "warn",
            severity: "low",
            message: `${sc.label}: ${sc.sandboxKey}.docker is configured but the sandbox is off, so none of it takes effect.`,
            evidence: [configEvidence(s, `${sc.sandboxKey}.docker`, `${sc.sandboxKey}.docker is set`)],
            remediation: `Enable the sandbox (${ocSet(sc.modeKey, "all")}) or remove the unused docker settings.`,
            subject: `${sc.sandboxKey}.docker`,
          }),
        );
      }
    }
    return out;
  },
};
