import type { Snapshot } from "../model/snapshot.js";
import { cfg, configEvidence, isObject } from "./helpers.js";
import type { Evidence } from "./types.js";

/**
 * The tool policy as OpenClaw 2026.9 documents it (gateway/config-tools/tool-policy.md): profiles,
 * groups, allow / alsoAllow / deny with `*` globs, per-agent overrides. Used to tell which tools an
 * agent can actually reach.
 */

export const TOOL_GROUPS: Record<string, string[]> = {
  "group:runtime": ["exec", "process", "code_execution", "bash"],
  "group:fs": ["read", "write", "edit", "apply_patch"],
  "group:sessions": [
    "sessions",
    "sessions_list",
    "sessions_history",
    "sessions_search",
    "conversations_list",
    "conversations_send",
    "conversations_turn",
    "sessions_send",
    "sessions_spawn",
    "sessions_yield",
    "subagents",
    "session_status",
    "suggest_task",
    "dismiss_task",
  ],
  "group:memory": ["memory_search", "memory_get"],
  "group:web": ["web_search", "x_search", "web_fetch"],
  "group:ui": ["browser", "screen", "theme", "dashboard", "terminal", "portal", "canvas", "show_widget"],
  "group:automation": ["heartbeat_respond", "automations", "cron", "gateway", "plugins", "openclaw"],
  "group:messaging": ["message"],
  "group:nodes": ["nodes", "computer"],
  "group:agents": [
    "agents_list",
    "get_goal",
    "create_goal",
    "update_goal",
    "progress_card",
    "ask_user",
    "skill_workshop",
  ],
  "group:media": ["view_image", "image_generate", "music_generate", "video_generate", "tts", "pdf"],
};

export const PROFILES: Record<string, string[]> = {
  minimal: ["session_status", "gateway"],
  coding: [
    "group:fs",
    "group:runtime",
    "group:web",
    "group:sessions",
    "group:memory",
    "cron",
    "automations",
    "gateway",
    "group:agents",
    "view_image",
    "image_generate",
    "music_generate",
    "video_generate",
    "theme",
    "bundle-mcp",
  ],
  messaging: ["group:messaging", "group:sessions", "gateway", "ask_user", "theme", "bundle-mcp"],
};

/** The risky groups the guide's least-privilege item is about. */
export const RISKY_GROUPS = ["group:runtime", "group:fs", "group:automation", "group:nodes"] as const;
const RUNTIME_TOOLS = ["exec", "process", "code_execution"];
const WRITE_TOOLS = ["write", "edit", "apply_patch"];

export function strings(v: unknown): string[] | undefined {
  return Array.isArray(v)
    ? v.filter((x): x is string => typeof x === "string").map((x) => x.trim().toLowerCase())
    : undefined;
}

function expand(entries: string[]): string[] {
  return entries.flatMap((e) => TOOL_GROUPS[e] ?? [e]);
}

export function matches(tool: string, patterns: string[] | undefined): boolean {
  if (!patterns) return false;
  return expand(patterns).some((p) => {
    if (p === tool) return true;
    if (!p.includes("*")) return false;
    const re = new RegExp(
      `^${p
        .split("*")
        .map((x) => x.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
        .join(".*")}$`,
    );
    return re.test(tool);
  });
}

export interface ToolPolicy {
  profile: string | undefined;
  allow: string[] | undefined;
  alsoAllow: string[] | undefined;
  deny: string[];
  /** Key paths the policy was read from, for evidence. */
  keys: { profile: string; allow: string; alsoAllow: string; deny: string[] };
}

/** Global `tools.*` with per-agent `agents.entries.<id>.tools.*` overrides; deny lists add up. */
export function toolPolicy(s: Snapshot, agentToolsKey?: string): ToolPolicy {
  const agent = agentToolsKey ? cfg(s, agentToolsKey) : undefined;
  const a = isObject(agent) ? agent : {};
  const pick = (k: string) => (a[k] !== undefined ? `${agentToolsKey}.${k}` : `tools.${k}`);
  const profile = cfg(s, pick("profile"));
  const denyKeys = ["tools.deny", ...(a.deny !== undefined ? [`${agentToolsKey}.deny`] : [])];
  return {
    profile: typeof profile === "string" ? profile : undefined,
    allow: strings(cfg(s, pick("allow"))),
    alsoAllow: strings(cfg(s, pick("alsoAllow"))),
    deny: denyKeys.flatMap((k) => strings(cfg(s, k)) ?? []),
    keys: { profile: pick("profile"), allow: pick("allow"), alsoAllow: pick("alsoAllow"), deny: denyKeys },
  };
}

export function toolAllowed(policy: ToolPolicy, tool: string): boolean {
  const t = tool.toLowerCase();
  if (matches(t, policy.deny)) return false;
  // `bash` is an alias of exec; `allow: ["write"]` also enables apply_patch.
  if (t === "exec" && matches("bash", policy.deny)) return false;
  const base = PROFILES[policy.profile ?? ""];
  const profileOk = base === undefined || matches(t, base) || matches(t, policy.alsoAllow);
  const allowOk =
    policy.allow === undefined ||
    matches(t, policy.allow) ||
    (t === "exec" && matches("bash", policy.allow)) ||
    (t === "apply_patch" && matches("write", policy.allow));
  return profileOk && allowOk;
}

/**
 * Risky groups with at least one member allowed. The limited profiles carry `gateway` with only its
 * update action, so `gateway` counts only when granted explicitly or by an unfiltered profile.
 */
export function riskyGroupsAllowed(p: ToolPolicy): string[] {
  const limited = PROFILES[p.profile ?? ""] !== undefined;
  const explicit = (t: string) => matches(t, p.allow) || matches(t, p.alsoAllow);
  return RISKY_GROUPS.filter((g) =>
    (TOOL_GROUPS[g] ?? []).some((t) => toolAllowed(p, t) && !(t === "gateway" && limited && !explicit(t))),
  );
}

export function runtimeReachable(p: ToolPolicy): string[] {
  return RUNTIME_TOOLS.filter((t) => toolAllowed(p, t));
}

export function writeReachable(p: ToolPolicy): string[] {
  return WRITE_TOOLS.filter((t) => toolAllowed(p, t));
}

export function describePolicy(p: ToolPolicy): string {
  const parts = [`profile ${p.profile ?? "(unset)"}`];
  if (p.allow) parts.push(`allow [${p.allow.join(", ")}]`);
  if (p.alsoAllow) parts.push(`alsoAllow [${p.alsoAllow.join(", ")}]`);
  if (p.deny.length) parts.push(`deny [${p.deny.join(", ")}]`);
  return parts.join(", ");
}

export function policyEvidence(s: Snapshot, p: ToolPolicy): Evidence[] {
  const keys = [p.keys.profile, p.keys.allow, p.keys.alsoAllow, ...p.keys.deny];
  const present = keys.filter((k) => cfg(s, k) !== undefined);
  return (present.length ? present : [p.keys.profile]).map((k) => configEvidence(s, k));
}
