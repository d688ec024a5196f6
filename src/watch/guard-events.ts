import type { Signal } from "./types.js";

/**
 * Signals from the guard's hash-chained event log (`<state dir>/.clawwarden/events/events.jsonl`, record format in
 * docs/events.md): blocked tool calls, tripped circuit breakers, token budget thresholds. The record's `data` is
 * already fingerprinted by the guard; only named fields are carried on.
 */
export function guardEventSignal(line: string): Signal | undefined {
  let e: { type?: unknown; ts?: unknown; session?: unknown; agent?: unknown; data?: Record<string, unknown> };
  try {
    e = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof e.type !== "string" || !e.type.startsWith("guard.")) return undefined;
  const at = typeof e.ts === "string" && !Number.isNaN(Date.parse(e.ts)) ? new Date(e.ts) : new Date();
  const data = e.data ?? {};
  const text = (v: unknown) =>
    typeof v === "string" ? v.slice(0, 200) : typeof v === "number" ? String(v) : undefined;
  const session = text(e.session) ?? "unknown";
  const rule = text(data.rule) ?? text(data.ruleId) ?? "unknown";
  const labels: Record<string, string> = { session, rule };
  const agent = text(e.agent);
  if (agent) labels.agent = agent;
  if (e.type === "guard.breaker") {
    return {
      type: "guard.breaker",
      severity: "high",
      key: `breaker:${session}`,
      title: "guard circuit breaker tripped",
      summary: `repeated blocked attempts stopped session ${session} until the owner resets it`,
      item: "A-01",
      labels,
      at,
    };
  }
  if (e.type === "guard.budget") {
    const level = text(data.level) ?? text(data.threshold) ?? "threshold";
    return {
      type: "budget.threshold",
      severity: data.blocked === true || level === "block" ? "high" : "medium",
      key: `budget:${text(data.scope) ?? "session"}:${text(data.scopeId) ?? session}:${level}`,
      title: "token budget threshold reached",
      summary: `token use reached the ${level} threshold (${text(data.used) ?? "?"} of ${text(data.limit) ?? "?"} tokens, ${text(data.scope) ?? "session"})`,
      item: "L-02",
      labels,
      at,
    };
  }
  const action = text(data.action) ?? text(data.decision) ?? text(data.outcome);
  if (e.type === "guard.decision" && action === "block") {
    return {
      type: "guard.denial",
      severity: "medium",
      key: `denial:${session}:${rule}`,
      title: `guard blocked a ${text(data.hook) ?? "hook"} (${rule})`,
      summary: text(data.reason) ?? `rule ${rule} blocked an action in session ${session}`,
      item: "A-01",
      labels,
      at,
    };
  }
  return undefined;
}
