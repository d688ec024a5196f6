/**
 * clawwarden as a library: the audit (collect a snapshot, run the catalog, build the report, render SARIF)
 * and the skill scanner. The CLI (`clawwarden`) and the OpenClaw plugin (`clawwarden/plugin`) are the other
 * two entry points.
 */

export { type CollectOptions, collectSnapshot } from "./audit/collect.js";
export { catalog, catalogItem } from "./catalog/index.js";
export { itemVerdict, runCatalog } from "./catalog/run.js";
export type { CatalogItem, Finding, ItemResult, Severity, Status } from "./catalog/types.js";
export type { Snapshot } from "./model/snapshot.js";
export { type AuditReport, buildReport } from "./report/model.js";
export { auditToSarif } from "./report/sarif.js";
export { toSarif as scanToSarif } from "./skills/sarif.js";
export { scanTarget } from "./skills/scan.js";
export type { SkillReport, Verdict } from "./skills/types.js";
