import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Locator } from "../../src/model/snapshot.js";
import { openclawBin, openclawEnv } from "../helpers/openclaw.js";

export const TEST_TOKEN = "cw-live-test-token-0123456789abcdef";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface TestGateway {
  pid: number;
  port: number;
  dir: string;
  stateDir: string;
  home: string;
  configPath: string;
  stop(): Promise<void>;
}

/** Where the live collectors should look for a test gateway's deployment (as `--state-dir` would say). */
export function gatewayLocator(gw: Pick<TestGateway, "stateDir" | "configPath" | "home">): Locator {
  return {
    stateDir: gw.stateDir,
    configPath: gw.configPath,
    stateDirSource: "flag",
    configPathSource: "default",
    home: gw.home,
  };
}

/** A temp state dir whose openclaw.json says what the config promises (the flags may say otherwise). */
export function makeStateDir(config: Record<string, unknown>): {
  dir: string;
  home: string;
  stateDir: string;
  configPath: string;
} {
  const dir = mkdtempSync(join(tmpdir(), "cw-live-gw-"));
  const home = join(dir, "home");
  const stateDir = join(dir, "state");
  mkdirSync(home);
  mkdirSync(stateDir, { mode: 0o700 });
  const configPath = join(stateDir, "openclaw.json");
  writeFileSync(configPath, JSON.stringify(config, null, 2), { mode: 0o600 });
  return { dir, home, stateDir, configPath };
}

/** Runs `openclaw gateway run` with the given flags until it exits; for refused starts (exit 78). */
export function runGatewayToExit(
  args: string[],
  config: Record<string, unknown>,
  timeoutMs = 90_000,
): Promise<{ code: number | null; output: string }> {
  const sd = makeStateDir(config);
  return new Promise((resolve) => {
    const child = spawn(openclawBin(), ["gateway", "run", ...args], {
      cwd: sd.dir,
      env: openclawEnv(sd.home, sd.stateDir),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("exit", (code) => {
      clearTimeout(timer);
      rmSync(sd.dir, { recursive: true, force: true });
      resolve({ code, output });
    });
  });
}

/** Starts a real gateway (its own process group, killed by PID) and waits until /ready answers. */
export async function startGateway(
  args: string[],
  config: Record<string, unknown>,
  env: Record<string, string> = { OPENCLAW_GATEWAY_TOKEN: TEST_TOKEN },
  /** Run inside this network namespace (`ip netns exec` keeps the PID) and poll it at `address`. */
  netns?: { name: string; address: string },
): Promise<TestGateway> {
  const port = await freePort();
  const sd = makeStateDir({ ...config, gateway: { mode: "local", ...(config.gateway as object), port } });
  const argv = ["gateway", "run", "--port", String(port), ...args];
  const [cmd, cmdArgs]: [string, string[]] = netns
    ? ["ip", ["netns", "exec", netns.name, openclawBin(), ...argv]]
    : [openclawBin(), argv];
  const child = spawn(cmd, cmdArgs, {
    cwd: sd.dir,
    env: openclawEnv(sd.home, sd.stateDir, env),
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const pid = child.pid as number;
  const stop = async () => {
    try {
      process.kill(-pid, "SIGTERM");
    } catch {
      return;
    }
    for (let i = 0; i < 50; i++) {
      try {
        process.kill(pid, 0);
      } catch {
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      /* gone */
    }
    rmSync(sd.dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`gateway exited ${child.exitCode}: ${output.slice(-2000)}`);
    try {
      // /ready turns 200 once startup sidecars are done (/health answers earlier).
      const host = netns?.address ?? "127.0.0.1";
      const r = await fetch(`http://${host}:${port}/ready`, { signal: AbortSignal.timeout(2000) });
      if (r.status === 200) return { pid, port, stop, ...sd };
    } catch {
      /* not up yet; also the case for a gateway bound to a non-loopback address only */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  await stop();
  throw new Error(`gateway did not answer /ready within 90 s: ${output.slice(-2000)}`);
}
