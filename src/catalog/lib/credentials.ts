import type { SecretHit, Snapshot } from "../../model/snapshot.js";
import { secretFingerprint } from "../../util/fingerprint.js";
import { isObject } from "../helpers.js";
import type { Evidence } from "../types.js";

/** A config key that holds a credential, and how it is stored. */
export interface SecretKey {
  keyPath: string;
  storage: "plaintext" | "secretref" | "env";
  /** Display-safe fingerprint for plaintext values. */
  fingerprint?: string;
}
export const secretKeySuffixes = [
  "token",
  "secret",
  "password",
  "passwd",
  "apikey",
  "api_key",
  "api-key",
  "privatekey",
  "private_key",
  "accesskey",
  "secretkey",
];
export const secretVarName = /(?:KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIALS?)$/i;
export const secretHeaderName = /authorization|api[-_]?key|token|secret|cookie/i;
export const envRef = /^\$(?:\{[A-Z_][A-Z0-9_]*\}|[A-Z_][A-Z0-9_]*)$/;
export const secretRefSources = new Set(["env", "file", "exec", "store"]);
export function isSecretRef(v: unknown): boolean {
  return (
    isObject(v) && typeof v.source === "string" && secretRefSources.has(v.source) && typeof v.id === "string"
  );
}
/** Whether the last key segment names a credential (`botToken`, `apiKey`, env var `OPENAI_API_KEY`). */
export function isSecretKey(segment: string, parent: string): boolean {
  if (parent === "env" || parent === "vars") return secretVarName.test(segment);
  if (parent === "headers") return secretHeaderName.test(segment);
  const lower = segment.toLowerCase();
  return secretKeySuffixes.some((suffix) => lower.endsWith(suffix));
}
/**
 * Every credential-bearing key in the resolved config: gateway.auth.token/password, channel bot/app tokens and
 * signing secrets (also per account), provider apiKeys and auth headers, hooks.token, skills/plugins apiKeys,
 * env.vars secrets, and literal env handed to secret providers (`secrets.providers.*.env`). `meta` is skipped.
 */
export function secretKeys(s: Snapshot): SecretKey[] {
  const refPaths = new Set(s.config.secretRefs.map((r) => r.keyPath));
  const out: SecretKey[] = [];
  const walk = (value: unknown, path: string[]): void => {
    if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) walk(v, [...path, String(i)]);
      return;
    }
    if (!isObject(value)) return;
    for (const [key, v] of Object.entries(value)) {
      const next = [...path, key];
      if (path.length === 0 && key === "meta") continue;
      const keyPath = next.join(".");
      const secretish = isSecretKey(key, path[path.length - 1] ?? "");
      if (secretish && isSecretRef(v)) out.push({ keyPath, storage: "secretref" });
      else if (secretish && typeof v === "string" && v.length > 0) {
        if (refPaths.has(keyPath)) out.push({ keyPath, storage: "secretref" });
        else if (keyPath in s.config.envSubstituted || envRef.test(v)) out.push({ keyPath, storage: "env" });
        else out.push({ keyPath, storage: "plaintext", fingerprint: secretFingerprint(v) });
      } else walk(v, next);
    }
  };
  walk(s.config.value, []);
  return out;
}
export function hitEvidence(hit: SecretHit): Evidence {
  return {
    message: `${hit.description}${hit.where ? ` at ${hit.where}` : ""}`,
    source: "scan",
    ...(hit.where ? { keyPath: hit.where } : {}),
    value: hit.fingerprint,
    location: hit.location,
  };
}
