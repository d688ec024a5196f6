import { finding } from "../finding.js";
import { bindExposure } from "../gateway-facts.js";
import { cfg, configEvidence, needsLive } from "../helpers.js";
import { remoteClientSkip } from "../lib/network.js";
import type { CatalogItem } from "../types.js";

export const n02: CatalogItem = {
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
