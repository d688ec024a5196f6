import { finding } from "../finding.js";
import { guardEvidence } from "../guard-evidence.js";
import { cfg, configEvidence, where } from "../helpers.js";
import { otelEvidence, sessionStores } from "../lib/logging.js";
import type { CatalogItem, Evidence, Finding } from "../types.js";

export const a01: CatalogItem = {
  id: "A-01",
  title: "Enable session logs",
  category: "logging",
  priority: "P1",
  action: "Turn on full session and operation logging",
  verification: "Verify log output",
  why: "Without the gateway log, the audit ledger and session records there is no way to tell what an agent did after a prompt injection or a leaked token.",
  openclaw: ["logging.redact_off"],
  openclawOwns: ["logging.*"],
  fix: "assisted",
  needs: ["config", "state"],
  evaluate(s) {
    const out: Finding[] = [];
    const level = cfg(s, "logging.level");
    if (level === "silent" || level === "fatal")
      out.push(
        finding(a01, {
          check: "log-level",
          status: "fail",
          message: `logging.level "${level}" drops operational logs (auth failures, tool errors).`,
          evidence: [configEvidence(s, "logging.level")],
          remediation: "openclaw config set logging.level info",
          location: where(s, "logging.level"),
          subject: "logging.level",
        }),
      );
    if (cfg(s, "logging.audit.enabled") === false)
      out.push(
        finding(a01, {
          check: "audit-ledger-off",
          status: "fail",
          message: "logging.audit.enabled is false: the audit ledger of operations is not kept.",
          evidence: [configEvidence(s, "logging.audit.enabled")],
          remediation: "openclaw config set logging.audit.enabled true",
          location: where(s, "logging.audit.enabled"),
          subject: "logging.audit.enabled",
        }),
      );
    if (cfg(s, "logging.redactSensitive") === "off")
      out.push(
        finding(a01, {
          check: "redact-off",
          status: "fail",
          openclawChecks: ["logging.redact_off"],
          message: 'logging.redactSensitive "off": tool arguments and secrets are written to logs in clear.',
          evidence: [configEvidence(s, "logging.redactSensitive")],
          remediation:
            "openclaw config set logging.redactSensitive tools (releases since 2026-07-28 removed the key: run `openclaw doctor --fix`, redaction is then always on)",
          location: where(s, "logging.redactSensitive"),
          subject: "logging.redactSensitive",
        }),
      );
    if (cfg(s, "diagnostics.otel.captureContent") === true)
      out.push(
        finding(a01, {
          check: "otel-content",
          status: "warn",
          message:
            "diagnostics.otel.captureContent is true: message and tool content leaves the host in telemetry spans.",
          evidence: [configEvidence(s, "diagnostics.otel.captureContent"), ...otelEvidence(s)],
          remediation: "openclaw config set diagnostics.otel.captureContent false",
          location: where(s, "diagnostics.otel.captureContent"),
          subject: "diagnostics.otel.captureContent",
        }),
      );
    const stores = sessionStores(s);
    if (out.length === 0) {
      const evidence: Evidence[] = [
        configEvidence(
          s,
          "logging.level",
          `logging.level = ${JSON.stringify(level ?? "info")}${level === undefined ? " (default)" : ""}`,
        ),
        configEvidence(
          s,
          "logging.audit.enabled",
          `logging.audit.enabled = ${cfg(s, "logging.audit.enabled") ?? "true (default)"}`,
        ),
      ];
      // No store yet usually means no agent has run; it is reported, not judged.
      evidence.push({
        message:
          stores.length > 0
            ? `${stores.length} session store(s), e.g. ${stores[0]}`
            : "no session records yet (no agents/*/agent/openclaw-agent.sqlite or sessions/*.jsonl)",
        source: "state",
        location: { file: stores.length > 0 ? `${s.state.root}/${stores[0]}` : s.state.root },
      });
      evidence.push(guardEvidence(s));
      out.push(
        finding(a01, {
          check: "logging-on",
          status: "pass",
          message: "Gateway logging, the audit ledger and session records are on.",
          evidence,
        }),
      );
    }
    return out;
  },
};
