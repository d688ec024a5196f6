/**
 * The audit `fix` acts on and verifies with: the same collector and catalog as `clawwarden audit`
 * (config, state dir, env names; no live probes), so the fix never holds a second opinion.
 */
import type { ItemResult } from "../catalog/types.js";

export interface AuditTarget {
  stateDir: string;
  configPath: string;
  env: Record<string, string | undefined>;
}

export async function auditNow(target: AuditTarget): Promise<ItemResult[]> {
  // Loaded lazily: the audit engine is heavier than the plan and not needed by init/rotate.
  const [{ collectSnapshot }, { runCatalog }] = await Promise.all([
    import("../audit/collect.js"),
    import("../catalog/run.js"),
  ]);
  const snapshot = await collectSnapshot({
    env: target.env,
    cwd: process.cwd(),
    stateDir: target.stateDir,
    config: target.configPath,
    openclaw: false,
    live: false,
    deep: false,
    skills: false,
  });
  return runCatalog(snapshot);
}
