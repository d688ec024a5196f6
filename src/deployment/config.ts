import { resolve } from "node:path";
import { parse as parseDotenv } from "dotenv";
import type { ConfigIssue, LoadedConfig } from "../model/snapshot.js";
import { InputError } from "../util/errors.js";
import { applyEnv, configEnvVars } from "./config-env.js";
import { includeRoots, resolveIncludes } from "./config-include.js";
import { MAX_CONFIG_FILE_BYTES, readTextFileBounded } from "./config-read.js";
import { type DuplicateKey, flatten, MAX_CONFIG_TOKENS, parseLocated } from "./config-tree.js";
import { resolveHome } from "./locate.js";

export interface LoadConfigOptions {
  /** The environment the gateway sees (for `${VAR}`, OPENCLAW_INCLUDE_ROOTS and `~`). */
  env: Record<string, string | undefined>;
  /**
   * Dotenv files the gateway also loads, highest precedence first (OpenClaw: `<stateDir>/.env`, then
   * `~/.config/openclaw/gateway.env`). They only fill variables the environment leaves missing or empty.
   */
  dotenvFiles?: string[];
}

const MAX_DOTENV_BYTES = 1024 * 1024;

/**
 * Loads an OpenClaw config the way OpenClaw reads it, keeping where every key was written:
 * JSON5 → `$include` resolution (confined, depth 10, no cycles) → `${VAR}` substitution (the
 * dotenv files, then the config's own `env.vars`, fill variables the environment leaves missing). A missing file is `exists: false` with `{}`;
 * anything unreadable or malformed throws InputError with file:line:column.
 */
export function loadConfig(path: string, opts: LoadConfigOptions): LoadedConfig {
  const file = resolve(path);
  const read = readTextFileBounded(file, { maxBytes: MAX_CONFIG_FILE_BYTES, label: "config file" });
  if (!read.exists) {
    return {
      path: file,
      exists: false,
      value: {},
      positions: {},
      files: [],
      envSubstituted: {},
      secretRefs: [],
      issues: [],
    };
  }
  const duplicates: DuplicateKey[] = [];
  const tokens = { left: MAX_CONFIG_TOKENS };
  const parsed = parseLocated(read.text, file, "config file", duplicates, tokens);
  if (parsed.kind !== "object") {
    throw new InputError(`config root must be an object, found ${parsed.kind}`, parsed.loc);
  }
  const home = resolveHome(opts.env);
  const ctx = { roots: includeRoots(file, opts.env, home), files: [] as string[], duplicates, tokens };
  const merged = resolveIncludes(parsed, file, ctx);
  if (merged.kind !== "object") {
    throw new InputError(`config root must be an object after $include, found ${merged.kind}`, merged.loc);
  }
  const env: Record<string, string | undefined> = { ...opts.env };
  const fill = (vars: Record<string, string>) => {
    for (const [k, v] of Object.entries(vars)) if (!env[k]?.trim()) env[k] = v;
  };
  const issues: ConfigIssue[] = duplicates.map((d) => ({
    kind: "parse-error",
    message: `duplicate key ${JSON.stringify(d.key)}: this later value wins over the one at line ${d.first.line}, which OpenClaw ignores`,
    location: d.last,
  }));
  for (const dotenv of opts.dotenvFiles ?? []) {
    try {
      const read = readTextFileBounded(dotenv, { maxBytes: MAX_DOTENV_BYTES, label: "dotenv file" });
      if (read.exists) fill(parseDotenv(read.text));
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      issues.push({ kind: "read-error", message: err.message, location: { file: dotenv } });
    }
  }
  fill(configEnvVars(merged));
  const substituted = applyEnv(merged, env);
  const { value, positions } = flatten(substituted.root);
  return {
    path: file,
    exists: true,
    value: value as Record<string, unknown>,
    positions,
    files: [file, ...ctx.files],
    envSubstituted: substituted.envSubstituted,
    secretRefs: substituted.secretRefs,
    issues: [...issues, ...substituted.issues],
  };
}
