import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { scanInstalled } from "../../src/skills/installed.js";
import {
  approvalDiff,
  approvalStatus,
  approve,
  defaultLockfilePath,
  readLockfile,
} from "../../src/skills/lockfile.js";
import { listQuarantined, quarantine, restore } from "../../src/skills/quarantine.js";
import { scanTarget } from "../../src/skills/scan.js";
import { trialProfile } from "../../src/skills/trial.js";
import { openclawEnv } from "../helpers/openclaw.js";

const corpus = join(import.meta.dirname, "..", "fixtures", "skills", "corpus");
let base = "";
let state = "";
let home = "";
let ws = "";

beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), "cw-manage-"));
  home = join(base, "home");
  state = join(home, ".openclaw");
  ws = join(state, "workspace");
  mkdirSync(join(ws, "skills"), { recursive: true });
  mkdirSync(join(state, "skills"), { recursive: true });
  mkdirSync(join(state, "extensions"), { recursive: true });
  cpSync(join(corpus, "benign-weather"), join(ws, "skills", "benign-weather"), { recursive: true });
  cpSync(join(corpus, "benign-git-helper"), join(state, "skills", "benign-git-helper"), { recursive: true });
  cpSync(join(corpus, "pkg-postinstall"), join(state, "extensions", "helper-plugin"), { recursive: true });
});

const deployment = () => ({ stateDir: state, home, workspaces: [ws] });

describe("approval lockfile", () => {
  it("records name, version, per-file sha256, approver and date; detects changes", async () => {
    const [report] = await scanTarget(join(ws, "skills", "benign-weather"));
    if (!report) throw new Error("no report");
    const lockPath = defaultLockfilePath(state);
    const { entry } = approve(lockPath, report, "alice", new Date("2026-11-25T10:00:00Z"));
    expect(entry).toMatchObject({
      name: "benign-weather",
      kind: "skill",
      approver: "alice",
      approvedAt: "2026-11-25T10:00:00.000Z",
      verdict: "clean",
    });
    expect(Object.keys(entry.files)).toEqual(["SKILL.md"]);
    expect(entry.files["SKILL.md"]).toMatch(/^[0-9a-f]{64}$/);
    const lock = readLockfile(lockPath);
    if (!lock) throw new Error("no lockfile");
    expect(approvalStatus(lock, report)).toBe("approved");
    writeFileSync(
      join(ws, "skills", "benign-weather", "SKILL.md"),
      `${readFileSync(join(ws, "skills", "benign-weather", "SKILL.md"), "utf8")}\nmore\n`,
    );
    const [changed] = await scanTarget(join(ws, "skills", "benign-weather"));
    if (!changed) throw new Error("no report");
    expect(approvalStatus(lock, changed)).toBe("changed");
    expect(approvalDiff(entry, changed.hashes)).toEqual({ added: [], removed: [], modified: ["SKILL.md"] });
    // A second approval keeps the previous lockfile as a backup.
    expect(approve(lockPath, changed, "alice", new Date()).backup).toBe(`${lockPath}.bak`);
  });

  it("scanInstalled covers every discovery root and reports approval state when the lockfile is in use", async () => {
    const before = await scanInstalled(deployment());
    expect(before.lockfileInUse).toBe(false);
    expect(before.items.map((i) => [i.name, i.kind, i.verdict]).sort()).toEqual([
      ["benign-git-helper", "skill", "clean"],
      ["benign-weather", "skill", "clean"],
      ["helper-plugin", "plugin", "malicious"],
    ]);
    expect(before.roots).toEqual(
      expect.arrayContaining([join(ws, "skills"), join(state, "skills"), join(state, "extensions")]),
    );
    const [weather] = await scanTarget(join(ws, "skills", "benign-weather"));
    if (!weather) throw new Error("no report");
    approve(defaultLockfilePath(state), weather, "bob", new Date());
    const after = await scanInstalled(deployment());
    expect(after.lockfileInUse).toBe(true);
    expect(Object.fromEntries(after.items.map((i) => [i.name, i.approved]))).toEqual({
      "benign-weather": "approved",
      "benign-git-helper": "unapproved",
      "helper-plugin": "unapproved",
    });
  });
});

