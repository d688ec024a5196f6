/**
 * The slice of OpenClaw 2026.9.6's plugin hook payloads the guard reads (shared/reference/openclaw-guard-api.md
 * §A4). Everything is optional and untrusted: OpenClaw versions and runners differ, so each rule checks shapes.
 */
export type HookName =
  | "before_tool_call"
  | "after_tool_call"
  | "tool_result_middleware"
  | "tool_result_persist"
  | "before_message_write"
  | "message_sending"
  | "message_received"
  | "before_agent_run"
  | "before_install"
  | "llm_input"
  | "llm_output"
  | "model_call_ended";

export interface Requester {
  channel?: string;
  accountId?: string;
  senderId?: string;
  senderIsOwner?: boolean;
}

export interface HookContext {
  agentId?: string;
  sessionKey?: string;
  sessionId?: string;
  runId?: string;
  channelId?: string;
  toolName?: string;
  requester?: Requester;
  senderIsOwner?: boolean;
}

export interface ApprovalRequest {
  title: string;
  description: string;
  severity?: "info" | "warning" | "critical";
  scope?:
    | {
        kind: "message-send";
        target: string;
        recipientCount: number;
        recipients?: string[];
        audience?: "internal" | "external";
      }
    | { kind: "payment"; amount: string; currency: string; target: string }
    | { kind: "external-post"; target: string; visibility: "public" | "restricted" };
  timeoutMs?: number;
  allowedDecisions?: Array<"allow-once" | "allow-always" | "deny">;
}

export interface BeforeToolCallResult {
  params?: Record<string, unknown>;
  block?: boolean;
  blockReason?: string;
  requireApproval?: ApprovalRequest;
}

export type Action = "allow" | "ask" | "block" | "redact";

/** What a rule concluded about one event. The engine turns the strongest verdicts into the hook's return. */
export interface Verdict {
  rule: RuleId;
  action: Action;
  /** Internal, for the event log (never shown to the chat). */
  reason: string;
  /** What the user sees (block reason, approval description). */
  message: string;
  /** Exact targets (paths, hosts, recipients) for the approval text. */
  targets?: string[];
  scope?: ApprovalRequest["scope"];
  severity?: ApprovalRequest["severity"];
}

export type RuleId =
  | "untrusted-content"
  | "decode-execute"
  | "sensitive-acts"
  | "restricted-paths"
  | "anti-leak"
  | "stop-on-suspicion"
  | "output-constraints"
  | "token-budget"
  | "install-scan";
