import type { Snapshot } from "../../model/snapshot.js";
import { finding } from "../finding.js";
import { cfg, configEvidence } from "../helpers.js";
import type { CatalogItem, Finding } from "../types.js";

export const BIND_FIX = "openclaw config set gateway.bind loopback";
/**
 * With gateway.mode "remote" this config belongs to a client of a gateway on another host (OpenClaw
 * will not start a local gateway), so the listener items do not apply here.
 */
export function remoteClientSkip(item: CatalogItem, s: Snapshot): Finding | undefined {
  if (cfg(s, "gateway.mode") !== "remote") return undefined;
  return finding(item, {
    check: "remote-client",
    status: "skip",
    message:
      'gateway.mode is "remote": this config is a client of a gateway on another host, which OpenClaw does not run here. Audit the gateway host\'s own config.',
    evidence: [configEvidence(s, "gateway.mode"), configEvidence(s, "gateway.remote.url")],
  });
}
