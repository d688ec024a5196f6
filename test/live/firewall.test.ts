import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { liveFindings } from "../../src/catalog/live-checks.js";
import { n02, n05 } from "../../src/catalog/network.js";
import { collectFirewall } from "../../src/deployment/host/firewall.js";
import { evaluatePort } from "../../src/deployment/host/firewall-model.js";
import { chainsFromIptablesSave } from "../../src/deployment/host/firewall-parse.js";
import { collectSockets } from "../../src/deployment/host/sockets.js";
import { collectLive } from "../../src/deployment/live.js";
import type { FirewallFacts } from "../../src/model/live-facts.js";
import { known, notKnown } from "../../src/model/snapshot.js";
import { snapshot } from "../catalog/snapshot-fixture.js";
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

  it("collectLive in the namespace: N-02 fails with no firewall, passes with an allowlist or default-drop", async () => {
    const config = {
      path: "/x/openclaw.json",
      exists: true,
      value: { gateway: { bind: "lan", port: PORT } },
      positions: {},
      files: [],
      envSubstituted: {},
      secretRefs: [],
      issues: [],
    };
    const locator = {
      stateDir: "/x",
      configPath: "/x/openclaw.json",
      stateDirSource: "flag",
      configPathSource: "default",
      home: "/x",
    };
    const judge = async () => {
      const live = await collectLive({
        locator,
        config,
        deep: false,
        env: {},
        netns: ns.name,
        deployDirs: [],
      });
      expect(live.sockets.known && live.sockets.value.some((x) => x.port === PORT && x.wildcard)).toBe(true);
      return (liveFindings(n02, snapshot({ config, live })) ?? []).map((f) => `${f.checkId}:${f.status}`);
    };
    ns.nft("");
    expect(await judge()).toEqual(["N-02.live-no-firewall:fail"]);
    ns.nft(`table inet filter { chain input { type filter hook input priority 0; policy drop; ip saddr 192.0.2.0/24 tcp dport ${PORT} accept;
    }
    }`);
    expect(await judge()).toEqual(["N-02.live-allowlist:pass"]);
    ns.nft(`table inet filter { chain input { type filter hook input priority 0; policy accept; tcp dport ${PORT} accept;
    }
    }`);
    expect(await judge()).toEqual(["N-02.live-port-open:fail"]);
    ns.nft(`table inet filter { chain input { type filter hook input priority 0; policy drop;
    }
    }`);
    expect(await judge()).toEqual(["N-02.live-port-blocked:pass"]);
    ns.nft("");
  });

  it("N-05: a real UDP 5353 listener in the namespace is seen (warn: not the gateway's)", async () => {
    const child = spawn(
      "ip",
      [
        "netns",
        "exec",
        ns.name,
        process.execPath,
        "-e",
        `const s=require("node:dgram").createSocket("udp4");s.bind(5353,"0.0.0.0",()=>console.log("up"))`,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    try {
      await new Promise((r) => child.stdout?.once("data", r));
      const sockets = await collectSockets(ns.name);
      if (!sockets.known) throw new Error(sockets.reason);
      const mdns = sockets.value.find((x) => x.proto === "udp" && x.port === 5353);
      expect(mdns?.pids).toContain(child.pid === undefined ? -1 : await childPid(child.pid));
      const live = {
        deep: false,
        gatewayPort: PORT,
        processes: known([]),
        sockets,
        systemd: known([]),
        firewall: notKnown("-"),
        tunnels: notKnown("-"),
        containers: notKnown("-"),
        compose: known([]),
        dockerfiles: known([]),
        kubernetes: notKnown("-"),
      };
      expect((liveFindings(n05, snapshot({ live })) ?? []).map((f) => `${f.checkId}:${f.status}`)).toEqual([
        "N-05.live-mdns-other:warn",
      ]);
    } finally {
      child.kill("SIGKILL");
    }
  });

  it("a ufw-shaped iptables ruleset (user chains, jumps) loaded with iptables-restore: allowlist via both readers", async () => {
    ns.nft("");
    const rules = readFileSync(
      join(import.meta.dirname, "..", "fixtures", "host", "firewall", "ufw-allowlist.rules"),
      "utf8",
    );
    ns.exec("iptables-restore", [], rules);
    const fw = value(await collectFirewall(PORT, ns.name));
    expect(fw.source).toBe("nftables");
    expect(fw.verdicts[0]).toMatchObject({ family: "ipv4", exposure: "allowlist", allowed: ["10.0.0.5"] });
    const saved = ns.exec("iptables-save", []);
    expect(evaluatePort(chainsFromIptablesSave(saved, "ipv4"), PORT, "ipv4")).toMatchObject({
      exposure: "allowlist",
      allowed: ["10.0.0.5"],
    });
    expect(evaluatePort(chainsFromIptablesSave(saved, "ipv4"), 22, "ipv4").exposure).toBe("open");
    expect(await canConnect(ns.nsAddr, PORT)).toBe(false);
    ns.nft("");
  });

  it("without nft/iptables installed: unknown naming the missing tools, with an install hint", async () => {
    const saved = process.env.PATH;
    process.env.PATH = "/nonexistent-cw-bin";
    try {
      const fw = await collectFirewall(PORT);
      expect(fw.known).toBe(false);
      if (!fw.known) {
        expect(fw.reason).toContain("nft is not installed");
        expect(fw.reason).toContain("iptables-save is not installed");
        expect(fw.hint).toContain("apt-get install nftables");
      }
    } finally {
      process.env.PATH = saved;
    }
  });

  it("a missing namespace gives unknown with a reason, not a crash", async () => {
    const fw = await collectFirewall(PORT, "cw-does-not-exist");
    expect(fw.known).toBe(false);
    if (!fw.known) expect(fw.reason).toMatch(/nft|iptables/);
  });
});

/** `ip netns exec` execs the program in place, so the node process keeps the PID we spawned; allow for a wrapper child too. */
async function childPid(pid: number): Promise<number> {
  const kids = readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        const stat = readFileSync(`/proc/${d}/stat`, "utf8");
        return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid;
      } catch {
        return false;
      }
    });
  return kids.length === 1 ? Number(kids[0]) : pid;
}
