import { createServer, type Server } from "node:http";
import { Counter, Gauge, Registry } from "prom-client";
import type { SinkStatus } from "./courier.js";

/** What watch exposes to Prometheus. Labels hold rule names, sink names, severities and guide IDs only. */
export class WatchMetrics {
  readonly registry = new Registry();
  readonly alerts = new Counter({
    name: "clawwarden_alerts_total",
    help: "Alerts raised, by rule and severity.",
    labelNames: ["rule", "severity"] as const,
    registers: [this.registry],
  });
  readonly hardeningIndex = new Gauge({
    name: "clawwarden_hardening_index",
    help: "Hardening index of the last audit (0-100).",
    registers: [this.registry],
  });
  readonly itemStatus = new Gauge({
    name: "clawwarden_item_failing",
    help: "1 when the guide item failed in the last audit, else 0.",
    labelNames: ["item", "priority"] as const,
    registers: [this.registry],
  });
  readonly lastAudit = new Gauge({
    name: "clawwarden_last_audit_timestamp_seconds",
    help: "Unix time of the last completed audit.",
    registers: [this.registry],
  });
  readonly sinkDelivered = new Gauge({
    name: "clawwarden_sink_delivered",
    help: "Alerts delivered per sink since start.",
    labelNames: ["sink", "type"] as const,
    registers: [this.registry],
  });
  readonly sinkFailed = new Gauge({
    name: "clawwarden_sink_failed",
    help: "Alerts that failed delivery after retries, per sink.",
    labelNames: ["sink", "type"] as const,
    registers: [this.registry],
  });
  readonly sinkDropped = new Gauge({
    name: "clawwarden_sink_dropped",
    help: "Alerts dropped because the sink's queue was full.",
    labelNames: ["sink", "type"] as const,
    registers: [this.registry],
  });

  updateSinks(statuses: SinkStatus[]): void {
    for (const s of statuses) {
      this.sinkDelivered.set({ sink: s.sink, type: s.type }, s.delivered);
      this.sinkFailed.set({ sink: s.sink, type: s.type }, s.failed);
      this.sinkDropped.set({ sink: s.sink, type: s.type }, s.dropped);
    }
  }
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

/** Serves /metrics on a loopback address only: the text format is for a local Prometheus or an SSH tunnel. */
export function serveMetrics(metrics: WatchMetrics, port: number, host = "127.0.0.1"): Promise<Server> {
  if (!LOOPBACK.test(host)) {
    return Promise.reject(new RangeError(`metrics endpoint must bind to loopback, not ${host}`));
  }
  const server = createServer((req, res) => {
    if (req.method !== "GET" || (req.url ?? "").split("?")[0] !== "/metrics") {
      res.writeHead(404).end();
      return;
    }
    metrics.registry.metrics().then(
      (text) => res.writeHead(200, { "content-type": metrics.registry.contentType }).end(text),
      () => res.writeHead(500).end(),
    );
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve(server));
  });
}
