import type { SecretHit } from "../deployment/snapshot.js";

/**
 * Where a secret found in the state dir lives, from OpenClaw's point of view:
 * - `identity`: the gateway's own device keys and pairing tokens — expected, protected by file modes (C-02);
 * - `store`: OpenClaw's credential stores (auth profiles, secret store, OAuth) — expected but plaintext at rest;
 * - `leak`: anywhere else (transcripts, task prompts, logs, caches) — a credential that escaped.
 */
export type SecretPlace = "identity" | "store" | "leak";

const IDENTITY_TABLES =
  /^(device_identities|device_auth_tokens|device_bootstrap_tokens|gateway_origin_device_tokens|device_pairing_\w+|exec_approvals_config)\./;
const STORE_TABLES =
  /^(auth_profile_store|auth_profile_state|config_machine_state|secret_store_entries|mcp_oauth_stores|worker_environment_credentials)\./;
const IDENTITY_FILES = /(^|\/)(identity|devices|nodes)\/[^/]+\.json$|(^|\/)exec-approvals\.json$/;
const STORE_FILES =
  /(^|\/)credentials\/|(^|\/)agents\/[^/]+\/agent\/(auth-profiles|auth)\.json$|(^|\/)secrets\.json$/;

export function secretPlace(hit: SecretHit): SecretPlace {
  const where = hit.where ?? "";
  const file = hit.location.file;
  if (IDENTITY_TABLES.test(where) || IDENTITY_FILES.test(file)) return "identity";
  if (STORE_TABLES.test(where) || STORE_FILES.test(file)) return "store";
  return "leak";
}
