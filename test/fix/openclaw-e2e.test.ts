/**
 * `clawwarden fix --yes` on the insecure example, judged by the real OpenClaw 2026.9.6:
 * (a) config validate passes, (b) its security audit has no critical finding, (c) our audit passes
 * every auto-fixed item, (d) the real gateway starts on the fixed config, listens on loopback only,
 * and answers 401 without the new token and 200 with it. Slow CLI calls are made once and shared.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { EnvFile } from "../../src/fix/env-file.js";
import { type RunResult, runFix } from "../../src/fix/run.js";
import { openclawEnv } from "../helpers/openclaw.js";
import { insecureConfigSource, makeInsecureDeployment } from "./helpers/deployment.js";

let dir: string;
let home: string;
let env: NodeJS.ProcessEnv;
let result: RunResult;
let log = "";

/** Runs a command without blocking the test worker; resolves with its exit status and output. */
function run(cmd: string, args: string[], extraEnv: NodeJS.ProcessEnv = {}, timeout = 300_000) {
  return new Promise<{ status: number; stdout: string; stderr: string }>((done) => {
    execFile(
      cmd,
      args,
      { env: { ...env, ...extraEnv }, encoding: "utf8", timeout, maxBuffer: 64 << 20 },
      (error, stdout, stderr) => {
        const status = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        done({ status, stdout, stderr });
      },
    );
  });
}

/** The real CLI in a fresh network namespace: loopback only, so it cannot reach npm or Telegram. */
function openclaw(args: string[]) {
  return run("unshare", ["-n", "bash", "-c", 'ip link set lo up; exec openclaw "$@"', "openclaw", ...args]);
}

/** `fix --yes` as the CLI runs it (from the audit, validated by the real `openclaw config validate`), with its output. */
async function fixWithOpenClaw(
  stateDir: string,
  fixEnv: NodeJS.ProcessEnv,
): Promise<{ result: RunResult; log: string }> {
  let out = "";
  const r = await runFix({
    plan: {
      stateDir,
      configPath: join(stateDir, "openclaw.json"),
      profile: "personal",
      lang: "en",
      assisted: false,
      assistedDir: join(stateDir, "assisted"),
      env: fixEnv,
      who: "e2e",
      now: new Date(),
      openclawVersion: "2026.9.6",
    },
    dryRun: false,
    yes: true,
    openclaw: true,
    command: "fix",
    fromAudit: true,
    out: (s) => {
      out += s;
    },
    err: (s) => {
      out += s;
    },
    confirm: async () => true,
  });
  return { result: r, log: out };
}

beforeAll(async () => {
  dir = makeInsecureDeployment();
  home = mkdtempSync(join(tmpdir(), "cw-home-"));
  env = openclawEnv(home, dir);
  ({ result, log } = await fixWithOpenClaw(dir, env));
}, 300_000);

