import type { LiveFacts } from "../../model/live-facts.js";
import type { Snapshot } from "../../model/snapshot.js";
import { finding } from "../finding.js";
import { bindExposure } from "../gateway-facts.js";
import { cfg, configEvidence, get, needsLive } from "../helpers.js";
import { BIND_FIX } from "../lib/network.js";
import {
  describe,
  formatAddr,
  gatewayContainers,
  gatewayListeners,
  host,
  unknownFinding,
} from "../live-checks.js";
import type { CatalogItem, Finding } from "../types.js";

function urlHost(url: string): { protocol: string; host: string } | undefined {
  try {
    const u = new URL(url);
    return { protocol: u.protocol, host: u.hostname.replace(/^\[|\]$/g, "") };
  } catch {
    return undefined;
  }
}
function isLoopbackHost(host: string): boolean {
  return host === "localhost" || host === "::1" || host.startsWith("127.");
}
function isTailnetHost(host: string): boolean {
  if (host.endsWith(".ts.net")) return true;
  const m = /^100\.(\d{1,3})\./.exec(host);
  return m !== null && Number(m[1]) >= 64 && Number(m[1]) <= 127;
}
export const n04: CatalogItem = {
  evaluateLive: (s, live) => liveN04(n04, s, live),
  id: "N-04",
  title: "Use tunnels for remote access",
  category: "network",
  priority: "P0",
  action: "Reach the Gateway via SSH tunnel, Tailscale, or Cloudflare Tunnel — never expose it directly",
  verification: "Confirm no direct public connection",
  why: "A tunnel keeps the gateway on loopback and puts an authenticated, encrypted hop in front of it; a directly exposed port is scanned and brute-forced from the whole network.",
  openclaw: ["gateway.tailscale_funnel", "gateway.tailscale_serve"],
  openclawOwns: [
    "gateway.trusted_proxies_missing",
    "gateway.real_ip_fallback_enabled",
    "gateway.tailscale_funnel",
    "gateway.tailscale_serve",
    "browser.remote_cdp_http",
    "browser.remote_cdp_private_host",
  ],
  fix: "assisted",
  needs: ["config", "live"],
  evaluate(s) {
    const out: Finding[] = [];
    const tailscale = cfg(s, "gateway.tailscale.mode");
    const { exposure, mode: bindMode } = bindExposure(s);

    const remoteMode = cfg(s, "gateway.mode") === "remote";
    // A remote-mode client runs no local gateway: only the way it reaches the remote one matters.
    if (!remoteMode && tailscale === "funnel") {
      out.push(
        finding(n04, {
          check: "tailscale-funnel",
          status: "fail",
          openclawChecks: ["gateway.tailscale_funnel"],
          severity: "critical",
          message:
            'gateway.tailscale.mode is "funnel": Tailscale Funnel publishes the gateway on the public internet.',
          evidence: [configEvidence(s, "gateway.tailscale.mode")],
          remediation:
            "`openclaw config set gateway.tailscale.mode serve` (tailnet only), then restart the gateway.",
          subject: "gateway.tailscale.mode",
        }),
      );
    } else if (!remoteMode && tailscale === "serve") {
      out.push(
        finding(n04, {
          check: "tailscale-serve",
          status: "pass",
          message:
            'Remote access goes through Tailscale Serve (gateway.tailscale.mode "serve"): tailnet only, gateway stays on loopback.',
          evidence: [configEvidence(s, "gateway.tailscale.mode")],
          subject: "gateway.tailscale.mode",
        }),
      );
    }

    if (remoteMode) {
      const url = cfg(s, "gateway.remote.url");
      const transport = cfg(s, "gateway.remote.transport");
      const parsed = typeof url === "string" ? urlHost(url) : undefined;
      const evidence = [
        configEvidence(s, "gateway.remote.url"),
        configEvidence(s, "gateway.remote.transport"),
      ];
      if (transport === "ssh" || (parsed && isLoopbackHost(parsed.host))) {
        out.push(
          finding(n04, {
            check: "remote-tunnel",
            status: "pass",
            message: "This client reaches its remote gateway through an SSH tunnel / loopback forward.",
            evidence,
            subject: "gateway.remote",
          }),
        );
      } else if (parsed && isTailnetHost(parsed.host)) {
        out.push(
          finding(n04, {
            check: "remote-tailnet",
            status: "pass",
            message: `This client reaches its remote gateway over the tailnet (${parsed.host}).`,
            evidence,
            subject: "gateway.remote",
          }),
        );
      } else if (parsed) {
        const plain = parsed.protocol === "ws:" || parsed.protocol === "http:";
        out.push(
          finding(n04, {
            check: plain ? "remote-direct-plaintext" : "remote-direct",
            status: plain ? "fail" : "warn",
            severity: plain ? "high" : "medium",
            message: `This client connects directly to the remote gateway at ${parsed.host}${plain ? " over unencrypted ws://" : ""}: the remote gateway is exposed to the network rather than behind a tunnel.`,
            evidence,
            remediation:
              "Keep the remote gateway on loopback and use `openclaw config set gateway.remote.transport ssh` (or Tailscale Serve) instead of a direct connection.",
            subject: "gateway.remote",
          }),
        );
      } else {
        out.push(
          finding(n04, {
            check: "remote-unset",
            status: "warn",
            severity: "low",
            message: 'gateway.mode is "remote" but gateway.remote.url is missing or not a URL.',
            evidence,
            remediation:
              "Set gateway.remote.url to the tunnel endpoint (e.g. ws://127.0.0.1:18789 over `ssh -L`).",
            subject: "gateway.remote",
          }),
        );
      }
    }

    if (remoteMode) return out;
    if (exposure === "network") {
      out.push(
        finding(n04, {
          check: "direct-exposure",
          status: "fail",
          message: `The gateway listens on the network (gateway.bind ${bindMode}) instead of loopback behind a tunnel.`,
          evidence: [configEvidence(s, "gateway.bind")],
          remediation: `\`${BIND_FIX}\`, then use \`ssh -N -L 18789:127.0.0.1:18789 <host>\`, Tailscale Serve (\`openclaw config set gateway.tailscale.mode serve\`) or a Cloudflare Tunnel for remote access.`,
          subject: "gateway.bind",
        }),
      );
    } else if (exposure === "tailnet" && tailscale !== "funnel") {
      out.push(
        finding(n04, {
          check: "tailnet-bind",
          status: "pass",
          message:
            "The gateway is reachable over the tailnet only (gateway.bind tailnet); Tailscale is the tunnel.",
          evidence: [configEvidence(s, "gateway.bind")],
          subject: "gateway.bind",
        }),
      );
    } else if (exposure === "loopback" && tailscale !== "funnel" && tailscale !== "serve") {
      out.push(
        finding(n04, {
          check: "loopback-no-direct",
          status: "pass",
          message:
            "The config exposes nothing directly: the gateway is on loopback, so remote clients need a tunnel. SSH or cloudflared tunnels and published container ports are only visible with `clawwarden audit --live`.",
          evidence: [configEvidence(s, "gateway.bind"), configEvidence(s, "gateway.tailscale.mode")],
          subject: "gateway.bind",
        }),
      );
    } else if (exposure === "unknown" && out.length === 0) {
      out.push({
        ...needsLive(
          n04,
          "gateway.bind has an unrecognised value; the listening sockets show the real exposure",
        ),
      });
    }
    return out;
  },
};

