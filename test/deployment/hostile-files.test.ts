import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { collectSnapshot } from "../../src/deployment/collect.js";

const repo = join(import.meta.dirname, "..", "..");
let root: string;
let sd: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "cw-hostile-files-"));
  sd = join(root, "sd");
  cpSync(join(repo, "examples", "hardened"), sd, { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const snap = () =>
  collectSnapshot({
    env: { HOME: root },
    cwd: root,
    stateDir: sd,
    live: false,
    deep: false,
    openclaw: false,
    skills: false,
  });

/** Issue 19.4: a FIFO or a device where a file should be must not hang the audit or read forever. */
describe("files that are not files", () => {
  it("a FIFO .env: the audit finishes and says the file could not be read", async () => {
    execFileSync("mkfifo", [join(sd, ".env")]);
    const s = await snap();
    const scan = s.configSecrets.known ? s.configSecrets.value : undefined;
    expect(JSON.stringify(scan?.incomplete ?? [])).toMatch(/FIFO, not a regular file/);
  }, 30_000);

  it(".env linked to /dev/zero: finishes without reading gigabytes", async () => {
    symlinkSync("/dev/zero", join(sd, ".env"));
    const before = process.memoryUsage().rss;
    await snap();
    expect(process.memoryUsage().rss - before).toBeLessThan(256 * 1024 * 1024);
  }, 30_000);

  it("a FIFO rotation log: the rotation history is unknown with the reason, not a hang", async () => {
    mkdirSync(join(sd, ".clawwarden"), { recursive: true });
    execFileSync("mkfifo", [join(sd, ".clawwarden", "rotations.jsonl")]);
    const s = await snap();
    expect(s.rotations.known).toBe(false);
    expect(s.rotations.known ? "" : s.rotations.reason).toMatch(/FIFO/);
  }, 30_000);
});
