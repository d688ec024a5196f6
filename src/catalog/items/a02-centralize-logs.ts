import { manualOrAttested } from "../helpers.js";
import { otelEvidence } from "../lib/logging.js";
import { alertsByWatch } from "../operations-evidence.js";
import type { CatalogItem } from "../types.js";

export const a02: CatalogItem = {
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
