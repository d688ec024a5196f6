import { join } from "node:path";
import { loadClawwardenConfig } from "../deployment/clawwarden-config.js";
import { loadConfig } from "../deployment/config.js";
import { collectEnvNames } from "../deployment/env-names.js";
import { type LocateOptions, locate } from "../deployment/locate.js";
import { collectOpenClaw } from "../deployment/openclaw-cli.js";
import { collectOperations } from "../deployment/operations.js";
import { readRotations } from "../deployment/rotations.js";
import { scanConfigSecrets, scanStateSecrets } from "../deployment/secret-scan.js";
import { inventoryStateDir } from "../deployment/state-dir.js";
import { collectWorkspaces } from "../deployment/workspaces.js";
import type { Progress } from "../model/progress.js";
import type { InstalledSkillsScan, Snapshot } from "../model/snapshot.js";
import { type Fact, known, notKnown } from "../model/snapshot.js";

export interface CollectOptions extends LocateOptions {
  cwd: string;
  /** clawwarden's own config (attestations, suppressions). */
  clawwardenConfig?: string;
  /** Run `openclaw security audit --json` (and doctor lint) when the CLI is found. */
  openclaw: boolean;
  openclawBin?: string;
  live: boolean;
  deep: boolean;
  /** Read sockets and firewall inside this network namespace (`ip netns`), e.g. a containerised gateway's. */
  netns?: string;
  /** Scan installed skills and plugins for the K items. */
  skills: boolean;
  now?: Date;
  /** Told how the long parts (secret scan, openclaw CLI, probes, skills) are getting on. */
  progress?: Progress;
}

/** A task of unknown length: shown while it runs. */
async function phase<T>(progress: Progress | undefined, task: string, work: Promise<T>): Promise<T> {
  progress?.({ task, done: 0, total: 0, unit: "items" });
  try {
    return await work;
  } finally {
    progress?.({ task, done: 1, total: 1, unit: "items" });
  }
}

/** Reads everything a check may need. Collectors read and never judge; nothing here decides pass/fail. */
export async function collectSnapshot(opts: CollectOptions): Promise<Snapshot> {
  const takenAt = (opts.now ?? new Date()).toISOString();
  const locator = locate(opts);
  const home = locator.home;
  const config = loadConfig(locator.configPath, {
    env: opts.env,
    dotenvFiles: [join(locator.stateDir, ".env"), join(home, ".config", "openclaw", "gateway.env")],
  });
  const clawwarden = loadClawwardenConfig(opts.clawwardenConfig, opts.cwd, {
    stateDir: locator.stateDir,
    env: opts.env,
  });
  const state = inventoryStateDir(locator.stateDir);
  const workspaces = collectWorkspaces(locator, config, opts.env);

  const [stateSecrets, openclaw, live, skills] = await Promise.all([
    scanStateSecrets(locator.stateDir, state, opts.progress ? { progress: opts.progress } : {}),
    opts.openclaw
      ? phase(
          opts.progress,
          "openclaw security audit",
          collectOpenClaw({
            locator,
            env: opts.env,
            doctor: true,
            configFiles: [config.path, ...config.files],
            ...(opts.openclawBin !== undefined && { bin: opts.openclawBin }),
          }),
        )
      : Promise.resolve(openclawSkipped()),
    opts.live
      ? phase(
          opts.progress,
          opts.deep ? "deep probes" : "host facts",
          collectLiveFacts(opts, locator, config),
        )
      : Promise.resolve(undefined),
    opts.skills
      ? phase(opts.progress, "installed skills scan", collectSkills(locator, config, home, workspaces))
      : Promise.resolve(undefined),
  ]);

  const snapshot: Snapshot = {
    takenAt,
    locator,
    config,
    envSet: collectEnvNames(opts.env, locator.stateDir, home),
    state,
    configSecrets: scanConfigSecrets(locator, config, state),
    stateSecrets,
    workspaces,
    openclaw,
    clawwarden,
    rotations: readRotations(locator.stateDir),
    operations: collectOperations(locator.stateDir, clawwarden),
  };
  if (live !== undefined) snapshot.live = live;
  if (skills !== undefined) snapshot.skills = skills;
  return snapshot;
}

function openclawSkipped(): Snapshot["openclaw"] {
  const reason = "not run (--no-openclaw)";
  return { version: notKnown(reason), audit: notKnown(reason), doctorLint: notKnown(reason) };
}

async function collectLiveFacts(
  opts: CollectOptions,
  locator: Snapshot["locator"],
  config: Snapshot["config"],
): Promise<Snapshot["live"]> {
  const { collectLive } = await import("../deployment/live.js");
  return collectLive({
    locator,
    config,
    deep: opts.deep,
    env: opts.env,
    ...(opts.netns !== undefined && { netns: opts.netns }),
  });
}

async function collectSkills(
  locator: Snapshot["locator"],
  config: Snapshot["config"],
  home: string,
  workspaces: Snapshot["workspaces"],
): Promise<Fact<InstalledSkillsScan>> {
  try {
    const { scanInstalled } = await import("../skills/installed.js");
    const strings = (v: unknown) =>
      Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
    const skillsLoad = (config.value.skills as { load?: { extraDirs?: unknown } } | undefined)?.load;
    const pluginsLoad = (config.value.plugins as { load?: { paths?: unknown } } | undefined)?.load;
    const { reports: _reports, ...scan } = await scanInstalled({
      stateDir: locator.stateDir,
      home,
      workspaces: workspaces.map((w) => w.path),
      extraSkillDirs: strings(skillsLoad?.extraDirs),
      extraPluginDirs: strings(pluginsLoad?.paths),
    });
    return known(scan);
  } catch (error) {
    return notKnown(
      `skill scan failed: ${(error as Error).message}`,
      "run `clawwarden scan <dir>` on each skill root",
    );
  }
}
