import type { Snapshot } from "../model/snapshot.js";
import { finding } from "./finding.js";
import type { CatalogItem, Evidence, Finding, SourceLocation } from "./types.js";

/** Reads a dotted key path from a config value (`gateway.auth.mode`, `hooks.mappings.0.path`). */
export function get(value: unknown, keyPath: string): unknown {
  let cur: unknown = value;
  for (const part of keyPath.split(".")) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** The config value at a key path. */
export function cfg(s: Snapshot, keyPath: string): unknown {
  return get(s.config.value, keyPath);
}

/** Where a key was written (file:line:column), or the main config file when the key is absent. */
export function where(s: Snapshot, keyPath: string): SourceLocation {
  return s.config.positions[keyPath] ?? { file: s.config.path };
}

/** Evidence that a config key has (or lacks) a value; never pass a secret as `value`. */
export function configEvidence(s: Snapshot, keyPath: string, message?: string): Evidence {
  const v = cfg(s, keyPath);
  // A value that came from the environment (`${VAR}`) is shown as its reference: it may be a secret.
  const fromEnv = s.config.envSubstituted?.[keyPath];
  if (fromEnv?.length && v !== undefined) {
    return {
      message: message ?? `${keyPath} = (from ${fromEnv.map((n) => `\${${n}}`).join(", ")})`,
      source: "config",
      keyPath,
      location: where(s, keyPath),
    };
  }
  const shown = v === undefined ? "(unset)" : typeof v === "string" ? JSON.stringify(v) : JSON.stringify(v);
  const ev: Evidence = {
    message: message ?? `${keyPath} = ${shown}`,
    source: v === undefined ? "default" : "config",
    keyPath,
    location: where(s, keyPath),
  };
  if (v !== undefined && typeof v !== "object") ev.value = String(v);
  return ev;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Agent ids configured under `agents.entries` (9.6) or `agents.list` (file era), always including `main`. */
export function agentEntries(
  s: Snapshot,
): Array<{ id: string; keyPath: string; value: Record<string, unknown> }> {
  const out: Array<{ id: string; keyPath: string; value: Record<string, unknown> }> = [];
  const entries = cfg(s, "agents.entries");
  if (isObject(entries)) {
    for (const [id, value] of Object.entries(entries)) {
      if (isObject(value)) out.push({ id, keyPath: `agents.entries.${id}`, value });
    }
  }
  const list = cfg(s, "agents.list");
  if (Array.isArray(list)) {
    list.forEach((value, i) => {
      if (isObject(value) && typeof value.id === "string")
        out.push({ id: value.id, keyPath: `agents.list.${i}`, value });
    });
  }
  return out;
}

/**
 * A guide item that needs a person: `manual` with guidance, or `pass` when attested in the clawwarden
 * config and not expired, or `fail` when the attestation has expired.
 */
export function manualOrAttested(item: CatalogItem, s: Snapshot, guidance: string): Finding {
  const att = s.clawwarden.attestations.find((a) => a.id.toUpperCase() === item.id);
  const attLoc: SourceLocation | undefined = s.clawwarden.path ? { file: s.clawwarden.path } : undefined;
  if (!att) {
    return finding(item, {
      check: "attestation",
      status: "manual",
      message: `Needs a person: ${guidance}`,
      remediation: `When done, attest it in clawwarden.json: { "attestations": [{ "id": "${item.id}", "by": "<who>", "at": "<YYYY-MM-DD>", "expires": "<YYYY-MM-DD>" }] }`,
    });
  }
  const evidence: Evidence[] = [
    {
      message: `attested by ${att.by} on ${att.at}${att.expires ? `, expires ${att.expires}` : ""}${att.note ? ` (${att.note})` : ""}`,
      source: "attestation",
      ...(attLoc ? { location: attLoc } : {}),
    },
  ];
  if (att.expires && Date.parse(att.expires) < Date.parse(s.takenAt)) {
    return finding(item, {
      check: "attestation-expired",
      status: "fail",
      severity: "medium",
      message: `Attestation expired on ${att.expires}: ${guidance}`,
      evidence,
      remediation: "Repeat the review and renew the attestation with a new expiry date.",
    });
  }
  return finding(item, { check: "attestation", status: "pass", message: "Attested by a person.", evidence });
}

/** The finding for an item whose evidence lives on the host: `unknown` until --live collected it. */
export function needsLive(item: CatalogItem, what: string, flag: "--live" | "--deep" = "--live"): Finding {
  return finding(item, {
    check: "needs-live",
    status: "unknown",
    message: `needs ${flag}: ${what}`,
    remediation: `Run \`clawwarden audit ${flag}\` on the host that runs the gateway.`,
  });
}
