import { realpathSync } from "node:fs";
import { delimiter, dirname, isAbsolute, normalize, relative, resolve } from "node:path";
import type { SourceLocation } from "../model/location.js";
import { InputError } from "../util/errors.js";
import { MAX_INCLUDE_FILE_BYTES, readTextFileBounded } from "./config-read.js";
import {
  type DuplicateKey,
  type LNode,
  mergeLocated,
  parseLocated,
  type TokenBudget,
  withLoc,
} from "./config-tree.js";
import { expandUserPath } from "./locate.js";

/** OpenClaw `src/config/includes.ts`: MAX_INCLUDE_DEPTH and MAX_INCLUDE_PATH_LENGTH. */
export const MAX_INCLUDE_DEPTH = 10;
const MAX_INCLUDE_PATH_LENGTH = 4096;
const INCLUDE_KEY = "$include";

interface Root {
  dir: string;
  realDir: string;
}

export interface IncludeContext {
  /** Directory of the main config, plus OPENCLAW_INCLUDE_ROOTS. */
  roots: Root[];
  /** Every include file read, in reading order (no duplicates). */
  files: string[];
  /** Keys written twice in one object, in any file read. */
  duplicates: DuplicateKey[];
  /** Include files loaded and bytes read so far: the whole expansion has a budget (fan-out bombs). */
  loads?: number;
  bytes?: number;
  /** The keys-and-values budget shared with the main file (see MAX_CONFIG_TOKENS). */
  tokens?: TokenBudget;
}

/** Far beyond any real config; an array-of-includes fan-out (N^depth loads) hits it in milliseconds. */
export const MAX_INCLUDE_LOADS = 500;
export const MAX_INCLUDE_TOTAL_BYTES = 32 * 1024 * 1024;

function safeRealpath(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

export function isPathInside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel === "" || (rel !== ".." && !rel.startsWith("../") && !isAbsolute(rel));
}

/** The confinement roots: the main config's folder and each absolute `OPENCLAW_INCLUDE_ROOTS` entry. */
export function includeRoots(
  configPath: string,
  env: Record<string, string | undefined>,
  home: string,
): Root[] {
  const dirs = [normalize(dirname(resolve(configPath)))];
  for (const entry of (env.OPENCLAW_INCLUDE_ROOTS ?? "").split(delimiter)) {
    const trimmed = entry.trim();
    if (!trimmed) continue;
    const abs = expandUserPath(trimmed, home);
    if (isAbsolute(abs) && !dirs.includes(abs)) dirs.push(abs);
  }
  return dirs.map((dir) => ({ dir, realDir: normalize(safeRealpath(dir)) }));
}

/**
 * Resolves `$include` the way OpenClaw does: a string or an array of strings (deep-merged in order,
 * arrays concatenated, later wins), sibling keys merged over the included value, paths relative to the
 * including file, confined to the roots both lexically and after resolving symlinks, at most 10 levels,
 * no cycles, each file a regular, non-hard-linked file of at most 2 MB.
 */
export function resolveIncludes(node: LNode, filePath: string, ctx: IncludeContext): LNode {
  return new Processor(filePath, ctx, [normalize(filePath)], 0).process(node);
}

class Processor {
  constructor(
    private readonly filePath: string,
    private readonly ctx: IncludeContext,
    private readonly chain: string[],
    private readonly depth: number,
  ) {}

  process(node: LNode): LNode {
    if (node.kind === "array") return { ...node, items: node.items.map((item) => this.process(item)) };
    if (node.kind !== "object") return node;
    const include = node.entries.get(INCLUDE_KEY);
    if (!include) {
      const entries = new Map<string, LNode>();
      for (const [k, v] of node.entries) entries.set(k, this.process(v));
      return { ...node, entries };
    }
    const included = this.resolveValue(include);
    const siblings = [...node.entries].filter(([k]) => k !== INCLUDE_KEY);
    if (siblings.length === 0) return withLoc(included, node.loc);
    if (included.kind !== "object") {
      throw new InputError(
        "sibling keys next to $include require the included content to be an object",
        include.loc,
      );
    }
    const rest = new Map<string, LNode>();
    for (const [k, v] of siblings) rest.set(k, this.process(v));
    return withLoc(mergeLocated(included, { kind: "object", loc: node.loc, entries: rest }), node.loc);
  }

