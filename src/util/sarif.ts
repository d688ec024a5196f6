/**
 * What both SARIF writers (audit and scan) share: file URIs that survive spaces and `#`, paths relative to
 * a named base so a copied deployment gives the same results, rule severity for code-scanning UIs, and a
 * versioned, location-independent fingerprint.
 */
import { isAbsolute, relative, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import type * as Sarif from "sarif";
import { findingFingerprint } from "./fingerprint.js";

export const INFORMATION_URI = "https://www.npmjs.com/package/clawwarden";
export const FINGERPRINT_KEY = "clawwarden/v1";

export type SeverityName = "critical" | "high" | "medium" | "low" | "info";

/** GitHub code scanning reads `security-severity` (0.0–10.0) to place a result as critical/high/medium/low. */
const SECURITY_SEVERITY: Record<SeverityName, string> = {
  critical: "9.5",
  high: "8.0",
  medium: "5.5",
  low: "3.0",
  info: "0.0",
};

export function securitySeverity(severity: SeverityName): string {
  return SECURITY_SEVERITY[severity];
}

export function levelOf(severity: SeverityName): Sarif.ReportingConfiguration.level {
  return severity === "critical" || severity === "high"
    ? "error"
    : severity === "medium"
      ? "warning"
      : "note";
}

/** `file:` URL of a directory, with the trailing slash SARIF base URIs need. */
export function baseUri(dir: string): string {
  const href = pathToFileURL(resolve(dir)).href;
  return href.endsWith("/") ? href : `${href}/`;
}

/**
 * An artifact location: relative to `baseId` when the file lies under `baseDir` (percent-encoded per
 * segment), else an absolute `file:` URL.
 */
export function artifactLocation(file: string, baseDir: string, baseId: string): Sarif.ArtifactLocation {
  const abs = resolve(baseDir, file);
  const rel = relative(resolve(baseDir), abs);
  if (rel === "") return { uri: "./", uriBaseId: baseId };
  if (!rel.startsWith("..") && !isAbsolute(rel)) {
    return { uri: rel.split(sep).map(encodeURIComponent).join("/"), uriBaseId: baseId };
  }
  return { uri: pathToFileURL(abs).href };
}

/** A fingerprint that names the subject, never the machine path it was found at. */
export function sarifFingerprint(...parts: string[]): Record<string, string> {
  return { [FINGERPRINT_KEY]: findingFingerprint(FINGERPRINT_KEY, ...parts) };
}
