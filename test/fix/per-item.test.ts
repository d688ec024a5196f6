import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readManifest, restoreRun } from "../../src/fix/apply.js";
import type { PlanOptions } from "../../src/fix/plan.js";
import { type RunResult, runFix } from "../../src/fix/run.js";
import { makeInsecureDeployment, treeChecksums } from "./helpers/deployment.js";

function planOptions(stateDir: string, extra: Partial<PlanOptions> = {}): PlanOptions {
  return {
    stateDir,
    configPath: join(stateDir, "openclaw.json"),
    profile: "personal",
    lang: "en",
    assisted: false,
    assistedDir: join(stateDir, "assisted"),
    env: {},
    who: "test",
    now: new Date(),
    ...extra,
  };
}

async function fix(
  stateDir: string,
  opts: {
    partial?: boolean;
    dryRun?: boolean;
    json?: boolean;
    env?: Record<string, string>;
  } & Partial<PlanOptions> = {},
): Promise<RunResult & { out: string; log: string }> {
  let out = "";
  let log = "";
  const { partial, dryRun, json, env, ...plan } = opts;
  const r = await runFix({
    plan: planOptions(stateDir, { ...plan, ...(env && { env }) }),
    dryRun: dryRun === true,
    yes: true,
    openclaw: false,
    command: "fix",
    fromAudit: true,
    partial: partial === true,
    json: json === true,
    out: (s) => {
      out += s;
    },
    err: (s) => {
      log += s;
    },
    confirm: async () => true,
  });
  return { ...r, out, log };
}

/** A legacy `auth.json` holding a model key: C-01 fails there and no remediation can move it. */
function withUnmovableSecret(dir: string): string {
  mkdirSync(join(dir, "agents", "main", "agent"), { recursive: true });
  const key = `sk-ant-api03-${"Zq7Xw2Vb9Rt5Yc1Hn4Jd7Gs0PeQwLm3Nk8Tj6Fh2Dx5Ca1Bv4Ez7Gu0Iy3Ko6Lp9Mq2Nr5Os8Pt1Qu4Rv7Sw0Tx3Uy6Vz9Wa2"}-AbCdEAA`;
  writeFileSync(join(dir, "agents", "main", "agent", "auth.json"), JSON.stringify({ anthropic: { key } }));
  return dir;
}

const config = (dir: string) => JSON.parse(readFileSync(join(dir, "openclaw.json"), "utf8"));
const row = (r: RunResult, id: string) => r.outcomes?.find((o) => o.id === id);

describe("fix verifies every item on its own", () => {
  it("undoes only the item that does not verify, keeps the rest, and rollback is still byte-exact", async () => {
    const dir = withUnmovableSecret(makeInsecureDeployment());
    const before = treeChecksums(dir);
    const r = await fix(dir);
    expect(r.applied?.status).toBe("applied");
    expect(r.exitCode).toBe(1);
    expect(row(r, "C-01")).toMatchObject({ outcome: "partly fixed", kept: false });
    expect(row(r, "N-01")).toMatchObject({ outcome: "fixed", kept: true });
    expect(row(r, "S-01")).toMatchObject({ outcome: "fixed", kept: true });
    expect(r.out).toMatch(/Result per item:[\s\S]*C-01 +partly fixed[\s\S]*undone/);
    const cfg = config(dir);
    expect(cfg.gateway.bind).toBe("loopback");
    // C-01's own edits were undone: the bot token is where it was
    expect(typeof cfg.channels.telegram.botToken).toBe("string");
    const m = readManifest(r.applied?.runDir as string);
    expect(m.items).not.toContain("C-01");
    expect(m.items).toContain("N-01");
    expect(restoreRun(r.applied?.runDir as string, m, { force: false })).toEqual([]);
    expect(treeChecksums(dir)).toEqual(before);
  });

  it("--partial keeps an item that reduced its failures", async () => {
    const dir = withUnmovableSecret(makeInsecureDeployment());
    const r = await fix(dir, { partial: true });
    expect(r.applied?.status).toBe("applied");
    expect(row(r, "C-01")).toMatchObject({ outcome: "partly fixed", kept: true });
    expect(config(dir).channels.telegram.botToken).toMatchObject({ source: "env" });
    expect(r.exitCode).toBe(1);
  });

  it("an injected failure while re-applying the verified items leaves the deployment as before", async () => {
    const probe = withUnmovableSecret(makeInsecureDeployment());
    const first = await fix(probe);
    const total = first.applied?.stepsDone ?? 0;
    const m = readManifest(first.applied?.runDir as string);
    const roundOne = m.files.length + m.chmods.length;
    expect(total).toBeGreaterThan(roundOne);
    const candidates = [roundOne + 1, Math.floor((roundOne + 1 + total) / 2), total];
    for (const n of [...new Set(candidates)]) {
      const dir = withUnmovableSecret(makeInsecureDeployment());
      const before = treeChecksums(dir);
      const r = await fix(dir, { env: { CLAWWARDEN_FAULT: `after-step:${n}` } });
      expect(r.applied?.status, `fault after step ${n}`).toBe("rolled-back");
      expect(r.applied?.rollbackErrors).toEqual([]);
      expect(treeChecksums(dir), `fault after step ${n}`).toEqual(before);
    }
  }, 120_000);
});

