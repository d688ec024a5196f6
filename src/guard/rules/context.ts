import type { PathContext } from "../paths.js";
import type { GuardPolicy } from "../policy.js";
import type { SessionState } from "../session.js";
import type { ToolFacts } from "../tool-call.js";
import type { HookContext } from "../types.js";

/** What every tool-call rule gets: the call's facts, the policy, the session's memory and where secrets live. */
export interface ToolCallContext {
  facts: ToolFacts;
  params: Record<string, unknown>;
  policy: GuardPolicy;
  session: SessionState;
  paths: PathContext;
  ctx: HookContext;
  owner: boolean;
}
