import { execFileSync, spawnSync } from "node:child_process";
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectSnapshot } from "../../src/audit/collect.js";
import { runCatalog } from "../../src/catalog/run.js";
import type { Alert } from "../../src/watch/types.js";
import { Watcher, watchDir } from "../../src/watch/watcher.js";

const repo = join(import.meta.dirname, "..", "..");

/** A copy of the bundled hardened example, watched for real: file changes, guard events, a webhook receiver. */
describe("clawwarden watch on a real state dir", () => {
  let root: string;
  let stateDir: string;
  let server: Server;
  const received: Array<{ alert: Alert; at: number }> = [];
  let watcher: Watcher;

  const waitFor = async (pred: () => boolean, ms = 20_000) => {
    const end = Date.now() + ms;
    while (!pred()) {
      if (Date.now() > end)
        throw new Error(`timed out; got ${JSON.stringify(received.map((r) => r.alert.type))}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), "cw-watch-"));
    cpSync(join(repo, "examples"), join(root, "examples"), { recursive: true });
    execFileSync("bash", [join(root, "examples", "apply-modes.sh"), join(root, "examples")]);
    stateDir = join(root, "examples", "hardened");
    server = createServer((req, res) => {
      const parts: Buffer[] = [];
      req.on("data", (c) => parts.push(c));
      req.on("end", () => {
        received.push({ alert: JSON.parse(Buffer.concat(parts).toString()).alert, at: Date.now() });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    const a = server.address();
    const port = typeof a === "object" && a ? a.port : 0;
    writeFileSync(
      join(root, "clawwarden.json"),
      JSON.stringify({
        watch: {
          rules: [{ name: "all", match: { minSeverity: "low" }, dedup: "1s" }],
          sinks: [
            {
              type: "webhook",
              name: "hook",
              url: `http://127.0.0.1:${port}/alerts`,
              secretEnv: "CW_TEST_HOOK_KEY",
            },
          ],
        },
      }),
    );
    watcher = new Watcher({
      collect: {
        env: { OPENCLAW_GATEWAY_TOKEN: `${"a".repeat(16)}B7x9Qz2Lm4Np8Rt6Vw1Ys3`, HOME: root },
        cwd: root,
        stateDir,
        live: false,
        deep: false,
        openclaw: false,
        skills: true,
      },
      env: { CW_TEST_HOOK_KEY: "k" },
      debounceMs: 200,
    });
    await watcher.start();
  }, 120_000);

  afterAll(async () => {
    await watcher?.stop();
    server?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it("a config edit that opens the gateway to the LAN is re-audited and alerted as an N-01 regression", async () => {
    const cfg = join(stateDir, "openclaw.json");
    const t0 = Date.now();
    writeFileSync(cfg, readFileSync(cfg, "utf8").replace('"bind": "loopback"', '"bind": "lan"'));
    await waitFor(() => received.some((r) => r.alert.type === "audit.regression" && r.alert.item === "N-01"));
    const hit = received.find((r) => r.alert.item === "N-01");
    expect(hit?.alert.summary).toMatch(/went from pass to (fail|warn)/);
    expect((hit?.at ?? 0) - t0).toBeLessThan(20_000);
    const status = JSON.parse(readFileSync(join(watchDir(stateDir), "status.json"), "utf8"));
    expect(status.lastCycleReason).toMatch(/changed: .*openclaw.json/);
    expect(status.sinks[0]).toMatchObject({ sink: "hook", delivered: expect.any(Number), failed: 0 });
  }, 60_000);

  it("guard events appended to the event log raise alerts without an audit", async () => {
    const events = join(stateDir, ".clawwarden", "events");
    mkdirSync(events, { recursive: true });
    appendFileSync(
      join(events, "events.jsonl"),
      `${JSON.stringify({ v: 1, seq: 1, ts: new Date().toISOString(), source: "guard", type: "guard.breaker", session: "agent:main:telegram:42", data: { rule: "stop-on-suspicion" }, prev: "0".repeat(64), hash: "x" })}\n`,
    );
    await waitFor(() => received.some((r) => r.alert.type === "guard.breaker"));
    expect(received.find((r) => r.alert.type === "guard.breaker")?.alert.labels.session).toBe(
      "agent:main:telegram:42",
    );
  }, 30_000);

  it("the audit reads watch's records: A-02, A-03 and A-04 pass while it runs and delivers", async () => {
    await watcher.flush();
    (watcher as unknown as { saveStatus(): void }).saveStatus();
    const snap = await collectSnapshot({
      env: { HOME: root },
      cwd: root,
      stateDir,
      live: false,
      deep: false,
      openclaw: false,
      skills: false,
    });
    const results = runCatalog(snap, { only: ["A-02", "A-03", "A-04"] });
    const status = Object.fromEntries(results.map((r) => [r.item.id, r.status]));
    expect(status).toEqual({ "A-02": "pass", "A-03": "pass", "A-04": "pass" });
  }, 60_000);
});

