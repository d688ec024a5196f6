import { catalog } from "../catalog/index.js";
import { openclawSuppressions } from "../catalog/openclaw-suppressions.js";
import type { ItemResult } from "../catalog/types.js";
import { findSecrets } from "../detect/secrets.js";
import type { OpenClawAuditFinding, Snapshot } from "../model/snapshot.js";
import { secretFingerprint } from "../util/fingerprint.js";
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
  /** OpenClaw ran on a private copy of the state dir; what that copy left out, when anything. */
  note?: string;
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
  /** The clawwarden.json that was applied (attestations, suppressions) and what looks wrong in it. */
  clawwarden: { config: string | null; notes: string[] };
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
    items: items.map(scrubResult),
    openclaw: openclawEvidence(snapshot, guideItemFor),
    clawwarden: { config: snapshot.clawwarden.path ?? null, notes: clawwardenNotes(snapshot, items) },
  };
}

/** Expired suppressions, and suppressions that match no finding (a typo'd checkId hides nothing and says so). */
function clawwardenNotes(snapshot: Snapshot, items: ItemResult[]): string[] {
  const notes: string[] = [];
  const now = Date.parse(snapshot.takenAt);
  const findings = items.flatMap((r) => r.findings);
  const complete = items.length >= catalog.length;
  snapshot.clawwarden.suppressions.forEach((s, i) => {
    const what = s.checkId ?? s.fingerprint ?? "";
    if (s.expires !== undefined && Date.parse(s.expires) < now) {
      notes.push(`suppression ${i + 1} (${what}) expired on ${s.expires}: its findings count again`);
      return;
    }
    const matches = findings.some(
      (f) =>
        (s.checkId === undefined || s.checkId === f.checkId || s.checkId === f.id) &&
        (s.fingerprint === undefined || s.fingerprint === f.fingerprint),
    );
    if (!matches && complete) notes.push(`suppression ${i + 1} (${what}) matches no finding: check the id`);
  });
  for (const o of openclawSuppressions(snapshot)) {
    const what = `OpenClaw security.audit.suppressions[${o.index}] (${o.checkId})`;
    if (o.textFilter)
      notes.push(`${what} narrows by title/detail text: it applies to OpenClaw's own findings only`);
    else if (complete && !findings.some((f) => f.suppressed?.reason.startsWith(what)))
      notes.push(
        `${what} covers no clawwarden finding: clawwarden reports it under its own check, or nothing fired`,
      );
  }
  for (const a of snapshot.clawwarden.attestations) {
    if (a.expires !== undefined && Date.parse(a.expires) < now)
      notes.push(`attestation of ${a.id} by ${a.by} expired on ${a.expires}`);
  }
  return notes;
}

function openclawEvidence(
  snapshot: Snapshot,
  guideItemFor: (checkId: string) => string | undefined,
): OpenClawEvidence {
  const { audit, version } = snapshot.openclaw;
  const out: OpenClawEvidence = { available: audit.known, byItem: {}, unmapped: [] };
  if (version.known) out.version = version.value;
  if (snapshot.openclaw.copyNote !== undefined) out.note = snapshot.openclaw.copyNote;
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

/**
 * The last line of defence before anything is printed: every message, evidence line and remediation of every
 * finding goes through the secret detector, so a secret-shaped value under a key no check treats as secret (or
 * pasted into a message) leaves the report only as a fingerprint, in every format.
 */
function scrub(text: string): string {
  if (text.length < 16) return text;
  // Rule-based detection only: fingerprints, hashes and ids in evidence are high-entropy but not secrets.
  const found = findSecrets(text, { honourComments: false, highEntropyStrings: false }).sort(
    (a, b) => b.index - a.index,
  );
  let out = text;
  for (const m of found) {
    const value = out.slice(m.index, m.index + m.length);
    out = `${out.slice(0, m.index)}<secret ${secretFingerprint(value)}>${out.slice(m.index + m.length)}`;
  }
  return out;
}

function scrubResult(r: ItemResult): ItemResult {
  return {
    ...r,
    findings: r.findings.map((f) => ({
      ...f,
      message: scrub(f.message),
      ...(f.remediation !== undefined && { remediation: scrub(f.remediation) }),
      evidence: f.evidence.map((e) => ({
        ...e,
        message: scrub(e.message),
        ...(e.value !== undefined && { value: scrub(e.value) }),
      })),
    })),
  };
}
