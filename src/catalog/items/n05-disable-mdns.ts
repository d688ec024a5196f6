import { finding } from "../finding.js";
import { bindExposure } from "../gateway-facts.js";
import { cfg, configEvidence } from "../helpers.js";
import { remoteClientSkip } from "../lib/network.js";
import type { CatalogItem, Finding } from "../types.js";

export const n05: CatalogItem = {
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