describe("fix acts on the audit's findings, not a second opinion", () => {
  const deployment = (patch: (cfg: Record<string, any>) => void) => {
    const dir = makeInsecureDeployment();
    const cfg = config(dir);
    patch(cfg);
    writeFileSync(join(dir, "openclaw.json"), JSON.stringify(cfg, null, 2));
    return dir;
  };

  it("leaves a custom bind on 127.0.0.1 alone (the audit passes N-01)", async () => {
    const dir = deployment((c) => {
      c.gateway.bind = "custom";
      c.gateway.customBindHost = "127.0.0.1";
    });
    const r = await fix(dir, { only: ["N-01"] });
    const keys = r.plan.items.flatMap((i) =>
      i.steps.flatMap((st) => (st.kind === "config" ? [st.keyPath.join(".")] : [])),
    );
    expect(keys).not.toContain("gateway.bind");
    expect(config(dir).gateway.bind).toBe("custom");
  });

  it("plans nothing for N-01 on a remote-mode client (the audit says not applicable)", async () => {
    const dir = deployment((c) => {
      c.gateway.mode = "remote";
      c.gateway.remote = { url: "wss://gw.example.invalid" };
    });
    const r = await fix(dir, { only: ["N-01"], dryRun: true });
    expect(r.plan.items).toEqual([]);
  });

  it("replaces a 32-character placeholder token the audit calls critical, and verifies it", async () => {
    const dir = deployment((c) => {
      c.gateway.auth = { mode: "token", token: "change-me-to-a-long-random-token" };
    });
    const r = await fix(dir, { only: ["N-03"] });
    expect(r.plan.items.map((i) => i.id)).toEqual(["N-03"]);
    expect(row(r, "N-03")).toMatchObject({ outcome: "fixed", kept: true });
    expect(config(dir).gateway.auth.token).toMatchObject({ source: "env", id: "OPENCLAW_GATEWAY_TOKEN" });
    expect(r.out + r.log).not.toContain("change-me-to-a-long-random-token");
  });

  it("--dry-run --json prints the plan per item with the findings it answers, secrets only as fingerprints", async () => {
    const dir = makeInsecureDeployment();
    const before = treeChecksums(dir);
    const token = config(dir).channels.telegram.botToken as string;
    const r = await fix(dir, { dryRun: true, json: true });
    const plan = JSON.parse(r.out);
    expect(plan.schemaVersion).toBe(1);
    const c01 = plan.items.find((i: { id: string }) => i.id === "C-01");
    expect(c01.answers.map((a: { checkId: string }) => a.checkId)).toContain("C-01.plaintext-config");
    expect(c01.changes.some((c: { kind: string }) => c.kind === "env")).toBe(true);
    expect(r.out).not.toContain(token);
    expect(treeChecksums(dir)).toEqual(before);
  });
});

describe("a preview never shows any part of a secret that does not exist yet", () => {
  it("fix --dry-run names the new token without a fingerprint (the real run generates its own)", async () => {
    const dir = makeInsecureDeployment();
    const r = await fix(dir, { dryRun: true });
    expect(r.out).toContain("N-03");
    expect(r.out).toContain("(a new 32-byte random token)");
    for (const value of r.plan.generated) {
      expect(r.out).not.toContain(value.slice(0, 6));
      expect(r.out).not.toContain(value.slice(-4));
    }
    const json = await fix(dir, { dryRun: true, json: true });
    for (const value of json.plan.generated) expect(json.out).not.toContain(value.slice(0, 6));
  });
});

describe("fix diffs never echo a secret", () => {
  it("fingerprints secret-shaped values at keys OpenClaw does not define, in context lines too", async () => {
    const dir = makeInsecureDeployment();
    const cfg = config(dir);
    const slack = ["xoxb", "2048176352", "4096153287", "Qm7XyZ8aBcDeFgHiJkLmNoPq"].join("-");
    const pem = [
      "-----BEGIN RSA PRIVATE KEY-----",
      "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun",
      "VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK",
      "-----END RSA PRIVATE KEY-----",
    ].join("\n");
    cfg.gateway.notes = slack;
    cfg.gateway.signingKey = pem;
    writeFileSync(join(dir, "openclaw.json"), JSON.stringify(cfg, null, 2));
    const r = await fix(dir, { dryRun: true, only: ["N-01"] });
    expect(r.out).toContain("gateway.bind");
    // the context lines of the controlUi change reach the custom keys: they are shown, fingerprinted
    expect(r.out).toMatch(/"notes": "<secret xoxb-2/);
    expect(r.out).not.toContain(slack);
    expect(r.out).not.toContain("MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun");
    const json = await fix(dir, { dryRun: true, only: ["N-01"], json: true });
    expect(json.out).not.toContain(slack);
  });
});
