/**
 * C-01 for the file-era auth-profile stores (`agents/<id>/agent/auth-profiles.json`): plaintext
 * `key`/`token` fields become `keyRef`/`tokenRef` SecretRefs to the env file, which OpenClaw resolves
 * at activation (docs/gateway/authentication.md). OAuth profiles cannot use SecretRefs (OpenClaw rejects
 * them), so they are left as they are with the reason.
 */
import { lstatSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { readTextFileBounded } from "../deployment/config-read.js";
import { secretFingerprint } from "../util/fingerprint.js";
import { isObj, type StepList } from "./steps.js";
import { envSecretRef, isPlaintextSecret } from "./tokens.js";
import type { FixContext } from "./types.js";

const MAX_STORE_BYTES = 4 * 1024 * 1024;

/** Env names look like OPENCLAW_AUTH_MAIN_ANTHROPIC_DEFAULT_KEY. */
function envNameFor(agent: string, profile: string, field: string): string {
  return ["OPENCLAW_AUTH", agent, profile, field]
    .join("_")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .toUpperCase();
}

export function authProfileStores(stateDir: string): Array<{ agent: string; path: string }> {
  const agentsDir = join(stateDir, "agents");
  let agents: string[];
  try {
    agents = readdirSync(agentsDir);
  } catch {
    return [];
  }
  const out: Array<{ agent: string; path: string }> = [];
  for (const agent of agents.sort()) {
    const path = join(agentsDir, agent, "agent", "auth-profiles.json");
    try {
      // never through a link: the store must be the file OpenClaw keeps in the state dir
      if (lstatSync(path).isFile()) out.push({ agent, path });
    } catch {
      // no store for this agent
    }
  }
  return out;
}

/** Adds env + write steps for every plaintext api_key/token credential. */
export function planAuthProfiles(
  ctx: FixContext,
  s: StepList,
  pickName: (preferred: string, value: string) => string,
): void {
  for (const { agent, path } of authProfileStores(ctx.stateDir)) {
    let store: unknown;
    try {
      const read = readTextFileBounded(path, { maxBytes: MAX_STORE_BYTES, label: "auth profile store" });
      if (!read.exists) continue;
      store = JSON.parse(read.text);
    } catch (error) {
      s.warn(
        `${path} could not be read as JSON (${(error as Error).message}); its credentials were not moved`,
      );
      continue;
    }
    if (!isObj(store) || !isObj(store.profiles)) continue;
    let changed = false;
    for (const [id, profile] of Object.entries(store.profiles)) {
      if (!isObj(profile)) continue;
      const type = profile.type ?? profile.mode;
      if (type === "oauth") {
        if (isPlaintextSecret(profile.access) || isPlaintextSecret(profile.refresh)) {
          s.warn(
            `${path}: OAuth profile "${id}" keeps its tokens in the file — OpenClaw rejects SecretRefs for OAuth material, so it stays there; keep the file 0600 (C-02) and re-login with \`openclaw models auth login\` if it was ever readable by others`,
          );
        }
        continue;
      }
      for (const [field, refField] of [
        ["key", "keyRef"],
        ["token", "tokenRef"],
      ] as const) {
        const value = profile[field];
        if (!isPlaintextSecret(value) || profile[refField] !== undefined) continue;
        const name = pickName(envNameFor(agent, id, field), value);
        s.steps.push({
          kind: "env",
          name,
          value,
          why: `${field} of auth profile "${id}" (agent ${agent}, ${secretFingerprint(value)})`,
        });
        delete profile[field];
        profile[refField] = envSecretRef(name);
        changed = true;
      }
    }
    if (changed) {
      s.steps.push({
        kind: "write",
        path,
        content: `${JSON.stringify(store, null, 2)}\n`,
        mode: 0o600,
        why: "plaintext keys replaced by keyRef/tokenRef SecretRefs to the env file",
      });
      s.consequence(
        `auth profiles of agent ${agent} now read their keys from ${ctx.env.path}: check with \`openclaw models status\` after the restart`,
      );
    }
  }
}
