import type { AnyNode } from "@humanwhocodes/momoa";
import { parse } from "@humanwhocodes/momoa";
import type { SourceLocation } from "../model/location.js";
import { InputError } from "../util/errors.js";

/**
 * A config value that remembers where each part was written. Objects keep their keys in order; `loc`
 * is where the key naming the node was written (or the element itself, inside arrays), so after
 * includes and merges every key path still maps to the file and line that decided its value.
 */
export type LNode = LObject | LArray | LScalar;
export interface LObject {
  kind: "object";
  loc: SourceLocation;
  entries: Map<string, LNode>;
}
export interface LArray {
  kind: "array";
  loc: SourceLocation;
  items: LNode[];
}
export interface LScalar {
  kind: "scalar";
  loc: SourceLocation;
  /** Where the value itself starts (for messages about the value, e.g. a bad `$include` path). */
  valueLoc?: SourceLocation;
  value: string | number | boolean | null;
}

/**
 * Deepest nesting accepted in one file. Real configs nest under 15 levels; the cap keeps every later
 * recursive pass (includes stack up to 11 files) far from the JS stack limit.
 */
export const MAX_NESTING = 128;

/** A key written twice in one object: JSON5 keeps the last value, which hides the first from a reader. */
export interface DuplicateKey {
  key: string;
  first: SourceLocation;
  last: SourceLocation;
}

/**
 * Separators (`:` and `,`) one config expansion (a file and its includes) may hold. A real
 * OpenClaw config has a few hundred; the located parse costs about 1 KB per token, so this keeps a
 * hostile config (a 10 MB file of 580k short keys) near 100 MB instead of 1.2 GB.
 */
export const MAX_CONFIG_TOKENS = 100_000;

/** What is left of one expansion's token budget; shared by the main file and every include. */
export interface TokenBudget {
  left: number;
}

/**
 * One cheap pass before the parse. Counts `:` and `,` outside strings and comments (proportional to the
 * parse tree's size; a deep but narrow tree is the nesting limit's business), and finds what the `json5`
 * package OpenClaw reads configs with rejects but momoa accepts: a raw line break inside a string and a
 * legacy octal escape (`\1`, `\01`). Stops counting past `stopAfter`.
 */
export function prescanJson5(
  text: string,
  stopAfter = Number.POSITIVE_INFINITY,
): { tokens: number; problem?: { index: number; message: string } } {
  let tokens = 0;
  const n = text.length;
  for (let i = 0; i < n && tokens <= stopAfter; i++) {
    const c = text.charCodeAt(i);
    if (c === 58 || c === 44) tokens++;
    else if (c === 34 || c === 39) {
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 10 || d === 13)
          return { tokens, problem: { index: i, message: "raw line break inside a string" } };
        if (d === 92) {
          const e = text.charCodeAt(++i);
          const next = text.charCodeAt(i + 1);
          if ((e >= 49 && e <= 57) || (e === 48 && next >= 48 && next <= 57))
            return { tokens, problem: { index: i - 1, message: "octal escape inside a string" } };
        } else if (d === c) break;
      }
    } else if (c === 47 && text.charCodeAt(i + 1) === 47) {
      const nl = text.indexOf("\n", i);
      i = nl === -1 ? n : nl;
    } else if (c === 47 && text.charCodeAt(i + 1) === 42) {
      const end = text.indexOf("*/", i + 2);
      i = end === -1 ? n : end + 1;
    }
  }
  return { tokens };
}

function lineColumnAt(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let nl = text.indexOf("\n"); nl !== -1 && nl < index; nl = text.indexOf("\n", nl + 1)) {
    line++;
    lineStart = nl + 1;
  }
  return { line, column: index - lineStart + 1 };
}

/**
 * Parses JSON5 text into a located tree; syntax errors become InputError with file:line:column.
 * Keys written twice in one object are pushed to `duplicates` when given (the last one wins).
 * `budget` (default: a fresh MAX_CONFIG_TOKENS) is charged before parsing, so an oversized tree is
 * refused before it is built.
 */
