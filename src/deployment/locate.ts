import { existsSync } from "node:fs";
import { homedir as osHomedir } from "node:os";
import { join, resolve } from "node:path";
import type { Locator } from "../model/snapshot.js";
import { InputError } from "../util/errors.js";

/**
 * Finds the OpenClaw state dir and config file the way OpenClaw 2026.9.6 does
 * (`src/config/paths.ts`, `src/config/state-dir.ts`, `src/cli/profile.ts`):
 *
 * - `OPENCLAW_HOME` replaces the home dir for every `~` default.
 * - `--profile NAME` / `--dev` behave like OpenClaw's `applyCliProfileEnv`: they set the state dir to
 *   `~/.openclaw-NAME` and the config to `<that>/openclaw.json` unless `OPENCLAW_STATE_DIR` /
 *   `OPENCLAW_CONFIG_PATH` are already set.
 * - `OPENCLAW_PROFILE` on its own does NOT move the state dir or config in 9.6 (checked against the real
 *   `openclaw config file`); it only changes the default workspace, so it is kept in `Locator.profile`.
 * - Without overrides the new `~/.openclaw` wins when it exists, else an existing legacy `~/.clawdbot`.
 *   The config is the first existing of `openclaw.json` / `clawdbot.json` in the candidate dirs.
 * - With a state dir set (env, profile or flag) the config is `openclaw.json` or `clawdbot.json` inside it.
 * - Our own `--state-dir` / `--config` flags win over everything.
 */
export interface LocateOptions {
  stateDir?: string;
  config?: string;
  profile?: string;
  dev?: boolean;
  env: Record<string, string | undefined>;
  /** OS home used when HOME is unset (defaults to `os.homedir()`); `OPENCLAW_HOME` still wins. */
  home?: string;
}

const CONFIG_FILENAME = "openclaw.json";
const LEGACY_CONFIG_FILENAME = "clawdbot.json";
const STATE_DIRNAME = ".openclaw";
const LEGACY_STATE_DIRNAME = ".clawdbot";
const PROFILE_NAME_RE = /^[a-z0-9][a-z0-9_-]{0,63}$/i;

export function isValidProfileName(name: string): boolean {
  return PROFILE_NAME_RE.test(name);
}

function clean(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed && trimmed !== "undefined" && trimmed !== "null" ? trimmed : undefined;
}

/** OpenClaw's effective home: `OPENCLAW_HOME` (its own `~` expanded with the OS home), else the OS home. */
export function resolveHome(env: Record<string, string | undefined>, home?: string): string {
  const osHome = clean(env.HOME) ?? clean(env.USERPROFILE) ?? clean(home) ?? osHomedir();
  const explicit = clean(env.OPENCLAW_HOME);
  if (!explicit) return resolve(osHome);
  if (explicit === "~" || explicit.startsWith("~/")) return resolve(explicit.replace(/^~/, osHome));
  return resolve(explicit);
}

/** Expands a leading `~` with the effective home and makes the path absolute. */
export function expandUserPath(input: string, home: string): string {
  const trimmed = input.trim();
  if (trimmed === "~" || trimmed.startsWith("~/")) return resolve(trimmed.replace(/^~/, home));
  return resolve(trimmed);
}

/** `~/.openclaw` for the default profile, `~/.openclaw-NAME` otherwise. */
export function profileStateDir(profile: string, home: string): string {
  const name = profile.trim();
  if (!isValidProfileName(name)) {
    throw new InputError(
      `invalid profile name ${JSON.stringify(profile)} (use letters, numbers, "_" and "-" only)`,
    );
  }
  return join(home, name.toLowerCase() === "default" ? STATE_DIRNAME : `${STATE_DIRNAME}-${name}`);
}

interface Chosen {
  path: string;
  source: string;
}

