import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { locate } from "../../src/deployment/locate.js";
import { InputError } from "../../src/util/errors.js";
import { openclawBin, openclawEnv } from "../helpers/openclaw.js";

const tmpRoots: string[] = [];
function tmpHome(layout: string[] = []): string {
  const home = mkdtempSync(join(tmpdir(), "cw-locate-"));
  tmpRoots.push(home);
  for (const rel of layout) {
    const abs = join(home, rel);
    if (rel.endsWith("/")) mkdirSync(abs, { recursive: true });
    else {
      mkdirSync(join(abs, ".."), { recursive: true });
      writeFileSync(abs, "{}\n");
    }
  }
  return home;
}
afterAll(() => {
  for (const r of tmpRoots) rmSync(r, { recursive: true, force: true });
});

interface Case {
  name: string;
  layout?: string[];
  env?: Record<string, string>;
  profile?: string;
  dev?: boolean;
  stateDir?: string;
  config?: string;
  want: {
    stateDir: string;
    stateDirSource: string;
    configPath: string;
    configPathSource: string;
    profile?: string;
  };
}

// Paths in `want`, env and flags use H for the temp home.
const cases: Case[] = [
  {
    name: "fresh home: ~/.openclaw",
    want: {
      stateDir: "H/.openclaw",
      stateDirSource: "default",
      configPath: "H/.openclaw/openclaw.json",
      configPathSource: "default",
    },
  },
  {
    name: "legacy ~/.clawdbot used when ~/.openclaw is absent",
    layout: [".clawdbot/"],
    want: {
      stateDir: "H/.clawdbot",
      stateDirSource: "legacy",
      configPath: "H/.clawdbot/openclaw.json",
      configPathSource: "legacy",
    },
  },
  {
    name: "legacy clawdbot.json inside the legacy dir",
    layout: [".clawdbot/clawdbot.json"],
    want: {
      stateDir: "H/.clawdbot",
      stateDirSource: "legacy",
      configPath: "H/.clawdbot/clawdbot.json",
      configPathSource: "legacy",
    },
  },
  {
    name: "new dir wins over legacy when both exist",
    layout: [".openclaw/", ".clawdbot/clawdbot.json"],
    want: {
      stateDir: "H/.openclaw",
      stateDirSource: "default",
      configPath: "H/.clawdbot/clawdbot.json",
      configPathSource: "legacy",
    },
  },
  {
    name: "OPENCLAW_HOME replaces ~ (with its own ~ expanded)",
    env: { OPENCLAW_HOME: "~/alt" },
    want: {
      stateDir: "H/alt/.openclaw",
      stateDirSource: "default",
      configPath: "H/alt/.openclaw/openclaw.json",
      configPathSource: "default",
    },
  },
  {
    name: "OPENCLAW_STATE_DIR with a legacy clawdbot.json in it",
    layout: ["sd/clawdbot.json"],
    env: { OPENCLAW_STATE_DIR: "H/sd" },
    want: {
      stateDir: "H/sd",
      stateDirSource: "env:OPENCLAW_STATE_DIR",
      configPath: "H/sd/clawdbot.json",
      configPathSource: "legacy",
    },
  },
  {
    name: "OPENCLAW_STATE_DIR with a config in it",
    layout: ["sd/openclaw.json"],
    env: { OPENCLAW_STATE_DIR: "H/sd" },
    want: {
      stateDir: "H/sd",
      stateDirSource: "env:OPENCLAW_STATE_DIR",
      configPath: "H/sd/openclaw.json",
      configPathSource: "env:OPENCLAW_STATE_DIR",
    },
  },
  {
    name: "OPENCLAW_STATE_DIR without a config does not fall back to ~/.openclaw/openclaw.json",
    layout: ["sd/", ".openclaw/openclaw.json"],
    env: { OPENCLAW_STATE_DIR: "H/sd" },
    want: {
      stateDir: "H/sd",
      stateDirSource: "env:OPENCLAW_STATE_DIR",
      configPath: "H/sd/openclaw.json",
      configPathSource: "env:OPENCLAW_STATE_DIR",
    },
  },
  {
    name: "OPENCLAW_STATE_DIR with ~ and no config anywhere",
    env: { OPENCLAW_STATE_DIR: "~/state" },
    want: {
      stateDir: "H/state",
      stateDirSource: "env:OPENCLAW_STATE_DIR",
      configPath: "H/state/openclaw.json",
      configPathSource: "env:OPENCLAW_STATE_DIR",
    },
  },
  {
    name: "OPENCLAW_CONFIG_PATH wins over the state-dir-derived path",
    layout: ["sd/openclaw.json"],
    env: { OPENCLAW_STATE_DIR: "H/sd", OPENCLAW_CONFIG_PATH: "H/elsewhere/cfg.json5" },
    want: {
      stateDir: "H/sd",
      stateDirSource: "env:OPENCLAW_STATE_DIR",
      configPath: "H/elsewhere/cfg.json5",
      configPathSource: "env:OPENCLAW_CONFIG_PATH",
    },
  },
  {
    name: "OPENCLAW_PROFILE alone does not move state or config (9.6)",
    env: { OPENCLAW_PROFILE: "work" },
    want: {
      stateDir: "H/.openclaw",
      stateDirSource: "default",
      configPath: "H/.openclaw/openclaw.json",
      configPathSource: "default",
      profile: "work",
    },
  },
  {
    name: "--profile work",
    profile: "work",
    layout: [".openclaw/openclaw.json"],
    want: {
      stateDir: "H/.openclaw-work",
      stateDirSource: "profile:work",
      configPath: "H/.openclaw-work/openclaw.json",
      configPathSource: "profile:work",
      profile: "work",
    },
  },
  {
    name: "--profile default is ~/.openclaw",
    profile: "default",
    want: {
      stateDir: "H/.openclaw",
      stateDirSource: "profile:default",
      configPath: "H/.openclaw/openclaw.json",
      configPathSource: "profile:default",
      profile: "default",
    },
  },
  {
    name: "--dev is profile dev",
    dev: true,
    want: {
      stateDir: "H/.openclaw-dev",
      stateDirSource: "profile:dev",
      configPath: "H/.openclaw-dev/openclaw.json",
      configPathSource: "profile:dev",
      profile: "dev",
    },
  },
  {
    name: "--profile keeps an explicit OPENCLAW_STATE_DIR",
    env: { OPENCLAW_STATE_DIR: "H/sd" },
    profile: "work",
    want: {
      stateDir: "H/sd",
      stateDirSource: "env:OPENCLAW_STATE_DIR",
      configPath: "H/sd/openclaw.json",
      configPathSource: "profile:work",
      profile: "work",
    },
  },
  {
    name: "--profile switches an OPENCLAW_STATE_DIR that is the inherited profile's default",
    env: { OPENCLAW_STATE_DIR: "H/.openclaw", OPENCLAW_CONFIG_PATH: "H/.openclaw/openclaw.json" },
    profile: "work",
    want: {
      stateDir: "H/.openclaw-work",
      stateDirSource: "profile:work",
      configPath: "H/.openclaw-work/openclaw.json",
      configPathSource: "profile:work",
      profile: "work",
    },
  },
  {
    name: "--state-dir flag overrides env and looks only inside that dir",
    layout: [".openclaw/openclaw.json", "copy/clawdbot.json"],
    env: { OPENCLAW_STATE_DIR: "H/sd" },
    stateDir: "H/copy",
    want: {
      stateDir: "H/copy",
      stateDirSource: "flag",
      configPath: "H/copy/clawdbot.json",
      configPathSource: "legacy",
    },
  },
  {
    name: "--config flag overrides OPENCLAW_CONFIG_PATH and --profile",
    env: { OPENCLAW_CONFIG_PATH: "H/env.json" },
    profile: "work",
    config: "~/flag.json",
    want: {
      stateDir: "H/.openclaw-work",
      stateDirSource: "profile:work",
      configPath: "H/flag.json",
      configPathSource: "flag",
      profile: "work",
    },
  },
];

