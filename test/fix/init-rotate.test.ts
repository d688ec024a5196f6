import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSON5 from "json5";
import { beforeAll, describe, expect, it } from "vitest";
import { readRotations as readRotationLog } from "../../src/deployment/rotations.js";
import { EnvFile } from "../../src/fix/env-file.js";
import { initPlanOptions } from "../../src/fix/init.js";
import { buildPlan } from "../../src/fix/plan.js";
import { type RotationTarget, rotationPlan } from "../../src/fix/rotate.js";
import { type RunResult, runFix } from "../../src/fix/run.js";
import { soulRulesMissing } from "../../src/fix/soul.js";
import type { Profile } from "../../src/fix/types.js";
import { secretFingerprint } from "../../src/util/fingerprint.js";
import { openclawEnv } from "../helpers/openclaw.js";

const home = mkdtempSync(join(tmpdir(), "cw-init-home-"));

async function drive(
  plan: Parameters<typeof runFix>[0]["plan"],
  openclaw: boolean,
): Promise<RunResult & { log: string }> {
  let log = "";
  const r = await runFix({
    plan,
    dryRun: false,
    yes: true,
    openclaw,
    command: "test",
    out: (s) => {
      log += s;
    },
    err: (s) => {
      log += s;
    },
    confirm: async () => true,
  });
  return { ...r, log };
}

async function init(
  profile: Profile,
  openclaw: boolean,
): Promise<{ dir: string; r: RunResult & { log: string } }> {
  const dir = join(mkdtempSync(join(tmpdir(), "cw-init-")), "state");
  const env = openclawEnv(home, dir);
  const r = await drive(
    initPlanOptions({
      stateDir: dir,
      configPath: join(dir, "openclaw.json"),
      profile,
      port: 18789,
      lang: "en",
      env,
      who: "test",
      now: new Date(),
    }),
    openclaw,
  );
  return { dir, r };
}

async function rotate(dir: string, target: RotationTarget, openclawVersion?: string) {
  return drive(
    {
      stateDir: dir,
      configPath: join(dir, "openclaw.json"),
      profile: "personal",
      lang: "en",
      assisted: false,
      assistedDir: dir,
      env: {},
      who: "rotator@test",
      now: new Date(),
      remediations: [],
      extra: [rotationPlan(target)],
      ...(openclawVersion !== undefined && { openclawVersion }),
    },
    false,
  );
}

describe("clawwarden init", () => {
  const made: Partial<Record<Profile, { dir: string; r: RunResult & { log: string } }>> = {};
  beforeAll(async () => {
    // validated by the real `openclaw config validate` (staged) before anything is written
    for (const p of ["personal", "production", "strict"] as const) made[p] = await init(p, true);
  }, 600_000);

  it.each(["personal", "production", "strict"] as const)(
    "%s: a hardened baseline the real OpenClaw accepts",
    (p) => {
      const { dir, r } = made[p] as { dir: string; r: RunResult & { log: string } };
      expect(r.log).toMatch(/validated: openclaw config validate/);
      expect(r.applied?.status, r.log).toBe("applied");
      const cfg = JSON5.parse(readFileSync(join(dir, "openclaw.json"), "utf8"));
      expect(cfg.gateway).toMatchObject({
        mode: "local",
        bind: "loopback",
        auth: { mode: "token", token: { source: "env", provider: "default", id: "OPENCLAW_GATEWAY_TOKEN" } },
      });
      expect(cfg.discovery.mdns.mode).toBe("off");
      expect(cfg.agents.defaults.sandbox.mode).toBe(p === "personal" ? "non-main" : "all");
      expect(cfg.tools.profile).toBe(p === "personal" ? "coding" : "messaging");
      const token = new EnvFile(join(dir, ".env")).get("OPENCLAW_GATEWAY_TOKEN") as string;
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(readFileSync(join(dir, "openclaw.json"), "utf8")).not.toContain(token);
      expect(r.log).not.toContain(token);
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      expect(statSync(join(dir, "openclaw.json")).mode & 0o777).toBe(0o600);
      expect(statSync(join(dir, ".env")).mode & 0o777).toBe(0o600);
      expect(soulRulesMissing(readFileSync(join(dir, "workspace", "SOUL.md"), "utf8"))).toEqual([]);
      // nothing left for `fix` to do on a fresh init
      const again = buildPlan({
        stateDir: dir,
        configPath: join(dir, "openclaw.json"),
        profile: p,
        lang: "en",
        assisted: false,
        assistedDir: dir,
        env: {},
        who: "t",
        now: new Date(),
      });
      expect(again.items.map((i) => i.id)).toEqual([]);
    },
  );

  it("strict: `openclaw config validate` passes on the written files", async () => {
    const { dir } = made.strict as { dir: string };
    const status = await new Promise<number>((done) =>
      execFile(
        "openclaw",
        ["config", "validate", "--json"],
        { env: openclawEnv(home, dir), timeout: 180_000 },
        (e) => done(e ? Number(e.code ?? 1) : 0),
      ),
    );
    expect(status).toBe(0);
  }, 200_000);
});

