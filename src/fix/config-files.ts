/**
 * The config as a set of files (main + `$include`s) that clawwarden edits in memory before a
 * transaction writes them. Writes go to the file that owns the key, like OpenClaw's own writer:
 * a single-path include owns its section; root includes and include arrays are never written
 * through (the edit is refused and the plan says so).
 */
import { readFileSync } from "node:fs";
import { dirname, isAbsolute, relative, resolve } from "node:path";
import JSON5 from "json5";
import { InputError } from "../util/errors.js";
import { ConfigEditError, deleteValue, type JsonValue, setValue } from "./config-edit.js";

const MAX_INCLUDE_DEPTH = 10;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

export class ConfigFiles {
  readonly mainPath: string;
  private readonly texts = new Map<string, string>();
  private readonly originals = new Map<string, string | null>();

  constructor(mainPath: string, initialText?: string) {
    this.mainPath = resolve(mainPath);
    if (initialText !== undefined) {
      this.texts.set(this.mainPath, initialText);
      this.originals.set(this.mainPath, null);
    }
  }

  /** Text of a config file as edited so far ("{}\n" for a main file that does not exist yet). */
  text(path: string): string {
    const p = resolve(path);
    const cached = this.texts.get(p);
    if (cached !== undefined) return cached;
    let text: string | null;
    try {
      text = readFileSync(p, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      if (p !== this.mainPath) throw new InputError(`$include file not found`, { file: p });
      text = null;
    }
    this.originals.set(p, text);
    const value = text ?? "{}\n";
    this.texts.set(p, value);
    return value;
  }

  exists(path: string = this.mainPath): boolean {
    this.text(path);
    return this.originals.get(resolve(path)) !== null;
  }

  parsed(path: string): Obj {
    const text = this.text(path);
    try {
      const v = JSON5.parse(text) as unknown;
      if (!isObj(v))
        throw new InputError("config root must be an object", { file: path, line: 1, column: 1 });
      return v;
    } catch (error) {
      if (error instanceof InputError) throw error;
      const e = error as { lineNumber?: number; columnNumber?: number; message: string };
      throw new InputError(e.message.replace(/^JSON5: /, ""), {
        file: path,
        ...(e.lineNumber !== undefined && { line: e.lineNumber }),
        ...(e.columnNumber !== undefined && { column: e.columnNumber }),
      });
    }
  }

  /** The merged config (includes resolved, `${VAR}` left as written). */
  value(): Obj {
    this.includeLoads = 0;
    return this.resolveObject(this.parsed(this.mainPath), this.mainPath, 0) as Obj;
  }

  get(keyPath: string[]): unknown {
    let cur: unknown = this.value();
    for (const seg of keyPath) {
      if (!isObj(cur) && !Array.isArray(cur)) return undefined;
      cur = (cur as Obj)[seg];
    }
    return cur;
  }

  /** Every config file read so far (main first). */
  files(): string[] {
    this.value();
    return [...this.texts.keys()];
  }

  /** Files whose text differs from disk: [path, before (null = new), after]. */
  changed(): Array<{ path: string; before: string | null; after: string }> {
    const out: Array<{ path: string; before: string | null; after: string }> = [];
    for (const [path, after] of this.texts) {
      const before = this.originals.get(path) ?? null;
      if (before !== after) out.push({ path, before, after });
    }
    return out;
  }

  /** Current in-memory texts, to restore when a remediation's edits must be dropped. */
  save(): Map<string, string> {
    return new Map(this.texts);
  }

  restore(saved: Map<string, string>): void {
    for (const [k, v] of saved) this.texts.set(k, v);
  }

  /** Applies one edit in memory; returns the file that owns the key. */
  set(keyPath: string[], value: JsonValue): string {
    const { file, docPath } = this.route(keyPath);
    try {
      this.texts.set(file, setValue(this.text(file), docPath, value));
    } catch (error) {
      if (error instanceof ConfigEditError) {
        throw new ConfigEditError(`${error.message} (in ${file})`, keyPath.join("."));
      }
      throw error;
    }
    return file;
  }

  /** Removes a key in memory (no-op when absent); returns the file that owns it. */
  unset(keyPath: string[]): string {
    const { file, docPath } = this.route(keyPath);
    this.texts.set(file, deleteValue(this.text(file), docPath));
    return file;
  }

  private includePath(from: string, spec: unknown): string {
    if (typeof spec !== "string")
      throw new InputError("$include must be a path or a list of paths", { file: from });
    const p = isAbsolute(spec) ? spec : resolve(dirname(from), spec);
    const rel = relative(dirname(this.mainPath), p);
    if (rel.startsWith("..") || isAbsolute(rel)) {
      throw new InputError(`$include ${spec} escapes the config directory`, { file: from });
    }
    return p;
  }

  private includeLoads = 0;

  private resolveObject(node: unknown, file: string, depth: number): unknown {
    if (Array.isArray(node)) return node.map((v) => this.resolveObject(v, file, depth));
    if (!isObj(node)) return node;
    const out: Obj = {};
    let base: Obj = {};
    if ("$include" in node) {
      if (depth >= MAX_INCLUDE_DEPTH) throw new InputError("$include nested too deeply", { file });
      const specs = Array.isArray(node.$include) ? node.$include : [node.$include];
      for (const spec of specs) {
        // Same budget as the audit's loader: an array-of-includes fan-out must not expand N^depth times.
        if (++this.includeLoads > 500)
          throw new InputError("$include expansion is over its budget (500 loads)", { file });
        const p = this.includePath(file, spec);
        base = deepMerge(base, this.resolveObject(this.parsed(p), p, depth + 1) as Obj);
      }
    }
    for (const [k, v] of Object.entries(node)) {
      if (k !== "$include") out[k] = this.resolveObject(v, file, depth);
    }
    return deepMerge(base, out);
  }

  private route(keyPath: string[]): { file: string; docPath: string[] } {
    let file = this.mainPath;
    let node: unknown = this.parsed(file);
    let docPath: string[] = [];
    let i = 0;
    for (let depth = 0; i < keyPath.length && depth < 64; depth++) {
      const seg = keyPath[i] as string;
      if (isObj(node) && seg in node) {
        node = node[seg];
        docPath.push(seg);
        i++;
        continue;
      }
      if (Array.isArray(node) && /^\d+$/.test(seg)) {
        node = node[Number(seg)];
        docPath.push(seg);
        i++;
        continue;
      }
      if (!isObj(node) || !("$include" in node)) break;
      const spec = node.$include;
      const isRoot = file === this.mainPath && docPath.length === 0;
      if (Array.isArray(spec) || isRoot) {
        const here = keyPath.slice(0, i + 1);
        this.includeLoads = 0;
        const included = this.resolveObject({ $include: spec }, file, 1) as Obj;
        if (seg in included) {
          throw new ConfigEditError(
            `${here.join(".")} comes from ${isRoot ? "a root $include" : "an $include array"} in ${file}; OpenClaw refuses writes through those, so edit the included file by hand`,
            keyPath.join("."),
          );
        }
        break;
      }
      file = this.includePath(file, spec);
      node = this.parsed(file);
      docPath = [];
    }
    return { file, docPath: [...docPath, ...keyPath.slice(i)] };
  }
}

function deepMerge(a: Obj, b: Obj): Obj {
  const out: Obj = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const prev = out[k];
    out[k] = isObj(prev) && isObj(v) ? deepMerge(prev, v) : v;
  }
  return out;
}
