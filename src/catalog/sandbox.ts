import type { Snapshot } from "../model/snapshot.js";
import { finding } from "./finding.js";
import { bindExposure } from "./gateway-facts.js";
import { agentEntries, cfg, configEvidence, isObject, needsLive } from "./helpers.js";
import { withLiveEvidence } from "./live-checks.js";
import { channelSections } from "./messaging.js";
import { ocSet, ocUnset } from "./remediation.js";
import { type SandboxScope, sandboxScopes } from "./sandbox-scopes.js";
import {
  describePolicy,
  policyEvidence,
  RISKY_GROUPS,
  riskyGroupsAllowed,
  runtimeReachable,
  strings,
  TOOL_GROUPS,
  type ToolPolicy,
  toolAllowed,
  toolPolicy,
  writeReachable,
} from "./tool-policy.js";
import type { CatalogItem, Evidence, Finding } from "./types.js";

const SANDBOX_FIX = "openclaw config set agents.defaults.sandbox.mode all";

// ─── S-01 ───────────────────────────────────────────────────────────────────────────────────────

export const s01: CatalogItem = {
  id: "S-01",
  title: "Enable sandbox mode",
  category: "sandbox",
  priority: "P0",
  action: 'Set sandbox.mode: "all" or at least "non-main"',
  verification: "openclaw sandbox explain",
  why: "Without a sandbox every command and file edit the model asks for runs directly on the gateway host with the gateway's rights; a single prompt injection becomes a host compromise.",
  openclaw: [
    "sandbox.docker_config_mode_off",
    "security.exposure.open_groups_with_runtime_or_fs",
    "security.trust_model.multi_user_heuristic",
  ],
  openclawOwns: [
    "sandbox.docker_config_mode_off",
    "tools.exec.host_sandbox_no_sandbox_defaults",
    "tools.exec.host_sandbox_no_sandbox_agents",
  ],
  fix: "auto",
  needs: ["config"],
  evaluate(s) {
    const out: Finding[] = [];
    for (const sc of sandboxScopes(s)) {
      const modeEv = configEvidence(
        s,
        sc.modeKey,
        `${sc.modeKey} = ${cfg(s, sc.modeKey) === undefined ? '(unset → "off")' : JSON.stringify(sc.mode)}`,
      );
      const runtime = runtimeReachable(sc.policy);
      const writes = writeReachable(sc.policy);
      const subject = sc.sandboxKey;
      if (sc.mode === "all") {
        out.push(
          finding(s01, {
            check: "mode-all",
            status: "pass",
            message: `${sc.label}: every session runs in the sandbox (mode "all").`,
            evidence: [modeEv],
            subject,
          }),
        );
      } else if (sc.mode === "non-main") {
        const dmScope = cfg(s, "session.dmScope") ?? "main";
        const dmChannels = channelSections(s)
          .filter((c) => !c.parent && (c.value.dmPolicy ?? "pairing") !== "disabled")
          .map((c) => c.channel);
        if (dmScope === "main" && dmChannels.length > 0 && (runtime.length > 0 || writes.length > 0)) {
          out.push(
            finding(s01, {
              check: "non-main-dms-in-main",
              status: "warn",
              message: `${sc.label}: sandbox mode "non-main" leaves the main session on the host, and session.dmScope "main" puts every direct message (${dmChannels.join(", ")}) into that main session — so DM-triggered runs are not sandboxed.`,
              evidence: [
                modeEv,
                configEvidence(
                  s,
                  "session.dmScope",
                  `session.dmScope = ${JSON.stringify(dmScope)}${cfg(s, "session.dmScope") === undefined ? " (default)" : ""}`,
                ),
              ],
              remediation: `${ocSet("session.dmScope", "per-channel-peer")}, or ${ocSet(sc.modeKey, "all")}.`,
              subject,
            }),
          );
        } else {
          out.push(
            finding(s01, {
              check: "mode-non-main",
              status: "pass",
              message: `${sc.label}: sandbox mode "non-main" — group, channel and other sessions are sandboxed; the agent's main session still runs on the host.`,
              evidence: [modeEv],
              subject,
            }),
          );
        }
      } else if (sc.mode === "off" && runtime.length === 0 && writes.length === 0) {
        out.push(
          finding(s01, {
            check: "mode-off-no-exec-tools",
            // The guide asks for "all" or "non-main"; a restrictive tool policy mitigates (lower
            // severity) but one policy edit away from host execution is not a sandbox.
            status: "fail",
            severity: "medium",
            message: `${sc.label}: the sandbox is off. The tool policy (${describePolicy(sc.policy)}) leaves no exec/process or write/edit/apply_patch tool today, which lowers the risk, but the guide asks for sandbox mode "all" or "non-main".`,
            evidence: [modeEv, ...policyEvidence(s, sc.policy)],
            remediation:
              sc.id === "defaults"
                ? `\`${SANDBOX_FIX}\` (or "non-main"), then \`openclaw sandbox explain\` to confirm.`
                : ocSet(`${sc.sandboxKey}.mode`, "all"),
            subject,
          }),
        );
      } else if (sc.mode === "off") {
        out.push(
          finding(s01, {
            check: "mode-off",
            status: "fail",
            message: `${sc.label}: the sandbox is off and the agent can use ${[...runtime, ...writes].join(", ")}: commands and file edits run directly on the gateway host.`,
            evidence: [modeEv, ...policyEvidence(s, sc.policy)],
            remediation:
              sc.id === "defaults"
                ? `\`${SANDBOX_FIX}\` (or "non-main"), then \`openclaw sandbox explain\` to confirm.`
                : ocSet(`${sc.sandboxKey}.mode`, "all"),
            subject,
          }),
        );
      } else {
        out.push(
          finding(s01, {
            check: "mode-invalid",
            status: "fail",
            message: `${sc.label}: sandbox mode ${JSON.stringify(sc.mode)} is not one OpenClaw accepts (off, non-main, all).`,
            evidence: [modeEv],
            remediation: ocSet(sc.modeKey, "all"),
            subject,
          }),
        );
      }
      if (
        sc.mode === "off" &&
        Object.keys(sc.dockerKeys).some((k) => sc.dockerKeys[k]?.startsWith(sc.sandboxKey))
      ) {
        out.push(
          finding(s01, {
            check: "docker-config-unused",
            status: "warn",
            severity: "low",
            message: `${sc.label}: ${sc.sandboxKey}.docker is configured but the sandbox is off, so none of it takes effect.`,
            evidence: [configEvidence(s, `${sc.sandboxKey}.docker`, `${sc.sandboxKey}.docker is set`)],
            remediation: `Enable the sandbox (${ocSet(sc.modeKey, "all")}) or remove the unused docker settings.`,
            subject: `${sc.sandboxKey}.docker`,
          }),
        );
      }
    }
    return out;
  },
};

