import { resolve } from "node:path";
import { InputError } from "../util/errors.js";
import { applyEnv, configEnvVars } from "./config-env.js";
import { includeRoots, resolveIncludes } from "./config-include.js";
import { MAX_CONFIG_FILE_BYTES, readTextFileBounded } from "./config-read.js";
import { flatten, parseLocated } from "./config-tree.js";
import { resolveHome } from "./locate.js";
import type { LoadedConfig } from "./snapshot.js";

export interface LoadConfigOptions {
  /** The environment the gateway sees (for `${VAR}`, OPENCLAW_INCLUDE_ROOTS and `~`). */
  env: Record<string, string | undefined>;
}

/**
 * Loads an OpenClaw config the way OpenClaw reads it, keeping where every key was written:
 * JSON5 → `$include` resolution (confined, depth 10, no cycles) → `${VAR}` substitution (with the
 * config's own `env.vars` filling missing variables). A missing file is `exists: false` with `{}`;
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
  const parsed = parseLocated(read.text, file, "config file");
  if (parsed.kind !== "object") {
    throw new InputError(`config root must be an object, found ${parsed.kind}`, parsed.loc);
  }
  const home = resolveHome(opts.env);
  const ctx = { roots: includeRoots(file, opts.env, home), files: [] as string[] };
  const merged = resolveIncludes(parsed, file, ctx);
  if (merged.kind !== "object") {
    throw new InputError(`config root must be an object after $include, found ${merged.kind}`, merged.loc);
  }
  const env: Record<string, string | undefined> = { ...opts.env };
  for (const [k, v] of Object.entries(configEnvVars(merged))) if (!env[k]?.trim()) env[k] = v;
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
    issues: substituted.issues,
  };
}
