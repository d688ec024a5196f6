/**
 * Judges the live host facts (`audit --live` / `--deep`) for the items whose Verification column asks for
 * evidence from the running system. Pure: reads only the snapshot.
 *
 * `liveFindings(item, s)` returns `undefined` when the snapshot has no live facts for that item (the item
 * then keeps its config-only answer); `withLiveEvidence(item)` merges both: the config findings stay, a
 * "needs --live" placeholder is replaced by what the host showed.
 */
import type {
  ContainerInfo,
  FirewallFacts,
  GatewayProcess,
  ListeningSocket,
  LiveFacts,
} from "../model/live-facts.js";
import type { Snapshot } from "../model/snapshot.js";
import { finding } from "./finding.js";
import { bindExposureOf } from "./gateway-facts.js";
import { get } from "./helpers.js";
import type { CatalogItem, Evidence, Finding } from "./types.js";

/** Browser control ports OpenClaw's sandbox browser uses (CDP, VNC, noVNC). */
export const BROWSER_PORTS = [9222, 5900, 6080];
export const MDNS_PORT = 5353;

const host = (message: string, value?: string): Evidence => ({
  message,
  source: "host",
  ...(value !== undefined ? { value } : {}),
});

export function formatAddr(s: Pick<ListeningSocket, "address" | "port">): string {
  return s.address.includes(":") ? `[${s.address}]:${s.port}` : `${s.address}:${s.port}`;
}

function describe(s: ListeningSocket): string {
  const who = s.pids.length ? ` (pid ${s.pids.join(",")}${s.process ? ` ${s.process}` : ""})` : "";
  return `${s.proto} ${formatAddr(s)}${who}`;
}

/**
 * TCP listeners of the audited gateway: those on its port. When nothing listens there but a gateway
 * process runs (started with another --port), that process's listeners stand in.
 */
export function gatewayListeners(live: LiveFacts): ListeningSocket[] {
  if (!live.sockets.known) return [];
  const tcp = live.sockets.value.filter((s) => s.proto.startsWith("tcp"));
  const onPort = tcp.filter((s) => s.port === live.gatewayPort);
  if (onPort.length > 0 || !live.processes.known) return onPort;
  const gwPids = new Set(live.processes.value.map((p) => p.pid));
  return tcp.filter((s) => s.pids.some((p) => gwPids.has(p)));
}

/** What the config asks for, judged exactly as N-01's config check does (gateway-facts.ts). */
function configSaysLoopback(s: Snapshot): boolean {
  return bindExposureOf(s.config.value).exposure === "loopback";
}

function unknownFinding(item: CatalogItem, what: string, reason: string, hint?: string): Finding {
  return finding(item, {
    check: "live-unknown",
    status: "unknown",
    message: `${what} could not be read on this host: ${reason}`,
    ...(hint ? { remediation: hint } : {}),
    subject: what,
  });
}

// ─── N-01: the gateway's real listeners, browser ports, reachability on this host's addresses ──────

