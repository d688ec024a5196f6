import type { ItemResult } from "../catalog/types.js";
import type { OpenClawAuditFinding, Snapshot } from "../deployment/snapshot.js";
import { type Summary, summarize } from "./score.js";

/** Version of the `--json` output. Bump on any breaking change; see docs/report-json.md. */
export const REPORT_SCHEMA_VERSION = 1;

export interface OpenClawEvidence {
  available: boolean;
  /** Why OpenClaw's own audit is missing (not installed, too old a Node, invalid config…). */
  reason?: string;
  version?: string;
  summary?: { critical: number; warn: number; info: number };
  /** OpenClaw findings grouped by the guide item they map to. */
  byItem: Record<string, OpenClawAuditFinding[]>;
  /** OpenClaw findings that map to no guide item. */
  unmapped: OpenClawAuditFinding[];
}

export interface AuditReport {
  schemaVersion: number;
  tool: { name: "clawwarden"; version: string };
  takenAt: string;
  target: {
    stateDir: string;
    stateDirSource: string;
    configPath: string;
    configPathSource: string;
    configExists: boolean;
    layout: string;
    live: boolean;
    deep: boolean;
  };
  summary: Summary;
  items: ItemResult[];
  openclaw: OpenClawEvidence;
}

export function buildReport(
  snapshot: Snapshot,
  items: ItemResult[],
  toolVersion: string,
  guideItemFor: (checkId: string) => string | undefined,
): AuditReport {
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: "clawwarden", version: toolVersion },
    takenAt: snapshot.takenAt,
    target: {
      stateDir: snapshot.locator.stateDir,
      stateDirSource: snapshot.locator.stateDirSource,
      configPath: snapshot.locator.configPath,
      configPathSource: snapshot.locator.configPathSource,
      configExists: snapshot.config.exists,
      layout: snapshot.state.layout,
      live: snapshot.live !== undefined,
      deep: snapshot.live?.deep === true,
    },
    summary: summarize(items),
    items,
    openclaw: openclawEvidence(snapshot, guideItemFor),
  };
}

function openclawEvidence(
  snapshot: Snapshot,
  guideItemFor: (checkId: string) => string | undefined,
): OpenClawEvidence {
  const { audit, version } = snapshot.openclaw;
  const out: OpenClawEvidence = { available: audit.known, byItem: {}, unmapped: [] };
  if (version.known) out.version = version.value;
  if (!audit.known) {
    out.reason = audit.reason;
    return out;
  }
  out.summary = audit.value.summary;
  for (const f of audit.value.findings) {
    const id = guideItemFor(f.checkId);
    if (!id) out.unmapped.push(f);
    else out.byItem[id] = [...(out.byItem[id] ?? []), f];
  }
  return out;
}