describe("clawwarden rotate", () => {
  it("rotates the gateway token into the env file and logs date, fingerprint and who", async () => {
    const { dir } = await init("personal", false);
    const first = new EnvFile(join(dir, ".env")).get("OPENCLAW_GATEWAY_TOKEN") as string;
    const configBefore = readFileSync(join(dir, "openclaw.json"), "utf8");
    const r = await rotate(dir, "gateway-token");
    expect(r.applied?.status).toBe("applied");
    const second = new EnvFile(join(dir, ".env")).get("OPENCLAW_GATEWAY_TOKEN") as string;
    expect(second).not.toBe(first);
    expect(second).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(readFileSync(join(dir, "openclaw.json"), "utf8")).toBe(configBefore);
    const log = readRotationLog(dir);
    expect(log.known).toBe(true);
    if (!log.known) return;
    expect(log.value.map((e) => [e.target, e.fingerprint])).toEqual([
      ["gateway.auth.token", secretFingerprint(first)],
      ["gateway.auth.token", secretFingerprint(second)],
    ]);
    expect(log.value[1]?.by).toBe("rotator@test");
    expect(Date.parse(log.value[1]?.at as string)).toBeGreaterThan(
      Date.parse(log.value[0]?.at as string) - 1,
    );
    expect(readFileSync(join(dir, ".clawwarden", "rotations.jsonl"), "utf8")).not.toContain(second);
    expect(r.log).toContain(`clients must use the new token ${secretFingerprint(second)}`);
    expect(r.log).not.toContain("CVE-2026-34503");
  });

  it("moves hooks.token to an env template and says to restart on versions hit by CVE-2026-34503", async () => {
    const { dir } = await init("personal", false);
    const r = await rotate(dir, "hooks-token", "2026.3.1");
    expect(r.applied?.status).toBe("applied");
    const cfg = JSON5.parse(readFileSync(join(dir, "openclaw.json"), "utf8"));
    expect(cfg.hooks.token).toBe("$" + "{OPENCLAW_HOOKS_TOKEN}");
    expect(new EnvFile(join(dir, ".env")).get("OPENCLAW_HOOKS_TOKEN")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(r.log).toMatch(/CVE-2026-34503 \(fixed in 2026\.3\.28\)/);
    const log = readRotationLog(dir);
    expect(log.known && log.value.map((e) => e.target)).toEqual(["gateway.auth.token", "hooks.token"]);
  });

  it("the audit's reader skips a torn line and keeps the history", async () => {
    const { dir } = await init("personal", false);
    const { appendFileSync } = await import("node:fs");
    appendFileSync(join(dir, ".clawwarden", "rotations.jsonl"), '{"target":"gatew');
    await rotate(dir, "gateway-token");
    const log = readRotationLog(dir);
    // the init entry and the new one survive; only the torn fragment is dropped
    expect(log.known && log.value.map((e) => e.target)).toEqual(["gateway.auth.token", "gateway.auth.token"]);
  });
});
