import type { JsonValue } from "./config-edit.js";
import type { FixContext, ItemPlan } from "./types.js";

export const GUARD_PLUGIN_ID = "clawwarden";

/**
 * The config a running guard needs (written through the fix transaction: diff first, backup, atomic write,
 * `openclaw config validate`, rollback): the plugin's folder on `plugins.load.paths`, its entry enabled with the
 * conversation-access grant (before_agent_run and llm_* need it for the circuit breaker and budgets) and the
 * chosen profile, and its id on `plugins.allow` when the deployment keeps an allowlist.
 */
export function guardInstallPlan(pluginDir: string, profile: string, policyFile?: string) {
  return (ctx: FixContext): ItemPlan | null => {
    const steps: ItemPlan["steps"] = [];
    const set = (keyPath: string[], value: JsonValue, why: string) => {
      if (JSON.stringify(ctx.config.get(keyPath)) !== JSON.stringify(value))
        steps.push({ kind: "config", keyPath, value, why });
    };
    const paths = ctx.config.get(["plugins", "load", "paths"]);
    const list = Array.isArray(paths) ? (paths as JsonValue[]) : [];
    if (!list.includes(pluginDir))
      set(["plugins", "load", "paths"], [...list, pluginDir], "where OpenClaw loads the guard from");
    const entry = ["plugins", "entries", GUARD_PLUGIN_ID];
    set([...entry, "enabled"], true, "enable the guard");
    set(
      [...entry, "hooks", "allowConversationAccess"],
      true,
      "the circuit breaker and token budgets use before_agent_run and llm_output",
    );
    set([...entry, "config", "profile"], profile, "the guard's policy profile");
    if (policyFile) set([...entry, "config", "policyFile"], policyFile, "the guard's policy file");
    const allow = ctx.config.get(["plugins", "allow"]);
    if (Array.isArray(allow) && !allow.includes(GUARD_PLUGIN_ID)) {
      set(
        ["plugins", "allow"],
        [...(allow as JsonValue[]), GUARD_PLUGIN_ID],
        "the deployment keeps a plugin allowlist",
      );
    }
    if (!steps.length) return null;
    return {
      id: "GUARD",
      title: "Install the clawwarden runtime guard",
      kind: "auto",
      steps,
      consequences: ["restart the gateway (or `openclaw plugins reload clawwarden`) to load the guard"],
      warnings: [],
    };
  };
}
