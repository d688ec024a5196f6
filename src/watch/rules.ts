import { createHash } from "node:crypto";
import { type Alert, type AlertRule, parseDuration, SEVERITY_RANK, type Signal } from "./types.js";

/** With no rules configured, everything of medium severity or above alerts once per key per hour. */
export const DEFAULT_RULES: AlertRule[] = [{ name: "default", match: { minSeverity: "medium" } }];

const MAX_KEYS_PER_RULE = 10_000;

interface Compiled {
  rule: AlertRule;
  types: RegExp[];
  threshold: number;
  windowMs: number;
  dedupMs: number;
  rateMax: number;
  ratePerMs: number;
  /** per key: times of matching signals inside the window */
  seen: Map<string, number[]>;
  /** per key: when it last fired */
  fired: Map<string, number>;
  /** times this rule fired, for the rate limit */
  recent: number[];
}

export interface RuleStats {
  rule: string;
  fired: number;
  deduplicated: number;
  rateLimited: number;
}

/**
 * Prometheus-style alert rules over watch's signals: match, threshold within a window, dedup per key, rate limit
 * per rule. Pure apart from the clock in the signals; bounded memory (keys beyond 10k per rule evict the oldest).
 */
export class AlertEngine {
  private readonly compiled: Compiled[];
  readonly stats: Map<string, RuleStats> = new Map();

  constructor(rules: AlertRule[]) {
    this.compiled = (rules.length ? rules : DEFAULT_RULES).map((rule) => {
      if (!rule.name) throw new RangeError("every alert rule needs a name");
      const types = ([] as string[]).concat(rule.match?.type ?? "*").map(globToRegExp);
      const threshold = rule.threshold ?? 1;
      if (!Number.isInteger(threshold) || threshold < 1)
        throw new RangeError(`rule ${rule.name}: threshold must be >= 1`);
      this.stats.set(rule.name, { rule: rule.name, fired: 0, deduplicated: 0, rateLimited: 0 });
      return {
        rule,
        types,
        threshold,
        windowMs: parseDuration(rule.window, 5 * 60_000),
        dedupMs: parseDuration(rule.dedup, 60 * 60_000),
        rateMax: rule.rateLimit?.max ?? 20,
        ratePerMs: parseDuration(rule.rateLimit?.per, 60 * 60_000),
        seen: new Map(),
        fired: new Map(),
        recent: [],
      };
    });
  }

  /** The alerts this signal raises (zero or one per rule), each with the sinks it goes to. */
  offer(signal: Signal): Array<{ alert: Alert; sinks?: string[] }> {
    const now = signal.at.getTime();
    const out: Array<{ alert: Alert; sinks?: string[] }> = [];
    for (const c of this.compiled) {
      if (!matches(c, signal)) continue;
      const stats = this.stats.get(c.rule.name) as RuleStats;
      const times = (c.seen.get(signal.key) ?? []).filter((t) => now - t < c.windowMs);
      times.push(now);
      remember(c.seen, signal.key, times);
      if (times.length < c.threshold) continue;
      const last = c.fired.get(signal.key);
      if (last !== undefined && now - last < c.dedupMs) {
        stats.deduplicated++;
        continue;
      }
      c.recent = c.recent.filter((t) => now - t < c.ratePerMs);
      if (c.recent.length >= c.rateMax) {
        stats.rateLimited++;
        continue;
      }
      c.recent.push(now);
      remember(c.fired, signal.key, now);
      c.seen.delete(signal.key);
      stats.fired++;
      const severity = c.rule.severity ?? signal.severity;
      const at = signal.at.toISOString();
      out.push({
        alert: {
          id: createHash("sha256").update(`${c.rule.name}\0${signal.key}\0${at}`).digest("hex").slice(0, 16),
          at,
          rule: c.rule.name,
          type: signal.type,
          severity,
          key: signal.key,
          title: signal.title,
          summary: signal.summary,
          ...(signal.item ? { item: signal.item } : {}),
          labels: { ...(signal.labels ?? {}) },
          count: times.length,
        },
        ...(c.rule.sinks ? { sinks: c.rule.sinks } : {}),
      });
    }
    return out;
  }
}

function matches(c: Compiled, s: Signal): boolean {
  const m = c.rule.match ?? {};
  if (!c.types.some((re) => re.test(s.type))) return false;
  if (m.minSeverity && SEVERITY_RANK[s.severity] < SEVERITY_RANK[m.minSeverity]) return false;
  if (m.items?.length && !(s.item && m.items.includes(s.item))) return false;
  return true;
}

function remember<T>(map: Map<string, T>, key: string, value: T): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > MAX_KEYS_PER_RULE) map.delete(map.keys().next().value as string);
}

function globToRegExp(glob: string): RegExp {
  const body = glob
    .split("*")
    .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join("[^]*");
  return new RegExp(`^${body}$`);
}
