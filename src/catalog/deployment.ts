import type { Snapshot } from "../model/snapshot.js";
import {
  advisoriesAffecting,
  advisoriesReviewed,
  advisories as advisoryTable,
  newestFixedVersion,
  type OpenClawVersion,
  parseOpenClawVersion,
} from "./data/advisories.js";
import { finding } from "./finding.js";
import { cfg, configEvidence, manualOrAttested, where } from "./helpers.js";
import { isLoopbackUrl, providerBaseUrls } from "./llm.js";
import { backupsByRecords } from "./operations-evidence.js";
import type { CatalogItem, Evidence, Severity } from "./types.js";

const p01: CatalogItem = {
  id: "P-01",
  title: "Separate compute planes",
  category: "deployment",
  priority: "P2",
  action: "Deploy the Gateway (control plane) and the model inference (data plane) separately",
  verification: "Architecture review",
  why: "An inference server on the gateway host shares its credentials, disk and network; a compromise of either plane then owns both.",
  openclaw: [],
  fix: "manual",
  needs: ["config", "person"],
  evaluate(s) {
    const local = providerBaseUrls(s).filter((p) => isLoopbackUrl(p.url) === true);
    const f = manualOrAttested(
      p01,
      s,
      local.length > 0
        ? `model inference runs on the gateway host (${local.map((p) => p.name).join(", ")} on loopback): move it to a separate machine or confirm the split is intended`
        : "confirm the gateway and the model inference run on separate hosts or isolated environments",
    );
    f.evidence.push(
      ...local.map(
        (p): Evidence => ({
          message: `models.providers.${p.name}.baseUrl is on loopback (same host as the gateway)`,
          source: "config",
          keyPath: p.keyPath,
          value: p.url,
          location: where(s, p.keyPath),
        }),
      ),
    );
    return [f];
  },
};

const p02: CatalogItem = {
  id: "P-02",
  title: "Dedicated machines",
  category: "deployment",
  priority: "P2",
  action: "Use a dedicated VPS or spare machine — never install OpenClaw on your main work or company laptop",
  verification: "Device inventory",
  why: "An agent with shell access on a work laptop can reach everything that laptop can: SSH keys, browser sessions, company networks.",
  openclaw: [],
  fix: "manual",
  needs: ["person"],
  evaluate(s) {
    return [
      manualOrAttested(
        p02,
        s,
        "confirm the gateway runs on a dedicated VPS, VM or spare machine that holds no personal or company data",
      ),
    ];
  },
};

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

const p03: CatalogItem = {
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

const p04: CatalogItem = {
  id: "P-04",
  title: "Backup and restore",
  category: "deployment",
  priority: "P2",
  action:
    "Back up ~/.openclaw (state + workspace) daily, and prepare scripts to rebuild the Gateway from a fresh OS",
  verification: "Backup verification",
  why: "After a compromise or a bad upgrade the only safe path is a rebuild; without backups and a rebuild script that means losing pairing, memory and configuration.",
  openclaw: [],
  fix: "assisted",
  needs: ["state", "person"],
  evaluate(s) {
    const recorded = backupsByRecords(p04, s);
    if (recorded) return [recorded];
    return [
      manualOrAttested(
        p04,
        s,
        `back up ${s.state.root} daily (encrypted, mode 600, off the host), test a restore, and keep a script that rebuilds the gateway on a fresh OS`,
      ),
    ];
  },
};

const p05: CatalogItem = {
  id: "P-05",
  title: "Run doctor checks",
  category: "deployment",
  priority: "P2",
  action: "Run openclaw doctor --deep after deployment and on a regular schedule",
  verification: "Diagnostic report",
  why: "doctor finds broken migrations, invalid config, plaintext secrets and stale services that the gateway silently works around.",
  openclaw: [],
  fix: "assisted",
  needs: ["config"],
  evaluate(s) {
    const lint = s.openclaw.doctorLint;
    if (!lint.known)
      return [
        finding(p05, {
          check: "doctor-unavailable",
          status: "unknown",
          message: `openclaw doctor --lint did not run: ${lint.reason}`,
          remediation:
            lint.hint ??
            "Put `openclaw` on PATH or pass --openclaw-bin so clawwarden runs `openclaw doctor --lint --json`; schedule `openclaw doctor --deep` as well.",
        }),
      ];
    const findings = lint.value.findings;
    const text = (f: Record<string, unknown>, k: string) =>
      typeof f[k] === "string" ? (f[k] as string) : "";
    const evidence = findings.slice(0, 20).map(
      (f): Evidence => ({
        message: `[${text(f, "severity")}] ${text(f, "checkId")}${text(f, "requirement") ? ` (${text(f, "requirement")})` : ""}: ${text(f, "message").split("\n")[0]}`,
        source: "openclaw",
        ...(text(f, "path")
          ? {
              location: {
                file: text(f, "path"),
                ...(typeof f.line === "number" ? { line: f.line } : {}),
              },
            }
          : {}),
      }),
    );
    const errors = findings.filter((f) => f.severity === "error").length;
    const warnings = findings.filter((f) => f.severity === "warning").length;
    const remediation =
      "Review `openclaw doctor --lint` and apply its fixes (`openclaw doctor --fix`), then schedule `openclaw doctor --deep`.";
    if (errors > 0 || !lint.value.ok)
      return [
        finding(p05, {
          check: "doctor-errors",
          status: errors > 0 ? "fail" : "warn",
          message: `openclaw doctor --lint reports ${errors} error(s) and ${warnings} warning(s).`,
          evidence,
          remediation,
        }),
      ];
    if (warnings > 0)
      return [
        finding(p05, {
          check: "doctor-warnings",
          status: "warn",
          severity: "low",
          message: `openclaw doctor --lint reports ${warnings} warning(s).`,
          evidence,
          remediation,
        }),
      ];
    return [
      finding(p05, {
        check: "doctor-ok",
        status: "pass",
        message: `openclaw doctor --lint is clean (${findings.length} info finding(s)).`,
        evidence,
      }),
    ];
  },
};

export const deploymentItems: CatalogItem[] = [p01, p02, p03, p04, p05];
