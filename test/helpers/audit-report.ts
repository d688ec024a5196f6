import { collectSnapshot } from "../../src/audit/collect.js";
import { runCatalog } from "../../src/catalog/run.js";
import { type AuditReport, buildReport } from "../../src/report/model.js";

/** The audit report of a state dir from config and state only (no live probes, no openclaw CLI, no skills). */
export async function auditReportOf(
  stateDir: string,
  opts: { env?: Record<string, string>; only?: string[] } = {},
): Promise<AuditReport> {
  const snapshot = await collectSnapshot({
    env: opts.env ?? {},
    cwd: stateDir,
    stateDir,
    openclaw: false,
    live: false,
    deep: false,
    skills: false,
  });
  const results = runCatalog(snapshot, opts.only ? { only: opts.only } : {});
  return buildReport(snapshot, results, "0.0.0-test", () => undefined);
}
