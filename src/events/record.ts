import { createHash } from "node:crypto";

/**
 * One line of clawwarden's event log (`<state dir>/.clawwarden/events/events.jsonl`, docs/events.md).
 * `hash` = sha256 over the canonical JSON of every other field (keys sorted at every level), and `prev` is the
 * previous record's `hash` (64 zeros for the very first), so any edit, deletion or reordering breaks the chain.
 */
export interface EventRecord {
  v: 1;
  seq: number;
  ts: string;
  source: "guard" | "watch" | "audit" | "fix" | "backup";
  type: string;
  session?: string;
  agent?: string;
  data: Record<string, unknown>;
  prev: string;
  hash: string;
}

export type EventInput = Pick<EventRecord, "source" | "type"> &
  Partial<Pick<EventRecord, "session" | "agent" | "ts">> & { data?: Record<string, unknown> };

export const GENESIS = "0".repeat(64);

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(",")}}`;
}

export function recordHash(r: Omit<EventRecord, "hash">): string {
  const { hash: _ignored, ...rest } = r as EventRecord;
  return createHash("sha256").update(canonicalJson(rest)).digest("hex");
}

/** The record as it is written: canonical field order, hash last. */
export function sealRecord(r: Omit<EventRecord, "hash">): EventRecord {
  return { ...r, hash: recordHash(r) };
}

export function serialiseRecord(r: EventRecord): string {
  const { hash, ...rest } = r;
  return `${canonicalJson(rest).slice(0, -1)},"hash":${JSON.stringify(hash)}}`;
}
