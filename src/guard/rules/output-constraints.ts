import { EXEC_TOOLS } from "../tool-call.js";
import type { Verdict } from "../types.js";

const PATH_TOOLS = new Set(["read", "write", "edit", "read_file", "write_file", "edit_file"]);

/** L-03: a tool call's parameters must have the shape the tool expects. */
export function paramShape(toolName: string, params: unknown): Verdict[] {
  const bad = (why: string): Verdict[] => [
    {
      rule: "output-constraints",
      action: "block",
      reason: `${toolName}: ${why}`,
      message: `clawwarden guard: malformed ${toolName} call (${why}).`,
      severity: "warning",
    },
  ];
  if (params === null || typeof params !== "object" || Array.isArray(params))
    return bad("parameters are not an object");
  const p = params as Record<string, unknown>;
  const t = toolName.toLowerCase();
  if (EXEC_TOOLS.has(t)) {
    const cmd = p.command ?? p.cmd ?? p.script;
    if (typeof cmd !== "string" || !cmd.trim()) return bad("command must be a non-empty string");
    if (cmd.length > 100_000) return bad("command longer than 100 kB");
    if (cmd.includes("\0")) return bad("command contains a NUL byte");
  }
  if (PATH_TOOLS.has(t)) {
    const path = p.path ?? p.file_path ?? p.filePath;
    if (typeof path !== "string" || !path.trim()) return bad("path must be a non-empty string");
    if (path.includes("\0")) return bad("path contains a NUL byte");
  }
  return [];
}

/** Tool-call or system-prompt scaffolding smuggled into a reply: stripped before it reaches a chat. */
const SCAFFOLD =
  /<\/?(?:tool_call|function_calls|invoke|antml:[a-z_]+|tool_result|system)\b[^>]{0,200}>|<\|(?:im_start|im_end|system|endoftext)\|>|\[\/?INST\]|<<\/?SYS>>|"tool_calls"\s*:\s*\[/gi;

export function stripScaffolding(text: string): { text: string; stripped: number } {
  let stripped = 0;
  const out = text.replace(SCAFFOLD, () => {
    stripped++;
    return "";
  });
  return { text: out, stripped };
}