const sub = (s: string, home: string) => s.replace(/^H(?=\/|$)/, home);
function run(c: Case) {
  const home = tmpHome(c.layout);
  const env: Record<string, string> = { HOME: home };
  for (const [k, v] of Object.entries(c.env ?? {})) env[k] = sub(v, home);
  const opts: Parameters<typeof locate>[0] = { env };
  if (c.profile !== undefined) opts.profile = c.profile;
  if (c.dev) opts.dev = true;
  if (c.stateDir) opts.stateDir = sub(c.stateDir, home);
  if (c.config) opts.config = c.config;
  return { home, env, got: locate(opts) };
}

describe("locate", () => {
  it.each(cases)("$name", (c) => {
    const { home, got } = run(c);
    const want = {
      ...c.want,
      stateDir: sub(c.want.stateDir, home),
      configPath: sub(c.want.configPath, home),
      home: c.env?.OPENCLAW_HOME ? join(home, "alt") : home,
    };
    expect(got).toEqual(want);
  });

  it("rejects --dev with --profile, bad profile names and an empty --profile", () => {
    const env = { HOME: "/nonexistent-home" };
    expect(() => locate({ env, dev: true, profile: "work" })).toThrow(/Cannot combine --dev with --profile/);
    expect(() => locate({ env, profile: "../etc" })).toThrow(InputError);
    expect(() => locate({ env, profile: "a b" })).toThrow(/letters, numbers/);
    expect(() => locate({ env, profile: "  " })).toThrow(/requires a value/);
    expect(() => locate({ env: { ...env, OPENCLAW_PROFILE: "x/y" } })).toThrow(InputError);
  });

  it("uses opts.home when HOME is unset", () => {
    const got = locate({ env: {}, home: "/srv/oc" });
    expect(got.home).toBe("/srv/oc");
    expect(got.stateDir).toBe("/srv/oc/.openclaw");
  });
});

