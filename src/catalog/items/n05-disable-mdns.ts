import type { LiveFacts } from "../../model/live-facts.js";
import type { Snapshot } from "../../model/snapshot.js";
import { finding } from "../finding.js";
import { bindExposure } from "../gateway-facts.js";
import { cfg, configEvidence } from "../helpers.js";
import { remoteClientSkip } from "../lib/network.js";
import { describe, formatAddr, host, MDNS_PORT, unknownFinding } from "../live-checks.js";
import type { CatalogItem, Finding } from "../types.js";

export const n05: CatalogItem = {
  evaluateLive: (s, live) => liveN05(n05, s, live),
  id: "N-05",
  title: "Disable mDNS",
  category: "network",
  priority: "P0",
  action: "Disable mDNS service discovery to keep the Agent invisible on the LAN",
  verification: "Network scan",
  why: "mDNS (Bonjour) announces the gateway, its port and — in full mode — the CLI path and SSH port to everyone on the local network, which is a free map for an attacker on the same Wi-Fi.",
  openclaw: ["discovery.mdns_full_mode"],
  openclawOwns: ["discovery.*"],
  fix: "auto",
  needs: ["config"],
  evaluate(s) {
    const remote = remoteClientSkip(n05, s);
    if (remote) return [remote];
    const mode = cfg(s, "discovery.mdns.mode");
    const modeEv = configEvidence(s, "discovery.mdns.mode");
    const fix = "`openclaw config set discovery.mdns.mode off` (or `openclaw plugins disable bonjour`)";
    const out: Finding[] = [];
    const wideArea = cfg(s, "discovery.wideArea.domain");
    if (typeof wideArea === "string" && wideArea.trim()) {
      out.push(
        finding(n05, {
          check: "wide-area",
          status: "warn",
          severity: "low",
          message: `Wide-area DNS-SD publishes the gateway beacon in ${wideArea}; discovery.mdns.mode does not stop it.`,
          evidence: [configEvidence(s, "discovery.wideArea.domain")],
          remediation:
            "`openclaw config unset discovery.wideArea.domain` unless cross-network discovery is needed.",
          subject: "discovery.wideArea.domain",
        }),
      );
    }

    if (s.envSet.includes("OPENCLAW_DISABLE_BONJOUR")) {
      out.push(
        mode === "full"
          ? finding(n05, {
              check: "env-masks-full",
              status: "warn",
              severity: "low",
              message:
                'OPENCLAW_DISABLE_BONJOUR is set, so nothing is advertised now, but discovery.mdns.mode is "full": drop the variable (or run the gateway from another shell or service) and the beacon publishes the CLI path and SSH port.',
              evidence: [{ message: "OPENCLAW_DISABLE_BONJOUR is set", source: "host" }, modeEv],
              remediation: fix,
              subject: "mdns",
            })
          : finding(n05, {
              check: "env-disabled",
              status: "pass",
              message:
                "OPENCLAW_DISABLE_BONJOUR is set in the audited environment: LAN multicast advertising is off whatever the config says.",
              evidence: [{ message: "OPENCLAW_DISABLE_BONJOUR is set", source: "host" }, modeEv],
              subject: "mdns",
            }),
      );
      return out;
    }
    if (mode === "full") {
      const exposed = bindExposure(s).exposure !== "loopback";
      out.push(
        finding(n05, {
          check: "mdns-full",
          status: "fail",
          openclawChecks: ["discovery.mdns_full_mode"],
          severity: exposed ? "critical" : "high",
          message: `discovery.mdns.mode is "full": the LAN beacon also publishes the CLI path and SSH port${exposed ? ", and the gateway itself listens beyond loopback" : ""}.`,
          evidence: [modeEv, configEvidence(s, "gateway.bind")],
          remediation: fix,
          subject: "discovery.mdns.mode",
        }),
      );
      return out;
    }
    if (mode === "off") {
      out.push(
        finding(n05, {
          check: "mdns-off",
          status: "pass",
          message: 'discovery.mdns.mode is "off": no LAN multicast advertising.',
          evidence: [modeEv],
          subject: "discovery.mdns.mode",
        }),
      );
      return out;
    }
    const pluginsOff = cfg(s, "plugins.enabled") === false;
    const bonjour = cfg(s, "plugins.entries.bonjour.enabled");
    if (pluginsOff || bonjour === false) {
      out.push(
        finding(n05, {
          check: "bonjour-disabled",
          status: "pass",
          message: `The bundled bonjour plugin that advertises on the LAN is disabled (${pluginsOff ? "plugins.enabled false" : "plugins.entries.bonjour.enabled false"}).`,
          evidence: [
            configEvidence(s, pluginsOff ? "plugins.enabled" : "plugins.entries.bonjour.enabled"),
            modeEv,
          ],
          subject: "mdns",
        }),
      );
      return out;
    }
    const macHost = s.locator.home.startsWith("/Users/");
    if (bonjour === true || macHost) {
      out.push(
        finding(n05, {
          check: "mdns-minimal",
          status: "warn",
          message: `The gateway advertises itself on the LAN over mDNS (discovery.mdns.mode ${mode === undefined ? "unset → minimal" : JSON.stringify(mode)}; ${bonjour === true ? "bonjour plugin enabled" : "the bonjour plugin auto-starts on macOS"}). Minimal mode hides the CLI path and SSH port, but the guide asks for no advertising at all.`,
          evidence: [modeEv, configEvidence(s, "plugins.entries.bonjour.enabled")],
          remediation: fix,
          subject: "discovery.mdns.mode",
        }),
      );
      return out;
    }
    out.push(
      finding(n05, {
        check: "bonjour-not-enabled",
        status: "pass",
        message:
          "The bonjour plugin is not enabled: on Linux, Windows and in containers OpenClaw only advertises over mDNS when it is (it auto-starts on macOS). Set discovery.mdns.mode off to keep it that way if the plugin is ever enabled.",
        evidence: [modeEv, configEvidence(s, "plugins.entries.bonjour.enabled")],
        subject: "mdns",
      }),
    );
    return out;
  },
};

// ─── N-05: mDNS ──────────────────────────────────────────────────────────────────────────────────

function liveN05(item: CatalogItem, _s: Snapshot, live: LiveFacts): Finding[] {
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
