import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/deployment/config.js";
import { locate } from "../../src/deployment/locate.js";
import { collectWorkspaces, normalizeAgentId, readSoulMd } from "../../src/deployment/workspaces.js";
import type { LoadedConfig, Locator } from "../../src/model/snapshot.js";
import { openclawBin, openclawEnv } from "../helpers/openclaw.js";

const roots: string[] = [];
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), "cw-ws-"));
  roots.push(d);
  return d;
}
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

function loaded(value: Record<string, unknown>): LoadedConfig {
  return {
    path: "/x/openclaw.json",
    exists: true,
    value,
    positions: {},
    files: [],
    envSubstituted: {},
    secretRefs: [],
    issues: [],
  };
}
const H = "/home/op";
const defaultLocator: Locator = {
  stateDir: `${H}/.openclaw`,
  configPath: `${H}/.openclaw/openclaw.json`,
  stateDirSource: "default",
  configPathSource: "default",
  home: H,
};
const paths = (loc: Locator, value: Record<string, unknown>, env: Record<string, string> = {}) =>
  collectWorkspaces(loc, loaded(value), env).map((w) => [w.agentId, w.path, w.keyPath ?? null]);

describe("collectWorkspaces: paths", () => {
  it("no agents config: the implicit main agent in ~/.openclaw/workspace", () => {
    expect(paths(defaultLocator, {})).toEqual([["main", `${H}/.openclaw/workspace`, null]]);
  });

  it("agents.defaults.workspace with ~ for the sole agent", () => {
    expect(paths(defaultLocator, { agents: { defaults: { workspace: "~/ws" } } })).toEqual([
      ["main", `${H}/ws`, "agents.defaults.workspace"],
    ]);
  });

  it("explicit multi-agent roster: <stateDir>/workspace-<id>, own workspace wins", () => {
    const cfg = {
      agents: { ownership: "explicit", entries: { main: {}, Ops: {}, x: { workspace: "/srv/x" } } },
    };
    expect(paths(defaultLocator, cfg)).toEqual([
      ["main", `${H}/.openclaw/workspace-main`, null],
      ["ops", `${H}/.openclaw/workspace-ops`, null],
      ["x", "/srv/x", "agents.entries.x.workspace"],
    ]);
  });

  it("legacy agents.list with default:true and a shared root: <root>/<id> for the others", () => {
    const cfg = {
      agents: {
        defaults: { workspace: "/srv/shared" },
        list: [{ id: "main", default: true }, { id: "ops" }],
      },
    };
    expect(paths(defaultLocator, cfg)).toEqual([
      ["main", "/srv/shared", "agents.defaults.workspace"],
      ["ops", "/srv/shared/ops", "agents.defaults.workspace"],
    ]);
  });

  it("a state dir chosen by env/flag/profile moves the default workspace into it", () => {
    const loc = { ...defaultLocator, stateDir: "/data/oc", stateDirSource: "flag" };
    expect(paths(loc, {})).toEqual([["main", "/data/oc/workspace", null]]);
  });

  it("OPENCLAW_PROFILE alone moves only the default workspace; OPENCLAW_WORKSPACE_DIR wins", () => {
    const loc = { ...defaultLocator, profile: "work" };
    expect(paths(loc, {})).toEqual([["main", `${H}/.openclaw-work/workspace`, null]]);
    expect(paths(loc, {}, { OPENCLAW_WORKSPACE_DIR: "~/w" })).toEqual([["main", `${H}/w`, null]]);
  });

  it("an empty roster has no agents", () => {
    expect(paths(defaultLocator, { agents: { entries: {} } })).toEqual([]);
  });

  it("normalises agent ids like OpenClaw", () => {
    expect(normalizeAgentId("Ops")).toBe("ops");
    expect(normalizeAgentId(" my agent! ")).toBe("my-agent");
    expect(normalizeAgentId("!!!")).toBe("main");
    expect(normalizeAgentId(undefined)).toBe("main");
  });
});

