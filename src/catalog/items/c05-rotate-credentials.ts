import { finding } from "../finding.js";
import { manualOrAttested, where } from "../helpers.js";
import { secretKeys } from "../lib/credentials.js";
import type { CatalogItem, Evidence, Finding } from "../types.js";

/** `clawwarden rotate` handles the gateway and hooks tokens; other credentials rotate at their provider. */
function rotateRemediation(keyPath: string): string {
  if (keyPath === "gateway.auth.token") return "Rotate the gateway token: `clawwarden rotate gateway-token`.";
  if (keyPath === "hooks.token") return "Rotate the hooks token: `clawwarden rotate hooks-token`.";
  return `Rotate ${keyPath} at its provider, put the new value where the SecretRef points and restart the gateway.`;
}
const rotationMaxDays = 90;
const dayMs = 86_400_000;
export const c05: CatalogItem = {
  id: "C-05",
  title: "Rotate credentials",
  category: "credentials",
  priority: "P1",
  action: "Periodically rotate every API key and token tied to a connected service",
  verification: "Rotation log",
  why: "A credential that never changes stays valid for whoever copied it from a backup, a transcript or a leaked config.",
  openclaw: [],
  fix: "assisted",
  needs: ["config", "state"],
  evaluate(s) {
    const keys = secretKeys(s);
    if (keys.length === 0)
      return [
        finding(c05, {
          check: "no-credentials",
          status: "skip",
          message:
            "No credentials are configured in openclaw.json (auth profiles and env vars are not tracked here).",
        }),
      ];
    if (!s.rotations.known)
      return [
        finding(c05, {
          check: "no-rotation-log",
          status: "unknown",
          message: `Rotation history is unavailable: ${s.rotations.reason}. ${keys.length} credential(s) configured.`,
          remediation:
            s.rotations.hint ??
            "Rotate with `clawwarden rotate gateway-token|hooks-token` (each rotation is logged) and re-run the audit.",
        }),
      ];
    const now = Date.parse(s.takenAt);
    const out: Finding[] = [];
    const fresh: Evidence[] = [];
    const never: Evidence[] = [];
    const valid = s.rotations.value.filter((r) => !Number.isNaN(Date.parse(r.at)));
    for (const k of keys) {
      const last = valid
        .filter((r) => r.target === k.keyPath)
        .sort((a, b) => Date.parse(b.at) - Date.parse(a.at))[0];
      const location = where(s, k.keyPath);
      if (!last) {
        never.push({
          message: `${k.keyPath}: no rotation in the log`,
          source: "state",
          keyPath: k.keyPath,
          location,
        });
        continue;
      }
      const ageDays = Math.floor((now - Date.parse(last.at)) / dayMs);
      const ev: Evidence = {
        message: `${k.keyPath} last rotated ${last.at.slice(0, 10)} (${ageDays} days ago${last.by ? ` by ${last.by}` : ""})`,
        source: "state",
        keyPath: k.keyPath,
        value: last.fingerprint,
        location,
      };
      if (ageDays > rotationMaxDays)
        out.push(
          finding(c05, {
            check: "rotation-overdue",
            status: "fail",
            severity: "medium",
            message: `${k.keyPath} was last rotated ${ageDays} days ago (limit ${rotationMaxDays}).`,
            evidence: [ev],
            remediation: rotateRemediation(k.keyPath),
            location,
            subject: k.keyPath,
          }),
        );
      else fresh.push(ev);
    }
    if (never.length > 0) {
      // Rotations done outside clawwarden leave no log entry: a person can attest them (as for N-06).
      const attested = s.clawwarden.attestations.some((a) => a.id.toUpperCase() === c05.id);
      if (attested) {
        const f = manualOrAttested(c05, s, `rotate every credential at least every ${rotationMaxDays} days`);
        f.evidence.push(...never);
        out.push(f);
      } else
        out.push(
          finding(c05, {
            check: "never-rotated",
            status: "warn",
            severity: "medium",
            message: `${never.length} credential(s) have no recorded rotation, so their age is unknown: ${never.map((e) => e.keyPath).join(", ")}.`,
            evidence: never,
            remediation: `${never
              .map((e) => rotateRemediation(e.keyPath ?? ""))
              .filter((v, i, a) => a.indexOf(v) === i)
              .join(" ")} If you rotate another way, attest C-05 in clawwarden.json with an expiry.`,
            subject: "never-rotated",
          }),
        );
    }
    if (fresh.length > 0)
      out.push(
        finding(c05, {
          check: "rotated",
          status: "pass",
          message: `${fresh.length} credential(s) rotated within ${rotationMaxDays} days.`,
          evidence: fresh,
        }),
      );
    return out;
  },
};
