import type { ConfigIssue, SecretReference } from "../model/snapshot.js";
import { joinPath, type LNode } from "./config-tree.js";

/** OpenClaw `src/config/env-substitution.ts`: only upper-case names are substituted. */
const ENV_VAR_NAME = /^[A-Z_][A-Z0-9_]*$/;
/** OpenClaw `types.secrets.ts`: whole-string env templates read as env SecretRefs on secret inputs. */
const ENV_SECRET_TEMPLATE = /^\$\{([A-Z][A-Z0-9_]{0,127})\}$/;
const ENV_SECRET_SHORTHAND = /^\$([A-Z][A-Z0-9_]{0,127})$/;
const SECRET_REF_SOURCES = new Set(["env", "file", "exec", "store"]);

type Token = { kind: "escaped" | "substitution"; name: string; end: number };

function tokenAt(value: string, i: number): Token | null {
  if (value[i] !== "$") return null;
  const escaped = value[i + 1] === "$" && value[i + 2] === "{";
  if (!escaped && value[i + 1] !== "{") return null;
  const start = i + (escaped ? 3 : 2);
  // Walk the name's own characters only: searching for the next "}" from every "${" is quadratic on a
  // long run of "${" (a hostile config), and a name can only be [A-Z0-9_] anyway.
  let end = start;
  while (end < value.length && /[A-Z0-9_]/.test(value[end] as string)) end++;
  if (value[end] !== "}") return null;
  const name = value.slice(start, end);
  if (!ENV_VAR_NAME.test(name)) return null;
  return { kind: escaped ? "escaped" : "substitution", name, end };
}

export interface SubstitutionResult {
  value: string;
  resolved: string[];
  missing: string[];
}

/** One string, OpenClaw's rules: `${NAME}` replaced, `$${NAME}` → literal `${NAME}`, missing/empty kept. */
export function substituteString(value: string, env: Record<string, string | undefined>): SubstitutionResult {
  const resolved: string[] = [];
  const missing: string[] = [];
  if (!value.includes("$")) return { value, resolved, missing };
  // Plain runs are copied as slices: appending one character at a time builds a rope of millions of
  // nodes (hundreds of MB) on a hostile string of `${`.
  let out = "";
  let runStart = 0;
  for (let i = value.indexOf("$"); i !== -1 && i < value.length; i = value.indexOf("$", i + 1)) {
    const token = tokenAt(value, i);
    if (!token) continue;
    out += value.slice(runStart, i);
    if (token.kind === "escaped") {
      out += `\${${token.name}}`;
    } else {
      const envValue = env[token.name];
      if (envValue === undefined || envValue === "") {
        out += `\${${token.name}}`;
        missing.push(token.name);
      } else {
        out += envValue;
        resolved.push(token.name);
      }
    }
    i = token.end;
    runStart = i + 1;
  }
  out += value.slice(runStart);
  return { value: out, resolved, missing };
}

/**
 * Config keys whose string values are secrets. Modelled on OpenClaw's SecretInput surfaces
 * (`reference/secretref-credential-surface.md`) and its redaction field list: tokens, passwords, API
 * keys, signing secrets, private keys, and every HTTP header value of a provider.
 */
const SECRET_KEY = /(?:token|secret|password|passwd|credentials?|authorization|cookie|key)$/i;

export function isSecretBearingPath(keyPath: string): boolean {
  const parts = keyPath.split(".");
  const last = parts.at(-1) ?? "";
  if (/^\d+$/.test(last)) return false;
  if (parts.at(-2) === "headers") return true;
  if (parts[0] === "env" && /(?:KEY|TOKEN|SECRET|PASSWORD|PASSWD)$/i.test(last)) return true;
  return SECRET_KEY.test(last);
}

export interface EnvPassResult {
  root: LNode;
  envSubstituted: Record<string, string[]>;
  secretRefs: SecretReference[];
  issues: ConfigIssue[];
}

