import { findSecrets } from "../detect/secrets.js";

const MAX_DEPTH = 6;
const MAX_KEYS = 64;
const MAX_STRING = 2048;

/**
 * Bounded, secret-free copy of an event's data: strings pass the secret detector (fingerprints in place of
 * secrets) and are capped, objects and arrays are capped in size and depth. Events are written and shipped, so
 * nothing in them may hold a credential in clear.
 */
export function scrubData(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return scrubString(value);
  if (typeof value === "number" || typeof value === "boolean" || value === null) return value;
  if (typeof value === "bigint") return value.toString();
  if (depth >= MAX_DEPTH || typeof value !== "object") return undefined;
  if (Array.isArray(value)) return value.slice(0, MAX_KEYS).map((v) => scrubData(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>).slice(0, MAX_KEYS)) {
    const s = scrubData(v, depth + 1);
    if (s !== undefined) out[k.slice(0, 128)] = s;
  }
  return out;
}

function scrubString(text: string): string {
  let s = text.length > MAX_STRING ? `${text.slice(0, MAX_STRING - 1)}…` : text;
  for (const m of findSecrets(s, { highEntropyStrings: true }).sort((a, b) => b.index - a.index)) {
    s = `${s.slice(0, m.index)}[secret ${m.fingerprint}]${s.slice(m.index + m.length)}`;
  }
  return s;
}