describe("quarantine and restore", () => {
  it("moves a skill out of every discovery root and puts it back", async () => {
    // The same skill installed in two roots: both copies go.
    cpSync(join(corpus, "benign-weather"), join(state, "skills", "benign-weather"), { recursive: true });
    const { manifest } = quarantine("benign-weather", deployment(), new Date("2026-11-25T11:00:00Z"));
    expect(manifest.items.map((i) => i.from).sort()).toEqual(
      [join(state, "skills", "benign-weather"), join(ws, "skills", "benign-weather")].sort(),
    );
    expect(existsSync(join(ws, "skills", "benign-weather"))).toBe(false);
    expect((await scanInstalled(deployment())).items.map((i) => i.name)).not.toContain("benign-weather");
    expect(listQuarantined(state).map((q) => q.manifest.name)).toEqual(["benign-weather"]);
    restore("benign-weather", state);
    expect(readFileSync(join(ws, "skills", "benign-weather", "SKILL.md"), "utf8")).toContain("wttr.in");
    expect(existsSync(join(state, "skills", "benign-weather", "SKILL.md"))).toBe(true);
    expect(listQuarantined(state)).toEqual([]);
  });

  it("finds plugins by manifest id and refuses to restore over a reinstalled copy", () => {
    quarantine("helper-plugin", deployment(), new Date());
    cpSync(join(corpus, "benign-git-helper"), join(state, "extensions", "helper-plugin"), {
      recursive: true,
    });
    expect(() => restore("helper-plugin", state)).toThrow(/exists again/);
  });

  it("says so when nothing matches", () => {
    expect(() => quarantine("no-such-skill", deployment(), new Date())).toThrow(/no installed skill/);
  });
});

describe("trial profile", () => {
  it("is a minimum-privilege agent that the real OpenClaw accepts", () => {
    const profile = trialProfile({ name: "benign-weather", verdict: "clean" });
    const agent = (profile.agents as { entries: Record<string, Record<string, unknown>> }).entries[
      "trial-benign-weather"
    ];
    expect(agent).toMatchObject({
      skills: ["benign-weather"],
      sandbox: { mode: "all", workspaceAccess: "ro", docker: { network: "none" } },
      tools: { profile: "minimal" },
    });
    const cfgDir = join(base, "oc-state");
    mkdirSync(cfgDir, { recursive: true });
    writeFileSync(join(cfgDir, "openclaw.json"), JSON.stringify(profile));
    const out = execFileSync("openclaw", ["config", "validate", "--json"], {
      env: openclawEnv(join(base, "oc-home"), cfgDir),
      encoding: "utf8",
    });
    expect(JSON.parse(out.slice(0, out.lastIndexOf("}") + 1))).toMatchObject({ valid: true });
    // The same validation rejects a profile with a wrong sandbox mode, so the check above means something.
    const bad = structuredClone(profile) as {
      agents: { entries: Record<string, { sandbox: { mode: string } }> };
    };
    (bad.agents.entries["trial-benign-weather"] as { sandbox: { mode: string } }).sandbox.mode = "sometimes";
    writeFileSync(join(cfgDir, "openclaw.json"), JSON.stringify(bad));
    let rejected = "";
    try {
      execFileSync("openclaw", ["config", "validate", "--json"], {
        env: openclawEnv(join(base, "oc-home"), cfgDir),
        encoding: "utf8",
      });
    } catch (e) {
      rejected = String((e as { stdout?: string }).stdout ?? "");
    }
    expect(rejected).toMatch(/"(?:valid|ok)": ?false/);
    expect(rejected).toContain("sandbox");
  });
});
