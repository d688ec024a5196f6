import type { SecretHit } from "../model/snapshot.js";

/**
 * Where a secret found in the state dir lives, from OpenClaw's point of view (the collector labels hits in
 * OpenClaw's own credential tables and files with `store`):
 * - `identity`: the gateway's own device keys, pairing and approval tokens — expected, protected by C-02 modes;
 * - `store`: OpenClaw's credential stores (auth profiles, secret store, OAuth, channel credentials) — expected
 *   but plaintext at rest;
 * - `leak`: anywhere else (transcripts, task prompts, logs, caches) — a credential that escaped.
 */
export type SecretPlace = "identity" | "store" | "leak";

const IDENTITY_STORES = new Set(["device-identity", "device-token", "exec-approvals"]);

export function secretPlace(hit: SecretHit): SecretPlace {
  if (hit.store === undefined) return "leak";
  return IDENTITY_STORES.has(hit.store) ? "identity" : "store";
}
