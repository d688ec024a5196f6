import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const repo = join(import.meta.dirname, "..", "..");
const cli = join(repo, "dist", "cli", "main.js");

/** What a CI pipeline relies on: wrong paths are errors, --version, quiet on a closed pipe, no silent format choice. */
describe("CLI correctness for CI", () => {
  let home: string;
  beforeAll(() => {
    home = mkdtempSync(join(tmpdir(), "cw-cli-ci-"));
  });
  afterAll(() => rmSync(home, { recursive: true, force: true }));
  const run = (args: string[], shell?: string) =>
    shell
      ? spawnSync("bash", ["-c", shell], {
          encoding: "utf8",
          env: { ...process.env, HOME: home, OPENCLAW_STATE_DIR: "" },
        })
      : spawnSync(process.execPath, [cli, ...args], {
          encoding: "utf8",
          env: { PATH: process.env.PATH, HOME: home, NO_COLOR: "1" },
        });

  it("an explicit --state-dir or --config that does not exist is a usage error (exit 2), not a made-up audit", () => {
    const r = run(["audit", "--state-dir", join(home, "typo")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--state-dir .*typo does not exist/);
    expect(
      run(["audit", "--state-dir", join(repo, "examples", "hardened"), "--config", join(home, "nope.json")])
        .status,
    ).toBe(2);
  });

  it("no deployment found is loud (exit 2) unless --allow-defaults", () => {
    const r = run(["audit", "--no-openclaw"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/no OpenClaw deployment found/);
    expect(run(["audit", "--no-openclaw", "--allow-defaults"]).status).toBe(1);
  });

  it("--version, -V and `version` print clawwarden's version", () => {
    const pkg = JSON.parse(readFileSync(join(repo, "package.json"), "utf8")) as { version: string };
    expect(run(["--version"]).stdout.trim()).toBe(pkg.version);
    expect(run(["-V"]).stdout.trim()).toBe(pkg.version);
    expect(run(["version"]).stdout).toContain(`clawwarden ${pkg.version}`);
  });

  it("a closed pipe ends the command quietly (78 kB of JSON into head)", () => {
    const insecure = join(repo, "examples", "insecure");
    const r = run(
      [],
      `node ${cli} audit --state-dir ${insecure} --json --no-openclaw | head -c 100 >/dev/null; exit \${PIPESTATUS[0]}`,
    );
    expect(r.status).toBe(1);
    expect(r.stderr).not.toMatch(/EPIPE|Error|Node\.js v/);
  });

  it("two output formats at once are a usage error", () => {
    const r = run([
      "audit",
      "--state-dir",
      join(repo, "examples", "hardened"),
      "--json",
      "--sarif",
      "--no-openclaw",
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/conflict/);
  });

  it("one vocabulary: --profile is an OpenClaw profile everywhere, a missing one is a usage error", () => {
    const r = run(["audit", "--profile", "production"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /--profile production: OpenClaw profile has no state dir .*use --level production/,
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("an --only id that is not in the guide is a usage error, not an empty green audit", () => {
    const r = run(["audit", "--state-dir", join(repo, "examples", "insecure"), "--only", "N-09"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("no guide item N-09");
  });

  it("--fail-on accepts none and never in audit and scan alike; explain --json lists items as JSON", () => {
    for (const word of ["none", "never"]) {
      expect(
        run(["audit", "--state-dir", join(repo, "examples", "insecure"), "--fail-on", word]).status,
      ).toBe(0);
      const corpus = join(repo, "test", "fixtures", "skills", "corpus", "exfil-env-webhook");
      expect(run(["scan", "--fail-on", word, corpus]).status).toBe(0);
    }
    const list = JSON.parse(run(["explain", "--json"]).stdout) as Array<{ id: string }>;
    expect(list).toHaveLength(41);
  });

  it("finds clawwarden.json in the state dir when run from elsewhere, and names what looks wrong in it", () => {
    const state = join(home, "state-with-config");
    cpSync(join(repo, "examples", "insecure"), state, { recursive: true });
    mkdirSync(join(state, ".clawwarden"), { recursive: true });
    writeFileSync(
      join(state, ".clawwarden", "clawwarden.json"),
      JSON.stringify({
        suppressions: [
          { checkId: "N-01.bind-lan", reason: "behind a firewall" },
          { checkId: "N-05.mdns-minmal", reason: "typo" },
          { checkId: "N-04.direct-listener", reason: "old", expires: "2020-01-01" },
        ],
      }),
    );
    const r = spawnSync(process.execPath, [cli, "audit", "--state-dir", state, "--json", "--no-openclaw"], {
      encoding: "utf8",
      cwd: "/",
      env: { PATH: process.env.PATH, HOME: home },
    });
    const report = JSON.parse(r.stdout) as { clawwarden: { config: string; notes: string[] } };
    expect(report.clawwarden.config).toBe(join(state, ".clawwarden", "clawwarden.json"));
    expect(report.clawwarden.notes.join("\n")).toMatch(/N-05\.mdns-minmal\) matches no finding/);
    expect(report.clawwarden.notes.join("\n")).toMatch(/expired on 2020-01-01/);
  });

  it("attest writes a validated attestation the audit then applies (mode 600, replaced per item)", () => {
    const state = join(home, "state-attest");
    cpSync(join(repo, "examples", "hardened"), state, { recursive: true });
    const attest = (args: string[]) =>
      spawnSync(process.execPath, [cli, "attest", ...args, "--state-dir", state], {
        encoding: "utf8",
        cwd: "/",
        env: { PATH: process.env.PATH, HOME: home },
      });
    expect(attest(["D-03", "--by", "alice", "--expires", "2020-01-01"]).status).toBe(2);
    expect(attest(["X-01", "--by", "alice"]).status).toBe(2);
    const ok = attest(["D-03", "--by", "alice", "--expires", "2099-01-01", "--note", "throwaway number"]);
    expect(ok.status, ok.stderr).toBe(0);
    expect(attest(["D-03", "--by", "bob"]).status).toBe(0);
    const file = join(state, ".clawwarden", "clawwarden.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(readFileSync(file, "utf8")) as {
      attestations: Array<{ id: string; by: string }>;
    };
    expect(saved.attestations).toEqual([expect.objectContaining({ id: "D-03", by: "bob" })]);
    const audit = spawnSync(
      process.execPath,
      [cli, "audit", "--state-dir", state, "--only", "D-03", "--json", "--no-openclaw"],
      {
        encoding: "utf8",
        cwd: "/",
        env: { PATH: process.env.PATH, HOME: home },
      },
    );
    const report = JSON.parse(audit.stdout) as { items: Array<{ status: string }> };
    expect(report.items[0]?.status).toBe("pass");
  });

  it("--no-color wins over FORCE_COLOR; -q keeps stderr quiet when writing --output", () => {
    const state = join(repo, "examples", "insecure");
    const coloured = spawnSync(process.execPath, [cli, "audit", "--state-dir", state, "--no-openclaw"], {
      encoding: "utf8",
      env: { PATH: process.env.PATH, HOME: home, FORCE_COLOR: "1" },
    });
    expect(coloured.stdout).toContain("\u001b[");
    const plain = spawnSync(
      process.execPath,
      [cli, "audit", "--state-dir", state, "--no-openclaw", "--no-color"],
      {
        encoding: "utf8",
        env: { PATH: process.env.PATH, HOME: home, FORCE_COLOR: "1" },
      },
    );
    expect(plain.stdout).not.toContain("\u001b[");
    const quiet = run([
      "audit",
      "--state-dir",
      state,
      "--no-openclaw",
      "-q",
      "--output",
      join(home, "q.txt"),
    ]);
    expect(quiet.stderr).toBe("");
  });
});
