import { EventLog } from "../events/log.js";
import type { EventInput } from "../events/record.js";
import { ensureParser, parseCommand } from "./command.js";
import { defaultPathContext, type PathContext } from "./paths.js";
import type { GuardPolicy } from "./policy.js";
import { decodeExecute } from "./rules/decode-execute.js";
import { paramShape, stripScaffolding } from "./rules/output-constraints.js";
import { restrictedPaths } from "./rules/restricted-paths.js";
import { sensitiveActs } from "./rules/sensitive-acts.js";
import { taintFromContent, UNTRUSTED_SOURCES, untrustedToolCall } from "./rules/untrusted-content.js";
import { SessionStore, sessionKeyOf } from "./session.js";
import { inspectable, mapText, redactText, textOf } from "./text.js";
import { toolFacts } from "./tool-call.js";
import type { BeforeToolCallResult, HookContext, HookName, Verdict } from "./types.js";

export interface GuardOptions {
  policy: GuardPolicy;
  paths?: PathContext;
  /** Where decisions are logged (hash-chained); none = not logged. */
  events?: EventLog;
  /** Runs the skill scanner for before_install; injected so the guard core stays free of the scanner's weight. */
  scanInstall?: (
    sourcePath: string,
  ) => Promise<{ verdict: string; findings: Array<{ id: string; title: string; severity: string }> }>;
  now?: () => Date;
}

/** Per hook: what happens when the guard itself fails. OpenClaw's own policy for these hooks is the same. */
export const FAILURE_POLICY: Record<HookName, "fail-closed" | "fail-open"> = {
  before_tool_call: "fail-closed",
  before_install: "fail-closed",
  before_agent_run: "fail-closed",
  after_tool_call: "fail-open",
  tool_result_middleware: "fail-open",
  tool_result_persist: "fail-open",
  before_message_write: "fail-open",
  message_sending: "fail-open",
  message_received: "fail-open",
  llm_input: "fail-open",
  llm_output: "fail-open",
  model_call_ended: "fail-open",
};

const RESET_COMMAND = /^\s*\/?(?:clawwarden|guard)[ -]reset\b/i;

/**
 * The SOUL.md rules as code: one `handle(hook, event, ctx)` that returns exactly what the OpenClaw hook handler
 * returns (undefined = no decision). Deterministic policy first (parsed commands, paths, destinations, what the
 * session has seen); the injection detector only raises a session flag that tightens policy. Never throws.
 */
export class Guard {
  readonly sessions = new SessionStore();
  private readonly paths: PathContext;
  private readonly now: () => Date;

  constructor(private readonly opts: GuardOptions) {
    this.paths = opts.paths ?? defaultPathContext(process.env, opts.policy.restrictedPaths);
    this.now = opts.now ?? (() => new Date());
  }

  get policy(): GuardPolicy {
    return this.opts.policy;
  }

  async handle(hook: string, event: unknown, ctx: unknown): Promise<unknown> {
    const h = hook as HookName;
    try {
      const result = await this.dispatch(
        h,
        (event ?? {}) as Record<string, unknown>,
        (ctx ?? {}) as HookContext,
      );
      return this.policy.mode === "observe" ? undefined : result;
    } catch (error) {
      this.log({ source: "guard", type: "guard.error", data: { hook, error: (error as Error).message } });
      if (FAILURE_POLICY[h] !== "fail-closed" || this.policy.mode === "observe") return undefined;
      if (h === "before_agent_run")
        return {
          outcome: "block",
          reason: "guard error",
          message: "clawwarden guard could not check this run; try again.",
        };
      return {
        block: true,
        blockReason: "clawwarden guard could not check this action and blocks it to stay safe.",
      };
    }
  }

  /** For OpenClaw's synchronous hooks (tool_result_persist, before_message_write): no promise, never throws. */
  handleSync(hook: string, event: unknown, ctx: unknown): unknown {
    try {
      if (this.policy.mode === "observe") return undefined;
      if (hook !== "tool_result_persist" && hook !== "before_message_write") return undefined;
      return this.redactMessage(hook, (event ?? {}) as Record<string, unknown>, (ctx ?? {}) as HookContext);
    } catch {
      return undefined;
    }
  }

