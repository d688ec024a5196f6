import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectSnapshot } from "../../src/audit/collect.js";
import { liveFindings } from "../../src/catalog/live-checks.js";
import { n01, n02, n03 } from "../../src/catalog/network.js";
import { runCatalog } from "../../src/catalog/run.js";
import { sandboxItems } from "../../src/catalog/sandbox.js";
import { loadConfig } from "../../src/deployment/config.js";
import { collectGatewayProcesses } from "../../src/deployment/host/processes.js";
import { collectLive } from "../../src/deployment/live.js";
import type { GatewayProcess, ListeningSocket } from "../../src/model/live-facts.js";
import type { Fact, Snapshot } from "../../src/model/snapshot.js";
import { snapshot } from "../catalog/snapshot-fixture.js";
import { gatewayLocator, runGatewayToExit, startGateway, type TestGateway } from "./gateway.js";

function runAsNobody(port: number): string {
  const dir = mkdtempSync(join(tmpdir(), "cw-as-user-"));
  try {
    execFileSync(
      process.execPath,
      [
        join("node_modules", "typescript", "bin", "tsc"),
        "--outDir",
        dir,
        "--rootDir",
        ".",
        "--module",
        "NodeNext",
        "--moduleResolution",
        "NodeNext",
        "--target",
        "ES2022",
        "--types",
        "node",
        "--skipLibCheck",
        "--strict",
        join("test", "live", "as-user.ts"),
      ],
      { encoding: "utf8", timeout: 120_000 },
    );
    writeFileSync(join(dir, "package.json"), '{"type":"module"}');
    execFileSync("chmod", ["-R", "a+rX", dir]);
    return execFileSync(
      "setpriv",
      [
        "--reuid=65534",
        "--regid=65534",
        "--clear-groups",
        "--",
        process.execPath,
        join(dir, "test", "live", "as-user.js"),
        String(port),
      ],
      { encoding: "utf8", env: { PATH: process.env.PATH ?? "", HOME: "/tmp" }, cwd: "/", timeout: 60_000 },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A real gateway whose config says loopback but which was started with `--bind lan` (token auth). */
describe("live audit of a real gateway started with --bind lan", () => {
  let gw: TestGateway;
  let snap: Snapshot;
  beforeAll(async () => {
    gw = await startGateway(["--bind", "lan"], { gateway: { bind: "loopback" } });
    const config = loadConfig(gw.configPath, { env: {} });
    const live = await collectLive({
      locator: gatewayLocator(gw),
      config,
      deep: true,
      env: {},
      deployDirs: [gw.dir],
    });
    snap = snapshot({ config, live });
  });
  afterAll(async () => gw?.stop());

  it("finds the gateway process by PID: renamed title, uid, cwd, OPENCLAW_* names (not values)", async () => {
    const procs = await collectGatewayProcesses();
    if (!procs.known) throw new Error(procs.reason);
    const p = procs.value.find((x) => x.pid === gw.pid);
    expect(p).toBeDefined();
    expect(p?.name.startsWith("openclaw-gatew")).toBe(true);
    expect(p?.uid).toBe(process.getuid?.());
    expect(p?.cwd).toEqual({ known: true, value: gw.dir });
    expect(p?.envNames.known && p.envNames.value).toContain("OPENCLAW_GATEWAY_TOKEN");
    expect(JSON.stringify(p)).not.toContain("cw-live-test-token");
  });

  it("sees the wildcard listener owned by the gateway and reports the config mismatch", () => {
    const live = snap.live;
    expect(live?.gatewayPort).toBe(gw.port);
    const sockets = live?.sockets.known ? live.sockets.value.filter((s) => s.port === gw.port) : [];
    expect(sockets.some((s) => s.wildcard && s.pids.includes(gw.pid))).toBe(true);
    const gp = live?.processes.known ? live.processes.value.find((p) => p.pid === gw.pid) : undefined;
    expect(gp?.listenPorts).toContain(gw.port);

    const f = liveFindings(n01, snap) ?? [];
    const exposed = f.find((x) => x.checkId === "N-01.live-listens-beyond-loopback");
    expect(exposed?.status).toBe("fail");
    const mismatch = f.find((x) => x.checkId === "N-01.live-config-mismatch");
    expect(mismatch?.status).toBe("fail");
    expect(mismatch?.message).toMatch(
      new RegExp(`^config says loopback, process listens on (0\\.0\\.0\\.0|\\[::\\]):${gw.port}`),
    );
  });

  it("--deep: unauthenticated HTTP gets the real 401, /health answers, the WebSocket connect is refused", () => {
    const p = snap.live?.probes;
    if (!p?.http.known) throw new Error("http probe unknown");
    const byPath = Object.fromEntries(p.http.value.map((r) => [r.path, r.status]));
    expect(byPath["/health"]).toBe(200);
    expect(byPath["/tools/invoke"]).toBe(401);
    expect(p.websocket.known && p.websocket.value.outcome, JSON.stringify(p.websocket)).toBe("refused");
    // Without the shared token even the local backend client is turned away (with --auth none it is accepted).
    expect(p.websocket.known && p.websocket.value.detail).toMatch(
      /connect rejected: .*(NOT_PAIRED|UNAUTHORIZED|unauthorized)/,
    );
    const f = liveFindings(n03, snap) ?? [];
    expect(f.find((x) => x.checkId === "N-03.live-auth-enforced")?.status).toBe("pass");
    expect(f.some((x) => x.checkId === "N-03.live-unauthenticated-access")).toBe(false);
  });

  it("--deep: the port answers on this host's own non-loopback addresses", () => {
    const e = snap.live?.probes?.exposure;
    if (!e?.known) throw new Error("exposure unknown");
    const v4 = e.value.filter((x) => !x.address.includes(":"));
    expect(v4.length).toBeGreaterThan(0);
    expect(v4.every((x) => x.reachable)).toBe(true);
  });

  it("S-06: a gateway running as root is a fail; N-02 judges the host firewall for the exposed port", () => {
    const s06 = sandboxItems.find((i) => i.id === "S-06");
    const f = s06 ? (liveFindings(s06, snap) ?? []) : [];
    const mine = f.find((x) => x.checkId === "S-06.live-process-root" && x.message.includes(`pid ${gw.pid}`));
    expect(mine?.status).toBe(process.getuid?.() === 0 ? "fail" : undefined);
    const fw = snap.live?.firewall;
    const n02f = liveFindings(n02, snap) ?? [];
    if (fw?.known) {
      const open = fw.value.verdicts.some((v) => v.family === "ipv4" && v.exposure === "open");
      expect(n02f.some((x) => x.status === (open ? "fail" : "pass"))).toBe(true);
    } else expect(n02f[0]?.status).toBe("unknown");
  });

  it("as an unprivileged user: environ, cwd and the firewall are unknown with a hint, sockets lose owners, nothing crashes", () => {
    // Compile the probe script and the collectors it imports into a world-readable temp dir (the checkout
    // itself may sit under a home the unprivileged user cannot enter), then run it as nobody.
    const out = runAsNobody(gw.port);
    const r = JSON.parse(out) as {
      processes: Fact<GatewayProcess[]>;
      firewall: Fact<unknown>;
      sockets: Fact<ListeningSocket[]>;
    };
    if (!r.processes.known) throw new Error(r.processes.reason);
    const p = r.processes.value.find((x) => x.pid === gw.pid);
    expect(p?.uid).toBe(0);
    expect(p?.envNames).toMatchObject({
      known: false,
      reason: expect.stringContaining("EACCES"),
      hint: expect.stringContaining("root"),
    });
    expect(p?.cwd.known).toBe(false);
    expect(r.firewall).toMatchObject({ known: false, hint: expect.stringContaining("root") });
    if (!r.sockets.known) throw new Error(r.sockets.reason);
    const l = r.sockets.value.find((x) => x.port === gw.port);
    expect(l?.wildcard).toBe(true);
    expect(l?.pids).toEqual([]);
  });

  it("the audit pipeline (collectSnapshot --live --deep + the catalog) fails N-01 with the mismatch as evidence", async () => {
    const full = await collectSnapshot({
      stateDir: gw.stateDir,
      env: { HOME: gw.home, OPENCLAW_STATE_DIR: gw.stateDir },
      home: gw.home,
      cwd: gw.dir,
      openclaw: false,
      live: true,
      deep: true,
      skills: false,
    });
    const [r01, r02, r03] = runCatalog(full, { only: ["N-01", "N-02", "N-03"] });
    expect(r01?.status).toBe("fail");
    const checks = r01?.findings.map((f) => f.checkId) ?? [];
    expect(checks).toContain("N-01.live-config-mismatch");
    expect(r03?.findings.map((f) => f.checkId)).toContain("N-03.live-auth-enforced");
    expect(checks.some((c) => c.endsWith(".needs-live"))).toBe(false);
    expect(r02?.findings.some((f) => f.checkId.startsWith("N-02.live-"))).toBe(true);
  });

  it("OpenClaw itself refuses --bind lan --auth none (exit 78)", async () => {
    const r = await runGatewayToExit(["--bind", "lan", "--auth", "none", "--port", "1"], {
      gateway: { mode: "local" },
    });
    expect(r.code).toBe(78);
    expect(r.output).toMatch(/Refusing to bind gateway to lan without auth/);
  });
});
