/**
 * Format-preserving edits of OpenClaw's JSON5 config text.
 *
 * Edits are splices on the original text at the source ranges of a JSON5 AST (@humanwhocodes/momoa),
 * so comments, key order, quoting, trailing commas, blank lines and keys we do not know survive
 * untouched. Only the value being replaced (or the member being inserted) is new text, written in
 * the style detected from the file (indent unit, key quoting, string quotes, trailing commas, EOL).
 */
import { type MemberNode, type ObjectNode, parse, type ValueNode } from "@humanwhocodes/momoa";
import JSON5 from "json5";

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export class ConfigEditError extends Error {
  constructor(
    message: string,
    readonly keyPath: string,
  ) {
    super(message);
    this.name = "ConfigEditError";
  }
}

interface Style {
  indentUnit: string;
  keyQuote: '"' | "'" | "";
  stringQuote: '"' | "'";
  trailingComma: boolean;
  eol: string;
}

export function parseDocument(text: string): ValueNode {
  return parse(text, { mode: "json5", ranges: true, tokens: false }).body;
}

function memberName(m: MemberNode): string {
  return m.name.type === "Identifier" ? m.name.name : m.name.value;
}

function range(n: { range?: [number, number] }): [number, number] {
  if (!n.range) throw new Error("momoa node without range");
  return n.range;
}

function detectStyle(text: string, root: ValueNode): Style {
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  let indentUnit = "  ";
  const indented = /\n([ \t]+)\S/.exec(text);
  if (indented?.[1]) indentUnit = indented[1].startsWith("\t") ? "\t" : indented[1];
  let keyQuote: Style["keyQuote"] = '"';
  let stringQuote: Style["stringQuote"] = '"';
  let trailingComma = false;
  let sawKey = false;
  let sawString = false;
  const visit = (node: ValueNode): void => {
    if (node.type === "Object") {
      for (const m of node.members) {
        if (!sawKey) {
          sawKey = true;
          const raw = text[range(m.name)[0]];
          keyQuote = m.name.type === "Identifier" ? "" : raw === "'" ? "'" : '"';
        }
        visit(m.value);
      }
      const last = node.members.at(-1);
      if (last && !trailingComma && node.loc.start.line !== node.loc.end.line) {
        const between = text.slice(range(last)[1], range(node)[1] - 1);
        if (/^\s*,/.test(stripComments(between))) trailingComma = true;
      }
    } else if (node.type === "Array") {
      for (const e of node.elements) visit(e.value);
    } else if (node.type === "String" && !sawString) {
      sawString = true;
      stringQuote = text[range(node)[0]] === "'" ? "'" : '"';
    }
  };
  visit(root);
  return { indentUnit, keyQuote, stringQuote, trailingComma, eol };
}

function stripComments(s: string): string {
  return s.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/[^\n]*/g, "");
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function quoteString(s: string, q: '"' | "'"): string {
  const json = JSON.stringify(s);
  if (q === '"') return json;
  return `'${json.slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

function formatKey(key: string, style: Style): string {
  if (style.keyQuote === "" && IDENT.test(key)) return key;
  return quoteString(key, style.keyQuote === "'" ? "'" : '"');
}

/** Serialises a value for insertion at a line whose indentation is `indent`. */
export function formatValue(value: JsonValue, indent: string, style: Style): string {
  if (value === null || typeof value !== "object") {
    return typeof value === "string" ? quoteString(value, style.stringQuote) : JSON.stringify(value);
  }
  const inner = indent + style.indentUnit;
  const tc = style.trailingComma ? "," : "";
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    const flat = value.every((v) => v === null || typeof v !== "object");
    const parts = value.map((v) => formatValue(v, inner, style));
    if (flat && parts.join(", ").length <= 72) return `[${parts.join(", ")}]`;
    return `[${style.eol}${parts.map((p) => inner + p).join(`,${style.eol}`)}${tc}${style.eol}${indent}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return "{}";
  const lines = entries.map(([k, v]) => `${inner}${formatKey(k, style)}: ${formatValue(v, inner, style)}`);
  return `{${style.eol}${lines.join(`,${style.eol}`)}${tc}${style.eol}${indent}}`;
}

function lineIndent(text: string, offset: number): string {
  const start = text.lastIndexOf("\n", offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start))?.[0] ?? "";
}

