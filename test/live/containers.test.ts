import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { liveFindings } from "../../src/catalog/live-checks.js";
import { n04 } from "../../src/catalog/network.js";
import { s02, s03, s06, s07 } from "../../src/catalog/sandbox.js";
import { collectContainers } from "../../src/deployment/host/containers.js";
import { collectLive } from "../../src/deployment/live.js";
import type { ContainerInfo, LiveFacts } from "../../src/model/live-facts.js";
import { snapshot } from "../catalog/snapshot-fixture.js";
import { startPodman, type TestPodman } from "./podman.js";

const hints = { sandboxPrefix: "openclaw-sbx-" };

describe("containers through a real Podman Engine API socket", () => {
  let pm: TestPodman;
  let live: LiveFacts;
  const byName = (n: string): ContainerInfo => {
    if (!live.containers.known) throw new Error(live.containers.reason);
    const c = live.containers.value.containers.find((x) => x.name === n);
    if (!c) throw new Error(`container ${n} not found`);
    return c;
  };
  beforeAll(async () => {
    pm = await startPodman();
    const ws = join(pm.dir, "workspace");
    mkdirSync(ws);
    const run = (args: string[]) => pm.podman(["run", "-d", ...args, pm.image, "sleep", "600"]);
    run([
      "--name",
      "openclaw-sbx-hard",
      "--network",
      "none",
      "--read-only",
      "--user",
      "1000:1000",
      "--cap-drop",
      "ALL",
      "-v",
      `${ws}:/workspace:ro`,
    ]);
    run([
      "--name",
      "openclaw-sbx-open",
      "--network",
      "bridge",
      "--cap-add",
      "NET_ADMIN",
      "-v",
      `${ws}:/workspace`,
      "-v",
      `${pm.socket}:/var/run/docker.sock`,
    ]);
    run(["--name", "openclaw-gateway", "--network", "bridge", "-p", "127.0.0.1:28999:18789"]);
    live = await collectLive({
      locator: {
        stateDir: pm.dir,
        configPath: join(pm.dir, "openclaw.json"),
        stateDirSource: "flag",
        configPathSource: "default",
        home: pm.dir,
      },
      config: {
        path: join(pm.dir, "openclaw.json"),
        exists: false,
        value: { gateway: { port: 28999 } },
        positions: {},
        files: [],
        envSubstituted: {},
        secretRefs: [],
        issues: [],
      },
      deep: true,
      env: { DOCKER_HOST: pm.dockerHost },
      deployDirs: [],
      timeoutMs: 20_000,
    });
  });
  afterAll(async () => pm?.stop());

  it("identifies Podman and reads hardened vs not hardened containers from the API", () => {
    if (!live.containers.known) throw new Error(live.containers.reason);
    expect(live.containers.value.engine).toBe("podman");
    const hard = byName("openclaw-sbx-hard");
    expect(hard).toMatchObject({
      role: "sandbox",
      networkMode: "none",
      readOnlyRootfs: true,
      user: "1000:1000",
      privileged: false,
    });
    expect(hard.mounts).toEqual([
      expect.objectContaining({ destination: "/workspace", rw: false, engineSocket: false }),
    ]);
    const open = byName("openclaw-sbx-open");
    expect(open).toMatchObject({ role: "sandbox", networkMode: "bridge", readOnlyRootfs: false, user: "" });
    expect(open.capAdd).toContain("NET_ADMIN");
    expect(open.mounts.find((m) => m.destination === "/var/run/docker.sock")).toMatchObject({
      engineSocket: true,
      rw: true,
    });
    expect(open.mounts.find((m) => m.destination === "/workspace")?.rw).toBe(true);
    const gw = byName("openclaw-gateway");
    expect(gw.role).toBe("gateway");
    expect(gw.publishedPorts).toEqual([
      { containerPort: "18789/tcp", hostIp: "127.0.0.1", hostPort: "28999" },
    ]);
    expect(gw.networks.length).toBe(1);
  });

  it("S-02 / S-06 / S-07 tell them apart", () => {
    const s = snapshot({ live });
    const status = (f: ReturnType<typeof liveFindings>, name: string) =>
      f?.find((x) => x.message.includes(name))?.status;
    const f02 = liveFindings(s02, s);
    expect(status(f02, "openclaw-sbx-hard")).toBe("pass");
    expect(status(f02, "openclaw-sbx-open")).toBe("fail");
    expect(status(f02, "openclaw-gateway")).toBe("warn"); // on the engine's default network
    const f07 = liveFindings(s07, s);
    expect(status(f07, "openclaw-sbx-hard")).toBe("pass");
    expect(f07?.find((x) => x.checkId === "S-07.live-engine-socket-mounted")?.message).toContain(
      "openclaw-sbx-open",
    );
    const f06 = liveFindings(s06, s);
    expect(f06?.find((x) => x.checkId === "S-06.live-container-root")?.message).toContain("openclaw-gateway");
    // Published on 127.0.0.1 only: not a direct exposure.
    expect(
      liveFindings(n04, s)?.some(
        (x) => x.checkId === "N-04.live-direct-exposure" && x.message.includes("openclaw-gateway"),
      ),
    ).toBe(false);
  });

  it("--deep egress: a connection from the bridge sandbox reaches the probe listener, the network-none one cannot", () => {
    const eg = live.probes?.egress;
    if (!eg?.known) throw new Error(`egress unknown: ${eg && !eg.known ? eg.reason : "absent"}`);
    const open = eg.value.find((p) => p.container === "openclaw-sbx-open");
    const hard = eg.value.find((p) => p.container === "openclaw-sbx-hard");
    expect(open).toMatchObject({ reachable: true, exitCode: 0 });
    expect(hard?.reachable).toBe(false);
    expect(hard?.exitCode).not.toBe(0);
    const f03 = liveFindings(s03, snapshot({ live }));
    expect(f03?.find((x) => x.message.includes("openclaw-sbx-open"))?.status).toBe("fail");
    expect(f03?.find((x) => x.message.includes("openclaw-sbx-hard"))?.status).toBe("pass");
  });

  it("an absent socket or a remote DOCKER_HOST gives unknown with a reason", async () => {
    const gone = await collectContainers({ DOCKER_HOST: `unix://${pm.dir}/nope.sock` }, pm.dir, hints);
    expect(gone.known).toBe(false);
    if (!gone.known) expect(gone.reason).toMatch(/not reachable.*(ENOENT|ECONNREFUSED)/);
    const remote = await collectContainers({ DOCKER_HOST: "tcp://10.1.2.3:2375" }, pm.dir, hints);
    expect(remote).toMatchObject({ known: false });
    if (!remote.known) expect(remote.reason).toMatch(/not on this host/);
  });
});
