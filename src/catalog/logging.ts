import type { Snapshot } from "../model/snapshot.js";
import { finding } from "./finding.js";
import { guardEvidence } from "./guard-evidence.js";
import { cfg, configEvidence, manualOrAttested, where } from "./helpers.js";
import { alertsByWatch, auditsByWatch } from "./operations-evidence.js";
import type { CatalogItem, Evidence, Finding } from "./types.js";

/** Where session records live in the state dir: JSONL transcripts (file era) or per-agent SQLite (9.6). */
export function sessionStores(s: Snapshot): string[] {
  return s.state.entries
    .filter(
      (e) =>
        e.kind === "file" &&
        (/^agents\/[^/]+\/agent\/openclaw-agent\.sqlite$/.test(e.path) ||
          /^agents\/[^/]+\/sessions\/[^/]+\.jsonl$/.test(e.path)),
    )
    .map((e) => e.path);
}

/** Evidence that OpenTelemetry export is configured (logs leave the host for a collector). */
function otelEvidence(s: Snapshot): Evidence[] {
  if (cfg(s, "diagnostics.otel.enabled") !== true) return [];
  const endpoint =
    cfg(s, "diagnostics.otel.logsEndpoint") ??
    cfg(s, "diagnostics.otel.endpoint") ??
    "(OTEL_EXPORTER_OTLP_* env)";
  return [
    {
      message: `OpenTelemetry export is on (logs: ${cfg(s, "diagnostics.otel.logs") === true ? "yes" : "no"}) → ${String(endpoint)}`,
      source: "config",
      keyPath: "diagnostics.otel.enabled",
      location: where(s, "diagnostics.otel.enabled"),
    },
  ];
}

const a01: CatalogItem = {
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

const a02: CatalogItem = {
  id: "A-02",
  title: "Centralize logs",
  category: "logging",
  priority: "P1",
  action: "Forward audit logs to a central log platform",
  verification: "SIEM integration check",
  why: "Logs that stay on the gateway host are deleted by whoever compromises it (OpenClaw prunes its own log files after 24 h).",
  openclaw: [],
  fix: "assisted",
  needs: ["config", "state", "person"],
  evaluate(s) {
    const shipped = alertsByWatch(a02, s, true);
    if (shipped) return [shipped];
    const otel = otelEvidence(s);
    const f = manualOrAttested(
      a02,
      s,
      otel.length > 0
        ? "OpenTelemetry export is configured: confirm the collector forwards OpenClaw logs to your SIEM and that events arrive"
        : "forward /tmp/openclaw/*.log and the audit ledger to your SIEM (diagnostics.otel with logs: true, or a log shipper), then confirm events arrive",
    );
    f.evidence.push(...otel);
    return [f];
  },
};

const a03: CatalogItem = {
  id: "A-03",
  title: "Alert on key events",
  category: "logging",
  priority: "P1",
  action: "Set alerts for authentication failures, pairing requests, permission denials, etc.",
  verification: "Alert test",
  why: "Brute-force attempts, unexpected pairing requests and tool denials are the first visible signs of an attack; nobody reads logs without an alert.",
  openclaw: [],
  fix: "assisted",
  needs: ["state", "person"],
  evaluate(s) {
    const alerting = alertsByWatch(a03, s, false);
    if (alerting) return [alerting];
    return [
      manualOrAttested(
        a03,
        s,
        "alert on gateway auth failures, channel pairing requests, exec approval denials and blocked tool calls, and fire a test alert",
      ),
    ];
  },
};

const a04: CatalogItem = {
  id: "A-04",
  title: "Regular security audits",
  category: "logging",
  priority: "P1",
  action: "Run openclaw security audit --deep after every config change or new Skill installation",
  verification: "Audit report",
  why: "Config drift and new skills change the attack surface silently; an audit that runs on every change catches the regression before an attacker does.",
  openclaw: [],
  openclawOwns: ["gateway.probe_failed", "security.audit.*"],
  fix: "assisted",
  needs: ["state", "person"],
  evaluate(s) {
    const watched = auditsByWatch(a04, s);
    if (watched) return [watched];
    const f = manualOrAttested(
      a04,
      s,
      "run `clawwarden audit --deep --fail-on high` (and `openclaw security audit --deep`) from cron or CI after every config change and skill install",
    );
    if (s.openclaw.audit.known) {
      const sum = s.openclaw.audit.value.summary;
      f.evidence.push({
        message: `openclaw security audit ran with this audit: ${sum.critical} critical, ${sum.warn} warn, ${sum.info} info`,
        source: "openclaw",
      });
    } else
      f.evidence.push({
        message: `openclaw security audit did not run with this audit: ${s.openclaw.audit.reason}`,
        source: "openclaw",
      });
    return [f];
  },
};

const a05: CatalogItem = {
  id: "A-05",
  title: "Intrusion detection",
  category: "logging",
  priority: "P1",
  action: "Use EDR/EASM tools to scan and monitor your OpenClaw instances",
  verification: "Tool coverage check",
  why: "An agent with shell access is an attractive foothold; endpoint and external-surface monitoring notice the compromise the gateway itself cannot see.",
  openclaw: [],
  fix: "manual",
  needs: ["person"],
  evaluate(s) {
    return [
      manualOrAttested(
        a05,
        s,
        "confirm the gateway host is covered by your EDR agent and its public addresses by your EASM scans",
      ),
    ];
  },
};

export const loggingItems: CatalogItem[] = [a01, a02, a03, a04, a05];
