import { finding } from "../finding.js";
import { bindExposure } from "../gateway-facts.js";
import { cfg, configEvidence } from "../helpers.js";
import { BIND_FIX, remoteClientSkip } from "../lib/network.js";
import type { CatalogItem, Evidence, Finding } from "../types.js";

export const n01: CatalogItem = {
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
