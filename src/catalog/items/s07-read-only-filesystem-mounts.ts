import { finding } from "../finding.js";
import { cfg, configEvidence } from "../helpers.js";
import { dangerousBindSource, dockerEv, SANDBOX_FIX } from "../lib/sandbox.js";
import { ocSet } from "../remediation.js";
import { sandboxScopes } from "../sandbox-scopes.js";
import { policyEvidence, writeReachable } from "../tool-policy.js";
import type { CatalogItem, Finding } from "../types.js";

/** The binds of one list without the dangerous ones (what the remediation sets). */
function safeBinds(list: unknown): string[] {
  return (Array.isArray(list) ? list : []).filter(
    (b): b is string => typeof b === "string" && dangerousBindSource(b.split(":")[0] ?? "") === undefined,
  );
}
export const s07: CatalogItem = {
  id: "S-07",
  title: "Read-only filesystem mounts",
  category: "sandbox",
  priority: "P0",
  action: "Mount the sandbox workspace read-only unless writes are required",
  verification: "Docker mount config",
  why: "A writable workspace or host mount lets an injected agent plant code, tamper with its own instructions or overwrite host files; read-only mounts keep the sandbox from changing anything that outlives it.",
  openclaw: ["sandbox.dangerous_bind_mount", "sandbox.bind_mount_non_absolute"],
  openclawOwns: ["sandbox.dangerous_bind_mount", "sandbox.bind_mount_non_absolute"],
  fix: "auto",
  needs: ["config"],
  evaluate(s) {
    const out: Finding[] = [];
    const seenBinds = new Set<string>();
    for (const sc of sandboxScopes(s)) {
      // Binds are judged wherever they are written (OpenClaw does too), sandbox on or off.
      for (const { bind, keyPath } of sc.binds) {
        if (seenBinds.has(keyPath)) continue;
        seenBinds.add(keyPath);
        const [source = "", , mode = ""] = bind.split(":");
        const ev = configEvidence(s, keyPath);
        const listKey = keyPath.replace(/\.\d+$/, "");
        const danger = dangerousBindSource(source);
        if (danger) {
          out.push(
            finding(s07, {
              check: "bind-dangerous",
              status: "fail",
              severity: "critical",
              message: `${keyPath} mounts ${danger} (${source}) into sandbox containers.`,
              evidence: [ev],
              remediation: `Remove "${bind}" and mount only project directories, read-only: ${ocSet(listKey, safeBinds(cfg(s, listKey)))}.`,
              subject: keyPath,
            }),
          );
        } else if (!source.startsWith("/")) {
          out.push(
            finding(s07, {
              check: "bind-relative",
              status: "warn",
              severity: "medium",
              message: `${keyPath} uses the non-absolute source "${source}", which cannot be validated and may resolve somewhere unexpected.`,
              evidence: [ev],
              remediation: `Rewrite it with an absolute host path ending in :ro, e.g. "/srv/project:/project:ro".`,
              subject: keyPath,
            }),
          );
        } else if (!mode.split(",").includes("ro")) {
          out.push(
            finding(s07, {
              check: "bind-writable",
              status: "warn",
              message: `${keyPath} mounts ${source} writable; mount it read-only unless the agent must write there.`,
              evidence: [ev],
              remediation: `Append :ro — "${source}:${bind.split(":")[1] ?? source}:ro".`,
              subject: keyPath,
            }),
          );
        }
      }

      if (sc.mode === "off") {
        const writes = writeReachable(sc.policy);
        if (writes.length === 0) {
          out.push(
            finding(s07, {
              check: "no-sandbox-no-writes",
              status: "pass",
              message: `${sc.label}: no sandbox, and the tool policy leaves no write/edit/apply_patch tool.`,
              evidence: [configEvidence(s, sc.modeKey), ...policyEvidence(s, sc.policy)],
              subject: sc.sandboxKey,
            }),
          );
        } else {
          const wsKey =
            sc.toolsKey && cfg(s, `${sc.toolsKey}.fs.workspaceOnly`) !== undefined
              ? `${sc.toolsKey}.fs.workspaceOnly`
              : "tools.fs.workspaceOnly";
          const workspaceOnly = cfg(s, wsKey) === true;
          out.push(
            finding(s07, {
              check: workspaceOnly ? "no-sandbox-workspace-writes" : "no-sandbox-host-writes",
              status: workspaceOnly ? "warn" : "fail",
              severity: workspaceOnly ? "medium" : "high",
              message: workspaceOnly
                ? `${sc.label}: no sandbox; ${writes.join(", ")} write the real agent workspace on the host (limited to it by ${wsKey}).`
                : `${sc.label}: no sandbox and ${wsKey} is not true, so ${writes.join(", ")} can write anywhere the gateway user can.`,
              evidence: [
                configEvidence(s, sc.modeKey),
                configEvidence(s, wsKey),
                ...policyEvidence(s, sc.policy),
              ],
              remediation: `\`${SANDBOX_FIX}\` with \`openclaw config set agents.defaults.sandbox.workspaceAccess ro\`${workspaceOnly ? "" : "; at least `openclaw config set tools.fs.workspaceOnly true`"}.`,
              subject: sc.sandboxKey,
            }),
          );
        }
        continue;
      }

      const accessEv = configEvidence(
        s,
        sc.workspaceAccessKey,
        cfg(s, sc.workspaceAccessKey) === undefined
          ? `${sc.workspaceAccessKey} is unset (default "none")`
          : undefined,
      );
      if (sc.workspaceAccess === "rw") {
        out.push(
          finding(s07, {
            check: "workspace-rw",
            status: "fail",
            severity: "high",
            message: `${sc.label}: the agent workspace is mounted read-write into the sandbox (workspaceAccess "rw").`,
            evidence: [accessEv],
            remediation: `${ocSet(sc.workspaceAccessKey, "ro")} (or "none" for a throwaway sandbox workspace).`,
            subject: `${sc.sandboxKey}.workspaceAccess`,
          }),
        );
      } else {
        out.push(
          finding(s07, {
            check: `workspace-${sc.workspaceAccess === "ro" ? "ro" : "none"}`,
            status: "pass",
            message:
              sc.workspaceAccess === "ro"
                ? `${sc.label}: the agent workspace is mounted read-only (workspaceAccess "ro").`
                : `${sc.label}: the sandbox gets its own scratch workspace; the agent workspace is not mounted (workspaceAccess "none").`,
            evidence: [accessEv],
            subject: `${sc.sandboxKey}.workspaceAccess`,
          }),
        );
      }
      if (sc.docker.readOnlyRoot === false) {
        out.push(
          finding(s07, {
            check: "root-writable",
            status: "fail",
            severity: "high",
            message: `${sc.label}: docker.readOnlyRoot is false, so the container's root filesystem is writable.`,
            evidence: [dockerEv(s, sc, "readOnlyRoot")],
            remediation: ocSet(sc.dockerKeys.readOnlyRoot ?? `${sc.sandboxKey}.docker.readOnlyRoot`, true),
            subject: `${sc.sandboxKey}.docker.readOnlyRoot`,
          }),
        );
      }
    }
    return out;
  },
};