// ─── S-02 ───────────────────────────────────────────────────────────────────────────────────────

function dockerEv(s: Snapshot, sc: SandboxScope, key: string): Evidence {
  return configEvidence(s, sc.dockerKeys[key] ?? `${sc.sandboxKey}.docker.${key}`);
}

export const s02: CatalogItem = {
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

// ─── S-03 ───────────────────────────────────────────────────────────────────────────────────────

export const s03: CatalogItem = {
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

// ─── S-04 ───────────────────────────────────────────────────────────────────────────────────────

/** Tools OpenClaw keeps off HTTP /tools/invoke unless gateway.tools.allow re-enables them. */
const HTTP_DENIED = [
  "exec",
  "spawn",
  "shell",
  "fs_write",
  "fs_delete",
  "fs_move",
  "apply_patch",
  "sessions_spawn",
  "sessions_send",
  "cron",
  "gateway",
  "nodes",
  "whatsapp_login",
];

/** `tools.byProvider.<p>` and `tools.toolsBySender.<who>` (globally and per agent) can widen the policy. */
function policyOverrideFindings(s: Snapshot): Finding[] {
  const out: Finding[] = [];
  const roots = ["tools", ...agentEntries(s).map((e) => `${e.keyPath}.tools`)];
  for (const root of roots) {
    for (const kind of ["byProvider", "toolsBySender"] as const) {
      const map = cfg(s, `${root}.${kind}`);
      if (!isObject(map)) continue;
      for (const [key, value] of Object.entries(map)) {
        if (!isObject(value)) continue;
        const base = `${root}.${kind}.${key}`;
        const granted = [...(strings(value.allow) ?? []), ...(strings(value.alsoAllow) ?? [])];
        const risky = RISKY_GROUPS.filter(
          (g) => granted.includes(g) || TOOL_GROUPS[g]?.some((t) => t !== "gateway" && granted.includes(t)),
        );
        const wide = value.profile === "full" || granted.includes("*");
        if (!wide && risky.length === 0) continue;
        out.push(
          finding(s04, {
            check: "override-widens",
            status: "warn",
            message: `${base} widens the tool policy for ${kind === "byProvider" ? "provider/model" : "sender"} ${JSON.stringify(key)}: ${wide ? 'profile "full" or "*"' : risky.join(", ")}.`,
            evidence: [configEvidence(s, base, `${base} = ${JSON.stringify(value)}`)],
            remediation: `Narrow ${base} to the tools that ${kind === "byProvider" ? "model" : "sender"} needs, or remove it.`,
            subject: base,
          }),
        );
      }
    }
  }
  return out;
}

export const s04: CatalogItem = {
  id: "S-04",
  title: "Least-privilege tool policy",
  category: "sandbox",
  priority: "P0",
  action: "Use a tools.allow whitelist and enable only the MCP tools you need",
  verification: "openclaw config get tools",
  why: "Every tool the model can call is something a prompt injection can call; a short allowlist keeps shell, file-write and control-plane tools out of reach of agents that do not need them.",
  openclaw: [
    "tools.profile_minimal_overridden",
    "gateway.tools_invoke_http.dangerous_allow",
    "plugins.tools_reachable_permissive_policy",
    "security.exposure.open_groups_with_control_plane_tools",
  ],
  openclawOwns: [
    "gateway.tools_invoke_http.dangerous_allow",
    "gateway.nodes.*",
    "tools.exec.agent_skill_mcp_boundary_drift",
    "tools.exec.fs_tools_disabled_but_exec_enabled",
    "tools.profile_minimal_overridden",
    "security.trust_model.cross_agent_session_access_default",
    "plugins.tools_reachable_permissive_policy",
  ],
  fix: "auto",
  needs: ["config"],
  evaluate(s) {
    const out: Finding[] = [];
    const scopes = sandboxScopes(s).filter(
      (sc) => sc.id === "defaults" || cfg(s, sc.toolsKey ?? "") !== undefined,
    );
    for (const sc of scopes) {
      const p = sc.policy;
      const label = sc.id === "defaults" ? "tools" : sc.label;
      const evidence = policyEvidence(s, p);
      const wildcard = [...(p.allow ?? []), ...(p.alsoAllow ?? [])].includes("*");
      const risky = riskyGroupsAllowed(p);
      const fixKey = sc.id === "defaults" ? "tools" : (sc.toolsKey as string);
      const subject = fixKey;
      if (wildcard) {
        out.push(
          finding(s04, {
            check: "allow-wildcard",
            status: "fail",
            message: `${label}: the allow list contains "*", which allows every tool.`,
            evidence,
            remediation: `Replace "*" with the tools the agent needs, e.g. ${ocSet(`${fixKey}.allow`, ["message", "web_search"])}.`,
            subject,
          }),
        );
      } else if (
        p.allow === undefined &&
        (p.profile === undefined || p.profile === "full") &&
        risky.length > 0
      ) {
        out.push(
          finding(s04, {
            check: p.profile === "full" ? "profile-full" : "no-policy",
            status: "fail",
            message: `${label}: ${p.profile === "full" ? 'tools.profile is "full"' : "no tool profile or allow list is set"}, so every core tool is available — including ${risky.join(", ")}.`,
            evidence,
            remediation: `${ocSet(`${fixKey}.profile`, "messaging")} and allow only what is needed (${fixKey}.alsoAllow), or deny the risky groups: ${ocSet(`${fixKey}.deny`, ["group:runtime", "group:fs", "group:automation", "group:nodes"])}.`,
            subject,
          }),
        );
      } else if (risky.length > 0) {
        out.push(
          finding(s04, {
            check: "risky-groups",
            status: "warn",
            message: `${label}: the policy (${describePolicy(p)}) still allows tools from ${risky.join(", ")}. Keep them only for agents that need them, inside a sandbox.`,
            evidence,
            remediation: `Deny what the agent does not need: ${ocSet(`${fixKey}.deny`, [...new Set([...p.deny, ...risky])])}.`,
            subject,
          }),
        );
      } else {
        out.push(
          finding(s04, {
            check: "least-privilege",
            status: "pass",
            message: `${label}: the policy (${describePolicy(p)}) keeps runtime, file-system, automation and node tools out of reach.`,
            evidence,
            subject,
          }),
        );
      }
    }

    out.push(...policyOverrideFindings(s));

    const httpAllow = strings(cfg(s, "gateway.tools.allow")) ?? [];
    const reenabled = HTTP_DENIED.filter((t) => httpAllow.includes(t));
    if (reenabled.length > 0) {
      const exposed =
        bindExposure(s).exposure !== "loopback" || cfg(s, "gateway.tailscale.mode") === "funnel";
      out.push(
        finding(s04, {
          check: "http-tools-dangerous",
          status: exposed ? "fail" : "warn",
          severity: exposed ? "critical" : "medium",
          message: `gateway.tools.allow re-enables ${reenabled.join(", ")} on HTTP POST /tools/invoke${exposed ? ", and the gateway is reachable from the network" : ""}.`,
          evidence: [configEvidence(s, "gateway.tools.allow")],
          remediation: `Remove ${reenabled.join(", ")} from gateway.tools.allow: ${ocSet(
            "gateway.tools.allow",
            httpAllow.filter((t) => !reenabled.includes(t)),
          )}.`,
          subject: "gateway.tools.allow",
        }),
      );
    }
    return out;
  },
};

// ─── S-05 ───────────────────────────────────────────────────────────────────────────────────────

function execPolicy(
  s: Snapshot,
  base: string,
): {
  mode: "deny" | "allowlist" | "ask" | "auto" | "full" | "unset" | "invalid";
  ask?: string;
  keys: string[];
} {
  const mode = cfg(s, `${base}.mode`);
  const security = cfg(s, `${base}.security`);
  const ask = cfg(s, `${base}.ask`);
  const keys = [`${base}.mode`, `${base}.security`, `${base}.ask`].filter((k) => cfg(s, k) !== undefined);
  if (typeof mode === "string") {
    return ["deny", "allowlist", "ask", "auto", "full"].includes(mode)
      ? { mode: mode as "deny", keys }
      : { mode: "invalid", keys };
  }
  if (security === "deny") return { mode: "deny", keys };
  if (security === "allowlist")
    return { mode: ask === "on-miss" || ask === "always" ? "ask" : "allowlist", keys };
  if (security === "full") return { mode: "full", ask: typeof ask === "string" ? ask : "off", keys };
  if (security !== undefined) return { mode: "invalid", keys };
  return { mode: "unset", keys };
}

/** OpenClaw rejects `mode` beside the legacy `security`/`ask` pair, so keep whichever form is in use. */
function execFix(s: Snapshot, base: string): string {
  const legacy = cfg(s, `${base}.security`) !== undefined || cfg(s, `${base}.ask`) !== undefined;
  return legacy
    ? `${ocSet(`${base}.security`, "allowlist")} and ${ocSet(`${base}.ask`, "on-miss")} (the legacy form of mode "ask")`
    : `${ocSet(`${base}.mode`, "ask")} (or "allowlist")`;
}

export const s05: CatalogItem = {
  id: "S-05",
  title: "Restrict elevated privileges",
  category: "sandbox",
  priority: "P0",
  action: "Only enable tools.elevated for highly trusted Agents; avoid granting exec or apply_patch",
  verification: "Policy review",
  why: "Elevated mode lets exec escape the sandbox onto the gateway host, and exec in full mode runs any command without approval; granted to everyone on a channel, that is remote code execution for anyone who can message the bot.",
  openclaw: [
    "tools.elevated.allowFrom.*.wildcard",
    "tools.elevated.allowFrom.*.large",
    "tools.exec.security_full_configured",
    "security.exposure.open_channels_with_exec",
    "security.exposure.open_groups_with_elevated",
  ],
  openclawOwns: [
    "tools.exec.*",
    "tools.elevated.allowFrom.<provider>.wildcard",
    "tools.elevated.allowFrom.<provider>.large",
  ],
  fix: "auto",
  needs: ["config"],
  evaluate(s) {
    const out: Finding[] = [];

    // Elevated: unset `enabled` counts as enabled, but only senders in allowFrom get it.
    const enabled = cfg(s, "tools.elevated.enabled");
    const allowFrom = cfg(s, "tools.elevated.allowFrom");
    const lists = isObject(allowFrom) ? Object.entries(allowFrom).filter(([, v]) => Array.isArray(v)) : [];
    if (enabled === false) {
      out.push(
        finding(s05, {
          check: "elevated-disabled",
          status: "pass",
          message: "Elevated mode is disabled (tools.elevated.enabled false).",
          evidence: [configEvidence(s, "tools.elevated.enabled")],
          subject: "tools.elevated",
        }),
      );
    } else {
      let flagged = false;
      for (const [channel, list] of lists) {
        const entries = (list as unknown[]).map((e) => String(e).trim());
        const keyPath = `tools.elevated.allowFrom.${channel}`;
        if (entries.includes("*")) {
          flagged = true;
          out.push(
            finding(s05, {
              check: "elevated-wildcard",
              status: "fail",
              severity: "critical",
              message: `${keyPath} contains "*": everyone who can message the bot on ${channel} may switch on elevated mode and run commands on the gateway host.`,
              evidence: [configEvidence(s, keyPath)],
              remediation:
                '`openclaw config set tools.elevated.enabled false`, or list the few trusted sender ids instead of "*".',
              subject: keyPath,
            }),
          );
        } else if (entries.length > 25) {
          flagged = true;
          out.push(
            finding(s05, {
              check: "elevated-large",
              status: "warn",
              message: `${keyPath} lists ${entries.length} senders; elevated access should be limited to a few highly trusted people.`,
              evidence: [configEvidence(s, keyPath, `${keyPath} has ${entries.length} entries`)],
              remediation:
                "Trim the list to the operators who need it, or `openclaw config set tools.elevated.enabled false`.",
              subject: keyPath,
            }),
          );
        }
      }
      if (!flagged) {
        const total = lists.reduce((n, [, l]) => n + (l as unknown[]).length, 0);
        out.push(
          finding(s05, {
            check: total === 0 ? "elevated-nobody" : "elevated-allowlisted",
            status: "pass",
            message:
              total === 0
                ? `Elevated mode is ${enabled === true ? "enabled" : "not disabled (unset counts as enabled)"}, but tools.elevated.allowFrom grants it to nobody. Set tools.elevated.enabled false to make that explicit.`
                : `Elevated mode is limited to ${total} listed sender(s) in tools.elevated.allowFrom.`,
            evidence: [
              configEvidence(s, "tools.elevated.enabled"),
              configEvidence(s, "tools.elevated.allowFrom"),
            ],
            subject: "tools.elevated",
          }),
        );
      }
    }

    // Exec approval policy, globally and per agent, where exec is reachable at all.
    const scopes: Array<{ label: string; base: string; policy: ToolPolicy }> = [
      { label: "tools.exec", base: "tools.exec", policy: toolPolicy(s) },
    ];
    for (const e of agentEntries(s)) {
      if (!isObject(e.value.tools) || !isObject(e.value.tools.exec)) continue;
      scopes.push({
        label: `agent ${e.id}`,
        base: `${e.keyPath}.tools.exec`,
        policy: toolPolicy(s, `${e.keyPath}.tools`),
      });
    }
    for (const sc of scopes) {
      const ex = execPolicy(s, sc.base);
      const evidence = (ex.keys.length ? ex.keys : [`${sc.base}.mode`]).map((k) => configEvidence(s, k));
      const subject = sc.base;
      if (!toolAllowed(sc.policy, "exec")) {
        out.push(
          finding(s05, {
            check: "exec-not-reachable",
            status: "pass",
            message: `${sc.label}: the exec tool is denied by the tool policy (${describePolicy(sc.policy)}).`,
            evidence: [...evidence, ...policyEvidence(s, sc.policy)],
            subject,
          }),
        );
      } else if (ex.mode === "full") {
        const approvals = ex.ask === "on-miss" || ex.ask === "always";
        out.push(
          finding(s05, {
            check: "exec-full",
            status: "fail",
            openclawChecks: ["tools.exec.security_full_configured"],
            severity: approvals ? "high" : "critical",
            message: `${sc.label}: exec runs with security "full"${approvals ? "" : " and no approval prompt"}: the model can run any command on its host.`,
            evidence,
            remediation: `${execFix(s, sc.base)}; keep "full" for break-glass agents only.`,
            subject,
          }),
        );
      } else if (ex.mode === "unset") {
        out.push(
          finding(s05, {
            check: "exec-unset",
            status: "warn",
            severity: "medium",
            message: `${sc.label}: no exec policy is configured; the host's exec approvals decide, and OpenClaw's host default is "full" without approvals.`,
            evidence,
            remediation: `${ocSet(`${sc.base}.mode`, "ask")} (or deny exec: ${ocSet("tools.deny", ["group:runtime"])}).`,
            subject,
          }),
        );
      } else if (ex.mode === "invalid") {
        out.push(
          finding(s05, {
            check: "exec-invalid",
            status: "warn",
            message: `${sc.label}: the exec policy has a value OpenClaw does not accept.`,
            evidence,
            remediation: execFix(s, sc.base),
            subject,
          }),
        );
      } else {
        out.push(
          finding(s05, {
            check: "exec-restricted",
            status: "pass",
            message: `${sc.label}: exec policy is "${ex.mode}".`,
            evidence,
            subject,
          }),
        );
      }
    }

    for (const base of [
      "tools.exec.applyPatch",
      ...agentEntries(s).map((e) => `${e.keyPath}.tools.exec.applyPatch`),
    ]) {
      if (cfg(s, `${base}.workspaceOnly`) === false) {
        out.push(
          finding(s05, {
            check: "apply-patch-anywhere",
            status: "fail",
            severity: "high",
            message: `${base}.workspaceOnly is false: apply_patch may write files anywhere the process can.`,
            evidence: [configEvidence(s, `${base}.workspaceOnly`)],
            remediation: ocSet(`${base}.workspaceOnly`, true),
            subject: `${base}.workspaceOnly`,
          }),
        );
      }
    }
    if (cfg(s, "commands.bash") === true) {
      out.push(
        finding(s05, {
          check: "bash-command",
          status: "warn",
          message:
            "commands.bash is true: senders with elevated access can run `!` shell commands from chat.",
          evidence: [configEvidence(s, "commands.bash")],
          remediation: "`openclaw config set commands.bash false`",
          subject: "commands.bash",
        }),
      );
    }
    return out;
  },
};

// ─── S-06 ───────────────────────────────────────────────────────────────────────────────────────

export const s06: CatalogItem = {
  id: "S-06",
  title: "Run as non-root",
  category: "sandbox",
  priority: "P0",
  action: "Create a dedicated openclaw system user to run the Gateway",
  verification: "ps aux",
  why: "Whatever the agent is tricked into doing, it does with the gateway's user rights; as root that is the whole machine, as a dedicated user it is one home directory.",
  openclaw: [],
  fix: "assisted",
  needs: ["state", "live"],
  evaluate(s) {
    const out: Finding[] = [];
    const root = s.state.entries.find((e) => e.path === "");
    if (root && root.uid === 0) {
      out.push(
        finding(s06, {
          check: "state-dir-root-owned",
          status: "warn",
          severity: "medium",
          message: `The state dir ${s.state.root} is owned by root (uid 0): the gateway that writes it most likely runs as root.`,
          evidence: [
            { message: `${s.state.root} owner uid 0`, source: "state", location: { file: s.state.root } },
          ],
          remediation:
            "Create a system user (`useradd --system --create-home openclaw`), move the state dir to it (`chown -R openclaw: ~openclaw/.openclaw`) and run the gateway service as that user.",
          subject: "state-dir-owner",
        }),
      );
    }
    out.push({
      ...needsLive(
        s06,
        `the user the gateway process runs as is only visible on the live host${root ? ` (the state dir is owned by uid ${root.uid})` : ""}`,
      ),
    });
    return out;
  },
};

// ─── S-07 ───────────────────────────────────────────────────────────────────────────────────────

const BLOCKED_EXACT = [
  "/",
  "/etc",
  "/private/etc",
  "/proc",
  "/sys",
  "/dev",
  "/root",
  "/boot",
  "/run",
  "/var/run",
  "/home",
  "/usr",
  "/var",
];
const BLOCKED_HOME = [
  ".ssh",
  ".aws",
  ".gnupg",
  ".docker",
  ".config",
  ".netrc",
  ".npm",
  ".cargo",
  ".kube",
  ".openclaw",
];

/** Why a bind source is dangerous, or undefined. Mirrors OpenClaw's blocked list plus a few more. */
export function dangerousBindSource(source: string): string | undefined {
  const src = source.replace(/\/+$/, "") || "/";
  if (/docker\.sock$|podman\.sock$|containerd\.sock$/.test(src))
    return "the container engine socket (root on the host)";
  for (const b of BLOCKED_EXACT) {
    if (src === b) return `the host directory ${b}`;
    if (b !== "/" && b !== "/home" && b !== "/usr" && b !== "/var" && src.startsWith(`${b}/`))
      return `inside ${b}`;
  }
  const home = /^(?:~|\$HOME|\/home\/[^/]+|\/Users\/[^/]+|\/root)(\/.*)?$/.exec(src);
  if (home) {
    const rest = home[1] ?? "";
    if (rest === "") return "a whole home directory";
    const first = rest.split("/")[1] ?? "";
    if (BLOCKED_HOME.includes(first)) return `the credential directory ~/${first}`;
  }
  return undefined;
}

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

/** With --live the host facts join each item's config findings (src/catalog/live-checks.ts). */
export const sandboxItems: CatalogItem[] = [s01, s02, s03, s04, s05, s06, s07].map(withLiveEvidence);
