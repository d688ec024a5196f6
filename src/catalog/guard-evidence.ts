import type { Snapshot } from "../model/snapshot.js";
import type { Evidence } from "./types.js";

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Whether the deployment loads clawwarden's runtime guard (the SOUL.md rules enforced in hooks, with a hash-chained
 * decision log). Reported as evidence on D-04 and A-01; it does not change their status: the guide asks for the
 * wrapper and the logs, the guard is how clawwarden enforces them at run time.
 */
export function guardEvidence(s: Snapshot): Evidence {
  const plugins = isObj(s.config.value.plugins) ? s.config.value.plugins : {};
  const entries = isObj(plugins.entries) ? plugins.entries : {};
  const entry = isObj(entries.clawwarden) ? entries.clawwarden : undefined;
  const allow = plugins.allow;
  const where = s.config.positions["plugins.entries.clawwarden"];
  let message: string;
  if (!entry)
    message =
      "clawwarden runtime guard: not installed (clawwarden guard install enforces the SOUL.md rules in OpenClaw's hooks)";
  else if (entry.enabled !== true)
    message = "clawwarden runtime guard: configured but not enabled (plugins.entries.clawwarden.enabled)";
  else if (Array.isArray(allow) && !allow.includes("clawwarden"))
    message =
      "clawwarden runtime guard: enabled but missing from plugins.allow, so OpenClaw does not load it";
  else {
    const hooks = isObj(entry.hooks) ? entry.hooks : {};
    const conf = isObj(entry.config) ? entry.config : {};
    message = `clawwarden runtime guard: enabled (profile ${typeof conf.profile === "string" ? conf.profile : "production"}${hooks.allowConversationAccess === true ? "" : "; no conversation access: breaker run gate and token budgets off"}); decisions in ${s.locator.stateDir}/.clawwarden/events (clawwarden events verify)`;
  }
  return { message, source: "config", ...(where ? { location: where } : {}) };
}