  private async dispatch(hook: HookName, event: Record<string, unknown>, ctx: HookContext): Promise<unknown> {
    switch (hook) {
      case "before_tool_call":
        return this.beforeToolCall(event, ctx);
      case "after_tool_call":
        this.observeToolResult(event, ctx);
        return undefined;
      case "tool_result_middleware":
        return this.toolResultMiddleware(event, ctx);
      case "tool_result_persist":
      case "before_message_write":
        return this.redactMessage(hook, event, ctx);
      case "message_sending":
        return this.messageSending(event, ctx);
      case "message_received":
        return this.messageReceived(event, ctx);
      case "before_agent_run":
        return this.beforeAgentRun(event, ctx);
      case "before_install":
        return this.beforeInstall(event);
      case "llm_input":
        return this.llmInput(event, ctx);
      case "llm_output":
        return this.llmOutput(event, ctx);
      default:
        return undefined;
    }
  }

  private async beforeToolCall(
    event: Record<string, unknown>,
    ctx: HookContext,
  ): Promise<BeforeToolCallResult | undefined> {
    const toolName = String(event.toolName ?? ctx.toolName ?? "");
    const key = sessionKeyOf(ctx);
    const session = this.sessions.get(key);
    if (session.tripped) {
      return this.decide(hook("before_tool_call"), ctx, toolName, [
        {
          rule: "stop-on-suspicion",
          action: "block",
          reason: `session stopped: ${session.tripped.reason}`,
          message: `clawwarden guard stopped this session after repeated blocked attempts (${session.tripped.reason}). The owner can resume it with /clawwarden-reset.`,
        },
      ]);
    }
    const shape = this.rule("output-constraints") ? paramShape(toolName, event.params) : [];
    if (shape.length) return this.decide(hook("before_tool_call"), ctx, toolName, shape);
    await ensureParser();
    const params = event.params as Record<string, unknown>;
    const facts = toolFacts(toolName, params, (c) => parseCommand(c));
    const owner = ctx.requester?.senderIsOwner === true || ctx.senderIsOwner === true;
    const rc = { facts, params, policy: this.policy, session, paths: this.paths, ctx, owner };
    const verdicts: Verdict[] = [
      ...(this.rule("restricted-paths") ? restrictedPaths(rc) : []),
      ...(this.rule("decode-execute") ? decodeExecute(rc) : []),
      ...(this.rule("untrusted-content") ? untrustedToolCall(rc) : []),
      ...(this.rule("sensitive-acts") ? sensitiveActs(rc) : []),
    ];
    if (facts.parsed?.truncated && !verdicts.length) {
      verdicts.push({
        rule: "output-constraints",
        action: "ask",
        reason: "command longer than the parse budget",
        message:
          "This command is too long for clawwarden to check completely. Allow only if you know what it does.",
      });
    }
    return this.decide(hook("before_tool_call"), ctx, toolName, verdicts);
  }

  private rule(id: keyof GuardPolicy["rules"]): boolean {
    return this.policy.rules[id] !== "off";
  }

