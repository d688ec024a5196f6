import { join } from "node:path";
import type { Snapshot } from "../../model/snapshot.js";
import { finding } from "../finding.js";
import { guardEvidence } from "../guard-evidence.js";
import { cfg, configEvidence, isObject } from "../helpers.js";
import { ocSet } from "../remediation.js";
import { soulRulesMissing } from "../soul-rules.js";
import type { CatalogItem, Finding } from "../types.js";

/** OpenClaw counts a non-loopback bind and Tailscale Serve/Funnel as remote exposure for hooks. */
function remotelyExposed(s: Snapshot): boolean {
  const bind = cfg(s, "gateway.bind");
  const tailscale = cfg(s, "gateway.tailscale.mode");
  return (typeof bind === "string" && bind !== "loopback") || tailscale === "serve" || tailscale === "funnel";
}
/** Webhook callers that may pick any agent or session can push external text straight into a run. */
function hookRoutingFindings(s: Snapshot): Finding[] {
  const out: Finding[] = [];
  const exposed = remotelyExposed(s);
  const where = exposed ? " and the gateway is reachable from beyond this host" : "";
  const ids = cfg(s, "hooks.allowedAgentIds");
  if (!Array.isArray(ids) || ids.some((id) => String(id).trim() === "*")) {
    out.push(
      finding(d04, {
        check: "hooks-any-agent",
        status: exposed ? "fail" : "warn",
        severity: exposed ? "high" : "medium",
        message: `hooks.allowedAgentIds is ${Array.isArray(ids) ? 'contains "*"' : "unset"}: webhook callers may route their payload to any agent, including the default one with its tools${where}.`,
        evidence: [configEvidence(s, "hooks.allowedAgentIds"), configEvidence(s, "hooks.enabled")],
        remediation: `List the agents webhooks may reach (a dedicated, tool-less agent), or deny routing: ${ocSet("hooks.allowedAgentIds", [])}.`,
        subject: "hooks.allowedAgentIds",
      }),
    );
  }
  if (cfg(s, "hooks.allowRequestSessionKey") === true) {
    const prefixes = cfg(s, "hooks.allowedSessionKeyPrefixes");
    const unrestricted = !Array.isArray(prefixes) || prefixes.length === 0;
    out.push(
      finding(d04, {
        check: "hooks-request-session-key",
        status: exposed ? "fail" : "warn",
        severity: exposed ? "high" : "medium",
        message: `hooks.allowRequestSessionKey is true${unrestricted ? " with no hooks.allowedSessionKeyPrefixes" : ""}: webhook callers choose the session their text lands in${unrestricted ? ", including existing operator sessions" : ""}${where}.`,
        evidence: [
          configEvidence(s, "hooks.allowRequestSessionKey"),
          configEvidence(s, "hooks.allowedSessionKeyPrefixes"),
        ],
        remediation: `${ocSet("hooks.allowRequestSessionKey", false)} (or restrict ${ocSet("hooks.allowedSessionKeyPrefixes", ["hook:"])}).`,
        subject: "hooks.allowRequestSessionKey",
      }),
    );
  }
  return out;
}
/** The hardened SOUL.md states the same rules to the model; a workspace without them has drifted. */
function soulFindings(s: Snapshot): Finding[] {
  return s.workspaces.map((ws) => {
    const file = join(ws.path, "SOUL.md");
    const base = { subject: `soul:${ws.agentId}`, location: { file } };
    if (!ws.soulMd.known)
      return finding(d04, {
        ...base,
        check: "soul-unreadable",
        status: "unknown",
        message: `agent ${ws.agentId}: SOUL.md could not be read: ${ws.soulMd.reason}`,
      });
    const missing = ws.soulMd.value === null ? null : soulRulesMissing(ws.soulMd.value);
    if (missing !== null && missing.length === 0)
      return finding(d04, {
        ...base,
        check: "soul-rules",
        status: "pass",
        message: `agent ${ws.agentId}: SOUL.md states all six safety rule groups of the hardened template.`,
        evidence: [{ message: `${file} has all six rule groups`, source: "state", location: { file } }],
      });
    return finding(d04, {
      ...base,
      check: missing === null ? "soul-missing" : "soul-drift",
      status: "warn",
      severity: "medium",
      message:
        missing === null
          ? `agent ${ws.agentId}: the workspace has no SOUL.md, so the model is never told to treat external content as untrusted data.`
          : `agent ${ws.agentId}: SOUL.md lacks ${missing.length} of the six safety rule groups: ${missing.join(", ")}.`,
      evidence: [
        {
          message: missing === null ? `${file} does not exist` : `${file} misses ${missing.join(", ")}`,
          source: "state",
          location: { file },
        },
      ],
      remediation:
        "`clawwarden fix --only D-04` adds the missing rule sections (English, or Chinese with --lang zh) without changing your own text.",
    });
  });
}
export const d04: CatalogItem = {
  id: "D-04",
  title: "Mark untrusted content",
  category: "messaging",
  priority: "P1",
  action: "Tag every external input as untrusted and forbid it from directly affecting command execution",
  verification: "Code review",
  why: "OpenClaw wraps webhook, e-mail and cron input in untrusted-content markers with a security notice; allowUnsafeExternalContent removes that wrapper, so an e-mail or webhook body reaches the model as if the operator had typed it.",
  openclaw: [
    "config.insecure_or_dangerous_flags",
    "hooks.allowed_agent_ids_unrestricted",
    "hooks.request_session_key_enabled",
    "hooks.request_session_key_prefixes_missing",
  ],
  openclawOwns: ["hooks.*", "config.insecure_or_dangerous_flags"],
  fix: "auto",
  needs: ["config"],
  evaluate(s) {
    const out: Finding[] = [];
    const flagged: string[] = [];
    const mappings = cfg(s, "hooks.mappings");
    if (Array.isArray(mappings)) {
      mappings.forEach((m, i) => {
        if (isObject(m) && m.allowUnsafeExternalContent === true)
          flagged.push(`hooks.mappings.${i}.allowUnsafeExternalContent`);
      });
    }
    if (cfg(s, "hooks.gmail.allowUnsafeExternalContent") === true)
      flagged.push("hooks.gmail.allowUnsafeExternalContent");
    for (const keyPath of flagged) {
      const source = keyPath.startsWith("hooks.gmail")
        ? "Gmail messages reach"
        : `input to webhook mapping ${keyPath.split(".")[2]} reaches`;
      out.push(
        finding(d04, {
          check: keyPath.startsWith("hooks.gmail") ? "gmail-unsafe" : "mapping-unsafe",
          status: "fail",
          message: `${keyPath} is true: ${source} the agent without the untrusted-content wrapper.`,
          evidence: [configEvidence(s, keyPath)],
          remediation: ocSet(keyPath, false),
          subject: keyPath,
        }),
      );
    }
    if (cfg(s, "hooks.enabled") === true) out.push(...hookRoutingFindings(s));
    if (out.length === 0) {
      const hooksOn = cfg(s, "hooks.enabled") === true;
      out.push(
        finding(d04, {
          check: "external-content-wrapped",
          status: "pass",
          message: `No allowUnsafeExternalContent flag is set in the config${hooksOn ? " (webhooks are enabled; their input is wrapped)" : ""}, so external input is wrapped as untrusted. Cron job payloads are kept in OpenClaw's state database and were not inspected.`,
          evidence: [
            configEvidence(s, "hooks.enabled"),
            ...(Array.isArray(mappings)
              ? [configEvidence(s, "hooks.mappings", `hooks.mappings has ${mappings.length} mapping(s)`)]
              : []),
          ],
          subject: "allowUnsafeExternalContent",
        }),
      );
    }
    out.push(...soulFindings(s));
    out[0]?.evidence.push(guardEvidence(s));
    return out;
  },
};
