import type { Snapshot } from "../../model/snapshot.js";
import {
  advisoriesAffecting,
  advisoriesReviewed,
  advisories as advisoryTable,
  newestFixedVersion,
  type OpenClawVersion,
  parseOpenClawVersion,
} from "../data/advisories.js";
import { finding } from "../finding.js";
import { cfg, configEvidence } from "../helpers.js";
import type { CatalogItem, Evidence, Severity } from "../types.js";

/** The installed version: `openclaw -V` when known, else the config's meta.lastTouchedVersion. */
function installedVersion(
  s: Snapshot,
): { version: OpenClawVersion; evidence: Evidence; fromConfig: boolean } | { reason: string } {
  if (s.openclaw.version.known) {
    const v = parseOpenClawVersion(s.openclaw.version.value);
    if (v)
      return {
        version: v,
        fromConfig: false,
        evidence: {
          message: `openclaw -V reports ${v.text}`,
          source: "openclaw",
          value: v.text,
          ...(s.openclaw.bin ? { location: { file: s.openclaw.bin } } : {}),
        },
      };
  }
  const meta = cfg(s, "meta.lastTouchedVersion");
  if (typeof meta === "string") {
    const v = parseOpenClawVersion(meta);
    if (v)
      return {
        version: v,
        fromConfig: true,
        evidence: configEvidence(s, "meta.lastTouchedVersion", `config last written by OpenClaw ${v.text}`),
      };
  }
  const why = s.openclaw.version.known
    ? `openclaw -V printed no version ("${s.openclaw.version.value.slice(0, 60)}")`
    : s.openclaw.version.reason;
  return { reason: `${why}; the config has no meta.lastTouchedVersion` };
}
const severityRank: Severity[] = ["critical", "high", "medium", "low", "info"];
export const p03: CatalogItem = {
  id: "P-03",
  title: "Stay current",
  category: "deployment",
  priority: "P2",
  action: "Update OpenClaw to the latest version promptly — patches ship at a very high cadence",
  verification: "openclaw version",
  why: "OpenClaw publishes security fixes nearly every release (auth bypasses, approval spoofing, sandbox escapes); an old gateway carries all of them.",
  openclaw: [],
  fix: "assisted",
  needs: ["config"],
  evaluate(s) {
    const found = installedVersion(s);
    if ("reason" in found)
      return [
        finding(p03, {
          check: "version-unknown",
          status: "unknown",
          message: `The installed OpenClaw version is unknown: ${found.reason}.`,
          remediation: "Put `openclaw` on PATH or pass --openclaw-bin so clawwarden can read `openclaw -V`.",
        }),
      ];
    const { version, evidence, fromConfig } = found;
    const open = advisoriesAffecting(version);
    const note = fromConfig ? " (from the config's meta; the installed binary may be newer)" : "";
    if (open.length > 0) {
      const worst = open.reduce<Severity>(
        (acc, a) => (severityRank.indexOf(a.severity) < severityRank.indexOf(acc) ? a.severity : acc),
        "low",
      );
      return [
        finding(p03, {
          check: "known-vulnerabilities",
          status: "fail",
          severity: worst === "critical" ? "high" : "medium",
          message: `OpenClaw ${version.text}${note} lacks fixes for ${open.length} published advisor${open.length === 1 ? "y" : "ies"} (worst: ${worst}).`,
          evidence: [
            evidence,
            ...open.map(
              (a): Evidence => ({
                message: `${a.id}${a.aliases?.length ? ` (${a.aliases.join(", ")})` : ""} [${a.severity}] ${a.title}; fixed in ${a.fixed}; source: ${a.source}, ${a.dateKind} ${a.sourceDate}`,
                source: "default",
                value: a.fixed,
              }),
            ),
          ],
          remediation: `Update to ${newestFixedVersion()} or newer: \`openclaw update\` (or npm install -g openclaw@latest), then \`openclaw doctor --fix\` and restart the gateway.`,
          location: evidence.location,
          subject: "advisories",
        }),
      ];
    }
    return [
      finding(p03, {
        check: "current",
        status: "pass",
        message: `OpenClaw ${version.text}${note} has every fix in clawwarden's advisory table (${advisoryTable.length} advisories up to ${newestFixedVersion()}, reviewed ${advisoriesReviewed}). Check \`openclaw update status\` for newer releases.`,
        evidence: [evidence],
      }),
    ];
  },
};
