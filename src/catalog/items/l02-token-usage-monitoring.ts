import { cfg, configEvidence, manualOrAttested } from "../helpers.js";
import type { CatalogItem } from "../types.js";

export const l02: CatalogItem = {
  id: "L-02",
  title: "Token usage monitoring",
  category: "llm",
  priority: "P2",
  action: "Monitor LLM token consumption and set usage alert thresholds",
  verification: "API usage dashboard",
  why: "A runaway loop or an abused agent burns tokens before anyone notices; a usage alert is often the first sign of misuse.",
  openclaw: [],
  fix: "assisted",
  needs: ["config", "person"],
  evaluate(s) {
    const metrics =
      cfg(s, "diagnostics.otel.enabled") === true && cfg(s, "diagnostics.otel.metrics") !== false;
    const f = manualOrAttested(
      l02,
      s,
      metrics
        ? "OpenTelemetry metrics are exported (token counters included): set alert thresholds on them and on each provider's usage dashboard"
        : "set usage alert thresholds in each model provider's console, or export OpenClaw's metrics (diagnostics.otel.enabled, metrics: true) and alert on token counters",
    );
    if (metrics) f.evidence.push(configEvidence(s, "diagnostics.otel.enabled"));
    return [f];
  },
};
