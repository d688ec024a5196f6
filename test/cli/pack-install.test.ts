import { execFile, execFileSync, spawnSync } from "node:child_process";
import {
  chmodSync,
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * Issue 18: the package as an operator gets it. `npm pack` (after the build the test command runs), installed into
 * an empty project from npm's cache only (`--offline`: the test talks to no registry; `npm ci` filled the cache),
 * then used by an unprivileged service user (nobody, via setpriv) the way a gateway's user would: `npx clawwarden
 * audit` on its own state dir, and the install gate exactly as OpenClaw runs it — the command and args that
 * `fix --only K-02` wrote, with an empty environment.
 */
const repo = join(import.meta.dirname, "..", "..");
const NOBODY = 65534;
const run = promisify(execFile);
const asRoot = process.getuid?.() === 0;
const haveSetpriv = spawnSync("setpriv", ["--version"]).status === 0;

let root: string;
let project: string;
let installed: string;
let stateDir: string;

function asNobody(cmd: string, args: string[], opts: { input?: string; env?: NodeJS.ProcessEnv } = {}) {
  return spawnSync(
    "setpriv",
    [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, "--clear-groups", "--", cmd, ...args],
    { encoding: "utf8", cwd: project, timeout: 120_000, input: opts.input, env: opts.env ?? {} },
  );
}

describe.skipIf(!asRoot || !haveSetpriv)("npm pack, installed, used by a service user (issue 18)", () => {
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), "cw-pack-"));
    chmodSync(root, 0o755);
    const packDir = join(root, "pack");
    mkdirSync(packDir);
    // --ignore-scripts: prepack would rebuild, and the test command has just built dist/. npm runs asynchronously:
    // a worker blocked for a minute in a sync call misses vitest's RPC deadline on a loaded machine.
    const packed = JSON.parse(
      (
        await run("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", packDir], {
          cwd: repo,
          encoding: "utf8",
        })
      ).stdout,
    ) as Array<{ filename: string }>;
    const tgz = join(packDir, packed[0]?.filename ?? "");
    project = join(root, "project");
    mkdirSync(project);
    writeFileSync(join(project, "package.json"), '{"name":"ops","private":true}');
    await run("npm", ["install", "--offline", "--ignore-scripts", "--no-audit", "--no-fund", tgz], {
      cwd: project,
      encoding: "utf8",
      env: { ...process.env, npm_config_cache: npmCache() },
    });
    installed = join(project, "node_modules", "clawwarden");
    // better-sqlite3's install script fetches a prebuilt binary (network): put the one npm ci built here instead.
    const release = join(project, "node_modules", "better-sqlite3", "build", "Release");
    mkdirSync(release, { recursive: true });
    copyFileSync(
      join(repo, "node_modules", "better-sqlite3", "build", "Release", "better_sqlite3.node"),
      join(release, "better_sqlite3.node"),
    );
    execFileSync("chmod", ["-R", "a+rX,go-w", project]);
    stateDir = join(root, "svc", ".openclaw");
    cpSync(join(repo, "examples", "hardened"), stateDir, { recursive: true });
    execFileSync("chown", ["-R", `${NOBODY}:${NOBODY}`, join(root, "svc")]);
  }, 300_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("`npx clawwarden audit` runs for the service user on its own state dir and writes nothing there", () => {
    const before = execFileSync("find", [stateDir, "-printf", "%p %s %m %T@\n"], { encoding: "utf8" });
    const r = asNobody(
      "npx",
      ["--offline", "clawwarden", "audit", "--state-dir", stateDir, "--no-openclaw", "--json"],
      {
        env: {
          PATH: process.env.PATH ?? "",
          HOME: join(root, "svc"),
          npm_config_cache: join(root, "svc", ".npm"),
        },
      },
    );
    expect([0, 1], r.stderr).toContain(r.status);
    const report = JSON.parse(r.stdout);
    expect(report.items).toHaveLength(41);
    expect(report.target.stateDir).toBe(stateDir);
    expect(execFileSync("find", [stateDir, "-printf", "%p %s %m %T@\n"], { encoding: "utf8" })).toBe(before);
  });

  it("the install gate that `fix --only K-02` writes runs as the service user with an empty environment and blocks a malicious skill", () => {
    const cli = join(installed, "dist", "cli", "main.js");
    const fix = spawnSync(
      process.execPath,
      [cli, "fix", "--state-dir", stateDir, "--only", "K-02", "--yes", "--no-openclaw"],
      { encoding: "utf8", env: { PATH: process.env.PATH ?? "", HOME: root } },
    );
    expect(fix.status, fix.stdout + fix.stderr).toBe(0);
    const gate = JSON.parse(readFileSync(join(stateDir, "openclaw.json"), "utf8")).security.installPolicy
      .exec;
    expect(gate.args[0]).toBe(join(installed, "dist", "cli", "main.js"));
    const skills = join(root, "staged");
    for (const name of ["exfil-env-webhook", "benign-weather"])
      cpSync(join(repo, "test", "fixtures", "skills", "corpus", name), join(skills, name), {
        recursive: true,
      });
    execFileSync("chmod", ["-R", "a+rX", skills]);
    const ask = (name: string) => {
      const request = JSON.stringify({
        protocolVersion: 1,
        targetType: "skill",
        targetName: name,
        sourcePath: join(skills, name),
      });
      const r = asNobody(gate.command, gate.args, { input: request, env: {} });
      expect(r.status, r.stderr).toBe(0);
      return JSON.parse(r.stdout).decision;
    };
    expect(ask("exfil-env-webhook")).toBe("block");
    expect(ask("benign-weather")).toBe("allow");
  });
});

/** npm's cache as `npm ci` left it (the user's, or the one npm_config_cache names). */
function npmCache(): string {
  return (
    process.env.npm_config_cache ??
    execFileSync("npm", ["config", "get", "cache"], { encoding: "utf8" }).trim()
  );
}