// The real OpenClaw 2026.9.6 answers `openclaw [--profile P|--dev] config file --json` for the same
// homes and environments: our config path must be the one it uses.
describe("locate agrees with the real OpenClaw", () => {
  // Each openclaw call costs 1–4 s of CPU: skip the cases that only repeat a rule checked elsewhere.
  const repeats = new Set([
    "fresh home: ~/.openclaw",
    "OPENCLAW_STATE_DIR with a config in it",
    "OPENCLAW_STATE_DIR with ~ and no config anywhere",
    "--profile default is ~/.openclaw",
    "--profile keeps an explicit OPENCLAW_STATE_DIR",
  ]);
  const differential = cases.filter((c) => !c.stateDir && !c.config && !repeats.has(c.name));
  it(`matches \`openclaw config file\` on ${differential.length} layouts`, () => {
    const bin = openclawBin();
    const mismatches: string[] = [];
    for (const c of differential) {
      const { home, env, got } = run(c);
      const args = [
        ...(c.dev ? ["--dev"] : []),
        ...(c.profile ? ["--profile", c.profile] : []),
        "config",
        "file",
        "--json",
      ];
      const ocEnv = openclawEnv(home, "", env);
      if (!env.OPENCLAW_STATE_DIR) delete ocEnv.OPENCLAW_STATE_DIR;
      const out = execFileSync(bin, args, { env: ocEnv, encoding: "utf8", timeout: 60_000 });
      const real = (JSON.parse(out.slice(out.indexOf("{"))) as { path: string }).path;
      if (real !== got.configPath) mismatches.push(`${c.name}: openclaw ${real}, ours ${got.configPath}`);
    }
    expect(mismatches).toEqual([]);
  }, 180_000);
});
