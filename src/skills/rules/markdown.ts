/** Fenced code blocks (``` / ~~~) and inline code spans of a Markdown document, with their first line. */
export interface CodeBlock {
  lang: "shell" | "python" | "js" | "powershell" | "inline" | "other";
  code: string;
  /** 1-based line of the first code line. */
  line: number;
}

const SHELL_LANGS = new Set([
  "",
  "bash",
  "sh",
  "shell",
  "zsh",
  "console",
  "terminal",
  "shellsession",
  "ksh",
  "fish",
  "command",
  "cmd",
  "text",
]);
const PY_LANGS = new Set(["python", "py", "python3", "ipython"]);
const JS_LANGS = new Set(["js", "javascript", "ts", "typescript", "node", "mjs", "cjs", "jsx", "tsx"]);

export function markdownBlocks(md: string): CodeBlock[] {
  const out: CodeBlock[] = [];
  const lines = md.split("\n");
  let fence: { marker: string; lang: string; start: number; body: string[] } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (fence) {
      if (line.trimStart().startsWith(fence.marker) && line.trim().replace(/[`~]/g, "") === "") {
        out.push({
          lang: langOf(fence.lang),
          code: stripPrompts(fence.body, fence.lang),
          line: fence.start + 1,
        });
        fence = undefined;
      } else fence.body.push(line);
      continue;
    }
    const open = /^\s{0,3}(`{3,}|~{3,})\s*([\w+-]*)/.exec(line);
    if (open) {
      fence = { marker: open[1] as string, lang: (open[2] ?? "").toLowerCase(), start: i + 1, body: [] };
      continue;
    }
    if (line.includes("`")) {
      for (const m of line.matchAll(/`([^`\n]{4,500})`/g))
        out.push({ lang: "inline", code: m[1] as string, line: i + 1 });
    }
  }
  if (fence)
    out.push({ lang: langOf(fence.lang), code: stripPrompts(fence.body, fence.lang), line: fence.start + 1 });
  return out;
}

function langOf(lang: string): CodeBlock["lang"] {
  if (SHELL_LANGS.has(lang)) return "shell";
  if (PY_LANGS.has(lang)) return "python";
  if (JS_LANGS.has(lang)) return "js";
  if (["powershell", "ps1", "pwsh", "ps", "bat", "batch", "cmd", "dos"].includes(lang)) return "powershell";
  return "other";
}

/** `$ cmd` / `% cmd` prompts in console blocks: keep the command, keep line numbers. */
function stripPrompts(body: string[], _lang: string): string {
  return body.map((l) => l.replace(/^\s*[$%>]\s(?=\S)/, "")).join("\n");
}
