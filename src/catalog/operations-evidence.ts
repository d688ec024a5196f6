import type { OperationsFacts, Snapshot } from "../model/snapshot.js";
import { finding } from "./finding.js";
import type { CatalogItem, Evidence, Finding } from "./types.js";

/**
 * A-02, A-03, A-04 and P-04 stop needing a person when clawwarden's own watch and backup commands do the work and
 * left a record of it in <state dir>/.clawwarden: those records decide pass (running and healthy) or fail
 * (configured but broken or stale). Without records the item stays manual (or attested).
 */
const HOUR = 3_600_000;
const REMOTE_SINKS = new Set(["webhook", "syslog", "otlp"]);
const ALERT_SINKS = new Set(["webhook", "syslog", "otlp", "jsonl"]);
/** A watch whose last cycle is older than this has stopped (it re-audits at least hourly by default). */
const WATCH_STALE_MS = 26 * HOUR;
const BACKUP_STALE_MS = 48 * HOUR;
const BACKUP_FAIL_MS = 7 * 24 * HOUR;
const DRILL_STALE_MS = 35 * 24 * HOUR;

type Ops = OperationsFacts;
const age = (s: Snapshot, iso: string | undefined) =>
  iso ? Date.parse(s.takenAt) - Date.parse(iso) : Number.POSITIVE_INFINITY;
const hours = (ms: number) => (ms === Number.POSITIVE_INFINITY ? "never" : `${Math.round(ms / HOUR)} h ago`);
const ops = (s: Snapshot): Ops | undefined => (s.operations?.known ? s.operations.value : undefined);
const failing = (k: NonNullable<Ops["watch"]>["sinks"][number]) =>
  k.failed > 0 && (!k.lastSuccessAt || (k.lastFailureAt !== undefined && k.lastFailureAt > k.lastSuccessAt));

function watchEvidence(o: Ops): Evidence[] {
  const w = o.watch;
  if (!w) return [];
  return [
    {
      message: `clawwarden watch: last audit cycle ${w.lastCycleAt ?? "none"}, ${w.alertsRaised} alert(s) raised since ${w.startedAt}`,
      source: "state",
    },
    ...w.sinks.map(
      (k): Evidence => ({
        message: `sink ${k.sink} (${k.type}): ${k.delivered} delivered, ${k.failed} failed, ${k.dropped} dropped${k.lastError ? `; last error: ${k.lastError}` : ""}`,
        source: "state",
      }),
    ),
  ];
}

/** A-04: every change re-audited by a running watch (or its timer). */
export function auditsByWatch(item: CatalogItem, s: Snapshot): Finding | undefined {
  const o = ops(s);
  if (!o?.watch) return undefined;
  const a = age(s, o.watch.lastCycleAt);
  if (a > WATCH_STALE_MS) {
    return finding(item, {
      check: "watch-stale",
      status: "fail",
      message: `clawwarden watch has not audited for ${hours(a).replace(" ago", "")}: it stopped or its timer is off`,
      evidence: watchEvidence(o),
      remediation:
        "systemctl status clawwarden-watch (or clawwarden-audit.timer); restart it, or run `clawwarden watch --install-unit`.",
    });
  }
  return finding(item, {
    check: "watch",
    status: "pass",
    message: `clawwarden watch re-audits on every config and skill change and on schedule (last cycle ${hours(a)})`,
    evidence: watchEvidence(o),
  });
}

