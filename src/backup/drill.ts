import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { accessSync, constants, existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { restoreBackup } from "./restore.js";
import type { BackupKeys } from "./types.js";

export interface DrillOptions {
  file: string;
  keys: BackupKeys;
  env: NodeJS.ProcessEnv;
  /** The openclaw executable; default: `openclaw` on env.PATH. */
  openclawBin?: string;
  /** How long the gateway may take to answer /health (cold start is 10–15 s on 2 cores). */
  healthTimeoutMs?: number;
}

export interface DrillStep {
  step: "restore" | "config-validate" | "gateway-health";
  ok: boolean;
  detail: string;
  ms: number;
}

export interface DrillResult {
  ok: boolean;
  steps: DrillStep[];
}

/**
 * A restore drill: restore into a private temp folder, validate the config with the real OpenClaw, start its
 * gateway on the copy (loopback, a free port; channels, providers, cron, Gmail watcher, browser control and canvas
 * switched off so the copy never talks to the outside or answers anyone's bot), wait for /health, tear down.
 */
export async function drillBackup(opts: DrillOptions): Promise<DrillResult> {
  const root = mkdtempSync(join(tmpdir(), "clawwarden-drill-"));
  const steps: DrillStep[] = [];
  const timed = async (step: DrillStep["step"], run: () => Promise<string>): Promise<boolean> => {
    const t0 = Date.now();
    try {
      steps.push({ step, ok: true, detail: await run(), ms: Date.now() - t0 });
      return true;
    } catch (error) {
      steps.push({ step, ok: false, detail: (error as Error).message, ms: Date.now() - t0 });
      return false;
    }
  };
  let gateway: ChildProcess | undefined;
  try {
    const stateDir = join(root, "state");
    const restored = await timed("restore", async () => {
      const r = await restoreBackup({ file: opts.file, keys: opts.keys, to: stateDir, force: false });
      const dbs = r.databases.length ? `, ${r.databases.length} database(s) pass integrity_check` : "";
      return `${r.files} file(s), ${r.bytes} bytes${dbs}`;
    });
    if (!restored) return { ok: false, steps };
    const bin = opts.openclawBin ?? findOnPath("openclaw", opts.env.PATH);
    if (!bin) {
      steps.push({
        step: "config-validate",
        ok: false,
        detail: "openclaw not found on PATH (--openclaw-bin)",
        ms: 0,
      });
      return { ok: false, steps };
    }
    const env = drillEnv(opts.env, root, stateDir);
    const valid = await timed("config-validate", async () => {
      const r = spawnSync(bin, ["config", "validate", "--json"], { env, encoding: "utf8", timeout: 120_000 });
      if (r.status !== 0)
        throw new Error(`openclaw config validate exited ${r.status}: ${firstLine(r.stdout || r.stderr)}`);
      return "config valid";
    });
    if (!valid) return { ok: false, steps };
    await timed("gateway-health", async () => {
      const port = await freePort();
      gateway = spawn(bin, ["gateway", "run", "--bind", "loopback", "--port", String(port)], {
        env,
        detached: true,
        stdio: "ignore",
      });
      const body = await waitForHealth(port, opts.healthTimeoutMs ?? 60_000, gateway);
      return `gateway on 127.0.0.1:${port} answered /health: ${body.slice(0, 80)}`;
    });
    return { ok: steps.every((s) => s.ok), steps };
  } finally {
    if (gateway) await stop(gateway);
    rmSync(root, { recursive: true, force: true });
  }
}

function drillEnv(env: NodeJS.ProcessEnv, root: string, stateDir: string): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {
    PATH: env.PATH ?? "",
    HOME: join(root, "home"),
    OPENCLAW_STATE_DIR: stateDir,
    OPENCLAW_GATEWAY_TOKEN: randomBytes(24).toString("hex"),
    NO_COLOR: "1",
    OPENCLAW_NO_AUTO_UPDATE: "1",
    TMPDIR: root,
  };
  if (existsSync(join(stateDir, "openclaw.json"))) out.OPENCLAW_CONFIG_PATH = join(stateDir, "openclaw.json");
  for (const skip of [
    "CHANNELS",
    "PROVIDERS",
    "CRON",
    "GMAIL_WATCHER",
    "BROWSER_CONTROL_SERVER",
    "CANVAS_HOST",
    "STARTUP_MODEL_PREWARM",
  ]) {
    out[`OPENCLAW_SKIP_${skip}`] = "1";
  }
  return out;
}

async function waitForHealth(port: number, timeoutMs: number, child: ChildProcess): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer";
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`gateway exited with code ${child.exitCode} before /health answered`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(2000) });
      const body = await res.text();
      if (res.status === 200) return body;
      last = `HTTP ${res.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`/health did not answer within ${Math.round(timeoutMs / 1000)} s (${last})`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  const group = -child.pid;
  try {
    process.kill(group, "SIGTERM");
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(group, "SIGKILL");
    } catch {
      // gone
    }
  }, 5000);
  await exited;
  clearTimeout(timer);
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once("error", fail);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => ok(port));
    });
  });
}

function findOnPath(name: string, path: string | undefined): string | undefined {
  for (const dir of (path ?? "").split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

const firstLine = (s: string) => s.trim().split("\n")[0]?.slice(0, 200) ?? "";