  /** Strongest verdict wins: block, then ask (one approval listing every reason), else nothing. */
  private decide(
    _h: string,
    ctx: HookContext,
    toolName: string,
    verdicts: Verdict[],
  ): BeforeToolCallResult | undefined {
    const session = this.sessions.get(sessionKeyOf(ctx));
    const blocks = verdicts.filter((v) => v.action === "block" && this.policy.rules[v.rule] !== "allow");
    const asks = verdicts.filter(
      (v) => v.action === "ask" || (v.action === "block" && this.policy.rules[v.rule] === "ask"),
    );
    const base = { hook: "before_tool_call", tool: toolName };
    if (blocks.length) {
      session.blocked++;
      const first = blocks[0] as Verdict;
      this.log({
        source: "guard",
        type: "guard.decision",
        ...who(ctx),
        data: {
          ...base,
          action: "block",
          rule: first.rule,
          reason: blocks.map((b) => b.reason).join("; "),
          targets: first.targets ?? [],
        },
      });
      if (
        session.blocked >= this.policy.breakerThreshold &&
        this.rule("stop-on-suspicion") &&
        !session.tripped
      ) {
        session.tripped = {
          at: this.now().toISOString(),
          reason: `${session.blocked} blocked attempts, last: ${first.rule}`,
        };
        this.log({
          source: "guard",
          type: "guard.breaker",
          ...who(ctx),
          data: { rule: "stop-on-suspicion", blocked: session.blocked },
        });
      }
      return { block: true, blockReason: first.message };
    }
    if (asks.length) {
      const first = asks[0] as Verdict;
      const description = asks
        .map((a) => a.message)
        .join("\n")
        .slice(0, 512);
      const title = `${toolName}: ${first.reason}`.slice(0, 80);
      this.log({
        source: "guard",
        type: "guard.decision",
        ...who(ctx),
        data: { ...base, action: "ask", rule: first.rule, reason: asks.map((a) => a.reason).join("; ") },
      });
      return {
        requireApproval: {
          title,
          description,
          severity: asks.some((a) => a.severity === "critical") ? "critical" : "warning",
          ...(first.scope ? { scope: first.scope } : {}),
          allowedDecisions: ["allow-once", "deny"],
        },
      };
    }
    return undefined;
  }

  private observeToolResult(event: Record<string, unknown>, ctx: HookContext): void {
    const toolName = String(event.toolName ?? ctx.toolName ?? "");
    if (!UNTRUSTED_SOURCES.test(toolName) || !this.rule("untrusted-content")) return;
    const { text } = inspectable(textOf(event.result), this.policy.maxInspectBytes);
    const session = this.sessions.get(sessionKeyOf(ctx));
    const evidence = taintFromContent(session, toolName, text, this.now().toISOString());
    if (evidence)
      this.log({
        source: "guard",
        type: "guard.flagged",
        ...who(ctx),
        data: { tool: toolName, evidence, hosts: [...(session.flagged?.hosts ?? [])].slice(0, 20) },
      });
  }

  /** Before the model sees a tool result: untrusted content is classified, secrets in it are redacted. */
  private toolResultMiddleware(
    event: Record<string, unknown>,
    ctx: HookContext,
  ): { result: unknown } | undefined {
    this.observeToolResult(event, ctx);
    if (!this.rule("anti-leak")) return undefined;
    let count = 0;
    const result = mapText(event.result, (s) => {
      const r = redactText(s, this.policy.pii);
      count += r.count;
      return r.text;
    });
    if (!count) return undefined;
    this.log({
      source: "guard",
      type: "guard.redaction",
      ...who(ctx),
      data: { hook: "tool_result_middleware", tool: String(event.toolName ?? ""), count },
    });
    return { result };
  }

  private redactMessage(
    hookName: HookName,
    event: Record<string, unknown>,
    ctx: HookContext,
  ): { message: unknown } | undefined {
    if (!this.rule("anti-leak")) return undefined;
    let count = 0;
    const message = mapText(event.message, (s) => {
      const r = redactText(s, this.policy.pii);
      count += r.count;
      return r.text;
    });
    if (!count) return undefined;
    this.log({ source: "guard", type: "guard.redaction", ...who(ctx), data: { hook: hookName, count } });
    return { message };
  }

