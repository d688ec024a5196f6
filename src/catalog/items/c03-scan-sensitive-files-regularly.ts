import type { SecretHit } from "../../model/snapshot.js";
import { secretPlace } from "../credential-stores.js";
import { finding } from "../finding.js";
import { hitEvidence } from "../lib/credentials.js";
import type { CatalogItem, Finding } from "../types.js";

export const c03: CatalogItem = {
  id: "C-03",
  title: "Scan sensitive files regularly",
  category: "credentials",
  priority: "P1",
  action: "Periodically scan the ~/.openclaw directory for credential files",
  verification: "Automated scan script",
  why: "Credentials pasted into chats or read by tools end up in transcripts and databases (OpenClaw stores task prompts unredacted), where backups and anyone with file access can read them.",
  openclaw: [],
  fix: "assisted",
  needs: ["state"],
  evaluate(s) {
    const f = s.stateSecrets;
    if (!f.known)
      return [
        finding(c03, {
          check: "not-scanned",
          status: "unknown",
          message: `State files were not scanned for credentials: ${f.reason}`,
          remediation: f.hint ?? "Run `clawwarden audit` with read access to the state dir.",
        }),
      ];
    const out: Finding[] = [];
    const byFile = new Map<string, SecretHit[]>();
    const stores: SecretHit[] = [];
    const identities: SecretHit[] = [];
    for (const hit of f.value.hits) {
      const place = secretPlace(hit);
      if (place === "identity") identities.push(hit);
      else if (place === "store") stores.push(hit);
      else byFile.set(hit.location.file, [...(byFile.get(hit.location.file) ?? []), hit]);
    }
    for (const [file, hits] of byFile) {
      const sure = hits.some((h) => h.confidence !== "low");
      out.push(
        finding(c03, {
          check: "secrets-in-state",
          status: sure ? "fail" : "warn",
          message: `${hits.length} credential(s) leaked into ${file} (transcripts, task prompts, logs or caches)${sure ? "" : " (low confidence)"}.`,
          evidence: hits.slice(0, 20).map(hitEvidence),
          remediation:
            "Rotate each exposed credential at its provider, then delete the session or task history that holds it (`openclaw sessions` / `openclaw doctor --session-sqlite`), with a backup taken first.",
          location: { file },
          subject: file,
        }),
      );
    }
    if (stores.length > 0)
      out.push(
        finding(c03, {
          check: "plaintext-credential-store",
          status: "warn",
          severity: "medium",
          message: `${stores.length} credential(s) kept in OpenClaw's own credential stores, unencrypted at rest (expected, but only file modes protect them).`,
          evidence: stores.slice(0, 20).map(hitEvidence),
          remediation:
            "Keep the state dir 700 and its files 600 (C-02) and prefer SecretRefs (`keyRef`/`tokenRef` from env or an exec provider) over keys pasted into `openclaw models auth`.",
          subject: "stores",
        }),
      );
    if (identities.length > 0)
      out.push(
        finding(c03, {
          check: "device-identity",
          status: "pass",
          message: `${identities.length} device identity key(s) or pairing token(s) where OpenClaw keeps them (protected by C-02 file modes).`,
          evidence: identities.slice(0, 5).map(hitEvidence),
          subject: "identity",
        }),
      );
    for (const inc of f.value.incomplete.slice(0, 20))
      out.push(
        finding(c03, {
          check: "scan-incomplete",
          status: "unknown",
          message: `${inc.path} was not scanned fully: ${inc.reason}`,
          location: { file: inc.path },
          subject: inc.path,
        }),
      );
    if (out.every((x) => x.status === "pass"))
      out.push(
        finding(c03, {
          check: "clean",
          status: "pass",
          message: `No leaked credentials in ${f.value.filesScanned} state file(s) (${(f.value.bytesScanned / 1048576).toFixed(1)} MiB scanned).`,
        }),
      );
    return out;
  },
};
