import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { progressLine, terminalProgress } from "../../src/cli/progress.js";

const repo = join(import.meta.dirname, "..", "..");
const cli = join(repo, "dist", "cli", "main.js");
const root = mkdtempSync(join(tmpdir(), "cw-progress-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  const stream = {
    isTTY,
    columns: 60,
    write: (s: string) => writes.push(s),
  } as unknown as NodeJS.WriteStream;
  return { stream, writes };
}

describe("progress line", () => {
  it("shows each task in flight with amount and percent, cut to the terminal width", () => {
    const line = progressLine(
      [
        { task: "secret scan", done: 1.5 * 1024 ** 3, total: 3 * 1024 ** 3, unit: "bytes" },
        { task: "openclaw security audit", done: 0, total: 0, unit: "items" },
      ],
      200,
    );
    expect(line).toBe("secret scan 1.5 GB / 3.0 GB (50%) · openclaw security audit…");
    expect(progressLine([{ task: "x".repeat(100), done: 0, total: 0, unit: "items" }], 40)).toHaveLength(39);
  });

  it("draws on a terminal, removes finished tasks and clears the line at the end", () => {
    const { stream, writes } = fakeStream(true);
    const p = terminalProgress(stream, { env: {} });
    p.report({ task: "scan skills", done: 1, total: 4, unit: "items" });
    p.report({ task: "scan skills", done: 4, total: 4, unit: "items" });
    p.stop();
    expect(writes[0]).toBe("\r\x1b[2Kscan skills 1 / 4 (25%)");
    expect(writes.at(-1)).toBe("\r\x1b[2K");
  });

  it.each([
    ["not a terminal", false, {}, false],
    ["CI", true, { CI: "true" }, false],
    ["TERM=dumb", true, { TERM: "dumb" }, false],
    ["--quiet", true, {}, true],
  ])("is silent when %s", (_why, isTTY, env, quiet) => {
    const { stream, writes } = fakeStream(isTTY);
    const p = terminalProgress(stream, { env, quiet });
    p.report({ task: "t", done: 1, total: 2, unit: "items" });
    p.stop();
    expect(writes).toEqual([]);
  });
});

describe("audit progress through the real CLI", () => {
  const sd = join(root, "sd");
  cpSync(join(repo, "examples", "insecure"), sd, { recursive: true });
  const { CI: _ci, ...inherited } = process.env;
  const env = { ...inherited, NO_COLOR: "1", HOME: root };

  it("on a terminal (script(1) gives the CLI a pty), stderr shows the secret scan and ends with a cleared line", () => {
    const cmd = `${process.execPath} ${cli} audit --no-openclaw --state-dir ${sd} --fail-on never --format json --output ${join(root, "r.json")}`;
    const r = spawnSync("script", ["-qefc", cmd, "/dev/null"], { encoding: "utf8", env });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("secret scan of the state dir");
    expect(r.stdout).toContain("\r\x1b[2K");
  });

  it("piped, nothing but the report: no carriage returns, no escape codes", () => {
    const r = spawnSync(
      process.execPath,
      [cli, "audit", "--no-openclaw", "--state-dir", sd, "--fail-on", "never"],
      {
        encoding: "utf8",
        env,
      },
    );
    expect(r.stderr).not.toContain("\r");
    expect(r.stderr).not.toContain("\x1b");
    expect(r.stdout).not.toMatch(/\r/);
  });
});
