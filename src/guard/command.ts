import type { Node } from "web-tree-sitter";
import { WRAPPERS as SCANNER_WRAPPERS } from "../detect/shell.js";
import { loadParsers, parsers } from "../detect/treesitter.js";

/** One simple command as the shell will run it: wrappers (sudo, env, nohup…) peeled off, quotes removed. */
export interface SimpleCommand {
  name: string;
  args: string[];
  /** Where its output is redirected (`> file`, `>> file`). */
  writes: string[];
  /** Inputs read by redirection (`< file`). */
  reads: string[];
  text: string;
}

export interface ParsedCommand {
  commands: SimpleCommand[];
  /** Each pipeline's command names in order (`curl … | base64 -d | sh` → ["curl","base64","sh"]). */
  pipelines: SimpleCommand[][];
  /** The command was longer than the parse budget: only its start was seen. */
  truncated: boolean;
}

const MAX_PARSE = 64 * 1024;
const MAX_DEPTH = 3;
/** The scanner's wrapper list plus the ones that take a duration or priority first. */
const WRAPPERS: ReadonlySet<string> = new Set([
  ...SCANNER_WRAPPERS,
  "ionice",
  "stdbuf",
  "timeout",
  "busybox",
]);
const SHELLS = new Set(["sh", "bash", "zsh", "dash", "ksh", "ash", "fish"]);

export async function ensureParser(): Promise<void> {
  await loadParsers();
}

/**
 * Parses a shell command with tree-sitter-bash (call `ensureParser()` once first): every simple command in
 * pipelines, lists, `$(…)`, backticks and subshells, and the script inside `bash -c '…'` / `sh -c` / `eval`.
 */
export function parseCommand(source: string, depth = 0): ParsedCommand {
  const truncated = source.length > MAX_PARSE;
  const text = truncated ? source.slice(0, MAX_PARSE) : source;
  const tree = parsers().bash.parse(text);
  const out: ParsedCommand = { commands: [], pipelines: [], truncated };
  if (!tree) return out;
  try {
    // one cursor walk; Node objects are made only for the three node types that matter (GC was most of the cost)
    const commands: Node[] = [];
    const pipelines: Node[] = [];
    const redirected: Node[] = [];
    const cursor = tree.walk();
    let visited = 0;
    for (let more = true; more && visited < 200_000; ) {
      visited++;
      const type = cursor.nodeType;
      if (type === "command") commands.push(cursor.currentNode);
      else if (type === "pipeline") pipelines.push(cursor.currentNode);
      else if (type === "redirected_statement") redirected.push(cursor.currentNode);
      if (cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) {
          more = false;
          break;
        }
      }
    }
    cursor.delete();
    const byNode = new Map<number, SimpleCommand>();
    for (const n of commands) {
      const cmd = simpleCommand(n);
      if (!cmd) continue;
      byNode.set(n.id, cmd);
      out.commands.push(cmd);
      const inner = innerScript(cmd);
      if (inner !== undefined && depth < MAX_DEPTH) {
        const nested = parseCommand(inner, depth + 1);
        out.commands.push(...nested.commands);
        out.pipelines.push(...nested.pipelines);
        out.truncated ||= nested.truncated;
      }
    }
    for (const n of pipelines) {
      const stage = n.namedChildren
        .map((c) => (c && c.type === "redirected_statement" ? c.namedChildren[0] : c))
        .map((c) => (c ? byNode.get(c.id) : undefined))
        .filter((c): c is SimpleCommand => c !== undefined);
      if (stage.length > 1) out.pipelines.push(stage);
    }
    // redirections hang on the enclosing redirected_statement, not on the command node
    for (const n of redirected) {
      const body = n.namedChildren[0];
      const cmd = body ? byNode.get(body.id) : undefined;
      if (!cmd) continue;
      for (const r of n.namedChildren.slice(1)) {
        if (r?.type !== "file_redirect") continue;
        const dest = r.namedChildren.find((c) => c && c.type !== "file_descriptor");
        if (!dest) continue;
        const op = r.children.find((c) => c && !c.isNamed)?.text ?? ">";
        (op.startsWith("<") ? cmd.reads : cmd.writes).push(unquote(dest));
      }
    }
  } finally {
    tree.delete();
  }
  return out;
}

function simpleCommand(n: Node): SimpleCommand | undefined {
  const words: string[] = [];
  for (const c of n.namedChildren) {
    if (!c || c.type === "variable_assignment" || c.type === "file_redirect") continue;
    words.push(unquote(c));
  }
  while (words.length > 1 && WRAPPERS.has(basename(words[0] as string))) {
    words.shift();
    while (
      words.length &&
      (/^-/.test(words[0] as string) ||
        /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0] as string) ||
        /^\d+[smhd]?$/.test(words[0] as string))
    )
      words.shift();
  }
  if (!words.length) return undefined;
  return {
    name: basename(words[0] as string),
    args: words.slice(1),
    writes: [],
    reads: [],
    text: n.text.slice(0, 2000),
  };
}

function innerScript(cmd: SimpleCommand): string | undefined {
  if (cmd.name === "eval") return cmd.args.join(" ");
  if (!SHELLS.has(cmd.name)) return undefined;
  const i = cmd.args.findIndex((a) => /^-[a-z]*c[a-z]*$/.test(a));
  return i >= 0 ? cmd.args[i + 1] : undefined;
}

/** The word as the shell will see it: quotes removed, concatenations joined; expansions kept as written. */
function unquote(n: Node): string {
  switch (n.type) {
    case "raw_string":
      return n.text.slice(1, -1);
    case "string":
      return n.namedChildren.length === 0
        ? n.text.slice(1, -1)
        : n.text.slice(1, -1).replace(/\\(["\\$`])/g, "$1");
    case "ansi_c_string":
      return n.text.slice(2, -1);
    case "concatenation":
      return n.namedChildren.map((c) => (c ? unquote(c) : "")).join("");
    case "word":
      return n.text.replace(/\\(.)/g, "$1");
    default:
      return n.text;
  }
}

export const basename = (p: string) => p.slice(p.lastIndexOf("/") + 1);
