import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gatewayLogSignal } from "../../src/watch/gateway-log.js";
import { FileTail } from "../../src/watch/tail.js";
import { openclawBin, openclawEnv } from "../helpers/openclaw.js";
import { startGateway, TEST_TOKEN, type TestGateway } from "./gateway.js";

const WRONG = "wrong-token-0123456789abcdefWRONG";

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

  it("a WebSocket client with a wrong token becomes gateway.auth_failure (N-03), with no token in it", () => {
    const tail = new FileTail(logFile, true);
    const r = spawnSync(
      openclawBin(),
      ["gateway", "call", "health", "--json", "--url", `ws://127.0.0.1:${gw.port}`, "--token", WRONG],
      {
        env: openclawEnv(gw.home, gw.stateDir),
        encoding: "utf8",
        timeout: 60_000,
      },
    );
    expect(r.status).not.toBe(0);
    let signals: ReturnType<typeof gatewayLogSignal>[] = [];
    let refusals = 0;
    for (let i = 0; i < 50 && !signals.length; i++) {
      spawnSync("sleep", ["0.1"]);
      const lines = tail.readLines();
      refusals += lines.filter((l) => /unauthorized conn=/.test(l)).length;
      signals = lines.map((l) => gatewayLogSignal(l, new Date())).filter(Boolean);
    }
    expect(existsSync(logFile)).toBe(true);
    expect(
      signals[0],
      readFileSync(logFile, "utf8")
        .split("\n")
        .filter((l) => /auth|unauth|1008|ws/i.test(l))
        .join("\n")
        .slice(-3000),
    ).toMatchObject({ type: "gateway.auth_failure", item: "N-03" });
    // one signal per refusal (the CLI may retry once), never one per log line of the same refusal
    expect(signals).toHaveLength(refusals);
    expect(signals[0]?.key).toBe("auth:127.0.0.1");
    expect(signals[0]?.summary).toContain("token_mismatch");
    expect(JSON.stringify(signals)).not.toContain("wrong-token");
    expect(JSON.stringify(signals)).not.toContain(TEST_TOKEN);
  }, 90_000);
});