/** Offset just after anything that trails `pos` on the same line (spaces, a comma, comments). */
function endOfTrailing(text: string, pos: number): number {
  let i = pos;
  for (;;) {
    while (text[i] === " " || text[i] === "\t") i++;
    if (text.startsWith("//", i)) {
      const nl = text.indexOf("\n", i);
      return nl === -1 ? text.length : text[nl - 1] === "\r" ? nl - 1 : nl;
    }
    if (text.startsWith("/*", i)) {
      const close = text.indexOf("*/", i + 2);
      if (close === -1) return i;
      i = close + 2;
      continue;
    }
    return i;
  }
}

interface Splice {
  at: number;
  remove: number;
  insert: string;
}

function applySplices(text: string, splices: Splice[]): string {
  let out = text;
  for (const s of [...splices].sort((a, b) => b.at - a.at)) {
    out = out.slice(0, s.at) + s.insert + out.slice(s.at + s.remove);
  }
  return out;
}

function nestValue(path: string[], value: JsonValue): JsonValue {
  let v = value;
  for (let i = path.length - 1; i >= 0; i--) v = { [path[i] as string]: v };
  return v;
}

function insertMember(text: string, obj: ObjectNode, key: string, value: JsonValue, style: Style): Splice[] {
  const [objStart, objEnd] = range(obj);
  const last = obj.members.at(-1);
  const multiLine = obj.loc.start.line !== obj.loc.end.line;
  if (!last) {
    const indent = lineIndent(text, objStart);
    const inner = indent + style.indentUnit;
    const body = `${formatKey(key, style)}: ${formatValue(value, inner, style)}`;
    const closing = objEnd - 1;
    const content = text.slice(objStart + 1, closing);
    if (content.trim() === "") {
      return [
        {
          at: objStart + 1,
          remove: closing - objStart - 1,
          insert: `${style.eol}${inner}${body}${style.eol}${indent}`,
        },
      ];
    }
    // Only comments inside: keep them, add the member before the closing brace.
    return [{ at: closing, remove: 0, insert: `${style.eol}${inner}${body}${style.eol}${indent}` }];
  }
  const lastEnd = range(last)[1];
  const afterLast = text.slice(lastEnd, objEnd - 1);
  const commaRel = stripCommentsKeepLength(afterLast).search(/\S/);
  const hasComma = commaRel !== -1 && afterLast[commaRel] === ",";
  const commaEnd = hasComma ? lastEnd + commaRel + 1 : lastEnd;
  if (!multiLine) {
    const body = `${formatKey(key, style)}: ${formatValue(value, "", { ...style, eol: " ", indentUnit: "" })}`;
    return hasComma
      ? [{ at: commaEnd, remove: 0, insert: ` ${body},` }]
      : [{ at: lastEnd, remove: 0, insert: `, ${body}` }];
  }
  const indent = lineIndent(text, range(last)[0]);
  const body = `${formatKey(key, style)}: ${formatValue(value, indent, style)}`;
  const at = endOfTrailing(text, commaEnd);
  const insert = `${style.eol}${indent}${body}${hasComma ? "," : ""}`;
  if (hasComma) return [{ at, remove: 0, insert }];
  if (at === lastEnd) return [{ at, remove: 0, insert: `,${insert}` }];
  return [
    { at: lastEnd, remove: 0, insert: "," },
    { at, remove: 0, insert },
  ];
}

function stripCommentsKeepLength(s: string): string {
  return s
    .replace(/\/\*[\s\S]*?\*\//g, (m) => " ".repeat(m.length))
    .replace(/\/\/[^\n]*/g, (m) => " ".repeat(m.length));
}

/** Resolves `path` in a parsed document: the deepest existing node and the path left over. */
export function locate(
  root: ValueNode,
  path: string[],
): { node: ValueNode; member?: MemberNode; consumed: number } {
  let node: ValueNode = root;
  let member: MemberNode | undefined;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i] as string;
    if (node.type === "Object") {
      const m = node.members.find((x) => memberName(x) === seg);
      if (!m) return member ? { node, member, consumed: i } : { node, consumed: i };
      member = m;
      node = m.value;
    } else if (node.type === "Array" && /^\d+$/.test(seg)) {
      const el = node.elements[Number(seg)];
      if (!el) return { node, consumed: i };
      member = undefined;
      node = el.value;
    } else {
      return { node, consumed: i };
    }
  }
  return member ? { node, member, consumed: path.length } : { node, consumed: path.length };
}

/**
 * Sets `path` to `value` in JSON5 `text`, creating missing parent objects. Throws ConfigEditError when
 * a parent on the path is not an object (we never replace user data to make room).
 */
