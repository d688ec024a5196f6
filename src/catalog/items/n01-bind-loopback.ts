import type { ListeningSocket, LiveFacts } from "../../model/live-facts.js";
import type { Snapshot } from "../../model/snapshot.js";
import { finding } from "../finding.js";
import { bindExposure } from "../gateway-facts.js";
import { cfg, configEvidence, get } from "../helpers.js";
import { BIND_FIX, remoteClientSkip } from "../lib/network.js";
import {
  BROWSER_PORTS,
  configSaysLoopback,
  describe,
  formatAddr,
  gatewayListeners,
  host,
  unknownFinding,
} from "../live-checks.js";
import type { CatalogItem, Evidence, Finding } from "../types.js";

export const n01: CatalogItem = {
  evaluateLive: (s, live) => liveN01(n01, s, live),
  id: "N-01",
  title: "Bind to loopback",
  category: "network",
  priority: "P0",
  action: 'Set gateway.bind: "loopback"; never bind to 0.0.0.0 or lan',
  verification: "openclaw security audit",
  why: "The gateway is a remote-control endpoint for an agent that runs commands. Bound to loopback, only processes on the same host can reach it; bound to the LAN or 0.0.0.0, anyone who can route to the port can try to log in.",
  openclaw: [
    "gateway.bind_no_auth",
    "gateway.control_ui.allowed_origins_required",
    "gateway.control_ui.allowed_origins_wildcard",
  ],
  openclawOwns: ["gateway.bind_no_auth", "gateway.control_ui.*"],
  fix: "auto",
  needs: ["config"],
  evaluate(s) {
    const remote = remoteClientSkip(n01, s);
    if (remote) return [remote];
    const out: Finding[] = [];
    const bind = cfg(s, "gateway.bind");
    const { exposure, host } = bindExposure(s);
    const bindEv = configEvidence(s, "gateway.bind");
    if (bind === undefined) {
      out.push(
        finding(n01, {
          check: "bind-default",
          status: "warn",
          severity: "low",
          message:
            'gateway.bind is not set. On a host OpenClaw binds to loopback, but inside a container its default is "auto", which listens on 0.0.0.0.',
          evidence: [
            {
              ...bindEv,
              message: 'gateway.bind is unset (default "loopback"; "auto" → 0.0.0.0 in containers)',
            },
          ],
          remediation: `Make it explicit: \`${BIND_FIX}\`.`,
          subject: "gateway.bind",
        }),
      );
    } else if (bind === "loopback") {
      out.push(
        finding(n01, {
          check: "bind-loopback",
          status: "pass",
          message: 'gateway.bind is "loopback": only local processes can reach the gateway.',
          evidence: [bindEv],
          subject: "gateway.bind",
        }),
      );
    } else if (bind === "tailnet") {
      out.push(
        finding(n01, {
          check: "bind-tailnet",
          status: "warn",
          message:
            'gateway.bind is "tailnet": every device on the tailnet can reach the gateway port, and OpenClaw falls back to 0.0.0.0 when no tailnet address and no loopback can be bound.',
          evidence: [bindEv],
          remediation: `Prefer \`${BIND_FIX}\` with \`openclaw config set gateway.tailscale.mode serve\` (Tailscale Serve proxies to loopback).`,
          subject: "gateway.bind",
        }),
      );
    } else if (bind === "custom" && exposure === "loopback") {
      out.push(
        finding(n01, {
          check: "bind-custom-loopback",
          status: "pass",
          message: `gateway.bind is "custom" on the loopback address ${host}.`,
          evidence: [bindEv, configEvidence(s, "gateway.customBindHost")],
          subject: "gateway.bind",
        }),
      );
    } else if (exposure === "network") {
      const detail =
        bind === "lan"
          ? "listens on 0.0.0.0 (every interface)"
          : bind === "auto"
            ? "listens on 0.0.0.0 in containers and whenever loopback cannot be bound"
            : bind === "custom"
              ? `listens on ${host} (a non-loopback address)`
              : "is a host alias OpenClaw's schema rejects; it asks for 0.0.0.0";
      const evidence: Evidence[] = [bindEv];
      if (bind === "custom") evidence.push(configEvidence(s, "gateway.customBindHost"));
      out.push(
        finding(n01, {
          check: `bind-${bind === "lan" || bind === "auto" || bind === "custom" ? bind : "wildcard"}`,
          status: "fail",
          severity: bind === "auto" ? "high" : "critical",
          message: `gateway.bind = ${JSON.stringify(bind)} ${detail}: the gateway is reachable from the network.`,
          evidence,
          remediation: `\`${BIND_FIX}\`, restart the gateway, and reach it remotely through an SSH tunnel or Tailscale Serve (N-04).`,
          subject: "gateway.bind",
        }),
      );
    } else {
      out.push(
        finding(n01, {
          check: "bind-invalid",
          status: "warn",
          message: `gateway.bind = ${JSON.stringify(bind)} is not a bind mode OpenClaw accepts (loopback, lan, tailnet, auto, custom); the gateway will not start with it.`,
          evidence: [bindEv],
          remediation: `\`${BIND_FIX}\``,
          subject: "gateway.bind",
        }),
      );
    }

    const origins = cfg(s, "gateway.controlUi.allowedOrigins");
    if (Array.isArray(origins) && origins.some((o) => typeof o === "string" && o.trim() === "*")) {
      const exposed = exposure !== "loopback";
      out.push(
        finding(n01, {
          check: "control-ui-origins-wildcard",
          status: exposed ? "fail" : "warn",
          severity: exposed ? "critical" : "medium",
          message:
            'gateway.controlUi.allowedOrigins contains "*": any web page may open a Control UI / WebChat connection to the gateway.',
          evidence: [configEvidence(s, "gateway.controlUi.allowedOrigins")],
          remediation:
            "List the exact origins instead: `openclaw config set gateway.controlUi.allowedOrigins '[\"https://control.example.com\"]' --strict-json`.",
          subject: "gateway.controlUi.allowedOrigins",
        }),
      );
    }
    return out;
  },
};

