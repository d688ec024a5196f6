import { readFileSync } from "node:fs";
import JSON5 from "json5";
import type { Action, RuleId } from "./types.js";

export type Profile = "personal" | "production" | "strict";
export type RuleAction = Action | "off";

/** The guard's policy file (JSON5). Every key optional; unknown keys are errors. */
export interface GuardPolicy {
  profile: Profile;
  /** observe: decide and log, never act (a dry run in production). */
  mode: "enforce" | "observe";
  rules: Record<RuleId, RuleAction>;
  /** Per sensitive-act category: what to do (overrides rules["sensitive-acts"]). */
  acts: Record<SensitiveAct, RuleAction>;
  /** The owner asking in chat may do a sensitive act without an approval round-trip (SOUL: "without explicit user request"). */
  ownerMayAct: boolean;
  /** Extra restricted path prefixes (`~` allowed). */
  restrictedPaths: string[];
  /** Blocked attempts in one session before its circuit breaker trips. */
  breakerThreshold: number;
  /** Tokens per session / per agent per day; 0 = no limit. */
  budget: { sessionTokens: number; dayTokens: number; warnAt: number; onExceed: "alert" | "block" };
  /** Personal data redacted from outbound text in addition to secrets. */
  pii: { email: boolean; phone: boolean; card: boolean; cnId: boolean };
  /** Largest text a hook inspects; longer text is judged on its first and last parts (and says so). */
  maxInspectBytes: number;
}

export type SensitiveAct =
  | "payment"
  | "delete"
  | "install"
  | "system-config"
  | "send-out"
  | "reveal-secrets"
  | "agent-files";

const BASE: GuardPolicy = {
  profile: "production",
  mode: "enforce",
  rules: {
    "untrusted-content": "ask",
    "decode-execute": "block",
    "sensitive-acts": "ask",
    "restricted-paths": "block",
    "anti-leak": "redact",
    "stop-on-suspicion": "block",
    "output-constraints": "block",
    "token-budget": "allow",
    "install-scan": "block",
  },
  acts: {
    payment: "ask",
    delete: "ask",
    install: "ask",
    "system-config": "ask",
    "send-out": "ask",
    "reveal-secrets": "block",
    "agent-files": "ask",
  },
  ownerMayAct: false,
  restrictedPaths: [],
  breakerThreshold: 3,
  budget: { sessionTokens: 0, dayTokens: 0, warnAt: 0.8, onExceed: "alert" },
  pii: { email: false, phone: false, card: true, cnId: true },
  maxInspectBytes: 256 * 1024,
};

export const PROFILES: Record<Profile, GuardPolicy> = {
  /** One owner on their own machine: fewer prompts, still no secrets out and no decode-and-run. */
  personal: {
    ...BASE,
    profile: "personal",
    ownerMayAct: true,
    acts: { ...BASE.acts, install: "allow", "agent-files": "ask" },
    breakerThreshold: 5,
  },
  production: BASE,
  /** Shared or exposed gateways: untrusted content blocks outbound acts, PII redacted, budgets block. */
  strict: {
    ...BASE,
    profile: "strict",
    rules: { ...BASE.rules, "untrusted-content": "block", "token-budget": "block" },
    acts: { ...BASE.acts, "send-out": "block", "agent-files": "block" },
    breakerThreshold: 2,
    budget: { ...BASE.budget, onExceed: "block" },
    pii: { email: true, phone: true, card: true, cnId: true },
  },
};

const ACTIONS = ["allow", "ask", "block", "redact", "off"];

/** Merges a policy file over a profile's defaults, strictly: unknown keys and bad values name the key. */
export function loadPolicy(opts: { file?: string; text?: string; profile?: Profile } = {}): GuardPolicy {
  let raw: Record<string, unknown> = {};
  if (opts.text !== undefined || opts.file !== undefined) {
    const text = opts.text ?? readFileSync(opts.file as string, "utf8");
    try {
      raw = JSON5.parse(text) as Record<string, unknown>;
    } catch (error) {
      throw new PolicyError(`${opts.file ?? "policy"}: ${(error as Error).message}`);
    }
    if (typeof raw !== "object" || raw === null || Array.isArray(raw))
      throw new PolicyError("policy must be an object");
  }
  const profile = (opts.profile ?? raw.profile ?? "production") as Profile;
  if (!(profile in PROFILES))
    throw new PolicyError(`profile must be personal, production or strict (got ${String(profile)})`);
  const base = structuredClone(PROFILES[profile]);
  for (const key of Object.keys(raw)) {
    if (!(key in base) && key !== "$schema")
      throw new PolicyError(`unknown policy key ${JSON.stringify(key)}`);
  }
  const merged: GuardPolicy = { ...base };
  if (raw.mode !== undefined) {
    if (raw.mode !== "enforce" && raw.mode !== "observe")
      throw new PolicyError("mode must be enforce or observe");
    merged.mode = raw.mode;
  }
  for (const [field, allowed] of [
    ["rules", Object.keys(base.rules)],
    ["acts", Object.keys(base.acts)],
  ] as const) {
    const v = raw[field];
    if (v === undefined) continue;
    if (typeof v !== "object" || v === null) throw new PolicyError(`${field} must be an object`);
    for (const [k, a] of Object.entries(v)) {
      if (!allowed.includes(k)) throw new PolicyError(`unknown ${field} entry ${JSON.stringify(k)}`);
      if (!ACTIONS.includes(a as string))
        throw new PolicyError(`${field}.${k} must be one of ${ACTIONS.join(", ")}`);
      (merged[field] as Record<string, RuleAction>)[k] = a as RuleAction;
    }
  }
  if (raw.ownerMayAct !== undefined) merged.ownerMayAct = raw.ownerMayAct === true;
  if (raw.restrictedPaths !== undefined) {
    if (!Array.isArray(raw.restrictedPaths) || raw.restrictedPaths.some((p) => typeof p !== "string")) {
      throw new PolicyError("restrictedPaths must be a list of paths");
    }
    merged.restrictedPaths = raw.restrictedPaths as string[];
  }
  if (raw.breakerThreshold !== undefined) {
    if (!Number.isInteger(raw.breakerThreshold) || (raw.breakerThreshold as number) < 1)
      throw new PolicyError("breakerThreshold must be >= 1");
    merged.breakerThreshold = raw.breakerThreshold as number;
  }
  if (raw.budget !== undefined) merged.budget = { ...merged.budget, ...(raw.budget as object) };
  if (raw.pii !== undefined) merged.pii = { ...merged.pii, ...(raw.pii as object) };
  if (raw.maxInspectBytes !== undefined) merged.maxInspectBytes = Number(raw.maxInspectBytes);
  return merged;
}

export class PolicyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PolicyError";
  }
}
