import { secretFingerprint } from "../../util/fingerprint.js";
import { finding } from "../finding.js";
import { cfg, configEvidence, manualOrAttested, where } from "../helpers.js";
import { remoteClientSkip } from "../lib/network.js";
import type { CatalogItem, Evidence } from "../types.js";

const ROTATION_DAYS = 90;
const DAY_MS = 86_400_000;
export const n06: CatalogItem = {
  id: "N-06",
  title: "Rotate tokens regularly",
  category: "network",
  priority: "P0",
  action: "Periodically rotate gateway.auth.token",
  verification: "Audit log review",
  why: "A token that never changes stays valid in every backup, shell history and leaked config forever; rotation bounds how long a stolen token works.",
  openclaw: [],
  fix: "assisted",
  needs: ["config", "state"],
  evaluate(s) {
    const remote = remoteClientSkip(n06, s);
    if (remote) return [remote];
    if (cfg(s, "gateway.auth.mode") === "none" || cfg(s, "gateway.auth.mode") === "trusted-proxy") {
      return [
        finding(n06, {
          check: "no-shared-secret",
          status: "skip",
          message: `gateway.auth.mode is ${JSON.stringify(cfg(s, "gateway.auth.mode"))}: there is no gateway token to rotate (see N-03).`,
          evidence: [configEvidence(s, "gateway.auth.mode")],
        }),
      ];
    }
    if (!s.rotations.known) {
      return [
        finding(n06, {
          check: "rotation-log-unreadable",
          status: "unknown",
          message: `The rotation log could not be read: ${s.rotations.reason}`,
        }),
      ];
    }
    const entries = s.rotations.value
      .filter((r) => /^gateway\.auth\.(token|password)$/.test(r.target) && !Number.isNaN(Date.parse(r.at)))
      .sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
    const last = entries[0];
    const rotateCmd = "`clawwarden rotate gateway-token` (new token from the OS CSPRNG, rotation logged)";
    if (!last) {
      const attested = s.clawwarden.attestations.some((a) => a.id.toUpperCase() === n06.id);
      if (attested) {
        return [manualOrAttested(n06, s, `rotate the gateway token at least every ${ROTATION_DAYS} days`)];
      }
      return [
        finding(n06, {
          check: "no-rotation-recorded",
          status: "warn",
          severity: "medium",
          message: `No rotation of the gateway token has been recorded, so its age is unknown. Rotate it at least every ${ROTATION_DAYS} days.`,
          remediation: `${rotateCmd}; if you rotate it another way, attest it in clawwarden.json with an expiry.`,
          subject: "gateway.auth.token",
        }),
      ];
    }
    const ageDays = Math.floor((Date.parse(s.takenAt) - Date.parse(last.at)) / DAY_MS);
    const evidence: Evidence[] = [
      {
        message: `last rotation of ${last.target} on ${last.at}${last.by ? ` by ${last.by}` : ""} (${ageDays} days ago)`,
        source: "state",
        keyPath: last.target,
        value: last.fingerprint,
      },
    ];
    const current = cfg(s, last.target);
    if (typeof current === "string" && last.fingerprint && secretFingerprint(current) !== last.fingerprint) {
      evidence.push({
        message: `the ${last.target} in the config no longer matches the one recorded at that rotation (changed since, date unknown)`,
        source: "config",
        keyPath: last.target,
        location: where(s, last.target),
        value: secretFingerprint(current),
      });
    }
    if (ageDays > ROTATION_DAYS) {
      return [
        finding(n06, {
          check: "rotation-overdue",
          status: "fail",
          severity: "medium",
          message: `The gateway token was last rotated ${ageDays} days ago (limit ${ROTATION_DAYS}).`,
          evidence,
          remediation: rotateCmd,
          subject: last.target,
        }),
      ];
    }
    return [
      finding(n06, {
        check: "rotation-recent",
        status: "pass",
        message: `The gateway token was rotated ${ageDays} days ago (limit ${ROTATION_DAYS}).`,
        evidence,
        subject: last.target,
      }),
    ];
  },
};
