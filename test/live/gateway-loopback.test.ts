import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { liveFindings } from "../../src/catalog/live-checks.js";
import { n01, n02, n03, n04 } from "../../src/catalog/network.js";
import { loadConfig } from "../../src/deployment/config.js";
import { collectLive } from "../../src/deployment/live.js";
import type { LiveFacts } from "../../src/model/live-facts.js";
import { snapshot } from "../catalog/snapshot-fixture.js";
import { gatewayLocator, startGateway, type TestGateway } from "./gateway.js";

/** A real gateway on loopback with `--auth none`: bound correctly, but open to any local client. */
describe("live audit of a real gateway on loopback with --auth none", () => {
  let gw: TestGateway;
  let live: LiveFacts;
  let config: ReturnType<typeof loadConfig>;
  beforeAll(async () => {
    gw = await startGateway(["--bind", "loopback", "--auth", "none"], { gateway: { bind: "loopback" } }, {});
    config = loadConfig(gw.configPath, { env: {} });
    live = await collectLive({
      locator: gatewayLocator(gw),
      config,
      deep: true,
      env: {},
      deployDirs: [gw.dir],
    });
  });
  afterAll(async () => gw?.stop());

  const snap = () => snapshot({ config, live });

  it("reads the gateway port from the config and sees only loopback listeners", () => {
    expect(live.gatewayPort).toBe(gw.port);
    const mine = live.sockets.known ? live.sockets.value.filter((s) => s.port === gw.port) : [];
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((s) => s.loopback)).toBe(true);
    const f = liveFindings(n01, snap()) ?? [];
    expect(f.find((x) => x.checkId === "N-01.live-loopback-only")?.status).toBe("pass");
    expect(f.some((x) => x.checkId === "N-01.live-config-mismatch")).toBe(false);
  });

  it("--deep: /tools/invoke gets past auth without credentials (404 for an unknown tool) → unauthenticated-access fail", () => {
    if (!live.probes?.http.known) throw new Error("http probe unknown");
    const tools = live.probes.http.value.find((r) => r.path === "/tools/invoke");
    expect(tools?.status, JSON.stringify(tools)).toBe(404);
    expect(live.probes.websocket, JSON.stringify(live.probes.websocket)).toMatchObject({
      known: true,
      value: { outcome: "accepted" },
    });
    // Authentication is N-03's question; N-01 only judges where the gateway listens.
    expect((liveFindings(n01, snap()) ?? []).some((x) => x.checkId.includes("unauthenticated"))).toBe(false);
    const f = liveFindings(n03, snap()) ?? [];
    const bad = f.find((x) => x.checkId === "N-03.live-unauthenticated-access");
    expect(bad?.status).toBe("fail");
    expect(bad?.severity).toBe("high");
    expect(bad?.message).toContain("WebSocket connect accepted");
  });

  it("--deep: no non-loopback address reaches the port; N-02 and N-04 pass on loopback", () => {
    const e = live.probes?.exposure;
    if (!e?.known) throw new Error("exposure unknown");
    expect(e.value.every((x) => !x.reachable)).toBe(true);
    expect((liveFindings(n02, snap()) ?? [])[0]?.checkId).toBe("N-02.live-loopback-only");
    expect((liveFindings(n04, snap()) ?? []).map((x) => x.status)).toEqual(["pass"]);
  });
});