/** A-02 (central: a remote sink delivers) and A-03 (alerts: a sink a person reads delivers). */
export function alertsByWatch(item: CatalogItem, s: Snapshot, remoteOnly: boolean): Finding | undefined {
  const o = ops(s);
  const wanted = remoteOnly ? REMOTE_SINKS : ALERT_SINKS;
  const configured = (o?.watchConfig?.sinks ?? []).filter((k) => wanted.has(k.type));
  if (!o || !configured.length) return undefined;
  const what = remoteOnly ? "central log platform" : "alert";
  const status = (o.watch?.sinks ?? []).filter((k) => wanted.has(k.type));
  if (!o.watch || age(s, o.watch.lastCycleAt) > WATCH_STALE_MS) {
    return finding(item, {
      check: "watch-not-running",
      status: "fail",
      message: `${configured.length} ${what} sink(s) are configured in clawwarden.json but clawwarden watch is not running (last cycle ${hours(age(s, o.watch?.lastCycleAt))})`,
      evidence: watchEvidence(o),
      remediation:
        "Start it: `clawwarden watch --install-unit` then `systemctl enable --now clawwarden-watch`.",
    });
  }
  const broken = status.filter(failing);
  if (broken.length) {
    return finding(item, {
      check: "sink-failing",
      status: "fail",
      message: `${what} sink(s) failing: ${broken.map((k) => `${k.sink} (${k.lastError ?? "delivery failed"})`).join(", ")}`,
      evidence: watchEvidence(o),
      remediation:
        "Fix the receiver or the sink settings in clawwarden.json (watch.sinks); `clawwarden watch --once` shows delivery errors.",
    });
  }
  const delivered = status.filter((k) => k.delivered > 0);
  return finding(item, {
    check: delivered.length ? "watch-sinks" : "watch-sinks-untested",
    status: delivered.length ? "pass" : "warn",
    message: delivered.length
      ? `clawwarden watch delivers to ${delivered.map((k) => `${k.sink} (${k.type})`).join(", ")}`
      : `clawwarden watch runs with ${configured.map((k) => k.name).join(", ")} but nothing was delivered yet: send a test alert to prove the path`,
    evidence: watchEvidence(o),
  });
}

/** P-04: daily encrypted backups that verify, and a restore drill in the last month. */
export function backupsByRecords(item: CatalogItem, s: Snapshot): Finding | undefined {
  const o = ops(s);
  if (!o?.backups.length) return undefined;
  const last = (action: string) => [...o.backups].reverse().find((r) => r.action === action);
  const created = [...o.backups].reverse().find((r) => r.action === "create" && r.ok);
  const drill = last("drill");
  const failed = [last("create"), last("verify"), drill].filter((r) => r && !r.ok);
  const evidence: Evidence[] = [
    {
      message: `last backup ${created?.at ?? "none"}${created ? ` (${created.file})` : ""}`,
      source: "state",
    },
    {
      message: `last restore drill ${drill ? `${drill.at}: ${drill.ok ? "passed" : `FAILED ${drill.detail ?? ""}`}` : "never"}`,
      source: "state",
    },
  ];
  if (failed.length) {
    return finding(item, {
      check: "backup-failing",
      status: "fail",
      message: `the last ${failed.map((r) => r?.action).join(" and ")} failed: ${failed.map((r) => r?.detail ?? r?.file).join("; ")}`,
      evidence,
      remediation: "Run `clawwarden backup create` and `clawwarden backup drill` and fix what they report.",
    });
  }
  const since = age(s, created?.at);
  if (since > BACKUP_FAIL_MS) {
    return finding(item, {
      check: "backup-stale",
      status: "fail",
      message: `no successful backup for ${hours(since).replace(" ago", "")}: the schedule stopped`,
      evidence,
      remediation:
        "Schedule `clawwarden backup create --out <dir>` daily (cron or a systemd timer) and `backup prune --keep N`.",
    });
  }
  const drillAge = drill?.ok ? age(s, drill.at) : Number.POSITIVE_INFINITY;
  if (since > BACKUP_STALE_MS || drillAge > DRILL_STALE_MS) {
    return finding(item, {
      check: since > BACKUP_STALE_MS ? "backup-late" : "drill-missing",
      status: "warn",
      message:
        since > BACKUP_STALE_MS
          ? `the last backup is ${hours(since)}: the guide asks for daily backups`
          : `backups run, but no restore drill passed in the last 35 days (${hours(drillAge)})`,
      evidence,
      remediation:
        "`clawwarden backup drill <file>` restores into a temp dir and starts the real OpenClaw on the copy; `backup rebuild-script` writes the fresh-OS rebuild.",
    });
  }
  return finding(item, {
    check: "backups",
    status: "pass",
    message: `encrypted backup ${hours(since)}, restore drill passed ${hours(drillAge)}`,
    evidence,
  });
}