function n01(item: CatalogItem, s: Snapshot, live: LiveFacts): Finding[] {
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

const AUTH_REFUSALS = new Set([401, 403, 429]);

/**
 * /tools/invoke is probed with a tool that does not exist: a gateway that checks auth answers 401 first,
 * one without auth gets as far as the tool lookup (404). Other paths count when they answer 2xx.
 */
export function answeredWithoutAuth(path: string, status: number): boolean {
  if (path === "/health") return false;
  if (path === "/tools/invoke") return !AUTH_REFUSALS.has(status) && status < 500;
  return status >= 200 && status < 300;
}

// ─── N-02: the firewall in front of the gateway port ─────────────────────────────────────────────

function relevantVerdicts(fw: FirewallFacts, listeners: ListeningSocket[]) {
  const fams = new Set<string>();
  for (const l of listeners) {
    if (l.proto === "tcp") fams.add("ipv4");
    else {
      fams.add("ipv6");
      // A dual-stack [::] listener also takes IPv4 (unless bindv6only): judge both.
      if (l.wildcard || l.address.startsWith("::ffff:")) fams.add("ipv4");
    }
  }
  return fw.verdicts.filter((v) => fams.has(v.family));
}

const ANY_SOURCE = new Set(["0.0.0.0/0", "::/0", "0.0.0.0", "::"]);

function n02(item: CatalogItem, s: Snapshot, live: LiveFacts): Finding[] {
  const listeners = gatewayListeners(live);
  const exposed = listeners.filter((l) => !l.loopback);
  if (live.sockets.known && listeners.length > 0 && exposed.length === 0)
    return [
      finding(item, {
        check: "live-loopback-only",
        status: "pass",
        message: `The gateway listens only on loopback (${listeners.map(formatAddr).join(", ")}): port ${live.gatewayPort}/tcp cannot be reached from other hosts whatever the firewall says.`,
        evidence: listeners.map((l) => host(`listening: ${describe(l)}`, formatAddr(l))),
        subject: "firewall",
      }),
    ];
  if (!live.firewall.known) {
    // No listener and no ruleset: the host adds nothing, the config answer stands.
    if (exposed.length === 0) return [];
    return [unknownFinding(item, "the firewall", live.firewall.reason, live.firewall.hint)];
  }
  const fw = live.firewall.value;
  const backends = fw.backends.map((b) =>
    host(`${b.name}: ${b.state.known ? b.state.value : `unknown (${b.state.reason})`}`),
  );
  if (exposed.length === 0) {
    // Not running and the config keeps it on loopback: the config answer stands.
    if (configSaysLoopback(s)) return [];
    // Not running (or sockets unreadable) and configured beyond loopback: judge the firewall for when it runs.
    const bad = fw.verdicts.filter((v) => v.exposure === "open");
    return [
      finding(item, {
        check: bad.length ? "live-port-open" : "live-port-filtered",
        status: bad.length ? "warn" : "pass",
        message: bad.length
          ? `No gateway listener was seen, but the firewall (${fw.source}) would let anyone reach ${fw.port}/tcp (${bad.map((v) => v.family).join(", ")}).`
          : `The firewall (${fw.source}) limits ${fw.port}/tcp: ${fw.verdicts.map((v) => `${v.family} ${v.exposure}`).join(", ")}.`,
        evidence: [
          ...backends,
          ...fw.verdicts.flatMap((v) => v.decidedBy.map((d) => host(`${v.family}: ${d}`))),
        ],
        subject: "firewall",
      }),
    ];
  }
  const out: Finding[] = [];
  for (const v of relevantVerdicts(fw, exposed)) {
    const evidence = [
      ...exposed.map((l) => host(`listening: ${describe(l)}`, formatAddr(l))),
      ...backends,
      ...v.decidedBy.map((d) => host(`${v.family} decided by ${d}`)),
      ...v.uncertain.map((u) => host(`${v.family} rule not interpreted: ${u}`)),
    ];
    const wide = v.allowed.filter((a) => ANY_SOURCE.has(a));
    if (v.exposure === "open" || wide.length > 0) {
      out.push(
        finding(item, {
          check:
            fw.source === "none" || v.decidedBy.some((d) => d.startsWith("no input filter"))
              ? "live-no-firewall"
              : "live-port-open",
          status: "fail",
          message: `${fw.port}/tcp is open to every ${v.family} source${fw.netns ? ` (namespace ${fw.netns})` : ""} while the gateway listens on ${exposed.map(formatAddr).join(", ")}.`,
          evidence,
          remediation: `Allow ${fw.port}/tcp only from listed sources and drop the rest, e.g. \`ufw default deny incoming && ufw allow from <admin-ip> to any port ${fw.port} proto tcp\` or an nftables input chain with policy drop.`,
          subject: `firewall-${v.family}`,
        }),
      );
    } else {
      out.push(
        finding(item, {
          check: v.exposure === "allowlist" ? "live-allowlist" : "live-port-blocked",
          status: v.uncertain.length > 0 ? "warn" : "pass",
          message:
            v.exposure === "allowlist"
              ? `${fw.port}/tcp (${v.family}) is accepted only from ${v.allowed.join(", ")}.`
              : `${fw.port}/tcp (${v.family}) is dropped for every non-loopback source.`,
          evidence,
          ...(v.uncertain.length > 0
            ? {
                remediation:
                  "Some rules could not be interpreted (listed in the evidence); check that none of them accepts the gateway port.",
              }
            : {}),
          subject: `firewall-${v.family}`,
        }),
      );
    }
  }
  return out;
}

// ─── N-04: how remote access reaches the gateway ─────────────────────────────────────────────────

function gatewayContainers(live: LiveFacts): ContainerInfo[] {
  return live.containers.known ? live.containers.value.containers.filter((c) => c.role === "gateway") : [];
}

function n04(item: CatalogItem, s: Snapshot, live: LiveFacts): Finding[] {
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

// ─── N-05: mDNS ──────────────────────────────────────────────────────────────────────────────────

function n05(item: CatalogItem, _s: Snapshot, live: LiveFacts): Finding[] {
  if (!live.sockets.known)
    return [unknownFinding(item, "UDP sockets", live.sockets.reason, live.sockets.hint)];
  const gwPids = new Set(live.processes.known ? live.processes.value.map((p) => p.pid) : []);
  const mdns = live.sockets.value.filter((x) => x.proto.startsWith("udp") && x.port === MDNS_PORT);
  const byGateway = mdns.filter(
    (m) => m.pids.some((p) => gwPids.has(p)) || m.process?.startsWith("openclaw"),
  );
  if (byGateway.length > 0)
    return [
      finding(item, {
        check: "live-mdns-gateway",
        status: "fail",
        message: "The gateway answers mDNS (UDP 5353) and advertises itself on the LAN.",
        evidence: byGateway.map((m) => host(`listening: ${describe(m)}`, formatAddr(m))),
        remediation:
          "openclaw config set discovery.mdns.mode off (or set OPENCLAW_DISABLE_BONJOUR=1) and restart the gateway.",
        subject: "mdns",
      }),
    ];
  if (mdns.length > 0)
    return [
      finding(item, {
        check: "live-mdns-other",
        status: "warn",
        message: `Another mDNS responder listens on UDP 5353 (${mdns.map((m) => m.process ?? "unknown process").join(", ")}); check it does not advertise _openclaw-gw._tcp.`,
        evidence: mdns.map((m) => host(`listening: ${describe(m)}`, formatAddr(m))),
        remediation:
          "avahi-browse -rt _openclaw-gw._tcp should list nothing; stop the responder if the host needs no mDNS.",
        subject: "mdns",
      }),
    ];
  return [
    finding(item, {
      check: "live-no-mdns",
      status: "pass",
      message: "Nothing listens on UDP 5353: the gateway is not advertised by mDNS from this host.",
      subject: "mdns",
    }),
  ];
}

// ─── S-02: container isolation ───────────────────────────────────────────────────────────────────

function containerEvidence(c: ContainerInfo): Evidence {
  return host(
    `${c.role} container ${c.name} (${c.image}): network ${c.networkMode}${c.networks.length ? ` [${c.networks.join(", ")}]` : ""}, user ${c.user || "(image default)"}, read-only rootfs ${c.readOnlyRootfs}, privileged ${c.privileged}, cap-add [${c.capAdd.join(",")}]`,
  );
}

const DEFAULT_NETWORKS = new Set(["bridge", "podman", "default"]);

function s02(item: CatalogItem, _s: Snapshot, live: LiveFacts): Finding[] | undefined {
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

// ─── S-03: sandbox egress ────────────────────────────────────────────────────────────────────────

function s03(item: CatalogItem, _s: Snapshot, live: LiveFacts): Finding[] | undefined {
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

// ─── S-06: non-root ──────────────────────────────────────────────────────────────────────────────

function isRootUser(u: string | undefined): boolean {
  return (
    u === undefined || u === "" || u === "0" || u === "root" || u.startsWith("0:") || u.startsWith("root:")
  );
}

function s06(item: CatalogItem, _s: Snapshot, live: LiveFacts): Finding[] | undefined {
  const out: Finding[] = [];
  const procs: GatewayProcess[] = live.processes.known ? live.processes.value : [];
  for (const p of procs) {
    const ev = [
      host(
        `gateway pid ${p.pid} (${p.name}) runs as uid ${p.uid}${p.user ? ` (${p.user})` : ""}${p.containerId ? ` in container ${p.containerId.slice(0, 12)}` : ""}, started ${p.startedAt ?? "?"}`,
      ),
    ];
    out.push(
      finding(item, {
        check: p.uid === 0 ? "live-process-root" : "live-process-non-root",
        status: p.uid === 0 && !p.containerId ? "fail" : p.uid === 0 ? "warn" : "pass",
        message:
          p.uid === 0
            ? `The gateway (pid ${p.pid}) runs as root${p.containerId ? " inside a container (root in the container)" : ""}.`
            : `The gateway (pid ${p.pid}) runs as ${p.user ?? `uid ${p.uid}`}.`,
        evidence: ev,
        ...(p.uid === 0
          ? {
              remediation:
                "Create a dedicated user (`useradd --system openclaw`) and run the gateway as it (systemd `User=openclaw`).",
            }
          : {}),
        subject: `pid-${p.pid}`,
      }),
    );
  }
  if (live.systemd.known) {
    for (const u of live.systemd.value) {
      const missing = ["NoNewPrivileges", "ProtectSystem", "PrivateTmp"].filter((d) => !(d in u.directives));
      const root = isRootUser(u.user) && !u.file.includes("/.config/systemd/user/");
      out.push(
        finding(item, {
          check: root ? "systemd-root" : missing.length ? "systemd-unhardened" : "systemd-hardened",
          status: root ? "fail" : missing.length ? "warn" : "pass",
          message: root
            ? `Unit ${u.file} has no User= (or User=root): the gateway runs as root.`
            : missing.length
              ? `Unit ${u.file} runs as ${u.user} but lacks ${missing.join(", ")}.`
              : `Unit ${u.file} runs as ${u.user} with ${Object.keys(u.directives).join(", ")}.`,
          evidence: [
            {
              message: `User=${u.user ?? "(unset)"}; ${Object.entries(u.directives)
                .map(([k, v]) => `${k}=${v}`)
                .join("; ")}`,
              source: "host",
              location: { file: u.file },
            },
          ],
          location: { file: u.file },
          subject: u.file,
        }),
      );
    }
  }
  for (const c of gatewayContainers(live)) {
    const root = isRootUser(c.user);
    out.push(
      finding(item, {
        check: root ? "live-container-root" : "live-container-non-root",
        status: root ? "fail" : "pass",
        message: root
          ? `Gateway container ${c.name} runs as root (user ${c.user || "image default"}).`
          : `Gateway container ${c.name} runs as ${c.user}.`,
        evidence: [containerEvidence(c)],
        ...(root
          ? {
              remediation:
                'Set a non-root user: `--user 1000:1000` / compose `user: "1000:1000"` / USER in the Dockerfile.',
            }
          : {}),
        subject: c.name,
      }),
    );
  }
  if (live.dockerfiles.known)
    for (const d of live.dockerfiles.value) {
      const location = { file: d.file, ...(d.userLine ? { line: d.userLine } : {}) };
      const root = isRootUser(d.user);
      out.push(
        finding(item, {
          check: root ? "dockerfile-root" : "dockerfile-non-root",
          status: root ? "warn" : "pass",
          message: root
            ? `${d.file}: the final stage has no USER (or USER root): containers start as root.`
            : `${d.file}: the final stage runs as USER ${d.user}.`,
          evidence: [{ message: `USER ${d.user ?? "(unset)"}`, source: "host", location }],
          location,
          subject: d.file,
        }),
      );
    }
  if (live.compose.known)
    for (const svc of live.compose.value.filter(
      (x) => /openclaw/i.test(`${x.name} ${x.image ?? ""}`) && x.user !== undefined && isRootUser(x.user),
    )) {
      const location = { file: svc.file, ...(svc.line ? { line: svc.line } : {}) };
      out.push(
        finding(item, {
          check: "compose-root",
          status: "fail",
          message: `Compose service ${svc.name} sets user ${svc.user}.`,
          evidence: [{ message: `user: ${svc.user}`, source: "host", location }],
          location,
          subject: `${svc.file}:${svc.name}`,
        }),
      );
    }
  if (out.length > 0) return out;
  if (!live.processes.known)
    return [unknownFinding(item, "gateway processes", live.processes.reason, live.processes.hint)];
  return [
    finding(item, {
      check: "live-not-running",
      status: "skip",
      message:
        "No gateway process, unit file, gateway container or Dockerfile was found on this host; run the live audit where the gateway runs.",
      subject: "not-running",
    }),
  ];
}

// ─── S-07: read-only mounts ──────────────────────────────────────────────────────────────────────

const WORKSPACE_TARGET = /workspace|^\/agent(\/|$)|^\/work(\/|$)/i;

function s07(item: CatalogItem, _s: Snapshot, live: LiveFacts): Finding[] | undefined {
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

// ─── C-04: pod security and network policy (token checks live in credentials.ts) ───────────────────

function c04(item: CatalogItem, _s: Snapshot, live: LiveFacts): Finding[] | undefined {
  if (!live.kubernetes.known) return undefined;
  const k8s = live.kubernetes.value;
  const out: Finding[] = [];
  for (const w of k8s.workloads.filter((x) => x.openclaw)) {
    const location = { file: w.file, ...(w.line ? { line: w.line } : {}) };
    const label = `${w.kind}/${w.name}`;
    const privileged = w.containers.filter((c) => c.privileged === true).map((c) => c.name);
    const root = w.containers
      .filter(
        (c) =>
          (c.runAsUser ?? w.podRunAsUser) === 0 ||
          ((c.runAsNonRoot ?? w.podRunAsNonRoot) !== true && (c.runAsUser ?? w.podRunAsUser) === undefined),
      )
      .map((c) => c.name);
    if (privileged.length || w.hostNetwork)
      out.push(
        finding(item, {
          check: "k8s-privileged",
          status: "fail",
          message: `${label}: ${privileged.length ? `privileged container(s) ${privileged.join(", ")}` : ""}${w.hostNetwork ? `${privileged.length ? "; " : ""}hostNetwork: true` : ""}.`,
          location,
          evidence: [{ message: label, source: "host", location }],
          remediation: "Remove privileged: true and hostNetwork: true from the pod spec.",
          subject: `${label}:privileged`,
        }),
      );
    if (root.length)
      out.push(
        finding(item, {
          check: "k8s-root",
          status: "warn",
          message: `${label}: container(s) ${root.join(", ")} may run as root (no runAsNonRoot / runAsUser).`,
          location,
          evidence: [{ message: label, source: "host", location }],
          remediation:
            "Set securityContext: { runAsNonRoot: true, runAsUser: 1000, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true }.",
          subject: `${label}:root`,
        }),
      );
    const covered = k8s.networkPolicies.some(
      (np) =>
        (np.namespace ?? "default") === (w.namespace ?? "default") &&
        Object.entries(np.podSelector).every(([k, v]) => w.labels[k] === v),
    );
    if (!covered)
      out.push(
        finding(item, {
          check: "k8s-no-networkpolicy",
          status: "warn",
          message: `${label}: no NetworkPolicy selects the gateway pod; every pod in the cluster can reach it.`,
          location,
          evidence: [
            { message: `${k8s.networkPolicies.length} NetworkPolicy object(s) read`, source: "host" },
          ],
          remediation:
            "Add a NetworkPolicy that selects the gateway pod and allows ingress only from the ingress controller or tunnel.",
          subject: `${label}:netpol`,
        }),
      );
  }
  return out.length ? out : undefined;
}

// ─── N-03: what the gateway does with a request that carries no credentials (--deep) ───────────

/** The guide's N-03 is authentication: an unauthenticated request that gets through fails it (N-01 judges where it listens). */
function n03(item: CatalogItem, _s: Snapshot, live: LiveFacts): Finding[] | undefined {
  const p = live.probes;
  if (!p?.http.known) return undefined;
  const exposed = live.sockets.known ? gatewayListeners(live).filter((l) => !l.loopback) : [];
  const out: Finding[] = [];
  if (p?.http.known) {
    const open = p.http.value.filter((r) => r.status !== null && answeredWithoutAuth(r.path, r.status));
    const evidence = p.http.value.map((r) => host(`unauthenticated ${r.url} → ${r.status ?? r.error}`));
    if (p.websocket.known)
      evidence.push(
        host(
          `unauthenticated WebSocket connect ${p.websocket.value.url}: ${p.websocket.value.outcome} (${p.websocket.value.detail})`,
        ),
      );
    const wsOpen = p.websocket.known && p.websocket.value.outcome === "accepted";
    out.push(
      open.length > 0 || wsOpen
        ? finding(item, {
            check: "live-unauthenticated-access",
            status: "fail",
            severity: exposed.length > 0 ? "critical" : "high",
            message: `The gateway answered requests without credentials: ${[...open.map((r) => `${r.path} → ${r.status}`), ...(wsOpen ? ["WebSocket connect accepted"] : [])].join(", ")}${exposed.length > 0 ? " — and it listens beyond loopback" : ""}.`,
            evidence,
            remediation:
              "Turn on gateway auth: `openclaw config set gateway.auth.mode token` with a strong token from OPENCLAW_GATEWAY_TOKEN or a SecretRef.",
            subject: "auth-probe",
          })
        : finding(item, {
            check: "live-auth-enforced",
            status: "pass",
            message: "Unauthenticated HTTP and WebSocket requests to the gateway were refused.",
            evidence,
            subject: "auth-probe",
          }),
    );
  }
  return out;
}

const JUDGES: Record<string, (item: CatalogItem, s: Snapshot, live: LiveFacts) => Finding[] | undefined> = {
  "N-01": n01,
  "N-02": n02,
  "N-03": n03,
  "N-04": n04,
  "N-05": n05,
  "S-02": s02,
  "S-03": s03,
  "S-06": s06,
  "S-07": s07,
  "C-04": c04,
};

/** Whether a guide item has a live judge (so its `needs` include "live"). */
export function hasLiveJudge(id: string): boolean {
  return JUDGES[id] !== undefined;
}

/** Live findings for a guide item, or undefined when the snapshot holds no live facts for it. */
export function liveFindings(item: CatalogItem, s: Snapshot): Finding[] | undefined {
  const judge = JUDGES[item.id];
  if (!judge || !s.live) return undefined;
  return judge(item, s, s.live);
}

/**
 * Wraps an item so that, with --live, its config findings are joined by the live evidence and a
 * "needs --live" placeholder is dropped once the host answered.
 */
export function withLiveEvidence(item: CatalogItem): CatalogItem {
  const configOnly = item.evaluate.bind(item);
  // An item with a live judge needs --live to be judged fully: derived here, never written by hand.
  const needs: CatalogItem["needs"] =
    JUDGES[item.id] && !item.needs.includes("live") ? [...item.needs, "live"] : item.needs;
  return {
    ...item,
    needs,
    evaluate(s) {
      const base = configOnly(s);
      // Not applicable here (e.g. gateway.mode remote: no gateway runs on this host): the host has no say.
      if (base.length > 0 && base.every((f) => f.status === "skip")) return base;
      const live = liveFindings(item, s);
      if (!live || live.length === 0) return base;
      return [...base.filter((f) => !f.checkId.endsWith(".needs-live")), ...live];
    },
  };
}
