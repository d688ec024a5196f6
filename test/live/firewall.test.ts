import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectFirewall } from "../../src/deployment/host/firewall.js";
import { evaluatePort } from "../../src/deployment/host/firewall-model.js";
import { chainsFromIptablesSave } from "../../src/deployment/host/firewall-parse.js";
import { collectSockets } from "../../src/deployment/host/sockets.js";
import type { FirewallFacts } from "../../src/deployment/host/types.js";
import { canConnect, createNetns, type TestNetns } from "./netns.js";

const PORT = 18789;

function value(f: Awaited<ReturnType<typeof collectFirewall>>): FirewallFacts {
  if (!f.known) throw new Error(`firewall unknown: ${f.reason}`);
  return f.value;
}

describe("firewall collector against real nftables rules in a network namespace", () => {
  let ns: TestNetns;
  beforeAll(async () => {
    ns = createNetns("fw", 61);
    await ns.listen(PORT);
  });
  afterAll(() => ns?.remove());

  it("no firewall: port reachable from the veth peer, verdict open, nftables inactive", async () => {
    ns.nft("");
    const fw = value(await collectFirewall(PORT, ns.name));
    expect(fw.netns).toBe(ns.name);
    expect(fw.backends.find((b) => b.name === "nftables")?.state).toEqual({ known: true, value: "inactive" });
    expect(fw.verdicts.map((v) => [v.family, v.exposure])).toEqual([
      ["ipv4", "open"],
      ["ipv6", "open"],
    ]);
    expect(await canConnect(ns.nsAddr, PORT)).toBe(true);
  });

  it("the sockets collector reads the namespace's own listener", async () => {
    const s = await collectSockets(ns.name);
    if (!s.known) throw new Error(s.reason);
    const l = s.value.find((x) => x.port === PORT && x.proto === "tcp");
    expect(l).toMatchObject({ address: "0.0.0.0", wildcard: true, loopback: false });
  });

  it("default-drop policy with ssh only: blocked, and a real connect times out", async () => {
    ns.nft(`table inet filter {
      chain input { type filter hook input priority 0; policy drop;
        ct state established,related accept
        iifname "lo" accept
        tcp dport 22 accept
      }
    }`);
    const fw = value(await collectFirewall(PORT, ns.name));
    expect(fw.source).toBe("nftables");
    expect(fw.backends.find((b) => b.name === "nftables")?.state).toEqual({ known: true, value: "active" });
    expect(fw.verdicts.map((v) => v.exposure)).toEqual(["blocked", "blocked"]);
    expect(fw.verdicts[0]?.decidedBy.join("\n")).toContain("policy drop");
    expect(await canConnect(ns.nsAddr, PORT)).toBe(false);
  });

  it("port open to all under a drop policy: open, and a real connect succeeds", async () => {
    ns.nft(`table inet filter {
      chain input { type filter hook input priority 0; policy drop;
        ct state established,related accept
        tcp dport { 22, ${PORT} } accept
      }
    }`);
    const fw = value(await collectFirewall(PORT, ns.name));
    expect(fw.verdicts.map((v) => v.exposure)).toEqual(["open", "open"]);
    expect(fw.verdicts[0]?.decidedBy[0]).toContain(String(PORT));
    expect(await canConnect(ns.nsAddr, PORT)).toBe(true);
  });

  it("allowlist via a named set: only the listed source; the host end (not listed) cannot connect", async () => {
    ns.nft(`table inet filter {
      set admins { type ipv4_addr; elements = { 10.213.99.7, 192.0.2.10 } }
      chain input { type filter hook input priority 0; policy drop;
        ct state established,related accept
        ip saddr @admins tcp dport ${PORT} accept
      }
    }`);
    const fw = value(await collectFirewall(PORT, ns.name));
    expect(fw.verdicts[0]).toMatchObject({ family: "ipv4", exposure: "allowlist" });
    expect(fw.verdicts[0]?.allowed.sort()).toEqual(["10.213.99.7", "192.0.2.10"]);
    expect(fw.verdicts[1]?.exposure).toBe("blocked");
    expect(await canConnect(ns.nsAddr, PORT)).toBe(false);
  });

  it("allowlist that includes the host end: the listed peer really connects", async () => {
    ns.nft(`table inet filter {
      chain input { type filter hook input priority 0; policy accept;
        ip saddr ${ns.hostAddr} tcp dport ${PORT} accept
        tcp dport ${PORT} drop
      }
    }`);
    const fw = value(await collectFirewall(PORT, ns.name));
    expect(fw.verdicts[0]).toMatchObject({ exposure: "allowlist", allowed: [ns.hostAddr] });
    expect(await canConnect(ns.nsAddr, PORT)).toBe(true);
  });

  it("iptables-nft rules (iptables CLI) are read through nftables and through iptables-save", async () => {
    ns.nft("");
    ns.exec("iptables", ["-A", "INPUT", "-i", "lo", "-j", "ACCEPT"]);
    ns.exec("iptables", [
      "-A",
      "INPUT",
      "-m",
      "conntrack",
      "--ctstate",
      "ESTABLISHED,RELATED",
      "-j",
      "ACCEPT",
    ]);
    ns.exec("iptables", [
      "-A",
      "INPUT",
      "-p",
      "tcp",
      "-s",
      "192.0.2.0/24",
      "--dport",
      String(PORT),
      "-j",
      "ACCEPT",
    ]);
    ns.exec("iptables", ["-P", "INPUT", "DROP"]);
    const fw = value(await collectFirewall(PORT, ns.name));
    expect(fw.verdicts[0]).toMatchObject({ exposure: "allowlist", allowed: ["192.0.2.0/24"] });
    const saved = ns.exec("iptables-save", []);
    const v = evaluatePort(chainsFromIptablesSave(saved, "ipv4"), PORT, "ipv4");
    expect(v).toMatchObject({ exposure: "allowlist", allowed: ["192.0.2.0/24"] });
    expect(await canConnect(ns.nsAddr, PORT)).toBe(false);
    ns.exec("iptables", ["-P", "INPUT", "ACCEPT"]);
    ns.exec("iptables", ["-F", "INPUT"]);
  });

  it("a missing namespace gives unknown with a reason, not a crash", async () => {
    const fw = await collectFirewall(PORT, "cw-does-not-exist");
    expect(fw.known).toBe(false);
    if (!fw.known) expect(fw.reason).toMatch(/nft|iptables/);
  });
});