  private resolveValue(include: LNode): LNode {
    if (include.kind === "scalar" && typeof include.value === "string") {
      return this.loadFile(include.value, include.valueLoc ?? include.loc);
    }
    if (include.kind === "array") {
      let merged: LNode = { kind: "object", loc: include.loc, entries: new Map() };
      for (const item of include.items) {
        if (item.kind !== "scalar" || typeof item.value !== "string") {
          throw new InputError(
            `invalid $include array item: expected a string, got ${describe(item)}`,
            item.loc,
          );
        }
        merged = mergeLocated(merged, this.loadFile(item.value, item.valueLoc ?? item.loc));
      }
      return merged;
    }
    throw new InputError(
      `invalid $include value: expected a string or an array of strings, got ${describe(include)}`,
      include.loc,
    );
  }

  private loadFile(includePath: string, at: SourceLocation): LNode {
    const resolvedPath = this.resolvePath(includePath, at);
    if (this.chain.includes(resolvedPath)) {
      throw new InputError(`circular $include: ${[...this.chain, resolvedPath].join(" -> ")}`, at);
    }
    if (this.depth >= MAX_INCLUDE_DEPTH) {
      throw new InputError(
        `maximum $include depth (${MAX_INCLUDE_DEPTH}) exceeded at ${JSON.stringify(includePath)}`,
        at,
      );
    }
    const read = readTextFileBounded(resolvedPath, {
      maxBytes: MAX_INCLUDE_FILE_BYTES,
      label: "include file",
      referencedAt: at,
      rejectHardLinks: true,
      confineTo: this.ctx.roots.map((r) => r.realDir),
    });
    if (!read.exists) {
      throw new InputError(`include file not found: ${includePath} (resolved: ${resolvedPath})`, at);
    }
    this.ctx.loads = (this.ctx.loads ?? 0) + 1;
    this.ctx.bytes = (this.ctx.bytes ?? 0) + read.text.length;
    if (this.ctx.loads > MAX_INCLUDE_LOADS || this.ctx.bytes > MAX_INCLUDE_TOTAL_BYTES) {
      throw new InputError(
        `$include expansion is over its budget (${this.ctx.loads} file loads, ${this.ctx.bytes} bytes; limits ${MAX_INCLUDE_LOADS} loads, ${MAX_INCLUDE_TOTAL_BYTES} bytes): an include fan-out`,
        at,
      );
    }
    if (!this.ctx.files.includes(resolvedPath)) this.ctx.files.push(resolvedPath);
    const parsed = parseLocated(
      read.text,
      resolvedPath,
      "include file",
      this.ctx.duplicates,
      this.ctx.tokens,
    );
    const nested = new Processor(resolvedPath, this.ctx, [...this.chain, resolvedPath], this.depth + 1);
    return nested.process(parsed);
  }

  private resolvePath(includePath: string, at: SourceLocation): string {
    if (includePath.includes("\0")) throw new InputError("$include path contains a null byte", at);
    if (includePath.length >= MAX_INCLUDE_PATH_LENGTH) {
      throw new InputError(`$include path is longer than ${MAX_INCLUDE_PATH_LENGTH} characters`, at);
    }
    const normalized = normalize(
      isAbsolute(includePath) ? includePath : resolve(dirname(this.filePath), includePath),
    );
    const rootList = this.ctx.roots.map((r) => r.dir).join(", ");
    if (!this.ctx.roots.some((r) => isPathInside(r.dir, normalized))) {
      throw new InputError(
        `$include escapes the config directory: ${includePath} (allowed: ${rootList})`,
        at,
      );
    }
    let real: string;
    try {
      real = realpathSync(normalized);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === "ENOENT") return normalized;
      if (code === "ELOOP") throw new InputError(`$include target is a symlink loop: ${includePath}`, at);
      throw new InputError(`cannot resolve $include ${includePath} (${code ?? "error"})`, at, { cause: err });
    }
    if (!this.ctx.roots.some((r) => isPathInside(r.realDir, real))) {
      throw new InputError(
        `$include resolves outside the config directory through a symlink: ${includePath} -> ${real} (allowed: ${rootList})`,
        at,
      );
    }
    return normalized;
  }
}

function describe(node: LNode): string {
  if (node.kind !== "scalar") return node.kind;
  return node.value === null ? "null" : typeof node.value;
}
