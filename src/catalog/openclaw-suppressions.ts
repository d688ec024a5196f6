import type { Snapshot } from "../model/snapshot.js";
import { cfg } from "./helpers.js";
import type { Finding } from "./types.js";

/** One entry of OpenClaw's own `security.audit.suppressions` (openclaw.md: checkId, titleIncludes?, detailIncludes?, reason?). */
export interface OpenClawSuppression {
  index: number;
  checkId: string;
  reason?: string;
  /** Narrowed by OpenClaw's own title/detail text, which clawwarden's findings do not carry. */
  textFilter: boolean;
}

export function openclawSuppressions(s: Snapshot): OpenClawSuppression[] {
  const raw = cfg(s, "security.audit.suppressions");
  if (!Array.isArray(raw)) return [];
  const out: OpenClawSuppression[] = [];
  raw.forEach((entry, index) => {
    if (typeof entry !== "object" || entry === null) return;
    const e = entry as Record<string, unknown>;
    if (typeof e.checkId !== "string" || e.checkId === "") return;
    out.push({
      index,
      checkId: e.checkId,
      ...(typeof e.reason === "string" && { reason: e.reason }),
      textFilter: typeof e.titleIncludes === "string" || typeof e.detailIncludes === "string",
    });
  });
  return out;
}

/**
 * The OpenClaw suppression that covers a clawwarden finding: OpenClaw matches checkIds exactly, and so does
 * this, against the concrete checkIds the finding says it reports (never the item's whole family). An entry
 * narrowed by OpenClaw's title/detail text cannot be judged on clawwarden's text and covers nothing here.
 */
export function openclawSuppressionFor(
  f: Finding,
  suppressions: readonly OpenClawSuppression[],
): OpenClawSuppression | undefined {
  if (f.status === "pass" || !f.openclawChecks?.length) return undefined;
  return suppressions.find((s) => !s.textFilter && f.openclawChecks?.includes(s.checkId));
}
