import { INTERPRETERS } from "../detect/shell.js";
import { basename, type ParsedCommand, type SimpleCommand } from "./command.js";

/** What a tool call will touch, read from its parameters (and its parsed command for exec-like tools). */
export interface ToolFacts {
  tool: string;
  command?: string;
  parsed?: ParsedCommand;
  reads: string[];
  writes: string[];
  /** URLs, hosts and addresses the call sends to or fetches from. */
  destinations: string[];
  /** Message recipients (message tools). */
  recipients: string[];
  /** Files attached to an outbound message or upload. */
  attachments: string[];
}

export const EXEC_TOOLS = new Set([
  "exec",
  "bash",
  "shell",
  "process",
  "run_command",
  "terminal",
  "system.run",
]);
const READ_TOOLS = new Set(["read", "read_file", "view", "cat", "open_file"]);
const WRITE_TOOLS = new Set([
  "write",
  "write_file",
  "edit",
  "edit_file",
  "create_file",
  "str_replace",
  "multi_edit",
]);
export const FETCH_TOOLS = new Set(["web_fetch", "fetch", "browser", "web_search", "http_request"]);
export const MESSAGE_TOOLS = new Set([
  "message",
  "send_message",
  "sessions_send",
  "email_send",
  "gmail_send",
  "send_email",
  "slack_send",
  "telegram_send",
]);

const str = (v: unknown) => (typeof v === "string" ? v : undefined);
const strs = (v: unknown): string[] =>
  typeof v === "string" ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];

export function toolFacts(
  toolName: string,
  params: Record<string, unknown>,
  parse: (c: string) => ParsedCommand,
): ToolFacts {
  const tool = toolName.toLowerCase();
  const f: ToolFacts = { tool, reads: [], writes: [], destinations: [], recipients: [], attachments: [] };
  const path = str(params.path) ?? str(params.file_path) ?? str(params.filePath) ?? str(params.file);
  if (READ_TOOLS.has(tool) && path) f.reads.push(path);
  if (WRITE_TOOLS.has(tool) && path) f.writes.push(path);
  if (tool === "apply_patch") {
    const patch = str(params.patch) ?? str(params.input) ?? "";
    for (const m of patch.matchAll(/^\*\*\* (?:Add|Update|Delete) File: (.+)$/gm))
      f.writes.push((m[1] as string).trim());
    for (const m of patch.matchAll(/^\+\+\+ (?:b\/)?(\S+)/gm)) f.writes.push(m[1] as string);
  }
  if (FETCH_TOOLS.has(tool)) f.destinations.push(...strs(params.url), ...strs(params.targetUrl));
  if (MESSAGE_TOOLS.has(tool)) {
    f.recipients.push(
      ...strs(params.to),
      ...strs(params.target),
      ...strs(params.recipient),
      ...strs(params.recipients),
      ...strs(params.channel),
    );
    f.attachments.push(
      ...strs(params.media),
      ...strs(params.attachments),
      ...strs(params.files),
      ...strs(params.filePath),
      ...strs(params.path),
    );
  }
  const command = EXEC_TOOLS.has(tool)
    ? (str(params.command) ?? str(params.cmd) ?? str(params.script))
    : undefined;
  if (command !== undefined) {
    f.command = command;
    f.parsed = parse(command);
    for (const c of f.parsed.commands) commandFacts(c, f);
  }
  return f;
}

const NET_SENDERS = new Set([
  "curl",
  "wget",
  "scp",
  "sftp",
  "rsync",
  "nc",
  "ncat",
  "netcat",
  "socat",
  "ftp",
  "http",
  "https",
  "xh",
  "telnet",
  "ssh",
  "mail",
  "mailx",
  "sendmail",
  "mutt",
  "s3cmd",
]);

function commandFacts(c: SimpleCommand, f: ToolFacts): void {
  f.writes.push(...c.writes);
  f.reads.push(...c.reads);
  const name = c.name;
  for (const a of c.args) {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(a)) f.destinations.push(a);
    else if (/^[\w.-]+@[\w.-]+:/.test(a) || (/^[\w.-]+:[^/]/.test(a) && (name === "scp" || name === "rsync")))
      f.destinations.push(a);
  }
  if (NET_SENDERS.has(name)) {
    const hostArg = c.args.find(
      (a) => !a.startsWith("-") && /^[\w.-]+\.[a-z]{2,}$|^\d{1,3}(?:\.\d{1,3}){3}$/i.test(a),
    );
    if (
      hostArg &&
      (name === "nc" || name === "ncat" || name === "netcat" || name === "telnet" || name === "ssh")
    )
      f.destinations.push(hostArg);
  }
  // every non-option argument of a reading/writing command is a path it touches
  if (
    [
      "cat",
      "less",
      "more",
      "head",
      "tail",
      "grep",
      "rg",
      "strings",
      "xxd",
      "od",
      "base64",
      "cp",
      "scp",
      "rsync",
      "tar",
      "zip",
      "gpg",
      "openssl",
      "source",
      ".",
      "vim",
      "vi",
      "nano",
      "sed",
      "awk",
      "jq",
      "python",
      "python3",
      "node",
      "curl",
      "sqlite3",
      "stat",
      "file",
      "ls",
      "find",
      "mv",
      "chmod",
      "chown",
      "rm",
      "shred",
      "tee",
    ].includes(name)
  ) {
    for (const a of c.args) {
      if (a.startsWith("-") && !a.includes("@")) continue;
      const at = a.startsWith("@") ? a.slice(1) : a.replace(/^-[a-zA-Z]@?/, "");
      if (/^[~/.$]|\//.test(at) || /^\.?[\w.-]+$/.test(at)) f.reads.push(at);
    }
  }
  if (name === "tee" || name === "cp" || name === "mv") {
    const last = c.args.filter((a) => !a.startsWith("-")).pop();
    if (last) f.writes.push(last);
  }
}

export const isInterpreter = (name: string) => INTERPRETERS.has(basename(name)) || basename(name) === "eval";
