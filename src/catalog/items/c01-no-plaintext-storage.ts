import { join } from "node:path";
import type { SecretHit, Snapshot } from "../../model/snapshot.js";
import { finding } from "../finding.js";
import { where } from "../helpers.js";
import { hitEvidence, secretKeys } from "../lib/credentials.js";
import type { CatalogItem, Evidence, Finding } from "../types.js";

function remediationFor(keyPath: string): string {
  if (keyPath === "hooks.token" || keyPath === "hooks.gmail.pushToken" || keyPath.startsWith("env.vars."))
    return `${keyPath} cannot be a SecretRef: replace the value with "\${ENV_VAR}" and export the variable in the gateway's environment (or $OPENCLAW_STATE_DIR/.env, mode 600).`;
  return `openclaw config set ${keyPath} --ref-provider default --ref-source env --ref-id <ENV_VAR> (or run \`openclaw secrets configure\`), then rotate the exposed value.`;
}
/**
 * `<stateDir>/.env` is where OpenClaw loads its own environment from (reference §1.3) and where
 * `clawwarden fix` puts secrets it moves out of the config. Private to the owner (no group/other bits),
 * it is the env-variable storage the guide asks for; readable by others, it is plaintext storage.
 */
function privateEnvStore(s: Snapshot): string | undefined {
  const entry = s.state.entries.find((e) => e.path === ".env" && e.kind === "file");
  if (!entry || (entry.mode & 0o077) !== 0) return undefined;
  return join(s.state.root, ".env");
}
export const c01: CatalogItem = {
  id: "C-01",
  title: "No plaintext storage",
  category: "credentials",
  priority: "P1",
  action: "Store tokens and API keys in environment variables or a secrets manager",
  verification: "Scan config files",
  why: "openclaw.json is read by doctor, backups, support bundles and any agent tool that can read files; a token written there leaks with all of them.",
  openclaw: [
    "config.secrets.gateway_password_in_config",
    "config.secrets.hooks_token_in_config",
    "config.plaintext_secrets",
  ],
  openclawOwns: ["config.secrets.*", "config.plaintext_secrets"],
  fix: "auto",
  needs: ["config", "state"],
  evaluate(s) {
    const out: Finding[] = [];
    const keys = secretKeys(s);
    const flaggedPaths = new Set<string>();
    for (const k of keys) {
      if (k.storage !== "plaintext") continue;
      flaggedPaths.add(k.keyPath);
      const location = where(s, k.keyPath);
      out.push(
        finding(c01, {
          check: "plaintext-config",
          status: "fail",
          message: `${k.keyPath} holds a plaintext credential.`,
          evidence: [
            {
              message: `${k.keyPath} is plaintext`,
              source: "config",
              keyPath: k.keyPath,
              value: k.fingerprint as string,
              location,
            },
          ],
          remediation: remediationFor(k.keyPath),
          location,
          subject: k.keyPath,
        }),
      );
    }
    if (!s.configSecrets.known) {
      out.push(
        finding(c01, {
          check: "scan-unavailable",
          status: "unknown",
          message: `Config files, .env files and auth profiles were not scanned for secrets: ${s.configSecrets.reason}`,
          remediation: s.configSecrets.hint ?? "Re-run `clawwarden audit` where the state dir is readable.",
        }),
      );
    } else {
      const byFile = new Map<string, SecretHit[]>();
      for (const hit of s.configSecrets.value.hits) {
        if (hit.where && flaggedPaths.has(hit.where)) continue;
        const list = byFile.get(hit.location.file) ?? [];
        list.push(hit);
        byFile.set(hit.location.file, list);
      }
      const envStore = privateEnvStore(s);
      for (const [file, hits] of byFile) {
        if (file === envStore) {
          out.push(
            finding(c01, {
              check: "env-file-store",
              status: "pass",
              message: `${hits.length} credential(s) live in the gateway's environment file ${file} (mode 600, read by OpenClaw at start): environment variables, as the guide asks, not config.`,
              evidence: hits.slice(0, 20).map(hitEvidence),
              location: { file },
              subject: file,
            }),
          );
          continue;
        }
        const sure = hits.filter((h) => h.confidence !== "low");
        out.push(
          finding(c01, {
            check: "plaintext-file",
            status: sure.length > 0 ? "fail" : "warn",
            message: `${hits.length} plaintext credential(s) in ${file}${sure.length === 0 ? " (low confidence)" : ""}.`,
            evidence: hits.slice(0, 20).map(hitEvidence),
            remediation: file.endsWith(".env")
              ? "Move these into the service manager's environment or a secrets manager (SecretRef source exec/file), keep the .env at mode 600, and rotate them."
              : "Move them into SecretRefs (`openclaw secrets configure`) and rotate every exposed value.",
            location: { file },
            subject: file,
          }),
        );
      }
      for (const inc of s.configSecrets.value.incomplete)
        out.push(
          finding(c01, {
            check: "scan-incomplete",
            status: "unknown",
            message: `${inc.path} could not be scanned fully: ${inc.reason}`,
            remediation: "Check why the file could not be read (permissions, size) and re-run the audit.",
            location: { file: inc.path },
            subject: inc.path,
          }),
        );
    }
    const backups = s.state.entries.filter(
      (e) => e.kind === "dir" && /^\.clawwarden\/backups\/[^/]+$/.test(e.path),
    );
    if (backups.length > 0)
      out.push(
        finding(c01, {
          check: "fix-backups",
          status: "warn",
          severity: "low",
          message: `${backups.length} clawwarden fix backup(s) keep copies of files from before the fix, which may include the plaintext secrets the fix moved out.`,
          evidence: backups.slice(0, 10).map((e) => ({
            message: `${e.path}/`,
            source: "state" as const,
            location: { file: join(s.state.root, e.path) },
          })),
          remediation:
            "Once the fixed gateway works, delete them: `clawwarden fix --prune-backups 0` (those runs can then no longer be rolled back).",
          subject: "fix-backups",
        }),
      );
    if (out.every((f) => f.status === "pass")) {
      const safe = keys.filter((k) => k.storage !== "plaintext");
      out.push(
        finding(c01, {
          check: "no-plaintext",
          status: "pass",
          message: `No plaintext credentials: ${safe.length} credential key(s) use SecretRefs or env; scanned ${s.configSecrets.known ? s.configSecrets.value.filesScanned : 0} file(s).`,
          evidence: safe.map(
            (k): Evidence => ({
              message: `${k.keyPath} uses ${k.storage === "env" ? "an env variable" : "a SecretRef"}`,
              source: "config",
              keyPath: k.keyPath,
              location: where(s, k.keyPath),
            }),
          ),
        }),
      );
    }
    return out;
  },
};
