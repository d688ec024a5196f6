import { execFileSync, spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decide, failureResponse, parseInstallPolicyRequest } from "../../src/skills/install-policy.js";
import { scanTarget } from "../../src/skills/scan.js";
import { openclawBin, openclawEnv } from "../helpers/openclaw.js";

const root = join(import.meta.dirname, "..", "..");
const corpus = join(root, "test", "fixtures", "skills", "corpus");
const cli = join(root, "dist", "cli", "main.js");

describe("install policy decisions", () => {
  it("blocks a malicious skill with its findings, allows a benign one", async () => {
    const bad = decide(await scanTarget(join(corpus, "exfil-env-webhook")));
    expect(bad.decision).toBe("block");
    expect(bad.reason).toContain("malicious");
    expect(bad.findings?.some((f) => f.severity === "critical")).toBe(true);
    expect(JSON.stringify(bad).length).toBeLessThan(4000);

    const good = decide(await scanTarget(join(corpus, "benign-weather")));
    expect(good).toEqual({ protocolVersion: 1, decision: "allow" });
  });

  it("never allows when there was nothing to scan or the scan failed", () => {
    expect(decide([]).decision).toBe("warn");
    expect(failureResponse("boom").decision).toBe("block");
  });

  it("rejects requests OpenClaw would not send", () => {
    expect(() => parseInstallPolicyRequest("{")).toThrow(/not JSON/);
    expect(() => parseInstallPolicyRequest('{"protocolVersion":2}')).toThrow(/protocolVersion/);
    expect(() =>
      parseInstallPolicyRequest('{"protocolVersion":1,"targetType":"skill","sourcePath":"relative/x"}'),
    ).toThrow(/absolute/);
  });

  it("answers block on stdin garbage, through the real command", () => {
    expect(existsSync(cli), "run `npm run build` first").toBe(true);
    const out = spawnSync(process.execPath, [cli, "install-policy"], { input: "not json", encoding: "utf8" });
    expect(out.status).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({ protocolVersion: 1, decision: "block" });
  });

  it("--block-at moves the threshold: a review-level skill is blocked at review and allowed-with-warning by default", () => {
    const skill = join(import.meta.dirname, "..", "fixtures", "skills", "corpus", "nm-crontab-confirm");
    const request = JSON.stringify({ protocolVersion: 1, targetType: "skill", sourcePath: skill });
    const ask = (args: string[]) =>
      JSON.parse(
        spawnSync(process.execPath, [cli, "install-policy", ...args], { input: request, encoding: "utf8" })
          .stdout,
      );
    expect(ask([]).decision).toBe("warn");
    expect(ask(["--block-at", "review"]).decision).toBe("block");
    const config = JSON.parse(
      execFileSync(process.execPath, [cli, "install-policy", "--print-config", "--block-at", "review"], {
        encoding: "utf8",
      }),
    );
    expect(config.security.installPolicy.exec.args.slice(-2)).toEqual(["--block-at", "review"]);
  });
});

describe("the real OpenClaw 2026.9.6 runs clawwarden as its security.installPolicy", () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const install = (skill: string) =>
    spawnSync(openclawBin(), ["skills", "install", join(corpus, skill)], { env, cwd: dir, encoding: "utf8" });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "cw-install-policy-"));
    const state = join(dir, "state");
    mkdirSync(join(dir, "home"));
    mkdirSync(state, { mode: 0o700 });
    writeFileSync(join(state, "openclaw.json"), JSON.stringify({ gateway: { mode: "local" } }), {
      mode: 0o600,
    });
    env = openclawEnv(join(dir, "home"), state);
    // The gate goes in the way an operator puts it in: `fix --only K-02` (diff, backup, `openclaw config
    // validate`, per-item verification), issue 18.6.
    const fix = spawnSync(process.execPath, [cli, "fix", "--state-dir", state, "--only", "K-02", "--yes"], {
      env,
      encoding: "utf8",
    });
    expect(fix.status, fix.stdout + fix.stderr).toBe(0);
    const written = JSON.parse(readFileSync(join(state, "openclaw.json"), "utf8"));
    expect(written.security.installPolicy).toMatchObject({
      enabled: true,
      targets: ["skill", "plugin"],
      exec: { command: realpathSync(process.execPath), args: [realpathSync(cli), "install-policy"] },
    });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("blocks a skill that posts the environment to a webhook, and installs nothing", () => {
    const out = install("exfil-env-webhook");
    expect(out.status).toBe(1);
    expect(out.stdout + out.stderr).toContain("Install blocked by policy");
    expect(out.stdout + out.stderr).toContain("shell.exfiltration");
    const skills = join(dir, "state", "workspace", "skills");
    expect(existsSync(skills) ? readdirSync(skills) : []).not.toContain("exfil-env-webhook");
  });

  it("lets a benign skill install", () => {
    const out = install("benign-weather");
    expect(out.status, out.stdout + out.stderr).toBe(0);
    expect(readdirSync(join(dir, "state", "workspace", "skills"))).toContain("benign-weather");
  });
});
