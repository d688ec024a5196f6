import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { verifyEvents } from "../events/verify.js";
import type { LoadedConfig } from "../model/snapshot.js";

export interface GuardStatus {
  installed: boolean;
  enabled: boolean;
  conversationAccess: boolean;
  profile?: string;
  loadPath?: string;
  allowlisted: boolean | "no allowlist";
  events: { records: number; intact: boolean; broken?: string };
  problems: string[];
}

const GUARD_ID = "clawwarden";

/** Whether the deployment's config loads and enables the guard, and whether its event log is intact. */
export async function guardStatus(config: LoadedConfig, stateDir: string): Promise<GuardStatus> {
  const plugins = (config.value.plugins ?? {}) as Record<string, unknown>;
  const entry = ((plugins.entries ?? {}) as Record<string, Record<string, unknown>>)[GUARD_ID] ?? {};
  const paths = ((plugins.load as Record<string, unknown> | undefined)?.paths ?? []) as unknown[];
  const loadPath = paths.find(
    (p) => typeof p === "string" && existsSync(join(p, "openclaw.plugin.json")) && isOurs(p),
  ) as string | undefined;
  const allow = plugins.allow;
  const status: GuardStatus = {
    installed: loadPath !== undefined || Object.keys(entry).length > 0,
    enabled: entry.enabled === true,
    conversationAccess:
      (entry.hooks as Record<string, unknown> | undefined)?.allowConversationAccess === true,
    ...(typeof (entry.config as Record<string, unknown> | undefined)?.profile === "string"
      ? { profile: (entry.config as Record<string, string>).profile }
      : {}),
    ...(loadPath ? { loadPath } : {}),
    allowlisted: Array.isArray(allow) ? allow.includes(GUARD_ID) : "no allowlist",
    events: { records: 0, intact: true },
    problems: [],
  };
  const v = await verifyEvents(join(stateDir, ".clawwarden", "events"));
  status.events = {
    records: v.records,
    intact: v.ok,
    ...(v.broken ? { broken: `${v.broken.file}:${v.broken.line} ${v.broken.reason}` } : {}),
  };
  if (!status.installed) status.problems.push("the guard plugin is not installed (clawwarden guard install)");
  else if (!status.enabled) status.problems.push("plugins.entries.clawwarden.enabled is not true");
  if (status.allowlisted === false)
    status.problems.push("plugins.allow does not list clawwarden: OpenClaw will not load it");
  if (status.installed && !status.conversationAccess)
    status.problems.push("no conversation access: the circuit breaker's run gate and token budgets are off");
  if (!status.events.intact) status.problems.push(`event log tampered: ${status.events.broken}`);
  return status;
}

function isOurs(dir: string): boolean {
  try {
    return (
      (JSON.parse(readFileSync(join(dir, "openclaw.plugin.json"), "utf8")) as { id?: unknown }).id ===
      GUARD_ID
    );
  } catch {
    return false;
  }
}
