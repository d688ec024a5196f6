import { homedir } from "node:os";
import { join } from "node:path";
import { eventLogFor, FAILURE_POLICY, Guard } from "./engine.js";
import { scanForInstall } from "./install-scan.js";
import { loadPolicy, type Profile } from "./policy.js";
import type { HookName } from "./types.js";

/**
 * The OpenClaw plugin entry (package.json `openclaw.extensions`). A plain object with `register`: nothing is
 * imported from `openclaw` at run time, and nothing from clawwarden's CLI or fix code. OpenClaw may call
 * `register` several times in one process (install validation, reload, runtime): each api object is registered
 * once, and every registration shares one Guard per process so session state is not split.
 */
interface PluginApi {
  on?: (
    hook: string,
    handler: (event: unknown, ctx: unknown) => unknown,
    opts?: { priority?: number },
  ) => void;
  registerAgentToolResultMiddleware?: (
    handler: (event: unknown) => unknown,
    opts?: { runtimes?: string[] },
  ) => void;
  pluginConfig?: Record<string, unknown>;
  logger?: { info?: (m: string) => void; warn?: (m: string) => void; error?: (m: string) => void };
}

const seen = new WeakSet<object>();
let shared: Guard | undefined;

/** Hooks and their priority: the guard's gates run first, its redactor last ("the last returned content wins"). */
const ASYNC_HOOKS: Array<[HookName, number]> = [
  ["before_tool_call", 1000],
  ["before_install", 1000],
  ["before_agent_run", 1000],
  ["after_tool_call", 0],
  ["message_received", 0],
  ["message_sending", -1000],
  ["llm_input", 0],
  ["llm_output", 0],
];
/** OpenClaw calls these synchronously: the handler must not return a promise. */
const SYNC_HOOKS: HookName[] = ["tool_result_persist", "before_message_write"];

function guardFor(api: PluginApi): Guard {
  if (shared) return shared;
  const cfg = api.pluginConfig ?? {};
  const policy = loadPolicy({
    ...(typeof cfg.policyFile === "string" ? { file: cfg.policyFile } : {}),
    ...(typeof cfg.profile === "string" ? { profile: cfg.profile as Profile } : {}),
  });
  const stateDir =
    (typeof cfg.stateDir === "string" && cfg.stateDir) ||
    process.env.OPENCLAW_STATE_DIR ||
    join(homedir(), ".openclaw");
  shared = new Guard({ policy, events: eventLogFor(stateDir), scanInstall: scanForInstall });
  return shared;
}

export function register(api: PluginApi): void {
  if (seen.has(api)) return;
  seen.add(api);
  const log = api.logger ?? {};
  let guard: Guard;
  try {
    guard = guardFor(api);
  } catch (error) {
    log.error?.(`clawwarden guard: policy error, guard NOT active: ${(error as Error).message}`);
    throw error;
  }
  if (typeof api.on !== "function") {
    log.error?.("clawwarden guard: this OpenClaw has no api.on; no hook registered (plugin API drift)");
    return;
  }
  const registered: string[] = [];
  const failed: string[] = [];
  for (const [hook, priority] of ASYNC_HOOKS) {
    try {
      api.on(hook, (event, ctx) => guard.handle(hook, event, ctx), { priority });
      registered.push(hook);
    } catch (error) {
      failed.push(`${hook} (${(error as Error).message})`);
    }
  }
  for (const hook of SYNC_HOOKS) {
    try {
      api.on(hook, (event, ctx) => guard.handleSync(hook, event, ctx), { priority: -1000 });
      registered.push(hook);
    } catch (error) {
      failed.push(`${hook} (${(error as Error).message})`);
    }
  }
  if (typeof api.registerAgentToolResultMiddleware === "function") {
    try {
      api.registerAgentToolResultMiddleware((event) => guard.handle("tool_result_middleware", event, event), {
        runtimes: ["openclaw", "codex"],
      });
      registered.push("tool-result middleware");
    } catch (error) {
      failed.push(`tool-result middleware (${(error as Error).message})`);
    }
  }
  log.info?.(
    `clawwarden guard active (${guard.policy.profile}, ${guard.policy.mode}): ${registered.join(", ")}; fail-closed: ${Object.entries(
      FAILURE_POLICY,
    )
      .filter(([, p]) => p === "fail-closed")
      .map(([h]) => h)
      .join(", ")}`,
  );
  if (failed.length) log.warn?.(`clawwarden guard: hooks NOT registered: ${failed.join("; ")}`);
}

export default {
  id: "clawwarden",
  name: "clawwarden guard",
  description:
    "SOUL.md safety rules enforced as code in OpenClaw's hooks: restricted paths, decode-and-run, confirmations, anti-leak, breakers, budgets",
  register,
};
