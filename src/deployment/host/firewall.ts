import type { FirewallFacts } from "../../model/live-facts.js";
import { type Fact, known, notKnown } from "../../model/snapshot.js";
import { type Chain, evaluatePort } from "./firewall-model.js";
import { chainsFromIptablesSave, chainsFromNft } from "./firewall-parse.js";
import { run, why } from "./run.js";

const ROOT_HINT = "reading the firewall needs root (CAP_NET_ADMIN): run `sudo clawwarden audit --live`";

function activeState(chains: Chain[]): "active" | "inactive" {
  return chains.some((c) => c.input && (c.rules.length > 0 || c.input.policy === "drop"))
    ? "active"
    : "inactive";
}

/**
 * Reads nftables (which also holds iptables-nft rules), falls back to iptables-save, and notes ufw's status.
 * Decides, per address family, whether a new TCP connection to `port` from off-host is accepted.
 */
export async function collectFirewall(port: number, netns?: string): Promise<Fact<FirewallFacts>> {
  const opts = netns ? { netns } : {};
  const facts: FirewallFacts = { port, backends: [], source: "none", verdicts: [] };
  if (netns) facts.netns = netns;

  let chains: Chain[] | undefined;
  const nft = await run("nft", ["-j", "list", "ruleset"], opts);
  if (nft.ok) {
    try {
      chains = chainsFromNft(JSON.parse(nft.stdout || "{}"));
      facts.source = "nftables";
      facts.backends.push({ name: "nftables", state: known(activeState(chains)) });
    } catch (e) {
      facts.backends.push({
        name: "nftables",
        state: notKnown(`cannot parse nft JSON: ${(e as Error).message}`),
      });
    }
  } else {
    facts.backends.push({
      name: "nftables",
      state: nft.missing
        ? notKnown(
            "nft is not installed",
            "install nftables (`apt-get install nftables`) so the ruleset can be read",
          )
        : notKnown(`nft failed: ${why(nft)}`, ROOT_HINT),
    });
  }

  const v4 = await run("iptables-save", [], opts);
  const v6 = await run("ip6tables-save", [], opts);
  if (v4.ok) {
    const ipt = [
      ...chainsFromIptablesSave(v4.stdout, "ipv4"),
      ...(v6.ok ? chainsFromIptablesSave(v6.stdout, "ipv6") : []),
    ];
    facts.backends.push({ name: "iptables", state: known(activeState(ipt)) });
    if (!chains) {
      // iptables chains are per family; give the v6 ones distinct ids.
      chains = ipt.map((c) =>
        c.families[0] === "ipv6" ? { ...c, id: `ip6 ${c.id}`, resolve: (t: string) => `ip6 ${t}` } : c,
      );
      facts.source = "iptables";
    }
  } else {
    facts.backends.push({
      name: "iptables",
      state: v4.missing
        ? notKnown("iptables-save is not installed")
        : notKnown(`iptables-save failed: ${why(v4)}`, ROOT_HINT),
    });
  }

  const ufw = await run("ufw", ["status", "verbose"], opts);
  if (ufw.ok) {
    facts.backends.push({
      name: "ufw",
      state: known(/Status:\s*active/i.test(ufw.stdout) ? "active" : "inactive"),
    });
  } else if (!ufw.missing) {
    facts.backends.push({ name: "ufw", state: notKnown(`ufw status failed: ${why(ufw)}`, ROOT_HINT) });
  }

  if (!chains) {
    const reasons = facts.backends
      .map((b) => (b.state.known ? "" : `${b.name}: ${b.state.reason}`))
      .filter(Boolean);
    const hint =
      nft.missing && v4.missing
        ? "install nftables (`apt-get install nftables`) so the ruleset can be read"
        : ROOT_HINT;
    return notKnown(`no firewall ruleset could be read (${reasons.join("; ")})`, hint);
  }
  facts.verdicts = [evaluatePort(chains, port, "ipv4"), evaluatePort(chains, port, "ipv6")];
  return known(facts);
}
