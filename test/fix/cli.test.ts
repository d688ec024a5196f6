import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeInsecureDeployment, treeChecksums } from "./helpers/deployment.js";

const root = join(import.meta.dirname, "..", "..");

/** The real CLI entry (src/cli/main.ts) in a child process with stdin not a terminal. */
function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = execFile(
      join(root, "node_modules", ".bin", "vite-node"),
      [join(root, "src", "cli", "main.ts"), "--", ...args],
      { env: { ...process.env, PATH: "/usr/bin:/bin" }, timeout: 120_000, encoding: "utf8" },
      (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end();
  });
}

describe("clawwarden fix / rollback / init / rotate on the command line", () => {
  it("dry-run changes nothing; without --yes and no terminal it refuses; --only applies; rollback restores", async () => {
    const dir = makeInsecureDeployment();
    const before = treeChecksums(dir);
    const dry = await cli(["fix", "--state-dir", dir, "--dry-run", "--no-openclaw"]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain("== N-01 Bind the gateway to loopback [auto]");
    expect(dry.stdout).toContain('+    "bind": "loopback",');
    expect(dry.stdout).toContain("Dry run: nothing was changed.");
    expect(treeChecksums(dir)).toEqual(before);

    const refused = await cli(["fix", "--state-dir", dir, "--no-openclaw"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("pass --yes");
    expect(treeChecksums(dir)).toEqual(before);

    const applied = await cli(["fix", "--state-dir", dir, "--yes", "--no-openclaw", "--only", "N-01,c-02"]);
    expect(applied.code, applied.stderr).toBe(0);
    const runId = /applied run (\S+)/.exec(applied.stdout)?.[1] as string;
    expect(runId).toBeTruthy();
    expect(applied.stdout).not.toContain("== N-03");

    const history = await cli(["fix", "--state-dir", dir, "--history"]);
    expect(history.stdout).toContain(`${runId}  applied      fix     N-01,C-02`);

    const back = await cli(["rollback", runId, "--state-dir", dir]);
    expect(back.code, back.stderr).toBe(0);
    expect(back.stdout).toContain("are as before the run (checked by sha256)");
    expect(treeChecksums(dir)).toEqual(before);

    // Backups hold the pre-fix files (plaintext secrets included): they can be pruned once the fix is confirmed.
    const again = await cli(["fix", "--state-dir", dir, "--yes", "--no-openclaw", "--only", "N-01"]);
    expect(again.code, again.stderr).toBe(0);
    expect((await cli(["fix", "--state-dir", dir, "--prune-backups", "x"])).code).toBe(2);
    const kept = await cli(["fix", "--state-dir", dir, "--prune-backups", "1"]);
    expect(kept.stdout).toMatch(/removed the backups of 1 run\(s\)/);
    expect((await cli(["fix", "--state-dir", dir, "--history"])).stdout.trim().split("\n")).toHaveLength(1);
    const pruned = await cli(["fix", "--state-dir", dir, "--prune-backups", "0"]);
    expect(pruned.stdout).toMatch(/removed the backups of 1 run\(s\)/);
    expect((await cli(["fix", "--state-dir", dir, "--history"])).stdout).toContain("no fix runs recorded");
  }, 240_000);

  it("init writes a new deployment once, rotate replaces its token", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "cw-cli-init-")), "state");
    const first = await cli([
      "init",
      "--state-dir",
      dir,
      "--level",
      "strict",
      "--lang",
      "zh",
      "--no-openclaw",
    ]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/applied run/);
    const second = await cli(["init", "--state-dir", dir, "--no-openclaw"]);
    expect(second.code).toBe(2);
    expect(second.stderr).toContain("already exists");
    const rot = await cli(["rotate", "gateway-token", "--state-dir", dir, "--yes", "--no-openclaw"]);
    expect(rot.code, rot.stderr).toBe(0);
    expect(rot.stdout).toMatch(/clients must use the new token \S+…\S+ \(sha256:[0-9a-f]{8}\)/);
    const bad = await cli(["rotate", "nope", "--state-dir", dir, "--yes"]);
    expect(bad.code).toBe(2);
  }, 240_000);

  it("asks on a terminal: 'n' changes nothing, 'y' applies", async () => {
    const onTty = (dir: string, answer: string) =>
      new Promise<{ code: number; out: string }>((done) => {
        const cmd = `${join(root, "node_modules", ".bin", "vite-node")} ${join(root, "src", "cli", "main.ts")} -- fix --state-dir ${dir} --no-openclaw --only N-01`;
        const child = execFile(
          "script",
          ["-qec", cmd, "/dev/null"],
          { timeout: 120_000, encoding: "utf8" },
          (error, stdout) => done({ code: error ? Number(error.code ?? 1) : 0, out: stdout }),
        );
        child.stdin?.end(`${answer}\n`);
      });
    const dir = makeInsecureDeployment();
    const before = treeChecksums(dir);
    const no = await onTty(dir, "n");
    expect(no.out).toContain("Apply 1 fix(es)");
    expect(no.out).toContain("Nothing was changed.");
    expect(no.code).toBe(1);
    expect(treeChecksums(dir)).toEqual(before);
    const yes = await onTty(dir, "y");
    expect(yes.code, yes.out).toBe(0);
    expect(yes.out).toMatch(/applied run/);
    expect(treeChecksums(dir)).not.toEqual(before);
  }, 240_000);
});
