import type { Snapshot } from "../../model/snapshot.js";
import { cfg, where } from "../helpers.js";
import type { Evidence } from "../types.js";

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
export function otelEvidence(s: Snapshot): Evidence[] {
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
