import { finding } from "../finding.js";
import type { CatalogItem, Evidence } from "../types.js";

export const p05: CatalogItem = {
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