function liveN04(item: CatalogItem, s: Snapshot, live: LiveFacts): Finding[] {
  const out: Finding[] = [];
  const exposed = gatewayListeners(live).filter((l) => !l.loopback);
  const paths = live.tunnels.known ? live.tunnels.value.paths : [];
  const pathEv = live.tunnels.known
    ? [host(`remote-access paths in use: ${paths.length ? paths.join(", ") : "none found"}`)]
    : [host(`tunnels: unknown (${live.tunnels.reason})`)];
  const published = gatewayContainers(live).flatMap((c) =>
    c.publishedPorts
      .filter((p) => p.hostIp === "" || p.hostIp === "0.0.0.0" || p.hostIp === "::")
      .map((p) => `${c.name} ${p.hostIp || "0.0.0.0"}:${p.hostPort}->${p.containerPort}`),
  );
  if (exposed.length > 0 || published.length > 0)
    out.push(
      finding(item, {
        check: "live-direct-exposure",
        status: "fail",
        message: `The gateway is exposed directly, not only through a tunnel: ${[...exposed.map(formatAddr), ...published].join(", ")}.`,
        evidence: [
          ...exposed.map((l) => host(`listening: ${describe(l)}`, formatAddr(l))),
          ...published.map((p) => host(`published port: ${p}`)),
          ...pathEv,
        ],
        remediation:
          "Bind to loopback and publish container ports on 127.0.0.1 only; reach the gateway with `ssh -L`, Tailscale Serve or a Cloudflare Tunnel.",
        subject: "direct",
      }),
    );
  if (live.tunnels.known && live.tunnels.value.paths.includes("tailscale-funnel"))
    out.push(
      finding(item, {
        check: "live-tailscale-funnel",
        status: "warn",
        message:
          "Tailscale Funnel publishes the gateway to the public internet (Serve keeps it inside the tailnet).",
        evidence: pathEv,
        remediation:
          "Use `tailscale serve` instead of funnel, or require password auth (gateway.auth.mode password).",
        subject: "funnel",
      }),
    );
  const tsMode = get(s.config.value, "gateway.tailscale.mode");
  if (
    (tsMode === "serve" || tsMode === "funnel") &&
    live.tunnels.known &&
    !live.tunnels.value.tailscale.running
  )
    out.push(
      finding(item, {
        check: "live-tailscale-not-running",
        status: "warn",
        message: `gateway.tailscale.mode is "${tsMode}" but Tailscale is ${live.tunnels.value.tailscale.installed ? "not running" : "not installed"} on this host: the configured remote-access path does not exist.`,
        evidence: [
          {
            message: `gateway.tailscale.mode = "${tsMode}"`,
            source: "config",
            keyPath: "gateway.tailscale.mode",
            location: s.config.positions["gateway.tailscale.mode"] ?? { file: s.config.path },
          },
          ...pathEv,
        ],
        remediation:
          "Start tailscaled and log in (`tailscale up`), or set gateway.tailscale.mode off and use an SSH tunnel.",
        subject: "tailscale-config",
      }),
    );
  if (out.length === 0) {
    if (!live.sockets.known && !live.tunnels.known)
      return [unknownFinding(item, "sockets and tunnels", live.sockets.known ? "" : live.sockets.reason)];
    out.push(
      finding(item, {
        check: "live-no-direct-exposure",
        status: "pass",
        message: `No direct exposure of the gateway was found; remote access path(s): ${paths.length ? paths.join(", ") : "none (local use only)"}.`,
        evidence: pathEv,
        subject: "direct",
      }),
    );
  }
  return out;
}
