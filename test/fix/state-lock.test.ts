import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { listRuns } from "../../src/fix/apply.js";
import { runFix } from "../../src/fix/run.js";
import { acquireStateLock, lockPath } from "../../src/fix/state-lock.js";
import { makeInsecureDeployment, treeChecksums } from "./helpers/deployment.js";

const cli = join(import.meta.dirname, "..", "..", "dist", "cli", "main.js");

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [cli, ...args],
      { encoding: "utf8", timeout: 120_000 },
      (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

function writeLock(stateDir: string, pid: number): void {
  mkdirSync(join(stateDir, ".clawwarden"), { recursive: true });
  writeFileSync(
    lockPath(stateDir),
    JSON.stringify({ pid, host: hostname(), command: "fix", startedAt: "2026-12-04T00:00:00Z" }),
  );
}

describe("one changing run per state dir", () => {
  it("a second fix while one holds the lock changes nothing and says who holds it (exit 2)", async () => {
    const dir = makeInsecureDeployment();
    writeLock(dir, process.pid); // this test process is alive: the lock is held
    const before = treeChecksums(dir);
    const r = await run(["fix", "--state-dir", dir, "--yes", "--no-openclaw"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`another clawwarden fix \\(pid ${process.pid}`));
    expect(treeChecksums(dir)).toEqual(before);
    for (const args of [
      ["rollback", "--state-dir", dir],
      ["rotate", "gateway-token", "--state-dir", dir, "--yes"],
    ]) {
      const other = await run(args);
      expect(other.code, args[0]).toBe(2);
      expect(other.stderr, args[0]).toMatch(/another clawwarden fix/);
    }
  });

  it("a lock left by a dead process is taken over, and released when the run ends", async () => {
    const dir = makeInsecureDeployment();
    writeLock(dir, 2 ** 22 + 12345); // beyond pid_max defaults: not a live process
    const r = await run(["fix", "--state-dir", dir, "--yes", "--no-openclaw"]);
    expect(r.stderr).not.toMatch(/another clawwarden/);
    expect(r.stdout).toMatch(/applied run/);
    expect(existsSync(lockPath(dir))).toBe(false);
  });

  it("is re-entrant in one process and refuses another holder", () => {
    const dir = makeInsecureDeployment();
    const release1 = acquireStateLock(dir, "fix");
    const release2 = acquireStateLock(dir, "fix");
    release2();
    expect(JSON.parse(readFileSync(lockPath(dir), "utf8")).pid).toBe(process.pid);
    release1();
    expect(existsSync(lockPath(dir))).toBe(false);
  });

  it("orders runs by sequence, not by the random suffix of same-second names", async () => {
    const dir = makeInsecureDeployment();
    const now = new Date("2026-12-04T04:00:00Z");
    const opts = (only: string[]) => ({
      plan: {
        stateDir: dir,
        configPath: join(dir, "openclaw.json"),
        profile: "personal" as const,
        lang: "en" as const,
        assisted: false,
        assistedDir: join(dir, "assisted"),
        env: {},
        who: "test",
        now,
        only,
      },
      dryRun: false,
      yes: true,
      openclaw: false,
      command: "fix",
      fromAudit: true,
      out: () => {},
      err: () => {},
      confirm: async () => true,
    });
    const ids: string[] = [];
    for (const only of [["N-01"], ["D-01"], ["D-02"], ["S-05"]]) {
      const r = await runFix(opts(only));
      if (r.applied) ids.push(r.applied.runId);
    }
    expect(ids.length).toBe(4);
    const listed = listRuns(dir);
    expect(listed.map((r) => r.manifest.runId)).toEqual(ids);
    expect(listed.map((r) => r.manifest.seq)).toEqual([1, 2, 3, 4]);
  });
});

describe("no secret residue after a killed run", () => {
  it("temp files of a dead run are swept at the next start; manifest-less backups are listed and pruned", async () => {
    const dir = makeInsecureDeployment();
    const dead = 2 ** 22 + 4321;
    const temp = join(dir, `.openclaw.json.clawwarden-${dead}-a1b2c3`);
    const mine = join(dir, `.openclaw.json.clawwarden-${process.pid}-d4e5f6`);
    writeFileSync(temp, "new token here");
    writeFileSync(mine, "a live run's temp file");
    const orphan = join(dir, ".clawwarden", "backups", "20261204T000000Z-abcdef");
    mkdirSync(join(orphan, "files"), { recursive: true });
    writeFileSync(join(orphan, "files", "0"), "pre-fix config");
    const dry = await run(["fix", "--state-dir", dir, "--dry-run", "--no-openclaw"]);
    expect(dry.stderr).toMatch(/removed 1 temp file/);
    expect(dry.stderr).toMatch(/backup folder\(s\) without a manifest/);
    expect(existsSync(temp)).toBe(false);
    expect(existsSync(mine)).toBe(true);
    const history = await run(["fix", "--state-dir", dir, "--history"]);
    expect(history.stdout).toContain("no manifest");
    const prune = await run(["fix", "--state-dir", dir, "--prune-backups", "0"]);
    expect(prune.code).toBe(0);
    expect(existsSync(orphan)).toBe(false);
  });
});
