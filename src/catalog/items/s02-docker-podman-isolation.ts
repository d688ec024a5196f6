import type { LiveFacts } from "../../model/live-facts.js";
import type { Snapshot } from "../../model/snapshot.js";
import { finding } from "../finding.js";
import { configEvidence, needsLive } from "../helpers.js";
import { dockerEv } from "../lib/sandbox.js";
import { containerEvidence, host, unknownFinding } from "../live-checks.js";
import { ocSet, ocUnset } from "../remediation.js";
import { sandboxScopes } from "../sandbox-scopes.js";
import { strings } from "../tool-policy.js";
import type { CatalogItem, Finding } from "../types.js";

export const s02: CatalogItem = {
  evaluateLive: (s, live) => liveS02(s02, s, live),
  id: "S-02",
  title: "Docker/Podman isolation",
  category: "sandbox",
  priority: "P0",
  action: "Run OpenClaw in a Docker container with its own Docker network",
  verification: "docker network inspect",
  why: "A container with its own network namespace, dropped capabilities and syscall filtering limits what a compromised agent can touch; host networking or unconfined profiles remove those walls.",
  openclaw: [
    "sandbox.dangerous_network_mode",
    "sandbox.dangerous_seccomp_profile",
    "sandbox.dangerous_apparmor_profile",
  ],
  openclawOwns: ["sandbox.dangerous_seccomp_profile", "sandbox.dangerous_apparmor_profile", "sandbox.*"],
  fix: "assisted",
  needs: ["config", "live"],
  evaluate(s) {
    const out: Finding[] = [];
    for (const sc of sandboxScopes(s)) {
      const configured = Object.keys(sc.dockerKeys).length > 0;
      if (sc.mode === "off" && !configured) continue;
      const network = typeof sc.docker.network === "string" ? sc.docker.network.trim().toLowerCase() : "none";
      // The config alone proves this one: whoever drives a mounted engine socket controls the host.
      for (const { bind, keyPath } of sc.binds) {
        const source = bind.split(":")[0] ?? "";
        if (!/(?:docker|podman|containerd)\.sock$/.test(source.replace(/\/+$/, ""))) continue;
        out.push(
          finding(s02, {
            check: "engine-socket-bind",
            status: "fail",
            severity: "critical",
            message: `${keyPath} mounts the container engine socket (${source}) into sandbox containers: anything in the sandbox can start a privileged container and take over the host, so the containers do not isolate anything.`,
            evidence: [configEvidence(s, keyPath)],
            remediation: `Remove "${bind}" from ${keyPath.replace(/\.\d+$/, "")} (\`clawwarden fix --only S-07\` drops it).`,
            subject: keyPath,
          }),
        );
      }
      if (network === "host" || network.startsWith("container:")) {
        out.push(
          finding(s02, {
            check: "network-host",
            status: "fail",
            message: `${sc.label}: sandbox containers use ${network === "host" ? "the host's network namespace" : `another container's namespace (${network})`}, so there is no network isolation.`,
            evidence: [dockerEv(s, sc, "network")],
            remediation: `${ocSet(sc.dockerKeys.network ?? "agents.defaults.sandbox.docker.network", "none")} (or a dedicated bridge network).`,
            subject: `${sc.sandboxKey}.docker.network`,
          }),
        );
      }
      for (const key of ["seccompProfile", "apparmorProfile"] as const) {
        const v = sc.docker[key];
        if (typeof v === "string" && v.trim().toLowerCase() === "unconfined") {
          out.push(
            finding(s02, {
              check: `${key === "seccompProfile" ? "seccomp" : "apparmor"}-unconfined`,
              status: "fail",
              message: `${sc.label}: docker.${key} is "unconfined", which switches off ${key === "seccompProfile" ? "syscall filtering" : "AppArmor confinement"} for sandbox containers.`,
              evidence: [dockerEv(s, sc, key)],
              remediation: ocUnset(sc.dockerKeys[key] ?? `${sc.sandboxKey}.docker.${key}`),
              subject: `${sc.sandboxKey}.docker.${key}`,
            }),
          );
        }
      }
      const capDrop = strings(sc.docker.capDrop);
      if (capDrop && !capDrop.includes("all")) {
        out.push(
          finding(s02, {
            check: "capdrop-not-all",
            status: "warn",
            message: `${sc.label}: docker.capDrop does not drop ALL capabilities (OpenClaw's default does).`,
            evidence: [dockerEv(s, sc, "capDrop")],
            remediation: ocSet(sc.dockerKeys.capDrop ?? `${sc.sandboxKey}.docker.capDrop`, ["ALL"]),
            subject: `${sc.sandboxKey}.docker.capDrop`,
          }),
        );
      }
      if (sc.docker.dangerouslyAllowContainerNamespaceJoin === true) {
        out.push(
          finding(s02, {
            check: "namespace-join-allowed",
            status: "warn",
            message: `${sc.label}: docker.dangerouslyAllowContainerNamespaceJoin is true.`,
            evidence: [dockerEv(s, sc, "dangerouslyAllowContainerNamespaceJoin")],
            remediation: ocUnset(
              sc.dockerKeys.dangerouslyAllowContainerNamespaceJoin ??
                `${sc.sandboxKey}.docker.dangerouslyAllowContainerNamespaceJoin`,
            ),
            subject: `${sc.sandboxKey}.docker.dangerouslyAllowContainerNamespaceJoin`,
          }),
        );
      }
      if (sc.mode !== "off" && sc.backend !== "docker" && sc.backend !== "podman") {
        out.push(
          finding(s02, {
            check: "backend-not-container",
            status: "warn",
            severity: "medium",
            message: `${sc.label}: the sandbox backend is ${JSON.stringify(sc.backend)}, not a local Docker/Podman container; its isolation is the remote host's.`,
            evidence: [configEvidence(s, `${sc.sandboxKey}.backend`)],
            remediation:
              "Use `openclaw config set agents.defaults.sandbox.backend docker` unless the remote sandbox host is isolated on its own.",
            subject: `${sc.sandboxKey}.backend`,
          }),
        );
      }
    }
    out.push({
      ...needsLive(
        s02,
        "whether the gateway itself runs in a container on its own Docker network (and what the sandbox containers really got) is only visible from the container engine",
      ),
      evidence: [
        configEvidence(s, "agents.defaults.sandbox.backend"),
        configEvidence(s, "agents.defaults.sandbox.docker.network"),
      ],
    });
    return out;
  },
};

