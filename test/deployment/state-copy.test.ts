import { execFileSync } from "node:child_process";
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { copyStateTree } from "../../src/deployment/state-copy.js";

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "cw-state-copy-"));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe("copyStateTree", () => {
  it("keeps modes and symlinks, points absolute links into the state dir at the copy, never opens a FIFO", () => {
    const src = join(root, "src");
    const dest = join(root, "dest");
    mkdirSync(join(src, "credentials"), { recursive: true, mode: 0o700 });
    writeFileSync(join(src, "openclaw.json"), "{}", { mode: 0o644 });
    writeFileSync(join(src, "credentials", "bot.json"), '{"t":1}', { mode: 0o600 });
    symlinkSync(join(src, "credentials"), join(src, "creds-abs"));
    symlinkSync("credentials/bot.json", join(src, "bot-rel"));
    symlinkSync("/etc/hostname", join(src, "outside"));
    execFileSync("mkfifo", [join(src, "pipe")]);
    const res = copyStateTree(src, dest);
    expect(statSync(join(dest, "openclaw.json")).mode & 0o777).toBe(0o644);
    expect(statSync(join(dest, "credentials")).mode & 0o777).toBe(0o700);
    expect(readFileSync(join(dest, "credentials", "bot.json"), "utf8")).toBe('{"t":1}');
    expect(readlinkSync(join(dest, "creds-abs"))).toBe(join(dest, "credentials"));
    expect(readlinkSync(join(dest, "bot-rel"))).toBe("credentials/bot.json");
    expect(readlinkSync(join(dest, "outside"))).toBe("/etc/hostname");
    expect(() => lstatSync(join(dest, "pipe"))).toThrow();
    expect(res.skipped).toEqual(["pipe"]);
  });

  it("files over the limits are empty files with their modes, and are listed", () => {
    const src = join(root, "src");
    mkdirSync(join(src, "sessions"), { recursive: true });
    writeFileSync(join(src, "sessions", "big.jsonl"), "x".repeat(5000), { mode: 0o640 });
    writeFileSync(join(src, "small.json"), "{}");
    const res = copyStateTree(src, join(root, "dest"), { maxFileBytes: 1000, maxTotalBytes: 10_000 });
    expect(res.emptied).toEqual(["sessions/big.jsonl"]);
    expect(statSync(join(root, "dest", "sessions", "big.jsonl")).size).toBe(0);
    expect(statSync(join(root, "dest", "sessions", "big.jsonl")).mode & 0o777).toBe(0o640);
    expect(res.bytes).toBe(2);
  });
});
