import { randomBytes } from "node:crypto";
import { isObj } from "./steps.js";
import type { FixContext } from "./types.js";

/** 32 bytes from the OS CSPRNG, base64url (43 characters). */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

export { MIN_SECRET_CHARS as MIN_TOKEN_CHARS } from "../catalog/gateway-facts.js";

export function envSecretRef(id: string) {
  return { source: "env", provider: "default", id };
}

const ENV_TEMPLATE = /^\$\{([A-Z_][A-Z0-9_]*)\}$|^\$([A-Z_][A-Z0-9_]*)$/;

/** The env var a config value refers to (SecretRef env or `${VAR}`), if any. */
export function referencedEnv(value: unknown): string | undefined {
  if (isObj(value) && value.source === "env" && typeof value.id === "string") return value.id;
  if (typeof value === "string") {
    const m = ENV_TEMPLATE.exec(value);
    return m?.[1] ?? m?.[2];
  }
  return undefined;
}

/** A non-empty string that is not an env reference: a secret written in clear. */
export function isPlaintextSecret(value: unknown): value is string {
  return (
    typeof value === "string" &&
    value.trim() !== "" &&
    referencedEnv(value) === undefined &&
    !value.includes("${")
  );
}

/** Resolves what a token config value currently is, without ever returning it for display. */
export function resolveSecret(ctx: FixContext, value: unknown): { value?: string; where: string } {
  if (isPlaintextSecret(value)) return { value, where: "config (plaintext)" };
  const name = referencedEnv(value);
  if (name === undefined)
    return { where: isObj(value) ? `SecretRef source ${String(value.source)}` : "unset" };
  const fromProcess = ctx.processEnv[name];
  if (fromProcess) return { value: fromProcess, where: `environment variable ${name}` };
  const fromFile = ctx.env.get(name);
  if (fromFile) return { value: fromFile, where: `${ctx.env.path} (${name})` };
  return { where: `${name} (not set)` };
}

/** Calendar versions compare as numbers: 2026.3.28 < 2026.9.6. */
export function versionBefore(version: string, than: string): boolean {
  const a = version.split(/[.-]/).slice(0, 3).map(Number);
  const b = than.split(".").map(Number);
  for (let i = 0; i < 3; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (Number.isNaN(x)) return false;
    if (x !== y) return x < y;
  }
  return false;
}

export const CVE_2026_34503_FIXED = "2026.3.28";

export function cveRestartNote(version: string | undefined): string | undefined {
  if (version === undefined || !versionBefore(version, CVE_2026_34503_FIXED)) return undefined;
  return `OpenClaw ${version} is affected by CVE-2026-34503 (fixed in ${CVE_2026_34503_FIXED}): sessions opened with the old token stay live until the gateway restarts — restart it right after the rotation, and upgrade`;
}
