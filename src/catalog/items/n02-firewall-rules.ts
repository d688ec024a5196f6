import type { FirewallFacts, ListeningSocket, LiveFacts } from "../../model/live-facts.js";
import type { Snapshot } from "../../model/snapshot.js";
import { finding } from "../finding.js";
import { bindExposure } from "../gateway-facts.js";
import { cfg, configEvidence, needsLive } from "../helpers.js";
import { remoteClientSkip } from "../lib/network.js";
import {
  configSaysLoopback,
  describe,
  formatAddr,
  gatewayListeners,
  host,
  unknownFinding,
} from "../live-checks.js";
import type { CatalogItem, Finding } from "../types.js";

export const n02: CatalogItem = {
  evaluateLive: (s, live) => liveN02(n02, s, live),
  id: "N-02",
  title: "Firewall rules",
  category: "network",
  priority: "P0",
  action: "Apply strict firewall rules to port 18789/tcp, allow whitelist IPs only",
  verification: "ufw status / iptables -L",
  why: "A firewall is the second line when the bind setting is wrong or overridden on the command line (`--bind lan`): it keeps the gateway port closed to everyone but the hosts you list.",
  openclaw: [],
  fix: "assisted",
  needs: ["config", "live"],
  evaluate(s) {
    const remote = remoteClientSkip(n02, s);
    if (remote) return [remote];
    const port = typeof cfg(s, "gateway.port") === "number" ? (cfg(s, "gateway.port") as number) : 18789;
    const { exposure, mode } = bindExposure(s);
    if (exposure === "loopback") {
      return [
        finding(n02, {
          check: "loopback-only",
          status: "pass",
          message: `The config binds the gateway to loopback (gateway.bind ${mode}), so port ${port}/tcp is not reachable from other hosts whatever the firewall says. The firewall itself was not read: a \`--bind\` flag or OPENCLAW_GATEWAY_BIND on the running gateway would bypass the config, so confirm with \`clawwarden audit --live\`.`,
          evidence: [configEvidence(s, "gateway.bind"), configEvidence(s, "gateway.port")],
          subject: "gateway.bind",
        }),
      ];
    }
    return [
      {
        ...needsLive(
          n02,
          `the gateway binds beyond loopback (gateway.bind ${mode}); only the host's nftables/iptables/ufw rules can show whether ${port}/tcp is limited to allow-listed sources`,
        ),
        evidence: [configEvidence(s, "gateway.bind"), configEvidence(s, "gateway.port")],
      },
    ];
  },
};

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

function liveN02(item: CatalogItem, s: Snapshot, live: LiveFacts): Finding[] {
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
