import { createHash } from "node:crypto";

export function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/**
 * Display-safe form of a secret: a few leading and trailing characters plus a short hash.
 * Short secrets show no characters at all so that the fingerprint never reveals most of the value.
 */
export function secretFingerprint(secret: string): string {
  const hash = sha256Hex(secret).slice(0, 8);
  if (secret.length < 12) return `…(${secret.length} chars, sha256:${hash})`;
  const keep = secret.length >= 24 ? 6 : 3;
  return `${secret.slice(0, keep)}…${secret.slice(-4)} (sha256:${hash})`;
}

/** Stable identifier of a finding: survives line moves and unrelated edits. */
export function findingFingerprint(...parts: string[]): string {
  return sha256Hex(parts.join("\u0000")).slice(0, 16);
}
