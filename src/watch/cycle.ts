import { existsSync } from "node:fs";
import { join } from "node:path";
import { type CollectOptions, collectSnapshot } from "../audit/collect.js";
import { runCatalog } from "../catalog/run.js";
import { summarize } from "../report/score.js";
import type { AuditDigest } from "./diff.js";

export interface CycleResult {
  digest: AuditDigest;
  /** Files and folders whose change should trigger the next audit. */
  watchPaths: string[];
  stateDir: string;
  /** OpenClaw's gateway log file, from `logging.file` or its default under /tmp/openclaw. */
  gatewayLog: string;
  clawwarden: Awaited<ReturnType<typeof collectSnapshot>>["clawwarden"];
}

/** One audit, run in-process exactly as `clawwarden audit` runs it, reduced to what watch compares. */
export async function auditCycle(opts: CollectOptions): Promise<CycleResult> {
  const snapshot = await collectSnapshot(opts);
  const results = runCatalog(snapshot, {});
  const summary = summarize(results);
  const items: AuditDigest["items"] = {};
  for (const r of results) {
    items[r.item.id] = {
      status: r.status,
      severity: r.severity,
      title: r.item.title,
      priority: r.item.priority,
    };
  }
  const stateDir = snapshot.locator.stateDir;
  const candidates = [
    ...snapshot.config.files,
    snapshot.locator.configPath,
    join(stateDir, ".env"),
    join(stateDir, "skills"),
    join(stateDir, "extensions"),
    join(stateDir, "credentials"),
    join(stateDir, ".clawwarden", "skills.lock.json"),
    ...snapshot.workspaces.flatMap((w) => [
      join(w.path, "skills"),
      join(w.path, "SOUL.md"),
      join(w.path, "AGENTS.md"),
    ]),
  ];
  const logging = (snapshot.config.value.logging ?? {}) as { file?: unknown };
  const today = snapshot.takenAt.slice(0, 10);
  return {
    digest: { takenAt: snapshot.takenAt, index: summary.index, items },
    watchPaths: [...new Set(candidates)].filter((p) => existsSync(p)),
    stateDir,
    gatewayLog:
      typeof logging.file === "string" ? logging.file : join("/tmp/openclaw", `openclaw-${today}.log`),
    clawwarden: snapshot.clawwarden,
  };
}
