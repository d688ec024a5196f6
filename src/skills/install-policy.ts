import type { SkillReport, Verdict } from "./types.js";

/**
 * OpenClaw's `security.installPolicy` exec protocol (9.6, src/security/install-policy-response.ts):
 * request on stdin `{protocolVersion:1, openclawVersion, targetType, targetName, sourcePath, sourcePathKind,
 * origin, request}`, response on stdout `{protocolVersion:1, decision, reason?, findings?}`. A reply
 * OpenClaw cannot parse makes it fail closed, so this module never lets an error turn into "allow".
 */
export interface InstallPolicyRequest {
  protocolVersion: 1;
  targetType: "skill" | "plugin";
  targetName: string;
  sourcePath: string;
  sourcePathKind?: string;
  openclawVersion?: string;
}

export interface InstallPolicyFinding {
  ruleId: string;
  severity: "info" | "warn" | "critical";
  message: string;
  file?: string;
  line?: number;
  evidence?: string;
}

export interface InstallPolicyResponse {
  protocolVersion: 1;
  decision: "allow" | "warn" | "block";
  reason?: string;
  findings?: InstallPolicyFinding[];
}

export interface GatePolicy {
  /** Verdicts that block the install. */
  block: Verdict[];
  /** Verdicts that stop for an operator's acknowledgement. */
  warn: Verdict[];
}

/** Malicious and suspicious block; review and incomplete need a person; clean installs. */
export const DEFAULT_GATE: GatePolicy = {
  block: ["malicious", "suspicious"],
  warn: ["review", "incomplete"],
};

// OpenClaw fails closed when the rendered review exceeds 4,000 characters: keep the reply well under it.
const MAX_FINDINGS = 8;
const MAX_TEXT = 200;

export function parseInstallPolicyRequest(text: string): InstallPolicyRequest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`install policy request is not JSON: ${(error as Error).message}`);
  }
  const v = value as Partial<InstallPolicyRequest> | null;
  if (!v || typeof v !== "object") throw new Error("install policy request must be a JSON object");
  if (v.protocolVersion !== 1)
    throw new Error(`unsupported install policy protocolVersion ${String(v.protocolVersion)}`);
  if (v.targetType !== "skill" && v.targetType !== "plugin")
    throw new Error(`install policy request has targetType ${String(v.targetType)}`);
  if (typeof v.sourcePath !== "string" || !v.sourcePath.startsWith("/"))
    throw new Error("install policy request needs an absolute sourcePath");
  return {
    ...v,
    targetName: typeof v.targetName === "string" ? v.targetName : "(unnamed)",
  } as InstallPolicyRequest;
}

export function decide(
  reports: readonly SkillReport[],
  policy: GatePolicy = DEFAULT_GATE,
): InstallPolicyResponse {
  if (reports.length === 0) {
    return {
      protocolVersion: 1,
      decision: "warn",
      reason: "clawwarden found nothing to scan at the staged source",
    };
  }
  const worst = (list: Verdict[]) => reports.filter((r) => list.includes(r.verdict));
  const blocked = worst(policy.block);
  const warned = worst(policy.warn);
  const decision = blocked.length > 0 ? "block" : warned.length > 0 ? "warn" : "allow";
  const named = (blocked.length > 0 ? blocked : warned).map((r) => `${r.name}: ${r.verdict}`);
  const response: InstallPolicyResponse = { protocolVersion: 1, decision };
  if (decision !== "allow") response.reason = clip(`clawwarden scan: ${named.join(", ")}`);
  const findings = reports
    .flatMap((r) => r.findings)
    .filter((f) => f.status === "fail" || f.status === "warn")
    .sort((a, b) => severityOrder(b.severity) - severityOrder(a.severity))
    .slice(0, MAX_FINDINGS)
    .map((f): InstallPolicyFinding => {
      const out: InstallPolicyFinding = {
        ruleId: f.rule,
        severity:
          f.severity === "critical" || f.severity === "high"
            ? "critical"
            : f.severity === "info"
              ? "info"
              : "warn",
        message: clip(f.message),
      };
      if (f.location?.file) out.file = f.location.file;
      if (f.location?.line) out.line = f.location.line;
      if (f.excerpt) out.evidence = clip(f.excerpt);
      return out;
    });
  if (findings.length > 0) response.findings = findings;
  return response;
}

/** The answer when the scan itself failed: never allow what could not be analysed. */
export function failureResponse(message: string): InstallPolicyResponse {
  return {
    protocolVersion: 1,
    decision: "block",
    reason: clip(`clawwarden could not scan the source: ${message}`),
  };
}

function clip(s: string): string {
  const one = s.replace(/\s+/g, " ").trim();
  return one.length > MAX_TEXT ? `${one.slice(0, MAX_TEXT - 1)}…` : one;
}

function severityOrder(s: string): number {
  return ["info", "low", "medium", "high", "critical"].indexOf(s);
}