/**
 * Walks the merged tree once: records SecretRef objects and env-style secret strings, substitutes
 * `${VAR}` in every string value, and reports references that stay unresolved.
 */
export function applyEnv(root: LNode, env: Record<string, string | undefined>): EnvPassResult {
  const envSubstituted: Record<string, string[]> = {};
  const secretRefs: SecretReference[] = [];
  const issues: ConfigIssue[] = [];
  const visit = (node: LNode, path: string): LNode => {
    if (node.kind === "array")
      return { ...node, items: node.items.map((n, i) => visit(n, joinPath(path, i))) };
    if (node.kind === "object") {
      const ref = asSecretRef(node);
      if (ref) secretRefs.push({ keyPath: path, kind: "secretref", ...ref });
      const entries = new Map<string, LNode>();
      for (const [k, v] of node.entries) entries.set(k, visit(v, joinPath(path, k)));
      return { ...node, entries };
    }
    if (typeof node.value !== "string") return node;
    const authored = node.value;
    const template = ENV_SECRET_TEMPLATE.exec(authored.trim()) ?? ENV_SECRET_SHORTHAND.exec(authored.trim());
    if (template?.[1] && isSecretBearingPath(path)) {
      secretRefs.push({ keyPath: path, kind: "env-template", source: "env", id: template[1] });
    }
    const sub = substituteString(authored, env);
    for (const name of sub.missing) {
      issues.push({
        kind: "unresolved-env",
        message: `\${${name}} is not set or empty in the environment; ${path} keeps the literal reference`,
        keyPath: path,
        location: node.loc,
      });
    }
    if (sub.resolved.length > 0) envSubstituted[path] = [...new Set(sub.resolved)];
    return sub.value === authored ? node : { ...node, value: sub.value };
  };
  return { root: visit(root, ""), envSubstituted, secretRefs, issues };
}

/** OpenClaw `isSecretRef` (exactly source/provider/id) and the legacy provider-less `{source, id}`. */
function asSecretRef(node: LNode): { source: string; provider?: string; id: string } | null {
  if (node.kind !== "object") return null;
  const keys = [...node.entries.keys()];
  const str = (k: string) => {
    const v = node.entries.get(k);
    return v?.kind === "scalar" && typeof v.value === "string" && v.value.trim() ? v.value : undefined;
  };
  const source = str("source");
  const id = str("id");
  if (!source || !SECRET_REF_SOURCES.has(source) || !id) return null;
  const provider = str("provider");
  if (keys.length === 3 && provider) return { source, provider, id };
  if (keys.length === 2 && node.entries.has("source") && node.entries.has("id")) return { source, id };
  return null;
}

/**
 * Values the config itself puts into the environment before substitution (`env.vars.*` and string
 * `env.*`), applied like OpenClaw's applyConfigEnvVars: only when the variable is missing or empty,
 * never values that themselves hold `${...}`, never include-root or read-only switches.
 */
export function configEnvVars(root: LNode): Record<string, string> {
  const out: Record<string, string> = {};
  if (root.kind !== "object") return out;
  const envNode = root.entries.get("env");
  if (envNode?.kind !== "object") return out;
  const take = (key: string, v: LNode) => {
    if (v.kind !== "scalar" || typeof v.value !== "string" || !v.value.trim()) return;
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) return;
    const upper = key.toUpperCase();
    if (upper === "OPENCLAW_INCLUDE_ROOTS" || upper === "OPENCLAW_CONFIG_READONLY") return;
    if (substituteString(v.value, {}).missing.length > 0) return;
    out[key] = v.value;
  };
  const vars = envNode.entries.get("vars");
  if (vars?.kind === "object") for (const [k, v] of vars.entries) take(k, v);
  for (const [k, v] of envNode.entries) if (k !== "vars" && k !== "shellEnv") take(k, v);
  return out;
}
