/** What watch raises. Every string in it has been through the secret scrubber before any sink sees it. */
export type AlertSeverity = "critical" | "high" | "medium" | "low" | "info";

export const SEVERITY_RANK: Record<AlertSeverity, number> = {
  critical: 4,
  high: 3,
  medium: 2,
  low: 1,
  info: 0,
};

/** Something watch observed (a regression, an auth failure, a guard denial…), before the rules decide. */
export interface Signal {
  /** Dotted kind: audit.regression, audit.recovered, gateway.auth_failure, gateway.pairing_request,
   * guard.denial, guard.breaker, listener.new, skills.drift, credential.age, budget.threshold, sink.failing. */
  type: string;
  severity: AlertSeverity;
  /** Same key = same underlying problem (dedup). */
  key: string;
  title: string;
  summary: string;
  /** Guide item when one applies (N-01 … P-05). */
  item?: string;
  labels?: Record<string, string>;
  at: Date;
}

export interface Alert {
  id: string;
  at: string;
  rule: string;
  type: string;
  severity: AlertSeverity;
  key: string;
  title: string;
  summary: string;
  item?: string;
  labels: Record<string, string>;
  /** How many matching signals the rule saw in its window when it fired. */
  count: number;
}

/** One alert rule of `clawwarden.json` → `watch.rules`. Durations: "30s", "5m", "1h", "1d". */
export interface AlertRule {
  name: string;
  match: { type?: string | string[]; minSeverity?: AlertSeverity; items?: string[] };
  /** Fire when this many matching signals arrive within `window` (default 1, i.e. every one). */
  threshold?: number;
  window?: string;
  /** Once fired for a key, stay quiet for that key this long (default 1h). */
  dedup?: string;
  /** At most `max` alerts from this rule per `per` (default 20 per 1h); the rest are counted as suppressed. */
  rateLimit?: { max: number; per: string };
  /** Sink names; default every sink. */
  sinks?: string[];
  severity?: AlertSeverity;
}

export type SinkConfig =
  | { type: "stdout"; name?: string }
  | { type: "jsonl"; name?: string; path: string }
  | { type: "webhook"; name?: string; url: string; secretEnv?: string; timeoutMs?: number; retries?: number }
  | {
      type: "syslog";
      name?: string;
      host: string;
      port: number;
      protocol: "udp" | "tcp" | "tls";
      facility?: number;
      caFile?: string;
    }
  | { type: "otlp"; name?: string; url: string; encoding?: "json" | "protobuf"; headersEnv?: string }
  | { type: "prometheus"; name?: string; port: number; host?: string };

export interface WatchSettings {
  rules: AlertRule[];
  sinks: SinkConfig[];
  /** Re-audit at least this often even when nothing changed (default "1h"). */
  every?: string;
  /** N-06 / C-05: credentials older than this are an alert (default "90d"). */
  credentialMaxAge?: string;
}

export function parseDuration(text: string | undefined, fallbackMs: number): number {
  if (text === undefined) return fallbackMs;
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(text.trim());
  if (!m) throw new RangeError(`not a duration: ${JSON.stringify(text)} (use 30s, 5m, 1h, 1d)`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[
    m[2] as "ms" | "s" | "m" | "h" | "d"
  ];
  return Number(m[1]) * unit;
}
