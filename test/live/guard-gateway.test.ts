import { spawn } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyEvents } from "../../src/events/verify.js";
import { openclawBin, openclawEnv } from "../helpers/openclaw.js";
import { startGateway, TEST_TOKEN, type TestGateway } from "./gateway.js";
import { type MockModel, startMockModel } from "./mock-model.js";

const repo = join(import.meta.dirname, "..", "..");
// A key-shaped value built at run time (not a real key): it must not reach the model, the reply or the transcript.
const FAKE_KEY = [
  "sk",
  "ant",
  "api03",
  "Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0FeDcBa9Zx8Yw7Vu6Ts5Rq4Po3Nm2Lk1Ji0HgFeDcBaZyXwVuTsRqPoNm",
  "QwErTyAA",
].join("-");

/** The guard loaded as a plugin into the real OpenClaw 2026.9.6 gateway, with real agent turns. */
describe("guard inside a real OpenClaw gateway", () => {
  let mock: MockModel;
  let gw: TestGateway;

  /** One agent turn through the gateway. Async: the mock model answers from this same process. */
  const turn = (message: string, session: string): Promise<{ json: unknown; raw: string }> =>
    new Promise((resolve) => {
      const child = spawn(
        openclawBin(),
        [
          "agent",
          "--agent",
          "main",
          "--session-key",
          `agent:main:${session}`,
          "--message",
          message,
          "--json",
        ],
        {
          env: openclawEnv(gw.home, gw.stateDir, { OPENCLAW_GATEWAY_TOKEN: TEST_TOKEN }),
        },
      );
      let raw = "";
      child.stdout.on("data", (d) => (raw += d));
      child.stderr.on("data", (d) => (raw += d));
      const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
      child.on("close", () => {
        clearTimeout(timer);
        const at = raw.indexOf("{");
        try {
          resolve({ json: JSON.parse(raw.slice(at, raw.lastIndexOf("}") + 1)), raw });
        } catch {
          resolve({ json: undefined, raw });
        }
      });
    });

  beforeAll(async () => {
    mock = await startMockModel(15);
    const policyDir = join(repo, ".cache", "guard-test");
    mkdirSync(policyDir, { recursive: true });
    const policyFile = join(policyDir, `policy-${process.pid}.json5`);
    writeFileSync(policyFile, '{ profile: "production", budget: { sessionTokens: 40, onExceed: "block" } }');
    gw = await startGateway(["--bind", "loopback"], {
      gateway: {
        bind: "loopback",
        auth: { mode: "token", token: { source: "env", provider: "default", id: "OPENCLAW_GATEWAY_TOKEN" } },
      },
      agents: { defaults: { model: { primary: "mock/mock-model" }, sandbox: { mode: "off" } } },
      models: {
        mode: "merge",
        providers: {
          mock: {
            baseUrl: mock.url,
            apiKey: "sk-mock-local",
            api: "openai-completions",
            timeoutSeconds: 60,
            models: [
              {
                id: "mock-model",
                name: "Mock",
                reasoning: false,
                input: ["text"],
                cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
                contextWindow: 128000,
                maxTokens: 4096,
              },
            ],
          },
        },
      },
      tools: { profile: "coding", exec: { security: "full", ask: "off" } },
      plugins: {
        load: { paths: [join(repo, "dist")] },
        entries: {
          clawwarden: { enabled: true, hooks: { allowConversationAccess: true }, config: { policyFile } },
        },
      },
    });
    mkdirSync(join(gw.home, ".ssh"), { recursive: true });
    writeFileSync(
      join(gw.home, ".ssh", "id_rsa"),
      "-----BEGIN OPENSSH PRIVATE KEY-----\nnot-a-real-key\n-----END OPENSSH PRIVATE KEY-----\n",
    );
    writeFileSync(join(gw.dir, "notes.txt"), `deploy key: ${FAKE_KEY}\n`);
  }, 180_000);

  afterAll(async () => {
    await gw?.stop();
    await mock?.close();
  });

  it("an exec of `cat ~/.ssh/id_rsa` is blocked before it runs", async () => {
    const { json, raw } = await turn("RUN: cat ~/.ssh/id_rsa", "ssh");
    const text = JSON.stringify(json ?? raw);
    expect(text, raw.slice(-3000)).toMatch(
      /MOCK_FINAL tool said: .*clawwarden guard: access to ~\/\.ssh\/id_rsa is not allowed/,
    );
    expect(text).not.toContain("not-a-real-key");
  }, 150_000);

  it("a secret in a tool result is redacted before the model, in the reply and in the transcript", async () => {
    const { json, raw } = await turn(`RUN: cat ${join(gw.dir, "notes.txt")}`, "leak");
    const text = JSON.stringify(json ?? raw);
    expect(mock.seenToolResults.join("\n")).toContain("deploy key: [redacted");
    expect(mock.seenToolResults.join("\n")).not.toContain(FAKE_KEY);
    expect(text).not.toContain(FAKE_KEY);
    const leaked: string[] = [];
    const walk = (d: string) => {
      for (const e of readdirSync(d)) {
        const p = join(d, e);
        const st = statSync(p);
        if (st.isDirectory()) walk(p);
        else if (st.size < 50 * 1024 * 1024 && readFileSync(p).includes(FAKE_KEY)) leaked.push(p);
      }
    };
    walk(gw.stateDir);
    expect(leaked).toEqual([]);
  }, 150_000);

  it("token use past the session budget blocks the next run", async () => {
    for (let i = 0; i < 4; i++) await turn("hello", "budget");
    const { raw } = await turn("hello again", "budget");
    expect(raw).toMatch(/token budget/);
  }, 300_000);

  it("every decision is in a hash chain that verifies, and fails after one byte changes", async () => {
    const dir = join(gw.stateDir, ".clawwarden", "events");
    await new Promise((r) => setTimeout(r, 500));
    const ok = await verifyEvents(dir);
    expect(ok.ok).toBe(true);
    expect(ok.records).toBeGreaterThan(1);
    const file = join(dir, "events.jsonl");
    const text = readFileSync(file, "utf8");
    expect(text).toMatch(/"rule":"restricted-paths"/);
    expect(text).not.toContain(FAKE_KEY);
    writeFileSync(file, text.replace('"restricted-paths"', '"restricted-pathz"'));
    expect((await verifyEvents(dir)).ok).toBe(false);
  });
});
