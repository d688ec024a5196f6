import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { liveFindings } from "../../src/catalog/live-checks.js";
import { n03 } from "../../src/catalog/network.js";
import { s02, s06 } from "../../src/catalog/sandbox.js";
import { collectLive } from "../../src/deployment/live.js";
import type { LiveFacts } from "../../src/model/live-facts.js";
import type { LoadedConfig } from "../../src/model/snapshot.js";
import { snapshot } from "../catalog/snapshot-fixture.js";
import { openclawPath } from "../helpers/openclaw.js";
import { freePort, TEST_TOKEN } from "./gateway.js";
import { startPodman, type TestPodman } from "./podman.js";

/**
 * The real OpenClaw gateway inside a Podman container (user 1000, its own network, port published on
 * 127.0.0.1 only), audited from the host through /proc, the engine API and the deep probes.
 */
describe("live audit of a real gateway running in a Podman container", () => {
  let pm: TestPodman;
  let live: LiveFacts;
  let port: number;
  let config: LoadedConfig;
  let containerId: string;
  const network = `cw-oc-${process.pid}`;
  beforeAll(async () => {
    pm = await startPodman();
    const image = pm.gatewayImage();
    const state = join(pm.dir, "gw-state");
    mkdirSync(state, { mode: 0o777 });
    writeFileSync(join(state, "openclaw.json"), JSON.stringify({ gateway: { mode: "local", bind: "lan" } }), {
      mode: 0o666,
    });
    // Writable for the container's uid 1000 (the umask trims the modes above).
    chmodSync(state, 0o777);
    chmodSync(join(state, "openclaw.json"), 0o666);
    port = await freePort();
    pm.podman(["network", "create", network]);
    const cache = resolve(import.meta.dirname, "..", "..", ".cache");
    containerId = pm
      .podman([
        "run",
        "-d",
        "--name",
        "openclaw-gateway",
        "--user",
        "1000:1000",
        "--network",
        network,
        "-p",
        `127.0.0.1:${port}:18789`,
        "-v",
        "/usr:/usr:ro",
        "-v",
        `${cache}:${cache}:ro`,
        "-v",
        `${state}:/state`,
        "-e",
        "HOME=/tmp",
        "-e",
        "OPENCLAW_STATE_DIR=/state",
        "-e",
        `OPENCLAW_GATEWAY_TOKEN=${TEST_TOKEN}`,
        "-e",
        "NO_COLOR=1",
        "-e",
        "OPENCLAW_NO_AUTO_UPDATE=1",
        "-e",
        `PATH=${openclawPath()}:/usr/bin:/bin`,
        image,
        "openclaw",
        "gateway",
        "run",
        "--bind",
        "lan",
        "--port",
        "18789",
      ])
      .trim();
    const deadline = Date.now() + 90_000;
    for (;;) {
      try {
        const r = await fetch(`http://127.0.0.1:${port}/ready`, { signal: AbortSignal.timeout(2000) });
        if (r.status === 200) break;
      } catch {
        /* starting */
      }
      if (Date.now() > deadline)
        throw new Error(
          `gateway container not ready: ${pm.podman(["ps", "-a", "--format", "{{.Names}} {{.Status}}"])} ${pm.podman(["logs", "openclaw-gateway"]).slice(-2000)}`,
        );
      await new Promise((r) => setTimeout(r, 500));
    }
    config = {
      path: join(state, "openclaw.json"),
      exists: true,
      value: { gateway: { mode: "local", bind: "lan", port } },
      positions: {},
      files: [],
      envSubstituted: {},
      secretRefs: [],
      issues: [],
    };
    live = await collectLive({
      locator: {
        stateDir: state,
        configPath: config.path,
        stateDirSource: "flag",
        configPathSource: "default",
        home: pm.dir,
      },
      config,
      deep: true,
      env: { DOCKER_HOST: pm.dockerHost },
      deployDirs: [],
      timeoutMs: 20_000,
    });
  });
  afterAll(async () => {
    // Teardown only: a container that stops while `rm -f` signals it ("container state improper") is gone
    // anyway, and pm.stop() removes the whole private storage; a cleanup hiccup must not fail the suite.
    for (const args of [
      ["rm", "-f", "-t", "2", "openclaw-gateway"],
      ["network", "rm", "-f", network],
    ]) {
      try {
        pm?.podman(args);
      } catch {
        try {
          pm?.podman(args);
        } catch {
          // pm.stop() below deletes the storage root this container lived in
        }
      }
    }
    await pm?.stop();
  });

  it("finds the gateway process from the host: uid 1000, inside that container", () => {
    if (!live.processes.known) throw new Error(live.processes.reason);
    const p = live.processes.value.find((x) => x.containerId && containerId.startsWith(x.containerId));
    expect(p?.name.startsWith("openclaw-gatew")).toBe(true);
    expect(p?.uid).toBe(1000);
    const f = liveFindings(s06, snapshot({ config, live })) ?? [];
    expect(f.find((x) => x.message.includes(`pid ${p?.pid}`))?.status).toBe("pass");
    expect(f.find((x) => x.checkId === "S-06.live-container-non-root")?.message).toContain("1000:1000");
  });

  it("the engine API shows the gateway container on its own network with the port published on loopback", () => {
    if (!live.containers.known) throw new Error(live.containers.reason);
    const c = live.containers.value.containers.find((x) => x.name === "openclaw-gateway");
    expect(c).toMatchObject({ role: "gateway", user: "1000:1000", networks: [network], privileged: false });
    expect(c?.publishedPorts).toEqual([
      { containerPort: "18789/tcp", hostIp: "127.0.0.1", hostPort: String(port) },
    ]);
    const f = liveFindings(s02, snapshot({ config, live })) ?? [];
    expect(f.find((x) => x.message.includes("openclaw-gateway"))?.checkId).toBe(
      "S-02.live-container-isolated",
    );
  });

  it("--deep through the published port: the containerised gateway refuses unauthenticated requests (401)", () => {
    const http = live.probes?.http;
    if (!http?.known) throw new Error("http probe unknown");
    expect(Object.fromEntries(http.value.map((r) => [r.path, r.status]))).toMatchObject({
      "/health": 200,
      "/tools/invoke": 401,
    });
    expect(live.probes?.websocket).toMatchObject({ known: true, value: { outcome: "refused" } });
    const f = liveFindings(n03, snapshot({ config, live })) ?? [];
    expect(f.find((x) => x.checkId === "N-03.live-auth-enforced")?.status).toBe("pass");
  });
});
