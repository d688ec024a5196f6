/**
 * `openclaw config set/unset` commands for remediation texts, written so they paste into a shell and
 * address the right key: OpenClaw's path syntax takes dots for plain keys, `[0]` for array items and
 * `["key"]` for keys such as `*`, `-100`, `120363@g.us` or `openai/gpt-5.4`.
 */

/** A config path segment: a string key, or a number for an array index. */
export type Segment = string | number;

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;
/** Keys whose values are arrays in OpenClaw's config, so a numeric segment after them is an index. */
const ARRAY_KEYS = new Set(["list", "mappings", "binds"]);

export function ocPath(segments: readonly Segment[]): string {
  return segments
    .map((seg, i) => {
      if (typeof seg === "number") return `[${seg}]`;
      if (PLAIN_KEY.test(seg)) return i === 0 ? seg : `.${seg}`;
      return `[${JSON.stringify(seg)}]`;
    })
    .join("");
}

/** Splits a snapshot key path (`hooks.mappings.0.path`); only use it when no key contains a dot. */
export function splitKeyPath(keyPath: string): Segment[] {
  const parts = keyPath.split(".");
  return parts.map((p, i) => (/^\d+$/.test(p) && ARRAY_KEYS.has(parts[i - 1] ?? "") ? Number(p) : p));
}

export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_./:=@,+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

function pathArg(path: string | readonly Segment[]): string {
  return shellQuote(ocPath(typeof path === "string" ? splitKeyPath(path) : path));
}

/** A backticked `openclaw config set` command; objects and arrays are passed as strict JSON. */
export function ocSet(path: string | readonly Segment[], value: string | number | boolean | object): string {
  if (typeof value === "object")
    return `\`openclaw config set ${pathArg(path)} ${shellQuote(JSON.stringify(value))} --strict-json\``;
  return `\`openclaw config set ${pathArg(path)} ${shellQuote(String(value))}\``;
}

export function ocUnset(path: string | readonly Segment[]): string {
  return `\`openclaw config unset ${pathArg(path)}\``;
}
