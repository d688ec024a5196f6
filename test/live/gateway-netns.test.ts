import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { liveFindings } from "../../src/catalog/live-checks.js";
import { n01, n02, n05 } from "../../src/catalog/network.js";
import { loadConfig } from "../../src/deployment/config.js";
import { collectLive } from "../../src/deployment/live.js";
import type { LoadedConfig, Snapshot } from "../../src/model/snapshot.js";
import { snapshot } from "../catalog/snapshot-fixture.js";
import { gatewayLocator, startGateway, TEST_TOKEN, type TestGateway } from "./gateway.js";
import { createNetns, type TestNetns } from "./netns.js";

/**
 * A real gateway inside a test network namespace: `--bind lan` (config says loopback), Bonjour enabled so it
 * really answers mDNS on the namespace's link, and real nftables rules in front of it. Everything the gateway
 * sends stays on the veth pair the test made.
 */
describe("live audit of a real gateway in a network namespace behind real nftables rules", () => {
  let ns: TestNetns;
  let gw: TestGateway;
  let config: LoadedConfig;
  const audit = async (): Promise<Snapshot> => {
    const live = await collectLive({
      locator: gatewayLocator(gw),
      config,
      deep: false,
      env: {},
      netns: ns.name,
      deployDirs: [],
    });
    return snapshot({ config, live });
  };
  const statuses = (fs: ReturnType<typeof liveFindings>) => (fs ?? []).map((f) => `${f.checkId}:${f.status}`);
  const unauthenticated = async () => {
    try {
      const r = await fetch(`http://${ns.nsAddr}:${gw.port}/tools/invoke`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ tool: "clawwarden_probe_no_such_tool", args: {} }),
        signal: AbortSignal.timeout(2500),
      });
      return r.status;
    } catch {
      return "unreachable";
    }
  };

  beforeAll(async () => {
    ns = createNetns("gwns", 62);
    gw = await startGateway(
      ["--bind", "lan"],
      { gateway: { bind: "loopback" }, plugins: { entries: { bonjour: { enabled: true } } } },
      // OpenClaw turns Bonjour off when it thinks it runs in a container; 0 forces it on.
      { OPENCLAW_GATEWAY_TOKEN: TEST_TOKEN, OPENCLAW_DISABLE_BONJOUR: "0" },
      { name: ns.name, address: ns.nsAddr },
    );
    config = loadConfig(gw.configPath, { env: {} });
  });
  afterAll(async () => {
    await gw?.stop();
    ns?.remove();
  });

  it("sees the gateway's wildcard listener inside the namespace and the config mismatch", async () => {
    const s = await audit();
    const tcp = s.live?.sockets.known ? s.live.sockets.value.filter((x) => x.port === gw.port) : [];
    expect(tcp.some((x) => x.wildcard && x.pids.includes(gw.pid))).toBe(true);
    expect(statuses(liveFindings(n01, s))).toEqual([
      "N-01.live-listens-beyond-loopback:fail",
      "N-01.live-config-mismatch:fail",
    ]);
  });

  it("N-05: the gateway itself answers mDNS on UDP 5353", async () => {
    let s = await audit();
    for (let i = 0; i < 20 && !s.live?.sockets.known; i++) s = await audit();
    const deadline = Date.now() + 30_000;
    // The advertiser starts a moment after /ready.
    while (
      Date.now() < deadline &&
      !(s.live?.sockets.known && s.live.sockets.value.some((x) => x.port === 5353))
    ) {
      await new Promise((r) => setTimeout(r, 1000));
      s = await audit();
    }
    const mdns = s.live?.sockets.known ? s.live.sockets.value.filter((x) => x.port === 5353) : [];
    expect(mdns.some((x) => x.pids.includes(gw.pid))).toBe(true);
    expect(statuses(liveFindings(n05, s))).toEqual(["N-05.live-mdns-gateway:fail"]);
  });

  it("N-02 follows the real ruleset, and a real request from the host agrees", async () => {
    ns.nft("");
    // `--bind lan` listens on 0.0.0.0 only: the IPv4 verdict is the one that matters.
    expect(statuses(liveFindings(n02, await audit()))).toEqual(["N-02.live-no-firewall:fail"]);
    expect(await unauthenticated()).toBe(401);

    ns.nft(`table inet filter {
      chain input { type filter hook input priority 0; policy drop;
        ct state established,related accept
        iifname "lo" accept
        ip saddr 192.0.2.10 tcp dport ${gw.port} accept
      }
    }`);
    expect(statuses(liveFindings(n02, await audit()))).toEqual(["N-02.live-allowlist:pass"]);
    expect(await unauthenticated()).toBe("unreachable");

    ns.nft(`table inet filter {
      chain input { type filter hook input priority 0; policy drop;
        ct state established,related accept
        ip saddr ${ns.hostAddr} tcp dport ${gw.port} accept
      }
    }`);
    const allowed = liveFindings(n02, await audit()) ?? [];
    expect(allowed[0]?.message).toContain(ns.hostAddr);
    expect(await unauthenticated()).toBe(401);
    ns.nft("");
  });
});