export function setValue(text: string, path: string[], value: JsonValue): string {
  const keyPath = path.join(".");
  if (path.length === 0) throw new ConfigEditError("refusing to replace the whole document", keyPath);
  const root = parseDocument(text);
  const style = detectStyle(text, root);
  const found = locate(root, path);
  let splices: Splice[];
  if (found.consumed === path.length) {
    const [start, end] = range(found.node);
    const indent = lineIndent(text, start);
    splices = [{ at: start, remove: end - start, insert: formatValue(value, indent, style) }];
  } else {
    if (found.node.type !== "Object") {
      const at = path.slice(0, found.consumed).join(".") || "(root)";
      throw new ConfigEditError(`${at} is a ${found.node.type.toLowerCase()}, not an object`, keyPath);
    }
    const rest = path.slice(found.consumed);
    const [first, ...more] = rest as [string, ...string[]];
    splices = insertMember(text, found.node, first, nestValue(more, value), style);
  }
  const out = applySplices(text, splices);
  verifyEdit(text, out, path, value);
  return out;
}

/** Removes the member at `path` (and its comma). No-op when absent. */
export function deleteValue(text: string, path: string[]): string {
  const root = parseDocument(text);
  const found = locate(root, path);
  if (found.consumed !== path.length || !found.member) return text;
  const parentPath = path.slice(0, -1);
  const parent = parentPath.length ? locate(root, parentPath).node : root;
  if (parent.type !== "Object") return text;
  const idx = parent.members.indexOf(found.member);
  const [mStart, mEnd] = range(found.member);
  const after = stripCommentsKeepLength(text.slice(mEnd, range(parent)[1] - 1));
  const commaRel = after.search(/\S/);
  const hasComma = commaRel !== -1 && after[commaRel] === ",";
  let start = mStart;
  let end = hasComma ? mEnd + commaRel + 1 : mEnd;
  if (!hasComma && idx > 0) {
    // last member without trailing comma: remove the comma that precedes it
    const prev = parent.members[idx - 1] as MemberNode;
    start = range(prev)[1];
    const between = stripCommentsKeepLength(text.slice(start, mStart));
    const c = between.indexOf(",");
    if (c !== -1) start += c;
    end = mEnd;
  } else {
    // drop the whole line when the member was alone on it
    const lineStart = text.lastIndexOf("\n", mStart - 1) + 1;
    if (text.slice(lineStart, mStart).trim() === "") {
      const trail = endOfTrailing(text, end);
      if (text[trail] === "\n" || text.startsWith("\r\n", trail)) {
        start = lineStart;
        end = trail + (text[trail] === "\r" ? 2 : 1);
      }
    }
  }
  const out = text.slice(0, start) + text.slice(end);
  const expected = JSON5.parse(text) as Record<string, unknown>;
  removeAt(expected, path);
  assertSame(JSON5.parse(out), expected, path.join("."));
  return out;
}

function removeAt(obj: unknown, path: string[]): void {
  let cur = obj as Record<string, unknown>;
  for (const seg of path.slice(0, -1)) cur = cur[seg] as Record<string, unknown>;
  delete cur[path.at(-1) as string];
}

/** Safety net: the edited text must parse to exactly the old value with this one change. */
function verifyEdit(before: string, after: string, path: string[], value: JsonValue): void {
  const expected = JSON5.parse(before) as Record<string, unknown>;
  let cur: Record<string, unknown> = expected;
  for (const seg of path.slice(0, -1)) {
    if (typeof cur[seg] !== "object" || cur[seg] === null) cur[seg] = {};
    cur = cur[seg] as Record<string, unknown>;
  }
  cur[path.at(-1) as string] = value;
  assertSame(JSON5.parse(after), expected, path.join("."));
}

function assertSame(actual: unknown, expected: unknown, keyPath: string): void {
  if (canonical(actual) !== canonical(expected)) {
    throw new ConfigEditError("internal: format-preserving edit did not produce the intended value", keyPath);
  }
}

function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x) =>
    x && typeof x === "object" && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1)))
      : x,
  );
}

/** JSON5 features in `text` that a plain JSON reader would not accept (reported in plans, all preserved). */
export function json5Features(text: string): string[] {
  const features: string[] = [];
  try {
    JSON.parse(text);
    return features;
  } catch {
    // not plain JSON: find out what it uses
  }
  const plain = stripCommentsKeepLength(text);
  if (plain !== text) features.push("comments");
  if (/,\s*[}\]]/.test(plain)) features.push("trailing commas");
  if (/[{,]\s*[A-Za-z_$][\w$]*\s*:/.test(plain)) features.push("unquoted keys");
  if (/'/.test(plain)) features.push("single-quoted strings");
  return features;
}