describe("readSoulMd", () => {
  it("reads SOUL.md; null when the file or the workspace is absent", () => {
    const ws = tmp();
    expect(readSoulMd(ws)).toEqual({ known: true, value: null });
    expect(readSoulMd(join(ws, "missing"))).toEqual({ known: true, value: null });
    writeFileSync(join(ws, "SOUL.md"), "# Soul\nNever run rm -rf.\n");
    expect(readSoulMd(ws)).toEqual({ known: true, value: "# Soul\nNever run rm -rf.\n" });
  });

  it("is unknown (with the reason) when over 1 MB, not a regular file, not UTF-8 or linked outside", () => {
    const ws = tmp();
    writeFileSync(join(ws, "SOUL.md"), "x".repeat(1024 * 1024 + 1));
    expect(readSoulMd(ws)).toMatchObject({
      known: false,
      reason: expect.stringMatching(/over the 1 MB limit/),
    });
    rmSync(join(ws, "SOUL.md"));
    execFileSync("mkfifo", [join(ws, "SOUL.md")]);
    expect(readSoulMd(ws)).toMatchObject({ known: false, reason: expect.stringMatching(/FIFO/) });
    rmSync(join(ws, "SOUL.md"));
    writeFileSync(join(ws, "SOUL.md"), Buffer.from([0x23, 0x20, 0xff, 0x0a]));
    expect(readSoulMd(ws)).toMatchObject({ known: false, reason: expect.stringMatching(/not valid UTF-8/) });
    rmSync(join(ws, "SOUL.md"));
    const outside = tmp();
    writeFileSync(join(outside, "secret.txt"), "top secret");
    symlinkSync(join(outside, "secret.txt"), join(ws, "SOUL.md"));
    expect(readSoulMd(ws)).toMatchObject({
      known: false,
      reason: expect.stringMatching(/outside the workspace/),
    });
    rmSync(join(ws, "SOUL.md"));
    writeFileSync(join(ws, "soul-v2.md"), "rules");
    symlinkSync(join(ws, "soul-v2.md"), join(ws, "SOUL.md"));
    expect(readSoulMd(ws)).toEqual({ known: true, value: "rules" });
  });

  it("collectWorkspaces attaches each workspace's SOUL.md", () => {
    const home = tmp();
    mkdirSync(join(home, ".openclaw", "workspace"), { recursive: true });
    writeFileSync(join(home, ".openclaw", "workspace", "SOUL.md"), "be careful");
    const loc = locate({ env: { HOME: home } });
    const [ws] = collectWorkspaces(loc, loaded({}));
    expect(ws).toEqual({
      agentId: "main",
      path: join(home, ".openclaw", "workspace"),
      soulMd: { known: true, value: "be careful" },
    });
  });
});

// The real OpenClaw 2026.9.6 lists each agent's workspace with `openclaw agents list --json`.
describe("collectWorkspaces agrees with the real OpenClaw", () => {
  const configs: Array<{ name: string; config: Record<string, unknown>; stateDirEnv?: boolean }> = [
    { name: "no agents block", config: {} },
    {
      name: "explicit roster",
      config: { agents: { ownership: "explicit", entries: { main: {}, ops: {}, x: { workspace: "~/wx" } } } },
    },
    {
      name: "legacy list with default and shared root",
      config: {
        agents: { defaults: { workspace: "~/shared" }, list: [{ id: "main", default: true }, { id: "ops" }] },
      },
    },
    {
      name: "sole entry under OPENCLAW_STATE_DIR",
      config: { agents: { entries: { solo: {} } } },
      stateDirEnv: true,
    },
  ];
  it(`matches \`openclaw agents list --json\` on ${configs.length} configs`, () => {
    const bin = openclawBin();
    const mismatches: string[] = [];
    for (const c of configs) {
      const home = tmp();
      const stateDir = c.stateDirEnv ? join(home, "state") : join(home, ".openclaw");
      mkdirSync(stateDir, { recursive: true });
      writeFileSync(join(stateDir, "openclaw.json"), JSON.stringify(c.config));
      const env: Record<string, string> = { HOME: home };
      if (c.stateDirEnv) env.OPENCLAW_STATE_DIR = stateDir;
      const ocEnv = openclawEnv(home, stateDir, env);
      if (!c.stateDirEnv) delete ocEnv.OPENCLAW_STATE_DIR;
      const out = execFileSync(bin, ["agents", "list", "--json"], {
        env: ocEnv,
        encoding: "utf8",
        timeout: 60_000,
      });
      const real = (
        JSON.parse(out.slice(out.indexOf("["), out.lastIndexOf("]") + 1)) as Array<{
          id: string;
          workspace: string;
        }>
      ).map((a) => [a.id, a.workspace]);
      const loc = locate({ env });
      const ours = collectWorkspaces(loc, loadConfig(loc.configPath, { env }), env).map((w) => [
        w.agentId,
        w.path,
      ]);
      if (JSON.stringify(ours) !== JSON.stringify(real))
        mismatches.push(`${c.name}: openclaw ${JSON.stringify(real)}, ours ${JSON.stringify(ours)}`);
    }
    expect(mismatches).toEqual([]);
  }, 180_000);
});
