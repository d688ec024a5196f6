import type { LiveFacts } from "../../model/live-facts.js";
import type { Snapshot } from "../../model/snapshot.js";
import { finding } from "../finding.js";
import { configEvidence, needsLive } from "../helpers.js";
import { dockerEv, SANDBOX_FIX } from "../lib/sandbox.js";
import { containerEvidence, host } from "../live-checks.js";
import { ocSet } from "../remediation.js";
import { sandboxScopes } from "../sandbox-scopes.js";
import { policyEvidence, runtimeReachable } from "../tool-policy.js";
import type { CatalogItem, Finding } from "../types.js";

export const s03: CatalogItem = {
  evaluateLive: (s, live) => liveS03(s03, s, live),
  id: "S-03",
  title: "Disable container egress",
  category: "sandbox",
  priority: "P0",
  action: "Block outbound network access from sandbox containers by default",
  verification: "curl from inside the container",
  why: "Outbound network access is how a hijacked agent exfiltrates secrets and fetches second-stage payloads; a sandbox with no network cannot call home.",
  openclaw: ["sandbox.dangerous_network_mode"],
  openclawOwns: ["sandbox.dangerous_network_mode"],
  fix: "auto",
  needs: ["config"],
  evaluate(s) {
    const out: Finding[] = [];
    for (const sc of sandboxScopes(s)) {
      const subject = `${sc.sandboxKey}.docker.network`;
      if (sc.mode === "off") {
        const runtime = runtimeReachable(sc.policy);
        if (runtime.length === 0) {
          out.push(
            finding(s03, {
              check: "no-sandbox-no-exec",
              status: "pass",
              message: `${sc.label}: no sandbox containers, and the tool policy leaves no exec/process tool, so the agent cannot run network commands.`,
              evidence: [configEvidence(s, sc.modeKey), ...policyEvidence(s, sc.policy)],
              subject,
            }),
          );
        } else {
          out.push(
            finding(s03, {
              check: "no-sandbox-host-egress",
              status: "fail",
              severity: "high",
              message: `${sc.label}: the sandbox is off, so ${runtime.join(", ")} run on the host with its full outbound network access.`,
              evidence: [configEvidence(s, sc.modeKey), ...policyEvidence(s, sc.policy)],
              remediation: `\`${SANDBOX_FIX}\` (the sandbox network defaults to "none").`,
              subject,
            }),
          );
        }
        continue;
      }
      if (sc.backend !== "docker" && sc.backend !== "podman") {
        out.push({
          ...needsLive(
            s03,
            `${sc.label}: the ${sc.backend} sandbox backend's egress is decided on its own host`,
          ),
          evidence: [configEvidence(s, `${sc.sandboxKey}.backend`)],
        });
        continue;
      }
      const raw = sc.docker.network;
      const network = typeof raw === "string" ? raw.trim() : "none";
      const ev =
        raw === undefined
          ? configEvidence(
              s,
              "agents.defaults.sandbox.docker.network",
              'docker.network is unset (default "none")',
            )
          : dockerEv(s, sc, "network");
      if (network.toLowerCase() === "none") {
        out.push(
          finding(s03, {
            check: "network-none",
            status: "pass",
            message: `${sc.label}: sandbox containers have no network (docker.network "none"). \`clawwarden audit --deep\` proves it with a probe from inside.`,
            evidence: [ev],
            subject,
          }),
        );
      } else {
        const critical = network === "host" || network.startsWith("container:");
        out.push(
          finding(s03, {
            check: critical ? "network-host" : "network-egress",
            status: "fail",
            severity: critical ? "critical" : "high",
            message: `${sc.label}: sandbox containers join ${JSON.stringify(network)}${critical ? ", sharing another namespace" : ""}, so they can reach the internet.`,
            evidence: [ev],
            remediation: `${ocSet(sc.dockerKeys.network ?? "agents.defaults.sandbox.docker.network", "none")}; give egress only to agents that need it, through a filtering proxy.`,
            subject,
          }),
        );
      }
    }
    return out;
  },
};

// ─── S-03: sandbox egress ────────────────────────────────────────────────────────────────────────

function liveS03(item: CatalogItem, _s: Snapshot, live: LiveFacts): Finding[] | undefined {
  if (!live.containers.known) return undefined;
  const sandboxes = live.containers.value.containers.filter((c) => c.role === "sandbox");
  if (sandboxes.length === 0) return undefined;
  const probes = live.probes?.egress.known ? live.probes.egress.value : [];
  return sandboxes.map((c) => {
    const probe = probes.find((p) => p.container === c.name);
    const ev = [
      containerEvidence(c),
      ...(probe ? [host(`egress probe to ${probe.target}: ${probe.detail} (exit ${probe.exitCode})`)] : []),
    ];
    if (probe?.reachable)
      return finding(item, {
        check: "live-egress-open",
        status: "fail",
        message: `From inside sandbox ${c.name} a connection left the container (${probe.target}).`,
        evidence: ev,
        remediation:
          'Keep sandboxes offline: agents.defaults.sandbox.docker.network "none" (the default), or an internal network without a route out.',
        subject: c.name,
      });
    if (
      c.networkMode === "none" ||
      (probe && !probe.reachable && probe.exitCode !== 127 && probe.exitCode !== null)
    )
      return finding(item, {
        check: "live-egress-blocked",
        status: "pass",
        message: probe
          ? `Sandbox ${c.name}: the egress attempt failed (${probe.detail}).`
          : `Sandbox ${c.name} has no network (network none).`,
        evidence: ev,
        subject: c.name,
      });
    return finding(item, {
      check: "live-egress-possible",
      status: "warn",
      message: `Sandbox ${c.name} is on network ${c.networkMode}${probe ? ` and the probe was inconclusive (${probe.detail})` : ""}: outbound traffic is likely allowed. Run with --deep to test it.`,
      evidence: ev,
      remediation: 'agents.defaults.sandbox.docker.network "none" unless the agent needs the network.',
      subject: c.name,
    });
  });
}
