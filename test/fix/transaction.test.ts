import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { listRuns, readManifest, recoverInterrupted, restoreRun } from "../../src/fix/apply.js";
import { buildPlan, type PlanOptions } from "../../src/fix/plan.js";
import { type RunResult, runFix } from "../../src/fix/run.js";
import { makeInsecureDeployment, treeChecksums } from "./helpers/deployment.js";

const root = join(import.meta.dirname, "..", "..");

function planOptions(stateDir: string, env: Record<string, string | undefined> = {}): PlanOptions {
  return {
    stateDir,
    configPath: join(stateDir, "openclaw.json"),
    profile: "personal",
    lang: "en",
    assisted: false,
    assistedDir: join(stateDir, "assisted"),
    env,
    who: "test",
    now: new Date(),
  };
}

async function fix(
  stateDir: string,
  env: Record<string, string | undefined> = {},
): Promise<RunResult & { log: string }> {
  let log = "";
  const r = await runFix({
    plan: planOptions(stateDir, env),
    dryRun: false,
    yes: true,
    openclaw: false,
    command: "fix",
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

/** Nothing left to fix: the state a successful run must reach. */
function fullyFixed(stateDir: string): boolean {
  const again = buildPlan({ ...planOptions(stateDir) });
  return again.items.every((i) => i.steps.every((s) => s.kind === "rotation"));
}

describe("fix transaction", () => {
  it("applies everything, then `rollback` restores every file and mode byte for byte", async () => {
    const dir = makeInsecureDeployment();
    const before = treeChecksums(dir);
    const r = await fix(dir);
    expect(r.applied?.status).toBe("applied");
    expect(fullyFixed(dir)).toBe(true);
    expect(treeChecksums(dir)).not.toEqual(before);
    expect(statSync(join(dir, ".env")).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const backupDir = r.applied?.runDir as string;
    expect(statSync(backupDir).mode & 0o777).toBe(0o700);
    const m = readManifest(backupDir);
    expect(m.status).toBe("applied");
    const cfg = m.files.find((f) => f.path.endsWith("openclaw.json"));
    expect(cfg).toMatchObject({ existed: true, mode: 0o666 });
    expect(cfg?.sha256).toMatch(/^[0-9a-f]{64}$/);
    // the backup of a file holding secrets is private too
    expect(statSync(join(backupDir, cfg?.backup as string)).mode & 0o777).toBe(0o600);

    expect(restoreRun(backupDir, m, { force: false })).toEqual([]);
    expect(treeChecksums(dir)).toEqual(before);
  });

  it("a second run finds nothing to do", async () => {
    const dir = makeInsecureDeployment();
    await fix(dir);
    const second = await fix(dir);
    expect(second.applied).toBeUndefined();
    expect(second.log).toContain("Nothing to fix");
  });

  it("rollback refuses to overwrite a file edited after the fix unless forced", async () => {
    const dir = makeInsecureDeployment();
    const r = await fix(dir);
    writeFileSync(join(dir, "openclaw.json"), `${readFileSync(join(dir, "openclaw.json"), "utf8")}\n`);
    const m = readManifest(r.applied?.runDir as string);
    const errors = restoreRun(r.applied?.runDir as string, m, { force: false });
    expect(errors.some((e) => e.includes("changed after the fix"))).toBe(true);
  });

  it("an injected failure after ANY step leaves the deployment byte-for-byte as before", async () => {
    const probe = makeInsecureDeployment();
    const plan = buildPlan(planOptions(probe));
    const written = new Set(plan.files.map((f) => f.path));
    const steps = plan.files.length + plan.chmods.filter((c) => !written.has(c.path)).length;
    expect(steps).toBeGreaterThanOrEqual(5);
    for (let n = 1; n <= steps; n++) {
      const dir = makeInsecureDeployment();
      const before = treeChecksums(dir);
      const r = await fix(dir, { CLAWWARDEN_FAULT: `after-step:${n}` });
      expect(r.applied?.status, `fault after step ${n}`).toBe("rolled-back");
      expect(r.applied?.stepsDone).toBe(n);
      expect(r.applied?.rollbackErrors).toEqual([]);
      expect(r.log).toContain("every change was rolled back");
      expect(treeChecksums(dir), `fault after step ${n}`).toEqual(before);
    }
  });

  it("a failing re-audit rolls back too", async () => {
    const dir = makeInsecureDeployment();
    const before = treeChecksums(dir);
    // OPENCLAW_GATEWAY_TOKEN in the environment overrides the env file; with a weak value N-03
    // still wants a change after the fix, so verification fails and everything is restored.
    const r = await fix(dir, { OPENCLAW_GATEWAY_TOKEN: "weak" });
    expect(r.applied?.status).toBe("rolled-back");
    expect(r.applied?.error).toMatch(/verification failed:[\s\S]*N-03/);
    expect(treeChecksums(dir)).toEqual(before);
  });
});

const viteNode = join(root, "node_modules", ".bin", "vite-node");
const driver = join(import.meta.dirname, "helpers", "fault-driver.ts");

function runDriver(dir: string, fault: string) {
  return spawnSync(viteNode, [driver, dir], {
    env: { ...process.env, CLAWWARDEN_FAULT: fault },
    encoding: "utf8",
    timeout: 120_000,
  });
}

describe("killed mid-transaction", () => {
  it("SIGKILL after step 3 leaves a pending run that the next command rolls back exactly", () => {
    const dir = makeInsecureDeployment();
    const before = treeChecksums(dir);
    const child = runDriver(dir, "kill-after-step:3");
    expect(child.signal).toBe("SIGKILL");
    // half-applied on disk right now: that is what the journal is for
    expect(treeChecksums(dir)).not.toEqual(before);
    expect(listRuns(dir).map((r) => r.manifest.status)).toEqual(["pending"]);
    const recovered = recoverInterrupted(dir);
    expect(recovered[0]).toMatch(/was interrupted; interrupted run rolled back$/);
    expect(treeChecksums(dir)).toEqual(before);
    expect(listRuns(dir).map((r) => r.manifest.status)).toEqual(["rolled-back"]);
  });

  it("SIGTERM after step 2 rolls back before exiting", () => {
    const dir = makeInsecureDeployment();
    const before = treeChecksums(dir);
    const child = runDriver(dir, "term-after-step:2");
    expect(child.status).toBe(1);
    expect(child.stdout).toContain('"status":"rolled-back"');
    expect(child.stderr).toContain("interrupted by SIGTERM");
    expect(treeChecksums(dir)).toEqual(before);
  });
});

describe("hostile filesystem", () => {
  const mounts: string[] = [];
  afterAll(() => {
    for (const m of mounts) spawnSync("umount", [m]);
  });

  it("a full disk at any point: either fully fixed or byte-for-byte as before", async () => {
    const outcomes: string[] = [];
    let midway = 0;
    // Shrink the free space page by page until the run cannot even back up; each size is a fresh tmpfs.
    const probe = makeInsecureDeployment();
    const need = Number(execFileSync("du", ["-sB4096", probe], { encoding: "utf8" }).split("\t")[0]);
    const sizeKiB = (need + 48) * 4;
    for (let freePages = 24; freePages >= 0; freePages--) {
      const mnt = mkdtempSync(join(tmpdir(), "cw-tmpfs-"));
      execFileSync("mount", ["-t", "tmpfs", "-o", `size=${sizeKiB}k,mode=0777`, "tmpfs", mnt]);
      mounts.push(mnt);
      const dir = join(mnt, "state");
      mkdirSync(dir);
      makeInsecureDeployment(dir);
      const used = Number(
        execFileSync("df", ["--output=used", "-B1", mnt], { encoding: "utf8" }).split("\n")[1],
      );
      const fill = sizeKiB * 1024 - used - freePages * 4096;
      if (fill > 0) {
        try {
          writeFileSync(join(mnt, "filler"), Buffer.alloc(fill));
        } catch {
          // the filler itself hit the limit: the disk is as full as it gets
        }
      }
      const before = treeChecksums(dir);
      let r: Awaited<ReturnType<typeof fix>> | undefined;
      let thrown: unknown;
      try {
        r = await fix(dir);
      } catch (error) {
        thrown = error;
      }
      if (r?.applied?.status === "applied") {
        expect(fullyFixed(dir)).toBe(true);
        outcomes.push(`${freePages}:applied`);
      } else {
        expect(treeChecksums(dir), `free pages ${freePages}`).toEqual(before);
        if (r?.applied) expect(r.applied.rollbackErrors).toEqual([]);
        if (r?.applied && r.applied.stepsDone > 0) midway++;
        expect(thrown).toBeUndefined();
        outcomes.push(`${freePages}:${r?.applied?.status}@${r?.applied?.stepsDone}`);
      }
      spawnSync("umount", [mnt]);
      mounts.pop();
      rmSync(mnt, { recursive: true, force: true });
    }
    process.stderr.write(`ENOSPC outcomes (free pages:result): ${outcomes.join(" ")}\n`);
    expect(outcomes.some((o) => o.endsWith(":applied"))).toBe(true);
    // ENOSPC hit after some files were already replaced, and the rollback still restored them
    expect(midway, outcomes.join(" ")).toBeGreaterThan(0);
  });

  it("an immutable workspace (chattr +i) makes the SOUL.md write fail midway; everything is restored", async () => {
    const dir = makeInsecureDeployment();
    const ws = join(dir, "workspace");
    const before = treeChecksums(dir);
    execFileSync("chattr", ["+i", ws]);
    try {
      const r = await fix(dir);
      expect(r.applied?.status).toBe("rolled-back");
      expect(r.applied?.error).toMatch(/EPERM|operation not permitted/i);
      expect(r.applied?.stepsDone).toBeGreaterThanOrEqual(2);
      expect(r.applied?.rollbackErrors).toEqual([]);
    } finally {
      execFileSync("chattr", ["-i", ws]);
    }
    expect(treeChecksums(dir)).toEqual(before);
  });
});

describe("the deployment changes under the transaction", () => {
  it("a directory appears where the env file goes, midway: that write fails and every earlier change is undone", async () => {
    const { applyPlan } = await import("../../src/fix/apply.js");
    const dir = makeInsecureDeployment();
    const plan = buildPlan(planOptions(dir));
    const before = treeChecksums(dir);
    const r = await applyPlan(plan, {
      verify: async () => [],
      log: () => {},
      by: "t",
      command: "fix",
      now: new Date(),
      env: {},
      afterStep: (n) => {
        // step 1 replaced openclaw.json; now someone creates a directory named .env
        if (n === 1) mkdirSync(join(dir, ".env"));
      },
    });
    expect(r.status).toBe("rolled-back");
    expect(r.error).toMatch(/EISDIR|ENOTEMPTY|EEXIST|directory/i);
    expect(r.stepsDone).toBe(1);
    expect(r.rollbackErrors).toEqual([]);
    // everything clawwarden touched is back; the only difference is the swap someone else made
    const after = treeChecksums(dir);
    const untouched = (t: Record<string, string>) =>
      Object.fromEntries(Object.entries(t).filter(([k]) => k !== ".env/"));
    expect(untouched(after)).toEqual(untouched(before));
    expect(after[".env/"]).toBeDefined();
  });
});