// ─── N-01: the gateway's real listeners, browser ports, reachability on this host's addresses ──────

function liveN01(item: CatalogItem, s: Snapshot, live: LiveFacts): Finding[] {
  if (!live.sockets.known)
    return [unknownFinding(item, "listening sockets", live.sockets.reason, live.sockets.hint)];
  const out: Finding[] = [];
  const listeners = gatewayListeners(live);
  const exposed = listeners.filter((l) => !l.loopback);
  if (listeners.length === 0) {
    out.push(
      finding(item, {
        check: "live-not-running",
        // Nothing to judge on this host right now: the config answer stands (skip does not outrank it).
        status: "skip",
        message: `No gateway listens on port ${live.gatewayPort} on this host, so the real bind cannot be seen; the config answer stands.`,
        remediation:
          "Run the live audit on the host (or in the namespace) where the gateway runs, while it runs.",
      }),
    );
  } else if (exposed.length > 0) {
    out.push(
      finding(item, {
        check: "live-listens-beyond-loopback",
        status: "fail",
        message: `The running gateway listens on ${exposed.map(formatAddr).join(", ")}: reachable from other hosts.`,
        evidence: exposed.map((l) => host(`listening: ${describe(l)}`, formatAddr(l))),
        remediation:
          "Restart the gateway bound to loopback (`openclaw config set gateway.bind loopback`, and drop any `--bind lan` flag or OPENCLAW_GATEWAY_BIND) and reach it through a tunnel.",
        subject: "listeners",
      }),
    );
    if (configSaysLoopback(s)) {
      const first = exposed[0] as ListeningSocket;
      out.push(
        finding(item, {
          check: "live-config-mismatch",
          status: "fail",
          message: `config says loopback, process listens on ${formatAddr(first)}: the running gateway was started with a different bind (a --bind flag, an env var or another config file).`,
          evidence: [
            {
              message: `gateway.bind = ${JSON.stringify(get(s.config.value, "gateway.bind") ?? "(default loopback)")}`,
              source: "config",
              keyPath: "gateway.bind",
              location: s.config.positions["gateway.bind"] ?? { file: s.config.path },
            },
            host(`listening: ${describe(first)}`, formatAddr(first)),
          ],
          remediation:
            "Find how the gateway is started (systemd unit, compose file, shell) and remove the override, or fix the config it really reads.",
          subject: "bind-mismatch",
        }),
      );
    }
  } else {
    out.push(
      finding(item, {
        check: "live-loopback-only",
        status: "pass",
        message: `The running gateway listens only on loopback: ${listeners.map(formatAddr).join(", ")}.`,
        evidence: listeners.map((l) => host(`listening: ${describe(l)}`, formatAddr(l))),
        subject: "listeners",
      }),
    );
  }

  const browser = live.sockets.value.filter(
    (x) => x.proto.startsWith("tcp") && BROWSER_PORTS.includes(x.port) && !x.loopback,
  );
  if (browser.length > 0)
    out.push(
      finding(item, {
        check: "live-browser-port-exposed",
        status: "fail",
        message: `Browser control ports listen beyond loopback: ${browser.map(formatAddr).join(", ")} (CDP/VNC give full control of the browser).`,
        evidence: browser.map((b) => host(`listening: ${describe(b)}`, formatAddr(b))),
        remediation:
          "Bind CDP/VNC to 127.0.0.1 or keep them inside the sandbox browser network (agents.defaults.sandbox.browser.cdpSourceRange).",
        subject: "browser-ports",
      }),
    );

  const p = live.probes;
  if (p?.exposure.known) {
    const reachable = p.exposure.value.filter((e) => e.reachable);
    if (reachable.length > 0)
      out.push(
        finding(item, {
          check: "live-reachable-on-lan-address",
          status: "fail",
          message: `The gateway port answered on this host's own network address(es): ${reachable.map((r) => `${r.address}:${r.port}`).join(", ")}.`,
          evidence: reachable.map((r) => host(`connect ${r.address}:${r.port}: ${r.detail}`)),
          remediation: "Bind the gateway to loopback.",
          subject: "exposure-probe",
        }),
      );
  }
  return out;
}
