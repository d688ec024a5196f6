/**
 * Facts about the gateway that the audit (N-01, N-03, live checks) and `fix` must judge the same way:
 * how far the listener reaches, and whether a shared secret is strong. One definition, both callers.
 */
import type { Snapshot } from "../model/snapshot.js";
import { shannonEntropy } from "../util/entropy.js";
import { cfg } from "./helpers.js";

export type BindExposure = "loopback" | "tailnet" | "network" | "unknown";

export function isIPv4(v: string): boolean {
  const parts = v.split(".");
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

/** How far the gateway listener reaches, from `gateway.bind` / `gateway.customBindHost` of a config value. */
export function bindExposureOf(config: Record<string, unknown>): {
  mode: string;
  exposure: BindExposure;
  host?: string;
} {
  const gateway = (config.gateway ?? {}) as Record<string, unknown>;
  const bind = gateway.bind;
  if (bind === undefined || bind === "loopback")
    return { mode: bind === undefined ? "(default)" : "loopback", exposure: "loopback" };
  if (bind === "tailnet") return { mode: "tailnet", exposure: "tailnet" };
  if (bind === "lan" || bind === "auto") return { mode: bind, exposure: "network" };
  if (bind === "custom") {
    const raw = gateway.customBindHost;
    const host = typeof raw === "string" ? raw.trim() : "";
    // OpenClaw falls back to 0.0.0.0 when the custom host is missing or not an IPv4 address.
    if (!isIPv4(host)) return { mode: "custom", exposure: "network", host: host || "(unset → 0.0.0.0)" };
    return { mode: "custom", exposure: host.startsWith("127.") ? "loopback" : "network", host };
  }
  if (bind === "0.0.0.0" || bind === "::") return { mode: String(bind), exposure: "network" };
  return { mode: String(bind), exposure: "unknown" };
}

export function bindExposure(s: Snapshot): { mode: string; exposure: BindExposure; host?: string } {
  return bindExposureOf({ gateway: cfg(s, "gateway") ?? {} });
}

/** Shorter than this is guessable for a gateway token or password (OpenClaw generates 48 hex characters). */
export const MIN_SECRET_CHARS = 24;

/** Values OpenClaw itself rejects or publishes as examples, plus common stand-ins. */
const PLACEHOLDERS = new Set([
  "",
  "undefined",
  "null",
  "change-me-to-a-long-random-token",
  "change-me-now",
  "change-me-to-a-strong-password",
  "__openclaw_redacted__",
  "changeme",
  "change-me",
  "change_me",
  "token",
  "password",
  "secret",
  "example",
  "test",
  "admin",
  "your-token",
  "your-token-here",
  "your_token_here",
  "your-password",
  "replace-me",
  "todo",
  "xxx",
]);

export function isPlaceholderSecret(value: string): boolean {
  const v = value.trim().toLowerCase();
  return (
    PLACEHOLDERS.has(v) ||
    /^<[^>]*>$/.test(v) ||
    /^x{3,}$/.test(v) ||
    /^(your|my)[-_ ]/.test(v) ||
    /^(change|replace)[-_ ]?me\b/.test(v)
  );
}

/** Shannon entropy in bits per character (util/entropy.ts; the name is kept for the N-03 messages). */
export const entropyPerChar = shannonEntropy;

/** Short repeating unit ("abcabcabc…") or a tiny alphabet: guessable whatever its length. */
export function isLowEntropy(value: string): boolean {
  for (let unit = 1; unit <= value.length / 3; unit++) {
    if (
      value
        .slice(0, unit)
        .repeat(Math.ceil(value.length / unit))
        .slice(0, value.length) === value
    )
      return true;
  }
  return new Set(value).size < 10 || entropyPerChar(value) < 3;
}

export type SecretWeakness = "placeholder" | "short" | "low-entropy";

/** Why a gateway token/password is weak, or undefined when it is strong. The audit and the fix both ask this. */
export function secretWeakness(value: string): SecretWeakness | undefined {
  if (isPlaceholderSecret(value)) return "placeholder";
  if (value.length < MIN_SECRET_CHARS) return "short";
  if (isLowEntropy(value)) return "low-entropy";
  return undefined;
}
