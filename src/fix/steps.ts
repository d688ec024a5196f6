import type { JsonValue } from "./config-edit.js";
import type { FixContext, Step } from "./types.js";

type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Collects steps for one remediation; skips no-op edits and keys another item already claimed. */
export class StepList {
  readonly steps: Step[] = [];
  readonly consequences: string[] = [];
  readonly warnings: string[] = [];

  constructor(private readonly ctx: FixContext) {}

  get(keyPath: string[]): unknown {
    return this.ctx.config.get(keyPath);
  }

  /** Sets a config key when its current value differs. Returns true when a step was added. */
  set(keyPath: string[], value: JsonValue, why: string): boolean {
    if (same(this.get(keyPath), value)) return false;
    if (this.ctx.claimed.has(keyPath.join("."))) return false;
    this.steps.push({ kind: "config", keyPath, value, why });
    return true;
  }

  /** Removes a config key when present. Returns true when a step was added. */
  unset(keyPath: string[], why: string): boolean {
    if (this.get(keyPath) === undefined || this.ctx.claimed.has(keyPath.join("."))) return false;
    this.steps.push({ kind: "unset", keyPath, why });
    return true;
  }

  /** Removes wildcard entries from a string list (`allowFrom: ["*"]`). */
  dropWildcards(keyPath: string[], why: string): boolean {
    const list = this.get(keyPath);
    if (!Array.isArray(list) || !list.some((v) => v === "*")) return false;
    return this.set(keyPath, list.filter((v) => v !== "*") as JsonValue, why);
  }

  consequence(text: string): void {
    if (!this.consequences.includes(text)) this.consequences.push(text);
  }

  warn(text: string): void {
    if (!this.warnings.includes(text)) this.warnings.push(text);
  }

  result() {
    if (this.steps.length === 0 && this.warnings.length === 0) return null;
    return { steps: this.steps, consequences: this.consequences, warnings: this.warnings };
  }
}

/** `agents.defaults` plus every per-agent entry (9.6 `agents.entries.<id>`, file-era `agents.list[i]`). */
export function agentScopes(ctx: FixContext): Array<{ label: string; path: string[]; value: Obj }> {
  const out: Array<{ label: string; path: string[]; value: Obj }> = [];
  const defaults = ctx.config.get(["agents", "defaults"]);
  out.push({ label: "defaults", path: ["agents", "defaults"], value: isObj(defaults) ? defaults : {} });
  const entries = ctx.config.get(["agents", "entries"]);
  if (isObj(entries)) {
    for (const [id, v] of Object.entries(entries)) {
      if (isObj(v)) out.push({ label: id, path: ["agents", "entries", id], value: v });
    }
  }
  const list = ctx.config.get(["agents", "list"]);
  if (Array.isArray(list)) {
    list.forEach((v, i) => {
      if (isObj(v)) out.push({ label: String(v.id ?? i), path: ["agents", "list", String(i)], value: v });
    });
  }
  return out;
}

/** Each configured channel and each of its accounts: `channels.<ch>` and `channels.<ch>.accounts.<id>`. */
export function channelScopes(
  ctx: FixContext,
): Array<{ channel: string; account?: string; path: string[]; value: Obj }> {
  const out: Array<{ channel: string; account?: string; path: string[]; value: Obj }> = [];
  const channels = ctx.config.get(["channels"]);
  if (!isObj(channels)) return out;
  for (const [ch, v] of Object.entries(channels)) {
    if (ch === "defaults" || !isObj(v)) continue;
    out.push({ channel: ch, path: ["channels", ch], value: v });
    if (isObj(v.accounts)) {
      for (const [acct, a] of Object.entries(v.accounts)) {
        if (isObj(a))
          out.push({ channel: ch, account: acct, path: ["channels", ch, "accounts", acct], value: a });
      }
    }
  }
  return out;
}

export const RESTART =
  "gateway restart needed: gateway.* and discovery changes are read only at start (`openclaw gateway restart` or restart the service)";