export function parseLocated(
  text: string,
  file: string,
  label: string,
  duplicates?: DuplicateKey[],
  budget: TokenBudget = { left: MAX_CONFIG_TOKENS },
): LNode {
  const { tokens, problem } = prescanJson5(text, budget.left);
  if (problem) {
    throw new InputError(`malformed JSON5 in ${label}: ${problem.message}`, {
      file,
      ...lineColumnAt(text, problem.index),
    });
  }
  if (tokens > budget.left) {
    throw new InputError(
      `${label} is too large to audit: more than ${MAX_CONFIG_TOKENS} keys and values in the config and its includes (a real OpenClaw config has hundreds)`,
      { file },
    );
  }
  budget.left -= tokens;
  let doc: ReturnType<typeof parse>;
  try {
    doc = parse(text, { mode: "json5" });
  } catch (err) {
    const e = err as Error & { line?: number; column?: number };
    if (e instanceof RangeError) {
      throw new InputError(`${label} is nested too deeply to parse`, { file }, { cause: err });
    }
    const message = e.message.replace(/\s*\(\d+:\d+\)\s*$/, "");
    const loc: SourceLocation =
      typeof e.line === "number" ? { file, line: e.line, column: e.column ?? 1 } : { file };
    throw new InputError(`malformed JSON5 in ${label}: ${message}`, loc, { cause: err });
  }
  return toLocated(doc.body, file, { file, line: 1, column: 1 }, 0, duplicates);
}

function locOf(node: AnyNode, file: string): SourceLocation {
  return { file, line: node.loc.start.line, column: node.loc.start.column };
}

function toLocated(
  node: AnyNode,
  file: string,
  loc: SourceLocation,
  depth: number,
  duplicates: DuplicateKey[] | undefined,
): LNode {
  if (depth > MAX_NESTING && (node.type === "Object" || node.type === "Array")) {
    throw new InputError(`nested deeper than ${MAX_NESTING} levels`, locOf(node, file));
  }
  switch (node.type) {
    case "Object": {
      const entries = new Map<string, LNode>();
      for (const member of node.members) {
        const key = member.name.type === "String" ? member.name.value : member.name.name;
        const keyLoc = locOf(member.name, file);
        const earlier = entries.get(key);
        if (earlier) duplicates?.push({ key, first: earlier.loc, last: keyLoc });
        // The later value wins and keeps the first one's place, as with JSON.parse.
        entries.set(key, toLocated(member.value, file, keyLoc, depth + 1, duplicates));
      }
      return { kind: "object", loc, entries };
    }
    case "Array":
      return {
        kind: "array",
        loc,
        items: node.elements.map((el) =>
          toLocated(el.value, file, locOf(el.value, file), depth + 1, duplicates),
        ),
      };
    case "String":
    case "Number":
    case "Boolean":
      return { kind: "scalar", loc, valueLoc: locOf(node, file), value: node.value };
    case "Null":
      return { kind: "scalar", loc, value: null };
    case "NaN":
      return { kind: "scalar", loc, value: Number.NaN };
    case "Infinity":
      return { kind: "scalar", loc, value: node.sign === "-" ? -Infinity : Infinity };
    default:
      throw new InputError(`unexpected JSON5 node ${node.type}`, locOf(node, file));
  }
}

const BLOCKED_KEYS = new Set(["__proto__", "prototype", "constructor"]);

/**
 * OpenClaw's include merge (`mergeDeep` with arrays "concat"): objects merge recursively, arrays
 * concatenate, anything else is replaced by the later value. Prototype keys are dropped.
 */
export function mergeLocated(base: LNode, override: LNode): LNode {
  if (base.kind === "array" && override.kind === "array") {
    return { kind: "array", loc: override.loc, items: [...base.items, ...override.items] };
  }
  if (base.kind !== "object" || override.kind !== "object") return override;
  const entries = new Map<string, LNode>();
  for (const [k, v] of base.entries) if (!BLOCKED_KEYS.has(k)) entries.set(k, v);
  for (const [k, v] of override.entries) {
    if (BLOCKED_KEYS.has(k)) continue;
    const current = entries.get(k);
    entries.set(k, current ? mergeLocated(current, v) : v);
  }
  return { kind: "object", loc: override.loc, entries };
}

export function withLoc(node: LNode, loc: SourceLocation): LNode {
  return { ...node, loc };
}

export function joinPath(parent: string, key: string | number): string {
  return parent === "" ? String(key) : `${parent}.${key}`;
}

/** Plain value plus `keyPath → location` for every key and array element below the root. */
export function flatten(root: LNode): { value: unknown; positions: Record<string, SourceLocation> } {
  const positions: Record<string, SourceLocation> = Object.create(null);
  const walk = (node: LNode, path: string): unknown => {
    if (path !== "") positions[path] = node.loc;
    if (node.kind === "scalar") return node.value;
    if (node.kind === "array") return node.items.map((item, i) => walk(item, joinPath(path, i)));
    const out: Record<string, unknown> = {};
    for (const [k, v] of node.entries) {
      // defineProperty: a "__proto__" key stays an own data property, never a prototype change.
      Object.defineProperty(out, k, {
        value: walk(v, joinPath(path, k)),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  };
  const value = walk(root, "");
  return { value, positions: { ...positions } };
}
