import { execFileSync, spawn, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openclawPath } from "../helpers/openclaw.js";

const repo = join(import.meta.dirname, "..", "..");
const cli = join(repo, "dist", "cli", "main.js");

/** `guard install` goes through the fix transaction and the real `openclaw config validate`; `guard status` reads it back. */
describe("clawwarden guard install / status", () => {
  let root: string;
  let sd: string;
  /** Async: `openclaw config validate` takes seconds, and a blocking spawnSync stalls the vitest worker. */
  const run = (...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> =>
    new Promise((resolve) => {
      const child = spawn(process.execPath, [cli, "guard", ...args, "--state-dir", sd], {
        env: { ...process.env, HOME: root, PATH: `${openclawPath()}:${process.env.PATH ?? ""}` },
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d) => (stdout += d));
      child.stderr.on("data", (d) => (stderr += d));
      const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
      child.on("close", (status) => {
        clearTimeout(timer);
        resolve({ status, stdout, stderr });
      });
    });
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), "cw-guard-install-"));
    cpSync(join(repo, "examples"), join(root, "examples"), { recursive: true });
    execFileSync("bash", [join(root, "examples", "apply-modes.sh"), join(root, "examples")]);
    sd = join(root, "examples", "hardened");
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("status says not installed (exit 1); --dry-run shows the diff and changes nothing; a bad level is exit 2", async () => {
    const before = readFileSync(join(sd, "openclaw.json"), "utf8");
    expect((await run("status")).status).toBe(1);
    const dry = await run("install", "--dry-run");
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('"allowConversationAccess": true');
    expect(readFileSync(join(sd, "openclaw.json"), "utf8")).toBe(before);
    expect((await run("install", "--level", "paranoid", "--yes")).status).toBe(2);
  });

  it("install validates with the real OpenClaw, status reads it back, rollback restores the file byte for byte", async () => {
    const before = readFileSync(join(sd, "openclaw.json"), "utf8");
    const r = await run("install", "--yes", "--level", "strict");
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/validated: openclaw config validate/);
    const s = await run("status", "--json");
    expect(s.status).toBe(0);
    expect(JSON.parse(s.stdout)).toMatchObject({
      installed: true,
      enabled: true,
      conversationAccess: true,
      profile: "strict",
      loadPath: join(repo, "dist"),
    });
    expect((await run("install", "--yes", "--level", "strict")).stdout).not.toContain("applied run");
    const rb = spawnSync(process.execPath, [cli, "rollback", "--state-dir", sd], {
      encoding: "utf8",
      env: { ...process.env, HOME: root },
    });
    expect(rb.status, rb.stderr).toBe(0);
    expect(readFileSync(join(sd, "openclaw.json"), "utf8")).toBe(before);
  }, 180_000);
});