describe("clawwarden watch --once and --install-unit (CLI)", () => {
  const cli = join(repo, "dist", "cli", "main.js");
  it("--once diffs against the last run: first run reports failures, an unchanged second run raises nothing", () => {
    const root = mkdtempSync(join(tmpdir(), "cw-watch-once-"));
    try {
      cpSync(join(repo, "examples"), join(root, "examples"), { recursive: true });
      execFileSync("bash", [join(root, "examples", "apply-modes.sh"), join(root, "examples")]);
      const sd = join(root, "examples", "insecure");
      writeFileSync(
        join(root, "clawwarden.json"),
        JSON.stringify({ watch: { sinks: [{ type: "stdout" }] } }),
      );
      const run = () =>
        spawnSync(process.execPath, [cli, "watch", "--once", "--state-dir", sd], {
          cwd: root,
          encoding: "utf8",
          env: { PATH: process.env.PATH, HOME: root },
        });
      const first = run();
      expect(first.status, first.stderr).toBe(0);
      const alerts = first.stdout
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l).alert as Alert);
      expect(alerts.length).toBeGreaterThan(3);
      expect(alerts.every((a) => a.type === "audit.failing")).toBe(true);
      expect(alerts.map((a) => a.item)).toContain("N-01");
      const second = run();
      expect(second.stdout.trim()).toBe("");
      expect(second.stderr).toMatch(/0 alert\(s\) raised/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 120_000);

  it("--install-unit writes a hardened service (or --once service + timer) and refuses to overwrite", () => {
    const root = mkdtempSync(join(tmpdir(), "cw-watch-unit-"));
    try {
      const sd = join(repo, "examples", "hardened");
      const args = [
        cli,
        "watch",
        "--install-unit",
        "--unit-dir",
        root,
        "--state-dir",
        sd,
        "--user",
        "openclaw",
      ];
      const r = spawnSync(process.execPath, args, { encoding: "utf8" });
      expect(r.status, r.stderr).toBe(0);
      const unit = readFileSync(join(root, "clawwarden-watch.service"), "utf8");
      expect(unit).toContain(`ExecStart=${process.execPath} ${cli} watch --state-dir ${sd}`);
      expect(unit).toMatch(/ProtectSystem=strict/);
      expect(unit).toContain(`ReadWritePaths=${sd}/.clawwarden`);
      expect(unit).toContain("User=openclaw");
      expect(spawnSync(process.execPath, args, { encoding: "utf8" }).status).toBe(2);
      const t = spawnSync(process.execPath, [...args, "--once", "--on-calendar", "*:0/15"], {
        encoding: "utf8",
      });
      expect(t.status, t.stderr).toBe(0);
      expect(readFileSync(join(root, "clawwarden-audit.timer"), "utf8")).toContain("OnCalendar=*:0/15");
      expect(readFileSync(join(root, "clawwarden-audit.service"), "utf8")).toContain("watch --once");
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