describe("fix --yes on the insecure example, checked by the real OpenClaw", () => {
  it("validated the plan with the real `openclaw config validate` and applied it", () => {
    expect(log).toMatch(/validated: openclaw config validate/);
    expect(result.applied?.status, log).toBe("applied");
  });

  it("kept OpenClaw's meta block and gateway.mode", async () => {
    const { default: JSON5 } = await import("json5");
    const before = JSON5.parse(readFileSync(insecureConfigSource(), "utf8"));
    const after = JSON5.parse(readFileSync(join(dir, "openclaw.json"), "utf8"));
    expect(after.meta).toEqual(before.meta);
    expect(after.gateway.mode).toBe("local");
  });

  it("(a) openclaw config validate passes on the fixed deployment", async () => {
    const r = await openclaw(["config", "validate", "--json"]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
  });

  it("(b) openclaw security audit reports no critical finding", async () => {
    const r = await openclaw(["security", "audit", "--json"]);
    const report = JSON.parse(r.stdout.slice(r.stdout.indexOf("{"))) as {
      summary: { critical: number };
      findings: Array<{ checkId: string; severity: string }>;
    };
    const critical = report.findings.filter((f) => f.severity === "critical").map((f) => f.checkId);
    expect(critical).toEqual([]);
    expect(report.summary.critical).toBe(0);
  }, 300_000);

  it("(c) our audit passes every auto-fixed guide item", async () => {
    const fixed = (result.plan.items ?? []).filter((i) => /^[A-Z]-0\d$/.test(i.id)).map((i) => i.id);
    expect(fixed).toEqual(
      expect.arrayContaining(["N-01", "N-03", "C-01", "C-02", "S-01", "S-05", "D-01", "D-02"]),
    );
    const { collectSnapshot } = await import("../../src/audit/collect.js");
    const { runCatalog } = await import("../../src/catalog/run.js");
    const snapshot = await collectSnapshot({
      env,
      cwd: dir,
      stateDir: dir,
      openclaw: false,
      live: false,
      deep: false,
      skills: false,
    });
    const results = runCatalog(snapshot, { only: fixed });
    const failing = results.flatMap((r) => r.findings.filter((f) => f.status === "fail"));
    // The 0600 <stateDir>/.env the fix writes is the env store OpenClaw reads: C-01 passes it too.
    expect(failing.map((f) => `${f.id}: ${f.message}`)).toEqual([]);
    // C-01's only remark after a fix: the run's own backup still holds the pre-fix config (prune it when done).
    const c01 = results.find((r) => r.item.id === "C-01");
    expect(c01?.findings.filter((f) => f.status !== "pass").map((f) => f.checkId)).toEqual([
      "C-01.fix-backups",
    ]);
    for (const id of ["N-01", "N-03", "S-01", "S-05", "D-01", "D-02", "C-02"]) {
      expect(results.find((r) => r.item.id === id)?.status, id).toBe("pass");
    }
  });

  it("(d) the real gateway starts on the fixed config, on loopback only, and enforces the new token", async () => {
    const token = new EnvFile(join(dir, ".env")).get("OPENCLAW_GATEWAY_TOKEN") as string;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // the token is not in the config and not in the plan output
    expect(readFileSync(join(dir, "openclaw.json"), "utf8")).not.toContain(token);
    expect(log).not.toContain(token);
    const port = String(20000 + Math.floor(Math.random() * 20000));
    const { stdout: out } = await run(
      "unshare",
      ["-n", "bash", join(import.meta.dirname, "helpers", "gateway-probe.sh")],
      { PORT: port, CHECK_TOKEN: token, LOG: join(home, "gateway.log") },
      420_000,
    );
    const facts = Object.fromEntries(
      out
        .trim()
        .split("\n")
        .map((l) => l.split("=", 2) as [string, string]),
    );
    const gatewayLog = () => readFileSync(join(home, "gateway.log"), "utf8").slice(-3000);
    expect(facts.health, gatewayLog()).toBe("200");
    const listen = (facts.listen ?? "").trim().split(/\s+/).filter(Boolean);
    expect(listen.length).toBeGreaterThan(0);
    for (const addr of listen) expect(addr).toMatch(new RegExp(`^(127\\.0\\.0\\.1|\\[::1\\]):${port}$`));
    expect(facts.noauth).toBe("401");
    expect(facts.wrong).toBe("401");
    expect(facts.auth).toBe("200");
  }, 480_000);
});

/**
 * The shapes operators really have, hand-edited onto the real example: wildcard tool allow lists at
 * the top and per agent, a per-agent sandbox-off and "full" tool profile, the docker socket and a rw
 * bind in sandbox binds, a writable root, and DM/group settings in top-level, account and guild shapes.
 */
describe("fix on a hand-edited deployment, validated by the real OpenClaw", () => {
  let edited: string;
  let editedResult: RunResult;
  let editedLog = "";
  beforeAll(async () => {
    edited = makeInsecureDeployment();
    const cfgPath = join(edited, "openclaw.json");
    const cfg = JSON.parse(readFileSync(cfgPath, "utf8"));
    cfg.tools.allow = ["*"];
    cfg.agents.list = [{ id: "ops", tools: { allow: ["*"], profile: "full" }, sandbox: { mode: "off" } }];
    cfg.agents.defaults.sandbox = {
      mode: "off",
      docker: {
        binds: ["/var/run/docker.sock:/var/run/docker.sock", "/srv/data:/data:rw"],
        network: "bridge",
        readOnlyRoot: false,
      },
    };
    cfg.channels.discord = {
      enabled: true,
      token: "${DISCORD_BOT_TOKEN}",
      dmPolicy: "open",
      groupPolicy: "open",
      guilds: { "123456789012345678": { requireMention: false } },
    };
    cfg.channels.slack = {
      enabled: true,
      accounts: {
        work: {
          botToken: "${SLACK_BOT_TOKEN}",
          appToken: "${SLACK_APP_TOKEN}",
          dmPolicy: "open",
          groupPolicy: "open",
          channels: { C0123456789: { requireMention: false } },
        },
      },
    };
    writeFileSync(cfgPath, JSON.stringify(cfg, null, 2));
    const editedEnv = {
      ...openclawEnv(mkdtempSync(join(tmpdir(), "cw-home-")), edited),
      DISCORD_BOT_TOKEN: "x",
      SLACK_BOT_TOKEN: "x",
      SLACK_APP_TOKEN: "x",
    };
    ({ result: editedResult, log: editedLog } = await fixWithOpenClaw(edited, editedEnv));
  }, 300_000);

  it("validated with the real OpenClaw and fixed every item those shapes fail", () => {
    expect(editedLog).toMatch(/validated: openclaw config validate/);
    expect(editedResult.applied?.status, editedLog).toBe("applied");
    const fixed = (editedResult.outcomes ?? []).filter((o) => o.outcome === "fixed").map((o) => o.id);
    expect(fixed).toEqual(expect.arrayContaining(["S-01", "S-03", "S-04", "S-05", "S-07", "D-01", "D-02"]));
    const left = (editedResult.outcomes ?? []).filter(
      (o) => o.outcome === "not fixed" || o.outcome === "partly fixed",
    );
    expect(left, editedLog).toEqual([]);
  });

  it("dropped the socket, made the other bind read-only and removed the wildcards", () => {
    const cfg = JSON.parse(readFileSync(join(edited, "openclaw.json"), "utf8"));
    expect(cfg.agents.defaults.sandbox.docker.binds).toEqual(["/srv/data:/data:ro"]);
    expect(cfg.agents.defaults.sandbox.docker.readOnlyRoot).toBe(true);
    expect(cfg.tools.allow).toBeUndefined();
    expect(cfg.agents.list[0].tools.allow).toBeUndefined();
    expect(cfg.agents.list[0].tools.profile).toBe("coding");
    expect(cfg.agents.list[0].sandbox.mode).toBe("non-main");
    expect(cfg.channels.discord.guilds["123456789012345678"].requireMention).toBe(true);
    expect(cfg.channels.slack.accounts.work.dmPolicy).toBe("pairing");
  });
});
