import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { collectSnapshot } from "../../src/audit/collect.js";

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

describe("hostile config expansion stays bounded", () => {
  it("an include fan-out (arrays of includes, N^depth) is refused with a clear error, fast", async () => {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { loadConfig } = await import("../../src/deployment/config.js");
    const dir = mkdtempSync(join(tmpdir(), "cw-fanout-"));
    // level k includes level k+1 ten times: 10^6 loads if nothing stops it
    for (let k = 0; k < 6; k++)
      writeFileSync(
        join(dir, `l${k}.json5`),
        JSON.stringify({ $include: Array(10).fill(`./l${k + 1}.json5`) }),
      );
    writeFileSync(join(dir, "l6.json5"), JSON.stringify({ gateway: { port: 18789 } }));
    writeFileSync(join(dir, "openclaw.json"), JSON.stringify({ $include: "./l0.json5" }));
    expect(() => loadConfig(join(dir, "openclaw.json"), { env: {} })).toThrow(/over its budget/);
  });

  it("env substitution handles a long run of `${` (the quadratic scan would not finish within the test timeout)", async () => {
    const { substituteString } = await import("../../src/deployment/config-env.js");
    const big = "${".repeat(300_000);
    const r = substituteString(`${big}}`, {});
    expect(r.value).toBe(`${big}}`);
    expect(substituteString("a${OPENCLAW_X}b${Y", { OPENCLAW_X: "1" }).value).toBe("a1b${Y");
  });
});