  private messageSending(
    event: Record<string, unknown>,
    ctx: HookContext,
  ): { content?: string; cancel?: boolean; cancelReason?: string } | undefined {
    if (typeof event.content !== "string") return undefined;
    let content = event.content;
    let changed = 0;
    if (this.rule("output-constraints")) {
      const s = stripScaffolding(content);
      if (s.stripped) {
        if (this.policy.rules["output-constraints"] === "block" && !s.text.trim()) {
          this.log({
            source: "guard",
            type: "guard.decision",
            ...who(ctx),
            data: { hook: "message_sending", action: "block", rule: "output-constraints" },
          });
          return {
            cancel: true,
            cancelReason: "clawwarden guard: the reply was only tool or system scaffolding",
          };
        }
        content = s.text;
        changed += s.stripped;
      }
    }
    if (this.rule("anti-leak")) {
      const r = redactText(content, this.policy.pii);
      if (r.count) {
        content = r.text;
        changed += r.count;
        this.log({
          source: "guard",
          type: "guard.redaction",
          ...who(ctx),
          data: { hook: "message_sending", count: r.count, kinds: r.kinds, to: String(event.to ?? "") },
        });
      }
    }
    return changed ? { content } : undefined;
  }

  private messageReceived(event: Record<string, unknown>, ctx: HookContext): undefined {
    const text = typeof event.content === "string" ? event.content : textOf(event);
    const owner = event.senderIsOwner === true || ctx.requester?.senderIsOwner === true;
    const key = sessionKeyOf(ctx);
    if (owner && RESET_COMMAND.test(text)) {
      if (this.sessions.reset(key))
        this.log({ source: "guard", type: "guard.reset", ...who(ctx), data: { by: "owner" } });
      return undefined;
    }
    if (!owner && this.rule("untrusted-content")) {
      const session = this.sessions.get(key);
      const from = `message from ${String(event.from ?? event.senderId ?? "a non-owner")}`;
      const evidence = taintFromContent(
        session,
        from,
        inspectable(text, this.policy.maxInspectBytes).text,
        this.now().toISOString(),
      );
      if (evidence)
        this.log({ source: "guard", type: "guard.flagged", ...who(ctx), data: { source: from, evidence } });
    }
    return undefined;
  }

  private beforeAgentRun(
    event: Record<string, unknown>,
    ctx: HookContext,
  ): { outcome: "block"; reason: string; message: string } | undefined {
    const key = sessionKeyOf(ctx);
    const session = this.sessions.get(key);
    const owner = event.senderIsOwner === true || ctx.requester?.senderIsOwner === true;
    if (
      owner &&
      typeof event.prompt === "string" &&
      RESET_COMMAND.test(event.prompt) &&
      this.sessions.reset(key)
    ) {
      this.log({ source: "guard", type: "guard.reset", ...who(ctx), data: { by: "owner" } });
      return undefined;
    }
    if (session.tripped && this.rule("stop-on-suspicion")) {
      this.log({
        source: "guard",
        type: "guard.decision",
        ...who(ctx),
        data: { hook: "before_agent_run", action: "block", rule: "stop-on-suspicion" },
      });
      return {
        outcome: "block",
        reason: session.tripped.reason,
        message: `clawwarden guard stopped this session after repeated blocked attempts (${session.tripped.reason}). The owner can resume it with /clawwarden-reset.`,
      };
    }
    const b = this.policy.budget;
    const over =
      (b.sessionTokens > 0 && session.tokens >= b.sessionTokens) ||
      (b.dayTokens > 0 && this.dayTokens(ctx) >= b.dayTokens);
    if (over && b.onExceed === "block" && this.policy.rules["token-budget"] !== "off") {
      this.log({
        source: "guard",
        type: "guard.decision",
        ...who(ctx),
        data: { hook: "before_agent_run", action: "block", rule: "token-budget", used: session.tokens },
      });
      return {
        outcome: "block",
        reason: "token budget exceeded",
        message:
          "clawwarden guard: this session or agent is over its token budget; the owner can raise it in the guard policy.",
      };
    }
    return undefined;
  }

  private dayTokens(ctx: HookContext): number {
    return this.sessions.addDayTokens(ctx.agentId ?? "main", this.now().toISOString().slice(0, 10), 0);
  }

