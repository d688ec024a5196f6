import { lstatSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { secretWeakness } from "../catalog/gateway-facts.js";
import { secretFingerprint } from "../util/fingerprint.js";
import { planAuthProfiles } from "./auth-profiles.js";
import { isObj, RESTART, StepList } from "./steps.js";
import { envSecretRef, isPlaintextSecret } from "./tokens.js";
import {
  type FixContext,
  GATEWAY_PASSWORD_ENV,
  GATEWAY_TOKEN_ENV,
  HOOKS_TOKEN_ENV,
  type Remediation,
} from "./types.js";

interface SecretSlot {
  keyPath: string[];
  env: string;
  /** SecretRef-capable in OpenClaw; otherwise written as a `${ENV}` string. */
  ref: boolean;
}

const SECRET_KEY = /token|secret|password|apikey|privatekey/i;
const NOT_SECRET = /(file|path|policy|mode|url|env|ttl|timeout|header)$/i;
/** Channel keys OpenClaw documents as SecretRef targets (reference/secretref-credential-surface.md). */
const CHANNEL_REF: Record<string, string[]> = {
  telegram: ["botToken"],
  discord: ["token"],
  slack: ["botToken", "appToken", "signingSecret"],
};

const envName = (...parts: string[]) =>
  parts
    .join("_")
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .toUpperCase();

function secretSlots(ctx: FixContext): SecretSlot[] {
  const v = ctx.config.value();
  const slots: SecretSlot[] = [
    { keyPath: ["gateway", "auth", "token"], env: GATEWAY_TOKEN_ENV, ref: true },
    { keyPath: ["gateway", "auth", "password"], env: GATEWAY_PASSWORD_ENV, ref: true },
    { keyPath: ["gateway", "remote", "token"], env: "OPENCLAW_REMOTE_TOKEN", ref: true },
    { keyPath: ["gateway", "remote", "password"], env: "OPENCLAW_REMOTE_PASSWORD", ref: true },
    { keyPath: ["cron", "webhookToken"], env: "OPENCLAW_CRON_WEBHOOK_TOKEN", ref: true },
    { keyPath: ["hooks", "token"], env: HOOKS_TOKEN_ENV, ref: false },
    { keyPath: ["hooks", "gmail", "pushToken"], env: "OPENCLAW_GMAIL_PUSH_TOKEN", ref: false },
  ];
  const providers = (v.models as Record<string, unknown> | undefined)?.providers;
  if (isObj(providers)) {
    for (const p of Object.keys(providers)) {
      slots.push({ keyPath: ["models", "providers", p, "apiKey"], env: envName(p, "API_KEY"), ref: true });
    }
  }
  const skills = (v.skills as Record<string, unknown> | undefined)?.entries;
  if (isObj(skills)) {
    for (const k of Object.keys(skills)) {
      slots.push({
        keyPath: ["skills", "entries", k, "apiKey"],
        env: envName("SKILL", k, "API_KEY"),
        ref: true,
      });
    }
  }
  const channels = v.channels;
  if (isObj(channels)) {
    for (const [ch, block] of Object.entries(channels)) {
      if (!isObj(block)) continue;
      const scopes: Array<[string[], string[]]> = [[["channels", ch], [ch]]];
      if (isObj(block.accounts)) {
        for (const acct of Object.keys(block.accounts))
          scopes.push([
            ["channels", ch, "accounts", acct],
            [ch, acct],
          ]);
      }
      for (const [path, nameParts] of scopes) {
        const obj = ctx.config.get(path);
        if (!isObj(obj)) continue;
        for (const key of Object.keys(obj)) {
          if (!SECRET_KEY.test(key) || NOT_SECRET.test(key)) continue;
          slots.push({
            keyPath: [...path, key],
            env: envName(...nameParts, key),
            ref: (CHANNEL_REF[ch] ?? []).includes(key),
          });
        }
      }
    }
  }
  return slots;
}

/** A free env var name: the preferred one unless .env already holds a different value under it. */
function freeName(ctx: FixContext, preferred: string, value: string, taken: Set<string>): string {
  for (let i = 1; ; i++) {
    const name = i === 1 ? preferred : `${preferred}_${i}`;
    if (taken.has(name)) continue;
    const existing = ctx.env.get(name);
    if (existing === undefined || existing === value) return name;
  }
}

export const moveSecrets: Remediation = {
  id: "C-01",
  title: "Move plaintext secrets out of the config into the env file",
  kind: "auto",
  plan(ctx) {
    const s = new StepList(ctx);
    const taken = new Set<string>();
    for (const slot of secretSlots(ctx)) {
      const key = slot.keyPath.join(".");
      const current = ctx.config.get(slot.keyPath);
      if (!isPlaintextSecret(current) || ctx.claimed.has(key)) continue;
      let value = current;
      const isHooks = key === "hooks.token";
      if (isHooks && secretWeakness(value) !== undefined) {
        value = ctx.secret("hooks-token");
        s.steps.push({ kind: "rotation", target: "hooks-token", fingerprint: secretFingerprint(value) });
        s.consequence(
          `hooks.token was too short and was replaced: webhook senders must use the new token ${secretFingerprint(value)} (${HOOKS_TOKEN_ENV} in ${ctx.env.path})`,
        );
      }
      const name = freeName(ctx, slot.env, value, taken);
      taken.add(name);
      s.steps.push({ kind: "env", name, value, why: `value of ${key} (${secretFingerprint(value)})` });
      s.set(
        slot.keyPath,
        slot.ref ? envSecretRef(name) : `\${${name}}`,
        `reference ${name} instead of the plaintext value`,
      );
    }
    planAuthProfiles(ctx, s, (preferred, value) => {
      const name = freeName(ctx, preferred, value, taken);
      taken.add(name);
      return name;
    });
    if (s.steps.length) {
      s.consequence(RESTART);
      s.consequence(
        `secrets now live in ${ctx.env.path} (0600); back it up with the config, never commit it`,
      );
    }
    return s.result();
  },
};

const MAX_ENTRIES = 200_000;

function walk(root: string, visit: (path: string, mode: number, isDir: boolean) => void): void {
  const stack = [root];
  let seen = 0;
  while (stack.length && seen < MAX_ENTRIES) {
    const p = stack.pop() as string;
    let st: ReturnType<typeof lstatSync>;
    try {
      st = lstatSync(p);
    } catch {
      continue;
    }
    seen++;
    if (st.isSymbolicLink()) continue;
    if (st.isDirectory()) {
      visit(p, st.mode & 0o7777, true);
      let names: string[] = [];
      try {
        names = readdirSync(p);
      } catch {
        // unreadable: nothing to chmod below it
      }
      for (const n of names) stack.push(join(p, n));
    } else if (st.isFile()) {
      visit(p, st.mode & 0o7777, false);
    }
  }
}

/** Files OpenClaw keeps secrets or transcripts in (relative to the state dir); SQLite sidecars included. */
const SENSITIVE_FILE = [
  /\.sqlite(?:-wal|-shm|-journal)?$/,
  /^agents\/[^/]+\/agent\/(?:auth-profiles|auth|models)\.json$/,
  /^agents\/[^/]+\/sessions\/[^/]+\.jsonl?$/,
  /(?:^|\/)\.env$/,
  /^(?:exec-approvals\.json|secrets\.json|config-journal-fingerprint\.key|openclaw\.json(?:\.bak)?)$/,
  /^(?:identity|devices|nodes|credentials)\/.+$/,
];
const SENSITIVE_DIR =
  /^(?:credentials(?:\/.*)?|state|agents|agents\/[^/]+(?:\/agent|\/sessions)?|identity|devices|nodes)$/;

export const statePermissions: Remediation = {
  id: "C-02",
  dependsOn: ["C-01", "N-03"],
  title: "Private permissions on the state dir (700 dirs / 600 files)",
  kind: "auto",
  plan(ctx) {
    const s = new StepList(ctx);
    const seen = new Set<string>();
    const chmod = (path: string, from: number, to: number) => {
      if (seen.has(path) || from === to) return;
      seen.add(path);
      s.steps.push({ kind: "chmod", path, mode: to, from });
    };
    const configFiles = new Set(ctx.config.files());
    const logFile = ctx.config.get(["logging", "file"]);
    walk(ctx.stateDir, (path, mode, isDir) => {
      const rel = relative(ctx.stateDir, path);
      const privateMode = isDir || (mode & 0o100) !== 0 ? 0o700 : 0o600;
      const sensitive =
        rel === "" ||
        configFiles.has(path) ||
        path === logFile ||
        (isDir ? SENSITIVE_DIR.test(rel) : SENSITIVE_FILE.some((re) => re.test(rel)));
      if (sensitive && (mode & 0o077) !== 0) chmod(path, mode, privateMode);
      // anything else stays readable as the user set it, but never writable by other users
      else if ((mode & 0o022) !== 0) chmod(path, mode, mode & ~0o022);
    });
    for (const file of configFiles) {
      try {
        const st = lstatSync(file);
        if (st.isFile() && (st.mode & 0o077) !== 0) chmod(file, st.mode & 0o7777, 0o600);
      } catch {
        // a config file that does not exist yet is created 0600
      }
    }
    if (s.steps.length)
      s.consequence("other local users can no longer read the state dir (the gateway must run as its owner)");
    return s.result();
  },
};