export function locate(opts: LocateOptions): Locator {
  const env = opts.env;
  const home = resolveHome(env, opts.home);
  const flagProfile = opts.profile?.trim();
  if (opts.profile !== undefined && !flagProfile) throw new InputError("--profile requires a value");
  if (opts.dev && flagProfile !== undefined) throw new InputError("Cannot combine --dev with --profile");
  const cliProfile = opts.dev ? "dev" : flagProfile;
  const envProfile = clean(env.OPENCLAW_PROFILE);
  if (envProfile !== undefined && !isValidProfileName(envProfile)) {
    throw new InputError(
      `invalid OPENCLAW_PROFILE ${JSON.stringify(envProfile)} (use letters, numbers, "_" and "-" only)`,
    );
  }

  let stateDirSetting: Chosen | undefined;
  let configSetting: Chosen | undefined;
  const envStateDir = clean(env.OPENCLAW_STATE_DIR);
  const envConfig = clean(env.OPENCLAW_CONFIG_PATH);
  if (envStateDir) stateDirSetting = { path: envStateDir, source: "env:OPENCLAW_STATE_DIR" };
  if (envConfig) configSetting = { path: envConfig, source: "env:OPENCLAW_CONFIG_PATH" };

  if (cliProfile !== undefined) {
    // applyCliProfileEnv: a profile flag only fills what the environment has not set, except that an
    // env path equal to the inherited profile's own default is switched to the selected profile.
    const inheritedDir = profileStateDir(envProfile ?? "default", home);
    const selectedDir = profileStateDir(cliProfile, home);
    const switches = inheritedDir !== selectedDir;
    const switchesState = Boolean(
      envStateDir && switches && expandUserPath(envStateDir, home) === inheritedDir,
    );
    const replacesConfig = Boolean(
      switches &&
        (!envStateDir || switchesState) &&
        envConfig &&
        expandUserPath(envConfig, home) === join(inheritedDir, CONFIG_FILENAME),
    );
    const source = `profile:${cliProfile}`;
    const stateDir = envStateDir && !switchesState ? envStateDir : selectedDir;
    if (!envStateDir || switchesState) stateDirSetting = { path: stateDir, source };
    if (!envConfig || replacesConfig) configSetting = { path: join(stateDir, CONFIG_FILENAME), source };
  }

  const flagStateDir = clean(opts.stateDir);
  const flagConfig = clean(opts.config);
  if (flagStateDir) stateDirSetting = { path: flagStateDir, source: "flag" };
  if (flagConfig) configSetting = { path: flagConfig, source: "flag" };

  const stateDir = resolveStateDir(stateDirSetting, home);
  const config = resolveConfigPath(configSetting, stateDirSetting, stateDir, home);
  const profile = cliProfile ?? envProfile;
  const locator: Locator = {
    stateDir: stateDir.path,
    configPath: config.path,
    stateDirSource: stateDir.source,
    configPathSource: config.source,
    home,
  };
  if (profile !== undefined) locator.profile = profile;
  return locator;
}

function resolveStateDir(setting: Chosen | undefined, home: string): Chosen {
  if (setting) return { path: expandUserPath(setting.path, home), source: setting.source };
  const newDir = join(home, STATE_DIRNAME);
  if (existsSync(newDir)) return { path: newDir, source: "default" };
  const legacyDir = join(home, LEGACY_STATE_DIRNAME);
  if (existsSync(legacyDir)) return { path: legacyDir, source: "legacy" };
  return { path: newDir, source: "default" };
}

function resolveConfigPath(
  setting: Chosen | undefined,
  stateDirSetting: Chosen | undefined,
  stateDir: Chosen,
  home: string,
): Chosen {
  if (setting) return { path: expandUserPath(setting.path, home), source: setting.source };
  const candidates: Chosen[] = [];
  const inDir = (dir: string, source: string) => {
    candidates.push({ path: join(dir, CONFIG_FILENAME), source });
    candidates.push({ path: join(dir, LEGACY_CONFIG_FILENAME), source: "legacy" });
  };
  if (stateDirSetting) inDir(stateDir.path, stateDir.source);
  else {
    inDir(join(home, STATE_DIRNAME), "default");
    inDir(join(home, LEGACY_STATE_DIRNAME), "legacy");
  }
  const existing = candidates.find((c) => existsSync(c.path));
  if (existing) return existing;
  return { path: join(stateDir.path, CONFIG_FILENAME), source: stateDir.source };
}