  private llmOutput(event: Record<string, unknown>, ctx: HookContext): undefined {
    const usage = (event.usage ?? {}) as Record<string, unknown>;
    const n = Number(usage.total ?? Number(usage.input ?? 0) + Number(usage.output ?? 0));
    if (!Number.isFinite(n) || n <= 0) return undefined;
    const session = this.sessions.get(sessionKeyOf(ctx));
    const before = session.tokens;
    session.tokens += n;
    const agent = ctx.agentId ?? "main";
    const day = this.sessions.addDayTokens(agent, this.now().toISOString().slice(0, 10), n);
    const b = this.policy.budget;
    for (const [scope, limit, used, prev] of [
      ["session", b.sessionTokens, session.tokens, before],
      ["agent-day", b.dayTokens, day, day - n],
    ] as const) {
      if (!limit) continue;
      const level = used >= limit ? "exceeded" : used >= limit * b.warnAt ? "warn" : undefined;
      const prevLevel = prev >= limit ? "exceeded" : prev >= limit * b.warnAt ? "warn" : undefined;
      if (level && level !== prevLevel) {
        this.log({
          source: "guard",
          type: "guard.budget",
          ...who(ctx),
          data: {
            scope,
            scopeId: scope === "session" ? sessionKeyOf(ctx) : agent,
            level,
            used,
            limit,
            blocked: level === "exceeded" && b.onExceed === "block",
          },
        });
      }
    }
    return undefined;
  }

  private llmInput(event: Record<string, unknown>, ctx: HookContext): undefined {
    if (!this.rule("anti-leak")) return undefined;
    const text = inspectable(
      [event.systemPrompt, event.prompt].filter((x) => typeof x === "string").join("\n"),
      this.policy.maxInspectBytes,
    ).text;
    const r = redactText(text, this.policy.pii);
    if (r.count)
      this.log({
        source: "guard",
        type: "guard.llm_input_secrets",
        ...who(ctx),
        data: { count: r.count, kinds: r.kinds },
      });
    return undefined;
  }

  private async beforeInstall(
    event: Record<string, unknown>,
  ): Promise<{ block?: boolean; blockReason?: string; findings?: unknown[] } | undefined> {
    if (!this.rule("install-scan") || !this.opts.scanInstall) return undefined;
    const source = String(event.sourcePath ?? "");
    const name = String(event.targetName ?? source);
    if (!source)
      return {
        block: true,
        blockReason: "clawwarden guard: install without a source path cannot be scanned",
      };
    const timeout = new Promise<"timeout">((r) => setTimeout(() => r("timeout"), 12_000).unref?.());
    const scanned = await Promise.race([this.opts.scanInstall(source), timeout]);
    if (scanned === "timeout") {
      this.log({
        source: "guard",
        type: "guard.decision",
        data: {
          hook: "before_install",
          action: "block",
          rule: "install-scan",
          target: name,
          verdict: "incomplete",
        },
      });
      return {
        block: true,
        blockReason: `clawwarden: the scan of ${name} did not finish in time; install blocked (run clawwarden scan on it)`,
      };
    }
    const findings = scanned.findings
      .slice(0, 20)
      .map((f) => ({ checkId: `clawwarden.${f.id}`, severity: f.severity, title: f.title }));
    const block =
      scanned.verdict === "malicious" || scanned.verdict === "suspicious" || scanned.verdict === "incomplete";
    this.log({
      source: "guard",
      type: "guard.decision",
      data: {
        hook: "before_install",
        action: block ? "block" : "allow",
        rule: "install-scan",
        target: name,
        verdict: scanned.verdict,
      },
    });
    return block
      ? { block: true, blockReason: `clawwarden: ${name} is ${scanned.verdict}; install blocked`, findings }
      : findings.length
        ? { findings }
        : undefined;
  }

  private log(e: EventInput): void {
    this.opts.events?.append(e);
  }
}

const hook = (h: string) => h;
const who = (ctx: HookContext) => ({
  ...(ctx.sessionKey ? { session: ctx.sessionKey } : {}),
  ...(ctx.agentId ? { agent: ctx.agentId } : {}),
});

export function eventLogFor(stateDir: string): EventLog {
  return new EventLog(`${stateDir}/.clawwarden/events`);
}