const DEFAULT_NETWORKS = new Set(["bridge", "podman", "default"]);

function liveS02(item: CatalogItem, _s: Snapshot, live: LiveFacts): Finding[] | undefined {
  const out: Finding[] = [];
  const procs = live.processes.known ? live.processes.value : [];
  const hostGateways = procs.filter((p) => !p.containerId);
  if (live.containers.known) {
    for (const c of live.containers.value.containers.filter((x) => x.role !== "other")) {
      const problems: string[] = [];
      if (c.networkMode === "host") problems.push("shares the host network (network_mode host)");
      if (c.privileged) problems.push("is privileged");
      if (c.mounts.some((m) => m.engineSocket))
        problems.push("has the container engine socket mounted (full control of the host)");
      if (c.pidMode === "host") problems.push("shares the host PID namespace");
      const onDefault = c.role === "gateway" && c.networks.some((n) => DEFAULT_NETWORKS.has(n));
      out.push(
        finding(item, {
          check: problems.length
            ? "live-container-not-isolated"
            : onDefault
              ? "live-default-network"
              : "live-container-isolated",
          status: problems.length ? "fail" : onDefault ? "warn" : "pass",
          message: problems.length
            ? `Container ${c.name} ${problems.join("; ")}.`
            : onDefault
              ? `Gateway container ${c.name} sits on the engine's default network (${c.networks.join(", ")}), shared with unrelated containers.`
              : `Container ${c.name} runs with its own network (${c.networkMode}) and no host namespaces.`,
          evidence: [
            containerEvidence(c),
            host(
              `engine: ${live.containers.value.engine} ${live.containers.value.version} at ${live.containers.value.endpoint}`,
            ),
          ],
          ...(problems.length || onDefault
            ? {
                remediation:
                  "Run the gateway on a dedicated network (`docker network create openclaw`), never `--network host`, `--privileged` or a mounted docker.sock.",
              }
            : {}),
          subject: c.name,
        }),
      );
    }
  }
  if (live.compose.known) {
    for (const svc of live.compose.value.filter((x) => /openclaw/i.test(`${x.name} ${x.image ?? ""}`))) {
      const location = { file: svc.file, ...(svc.line ? { line: svc.line } : {}) };
      const problems = [
        ...(svc.networkMode === "host" ? ["network_mode: host"] : []),
        ...(svc.privileged ? ["privileged: true"] : []),
        ...svc.volumes.filter((v) => v.engineSocket).map((v) => `engine socket volume ${v.source}`),
      ];
      out.push(
        finding(item, {
          check: problems.length ? "compose-not-isolated" : "compose-isolated",
          status: problems.length ? "fail" : "pass",
          message: problems.length
            ? `Compose service ${svc.name} breaks isolation: ${problems.join(", ")}.`
            : `Compose service ${svc.name} uses the project's own network${svc.networks.length ? ` (${svc.networks.join(", ")})` : ""}.`,
          evidence: [{ message: `compose service ${svc.name}`, source: "host", location }],
          location,
          subject: `${svc.file}:${svc.name}`,
        }),
      );
    }
  }
  if (out.length === 0 && hostGateways.length > 0)
    out.push(
      finding(item, {
        check: "live-not-containerized",
        status: "warn",
        message: `The gateway runs directly on the host (pid ${hostGateways.map((p) => p.pid).join(", ")}), not in a container with its own network.`,
        evidence: hostGateways.map((p) => host(`gateway process ${p.pid} ${p.name} user ${p.user ?? p.uid}`)),
        remediation:
          "Run OpenClaw in Docker/Podman on a dedicated network, or accept the risk and attest it.",
        subject: "host-process",
      }),
    );
  if (out.length > 0) return out;
  if (!live.containers.known)
    return [unknownFinding(item, "containers", live.containers.reason, live.containers.hint)];
  return [
    finding(item, {
      check: "live-nothing-running",
      status: "skip",
      message: `No OpenClaw container on ${live.containers.value.engine} (${live.containers.value.endpoint}) and no gateway process on this host.`,
      subject: "nothing-running",
    }),
  ];
}
