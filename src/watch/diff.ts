import type { AlertSeverity, Signal } from "./types.js";

/** What watch remembers of one audit: per guide item, its status and severity. */
export interface AuditDigest {
  takenAt: string;
  index: number;
  items: Record<string, { status: string; severity: string; title: string; priority: string }>;
}

/** Higher is worse. unknown/manual/skip are "not judged": a move from them to fail is still a regression. */
const BADNESS: Record<string, number> = { pass: 0, skip: 0, manual: 0, unknown: 0, warn: 1, fail: 2 };

const toAlertSeverity = (s: string): AlertSeverity =>
  (["critical", "high", "medium", "low", "info"].includes(s) ? s : "medium") as AlertSeverity;

/**
 * Compares two audits of the same deployment: an item that got worse is a regression (its own severity), an item
 * that failed and now passes is a recovery (info). The first audit has nothing to compare with: only its failures
 * are reported, once, as `audit.failing`.
 */
export function diffAudits(prev: AuditDigest | undefined, next: AuditDigest, at: Date): Signal[] {
  const out: Signal[] = [];
  for (const [id, now] of Object.entries(next.items)) {
    const before = prev?.items[id];
    const worse = (BADNESS[now.status] ?? 0) > (BADNESS[before?.status ?? "pass"] ?? 0);
    if (!prev) {
      if (now.status === "fail") {
        out.push({
          type: "audit.failing",
          severity: toAlertSeverity(now.severity),
          key: `audit:${id}`,
          title: `${id} fails: ${now.title}`,
          summary: `${id} (${now.priority}) fails at the start of watch`,
          item: id,
          at,
        });
      }
      continue;
    }
    if (worse) {
      out.push({
        type: "audit.regression",
        severity: toAlertSeverity(now.severity),
        key: `audit:${id}`,
        title: `${id} regressed: ${now.title}`,
        summary: `${id} (${now.priority}) went from ${before?.status ?? "absent"} to ${now.status}`,
        item: id,
        labels: { from: before?.status ?? "absent", to: now.status },
        at,
      });
    } else if (before?.status === "fail" && now.status === "pass") {
      out.push({
        type: "audit.recovered",
        severity: "info",
        key: `audit:${id}:recovered`,
        title: `${id} passes again: ${now.title}`,
        summary: `${id} (${now.priority}) went from fail to pass`,
        item: id,
        at,
      });
    }
  }
  if (prev && next.index < prev.index) {
    out.push({
      type: "audit.index_drop",
      severity: "low",
      key: "audit:index",
      title: `hardening index fell from ${prev.index} to ${next.index}`,
      summary: `hardening index ${prev.index} → ${next.index}`,
      at,
    });
  }
  return out;
}
