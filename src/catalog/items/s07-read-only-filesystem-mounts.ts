import type { LiveFacts } from "../../model/live-facts.js";
import type { Snapshot } from "../../model/snapshot.js";
import { finding } from "../finding.js";
import { cfg, configEvidence } from "../helpers.js";
import { dangerousBindSource, dockerEv, SANDBOX_FIX } from "../lib/sandbox.js";
import { containerEvidence, host } from "../live-checks.js";
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
  evaluateLive: (s, live) => liveS07(s07, s, live),
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

// ─── S-07: read-only mounts ──────────────────────────────────────────────────────────────────────

const WORKSPACE_TARGET = /workspace|^\/agent(\/|$)|^\/work(\/|$)/i;

function liveS07(item: CatalogItem, _s: Snapshot, live: LiveFacts): Finding[] | undefined {
  const out: Finding[] = [];
  if (live.containers.known) {
    for (const c of live.containers.value.containers.filter((x) => x.role !== "other")) {
      const binds = c.mounts.filter((m) => m.type === "bind" || m.type === "volume");
      const socket = binds.filter((m) => m.engineSocket);
      // The gateway itself needs a writable state dir: only a socket bind matters there.
      if (c.role === "gateway" && socket.length === 0) continue;
      const rw = binds.filter((m) => m.rw && !m.engineSocket);
      const ev = [
        containerEvidence(c),
        ...binds.map((m) => host(`mount ${m.source} → ${m.destination} ${m.rw ? "rw" : "ro"}`)),
      ];
      const status = socket.length
        ? "fail"
        : rw.length || (c.role === "sandbox" && !c.readOnlyRootfs)
          ? "warn"
          : "pass";
      out.push(
        finding(item, {
          check: socket.length
            ? "live-engine-socket-mounted"
            : status === "warn"
              ? "live-writable-mounts"
              : "live-read-only",
          status,
          message: socket.length
            ? `Container ${c.name} mounts the engine socket ${socket.map((m) => m.source).join(", ")}: whoever controls it controls the host.`
            : status === "warn"
              ? `Container ${c.name} has writable ${[...rw.map((m) => m.destination), ...(c.readOnlyRootfs ? [] : ["root filesystem"])].join(", ")}.`
              : `Container ${c.name}: root filesystem read-only and every mount read-only.`,
          evidence: ev,
          ...(status !== "pass"
            ? {
                remediation:
                  'Mount the workspace read-only (agents.defaults.sandbox.workspaceAccess "ro", `:ro` binds), keep readOnlyRoot true, never mount docker.sock.',
              }
            : {}),
          subject: c.name,
        }),
      );
    }
  }
  if (live.compose.known)
    for (const svc of live.compose.value.filter((x) => /openclaw/i.test(`${x.name} ${x.image ?? ""}`))) {
      const socket = svc.volumes.filter((v) => v.engineSocket);
      // The gateway's state dir must stay writable; workspaces mounted into it should not be.
      const rw = svc.volumes.filter((v) => !v.readOnly && !v.engineSocket && WORKSPACE_TARGET.test(v.target));
      const location = { file: svc.file, ...(svc.line ? { line: svc.line } : {}) };
      if (socket.length || rw.length)
        out.push(
          finding(item, {
            check: socket.length ? "compose-engine-socket" : "compose-writable",
            status: socket.length ? "fail" : "warn",
            message: socket.length
              ? `Compose service ${svc.name} mounts the engine socket (${socket.map((v) => v.source).join(", ")}).`
              : `Compose service ${svc.name} mounts ${rw.map((v) => v.target).join(", ")} writable.`,
            evidence: [...socket, ...rw].map((v) => ({
              message: `volume ${v.source}:${v.target}${v.readOnly ? ":ro" : ""}`,
              source: "host" as const,
              location: { file: svc.file, ...(v.line ? { line: v.line } : {}) },
            })),
            location,
            subject: `${svc.file}:${svc.name}`,
          }),
        );
      else
        out.push(
          finding(item, {
            check: "compose-read-only",
            status: "pass",
            message: `Compose service ${svc.name}: no engine socket and no writable workspace mount${svc.readOnly ? "; root filesystem read-only" : ""}.`,
            location,
            subject: `${svc.file}:${svc.name}`,
          }),
        );
    }
  return out.length ? out : undefined;
}
