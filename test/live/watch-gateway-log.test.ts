import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gatewayLogSignal } from "../../src/watch/gateway-log.js";
import { FileTail } from "../../src/watch/tail.js";
import { openclawBin, openclawEnv } from "../helpers/openclaw.js";
import { startGateway, TEST_TOKEN, type TestGateway } from "./gateway.js";

const WRONG = "wrong-token-0123456789abcdefWRONG";

/** Async: a blocking spawnSync would stall the vitest worker's RPC (and the gateway's output pipes). */
function run(bin: string, args: string[], env: NodeJS.ProcessEnv): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(bin, args, { env, stdio: "ignore" });
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

/** What watch reads from a real gateway's log: a client with the wrong token is an auth-failure signal. */
describe("watch reads the real gateway log", () => {
  let gw: TestGateway;
  let logDir: string;
  let logFile: string;
  beforeAll(async () => {
    logDir = mkdtempSync(join(tmpdir(), "cw-gwlog-"));
    logFile = join(logDir, "gateway.log");
    gw = await startGateway(["--bind", "loopback"], {
      gateway: { bind: "loopback", auth: { mode: "token" } },
      logging: { file: logFile },
    });
  }, 120_000);
  afterAll(async () => {
    await gw?.stop();
    rmSync(logDir, { recursive: true, force: true });
  });

  it("a WebSocket client with a wrong token becomes gateway.auth_failure (N-03): one signal per refusal, no token in it", async () => {
    const tail = new FileTail(logFile, true);
    const code = await run(
      openclawBin(),
      ["gateway", "call", "health", "--json", "--url", `ws://127.0.0.1:${gw.port}`, "--token", WRONG],
      openclawEnv(gw.home, gw.stateDir),
    );
    expect(code).not.toBe(0);
    const lines: string[] = [];
    for (let i = 0; i < 50 && !lines.some((l) => /unauthorized conn=/.test(l)); i++) {
      await new Promise((r) => setTimeout(r, 100));
      lines.push(...tail.readLines());
    }
    await new Promise((r) => setTimeout(r, 500));
    lines.push(...tail.readLines());
    const signals = lines.map((l) => gatewayLogSignal(l, new Date())).filter(Boolean);
    const refusals = lines.filter((l) => /unauthorized conn=/.test(l)).length;
    const matched = lines.filter((l) => gatewayLogSignal(l, new Date())).map((l) => l.slice(0, 300));
    expect(existsSync(logFile)).toBe(true);
    expect(refusals, readFileSync(logFile, "utf8").slice(-2000)).toBeGreaterThan(0);
    // the CLI may retry; every refusal is one signal, never one per log line of the same refusal
    expect(signals.length, matched.join("\n")).toBe(refusals);
    expect(signals[0]).toMatchObject({ type: "gateway.auth_failure", item: "N-03", key: "auth:127.0.0.1" });
    expect(signals[0]?.summary).toContain("token_mismatch");
    expect(JSON.stringify(signals)).not.toContain(WRONG);
    expect(JSON.stringify(signals)).not.toContain(TEST_TOKEN);
  }, 90_000);
});
