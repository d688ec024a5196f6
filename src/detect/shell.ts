import type { Node } from "web-tree-sitter";
import { analyzeJs, analyzePython } from "./code.js";
import type { DetectHit } from "./hit.js";
import type { RuleId } from "./rule-catalog.js";
import { deobfuscateShell } from "./shell-deobfuscate.js";
import { parsers, walkTree } from "./treesitter.js";
import { classifyHost, isIpv4 } from "./urls.js";

/**
 * Shell analysis on the tree-sitter-bash syntax tree: pipelines, command substitutions, redirects and
 * arguments are judged as structure, not as lines of text. Call `await loadParsers()` once before use.
 */

const FETCHERS = new Set([
  "curl",
  "wget",
  "fetch",
  "iwr",
  "invoke-webrequest",
  "invoke-restmethod",
  "irm",
  "aria2c",
  "lwp-download",
  "ftp",
  "tftp",
]);
/** Commands that run code given to them (shared with the runtime guard). */
export const INTERPRETERS: ReadonlySet<string> = new Set([
  "sh",
  "bash",
  "zsh",
  "dash",
  "ksh",
  "fish",
  "python",
  "python2",
  "python3",
  "perl",
  "ruby",
  "node",
  "php",
  "osascript",
  "source",
  ".",
  "iex",
  "invoke-expression",
  "pwsh",
  "powershell",
  "bun",
  "deno",
]);
/** Commands that run the next word as a command (shared with the runtime guard). */
export const WRAPPERS: ReadonlySet<string> = new Set([
  "sudo",
  "doas",
  "env",
  "nohup",
  "exec",
  "command",
  "builtin",
  "time",
  "nice",
  "setsid",
  "xargs",
]);
const NET_TOOLS = new Set(["nc", "ncat", "netcat", "socat", "telnet"]);

export const CREDENTIAL_PATH_RE =
  /(?:~|\$HOME|\$\{HOME\}|\/home\/[^/\s]+|\/root|\/Users\/[^/\s]+)\/(?:\.ssh\/|\.aws\/(?:credentials|config)|\.(?:openclaw|clawdbot|moltbot)\/(?:\.env|credentials|auth|openclaw\.json|clawdbot\.json|agents|identity|state)|\.gnupg|\.kube\/config|\.docker\/config\.json|\.netrc|\.git-credentials|\.npmrc|\.pypirc|\.config\/gh\/hosts|\.electrum|\.bitcoin|\.ethereum|Library\/Keychains|Library\/Application Support\/(?:Google\/Chrome|BraveSoftware|Firefox|Exodus|Electrum|com\.apple\.TCC)|\.config\/(?:google-chrome|chromium|BraveSoftware)|\.mozilla\/firefox|\.local\/share\/keyrings)|\/etc\/shadow|(?:^|[\s/"'=])\.env(?:\.local|\.production)?(?:$|[\s"'])|wallet\.dat|Login Data|Web Data|logins\.json|key[34]\.db|cookies\.sqlite|exodus\.wallet|nkbihfbeogaeaoehlefnkodbefgpgknn|auth-profiles\.json/;

const PERSIST_PATH_RE =
  /(?:\.bashrc|\.bash_profile|\.zshrc|\.zprofile|\.profile|\.config\/fish\/config\.fish|\/etc\/profile\.d\/|\/etc\/rc\.local|\.config\/autostart\/|\/etc\/cron|\/var\/spool\/cron|\/etc\/systemd\/|\.config\/systemd\/user|Library\/LaunchAgents|Library\/LaunchDaemons|\.ssh\/authorized_keys|\/etc\/ld\.so\.preload|\/etc\/sudoers|(?:SOUL|AGENTS|MEMORY|HEARTBEAT|BOOTSTRAP)\.md$|\.openclaw\/openclaw\.json|exec-approvals\.json)/;

interface Cmd {
  name: string;
  /** The command word as written (path included), after wrappers such as sudo/nohup. */
  raw: string;
  args: string[];
  node: Node;
}

function unquote(node: Node): string {
  const t = node.text;
  if (node.type === "raw_string") return t.slice(1, -1);
  if (node.type === "string") return t.slice(1, -1);
  return t.replace(/^(["'])(.*)\1$/s, "$2");
}

function commandOf(node: Node): Cmd | undefined {
  const nameNode = node.childForFieldName("name");
  if (!nameNode) return undefined;
  const words = [
    nameNode.text,
    ...node.children
      .filter(
        (c): c is Node =>
          c !== null &&
          c.type !== "command_name" &&
          c.type !== "variable_assignment" &&
          c.type !== "file_redirect" &&
          c.type !== "herestring_redirect",
      )
      .map(unquote),
  ];
  // Strip wrappers such as sudo/env/nohup and their flags.
  let i = 0;
  while (i < words.length - 1 && WRAPPERS.has(basename(words[i] ?? ""))) {
    i++;
    while (
      i < words.length - 1 &&
      ((words[i] ?? "").startsWith("-") || /^[A-Z_][A-Z0-9_]*=/.test(words[i] ?? ""))
    )
      i++;
  }
  return {
    name: basename(words[i] ?? "").toLowerCase(),
    raw: words[i] ?? "",
    args: words.slice(i + 1),
    node,
  };
}

function basename(w: string): string {
  const s = w.replace(/^["']|["']$/g, "");
  const slash = s.lastIndexOf("/");
  return slash === -1 ? s : s.slice(slash + 1);
}

/** Node count beyond which a script is not judged on what was seen: the skill becomes `incomplete`, never clean. */
export const SHELL_NODE_BUDGET = 2_000_000;

export { AnalysisBudgetError } from "./hit.js";

const walk = (node: Node, budget = SHELL_NODE_BUDGET) => walkTree(node, budget, "shell script");

const isDecoder = (c: Cmd) =>
  (c.name === "base64" && c.args.some((a) => /^-(?:d|D|-decode)$|^-\w*d\w*$/.test(a))) ||
  (c.name === "xxd" && c.args.some((a) => a.startsWith("-r"))) ||
  (c.name === "openssl" && c.args.includes("-d")) ||
  c.name === "uudecode" ||
  (c.name === "gzip" && c.args.includes("-d")) ||
  c.name === "gunzip" ||
  c.name === "rev";

const isFetcher = (c: Cmd) => FETCHERS.has(c.name);
const isInterpreter = (c: Cmd) =>
  INTERPRETERS.has(c.name) || c.name === "eval" || /^python3?\.\d+$/.test(c.name);

function urlsIn(args: string[]): Array<{ host: string; path: string }> {
  const out: Array<{ host: string; path: string }> = [];
  for (const a of args) {
    const m =
      /^(?:https?|ftp):\/\/([^/\s:?#]+)(?::\d+)?([^\s?#]*)/i.exec(a) ??
      /^([0-9]{1,3}(?:\.[0-9]{1,3}){3})(?::\d+)?(\/\S*)?$/.exec(a);
    if (m) out.push({ host: (m[1] ?? "").toLowerCase(), path: m[2] ?? "/" });
  }
  return out;
}

function uploadsData(c: Cmd): boolean {
  if (c.name === "curl")
    return (
      c.args.some((a) => /^(?:-d|--data(?:-\w+)?|-F|--form(?:-string)?|-T|--upload-file|--json)$/.test(a)) ||
      /(?:^|\s)(?:-X\s*|--request\s+)(?:POST|PUT)\b/i.test(c.args.join(" "))
    );
  if (c.name === "wget") return c.args.some((a) => /^--post-(?:data|file)|^--body-(?:data|file)/.test(a));
  if (
    c.name === "invoke-webrequest" ||
    c.name === "iwr" ||
    c.name === "invoke-restmethod" ||
    c.name === "irm"
  )
    return c.args.some((a) => /^-(?:body|infile)$/i.test(a));
  return false;
}

export interface ShellOptions {
  /** Added to tree-sitter row numbers: the script's first line inside the file. */
  lineOffset?: number;
  depth?: number;
  lineMode?: boolean;
  /** Syntax-tree nodes analysed before giving up (AnalysisBudgetError); default SHELL_NODE_BUDGET. */
  maxNodes?: number;
}

/**
 * tree-sitter-bash occasionally glues separate lines into one command (seen with a redirect after a pipeline
 * a few lines later). When a command's words sit on different lines without a `\` continuation, the script
 * is re-parsed one logical line at a time.
 */
function gluedLines(root: Node, lines: string[]): boolean {
  for (const n of walk(root)) {
    if (n.type !== "command") continue;
    const kids = n.children.filter((c): c is Node => c !== null);
    for (let i = 1; i < kids.length; i++) {
      const prev = kids[i - 1] as Node;
      const cur = kids[i] as Node;
      if (cur.startPosition.row > prev.endPosition.row && !/\\\s*$/.test(lines[prev.endPosition.row] ?? ""))
        return true;
    }
  }
  return false;
}

function logicalLines(source: string): Array<{ text: string; row: number }> {
  const out: Array<{ text: string; row: number }> = [];
  const lines = source.split("\n");
  let buf: string[] = [];
  let start = 0;
  lines.forEach((l, i) => {
    if (buf.length === 0) start = i;
    buf.push(l);
    if (!/(?:\\|\||&&|\|\|)\s*$/.test(l)) {
      out.push({ text: buf.join("\n"), row: start });
      buf = [];
    }
  });
  if (buf.length > 0) out.push({ text: buf.join("\n"), row: start });
  return out;
}

export function analyzeShell(source: string, opts: ShellOptions = {}): DetectHit[] {
  const hits = analyzeShellText(source, opts);
  if ((opts.depth ?? 0) > 0 || opts.lineMode) return hits;
  const plain = deobfuscateShell(source);
  if (plain === undefined) return hits;
  // What the shell really runs once quotes and literal variables are resolved: new hits count, marked.
  const seen = new Set(hits.map((h) => `${h.rule}:${h.line}`));
  const revealed = analyzeShellText(plain, { ...opts, depth: 1 }).filter(
    (h) => !seen.has(`${h.rule}:${h.line}`),
  );
  for (const h of revealed)
    hits.push({ ...h, detail: `${h.detail ?? h.rule} (hidden by quote-splitting or variable indirection)` });
  if (revealed.some((h) => h.confidence !== "low"))
    hits.push({
      rule: "obfuscation.shell-indirection",
      line: revealed[0]?.line ?? 1,
      match: revealed[0]?.match ?? "",
      confidence: "high",
      detail: `quote-splitting or variables hide ${[...new Set(revealed.map((h) => h.rule))].join(", ")}`,
    });
  return hits;
}

function analyzeShellText(source: string, opts: ShellOptions = {}): DetectHit[] {
  const depth = opts.depth ?? 0;
  const off = opts.lineOffset ?? 0;
  const hits: DetectHit[] = [];
  if (depth > 3 || source.length === 0) return hits;
  const tree = parsers().bash.parse(source);
  if (!tree) return hits;
  if (!opts.lineMode && source.includes("\n") && gluedLines(tree.rootNode, source.split("\n"))) {
    tree.delete();
    for (const l of logicalLines(source))
      hits.push(...analyzeShell(l.text, { ...opts, lineOffset: off + l.row, lineMode: true }));
    return hits;
  }
  try {
    const root = tree.rootNode;
    const line = (n: Node) => n.startPosition.row + 1 + off;
    const add = (
      rule: RuleId,
      n: Node,
      confidence: DetectHit["confidence"],
      detail?: string,
      tags?: DetectHit["tags"],
    ) => {
      const h: DetectHit = { rule, line: line(n), match: n.text.slice(0, 300), confidence };
      if (detail) h.detail = detail;
      if (tags) h.tags = tags;
      hits.push(h);
    };
    const downloaded = new Set<string>();
    const chmodded: Array<{ file: string; node: Node }> = [];
    const executed: Array<{ file: string; node: Node }> = [];
    const untrusted = new Set<string>();
    /** Downloaded file → vendor, when it came from an official installer URL (see OFFICIAL_INSTALLERS). */
    const officialDownloads = new Map<string, string>();
    let unpackedDownload = false;
    for (const n of walk(root, opts.maxNodes)) {
      if (
        n.type === "pipeline" &&
        /\b(?:curl|wget)\b[^|]*\|\s*(?:sudo\s+)?(?:tar|unzip|bsdtar|gunzip|funzip)\b/.test(n.text)
      )
        unpackedDownload = true;
      if (n.type === "pipeline") {
        const p = n.parent;
        if (p?.type === "pipeline" || (p?.type === "redirected_statement" && p.parent?.type === "pipeline"))
          continue;
        const cmds = pipelineCommands(n);
        const srcIdx = cmds.findIndex((c) => isFetcher(c) || isDecoder(c));
        const sinkIdx = cmds.findIndex((c, i) => i > srcIdx && isInterpreter(c));
        if (srcIdx !== -1 && sinkIdx !== -1) {
          const src = cmds[srcIdx] as Cmd;
          const official = isFetcher(src) && officialInstaller(src.args.join(" "));
          add(
            isFetcher(src) ? "shell.download-exec" : "shell.decode-exec",
            n,
            official ? "low" : "high",
            `${src.name} piped into ${cmds[sinkIdx]?.name}${official ? ` (official installer of ${official})` : ""}`,
          );
        }
        if (
          cmds.some((c) => NET_TOOLS.has(c.name)) &&
          cmds.some((c) => INTERPRETERS.has(c.name) || /\/tmp\//.test(c.args.join(" ")))
        ) {
          add("shell.reverse-shell", n, "high", "network tool wired to an interactive shell");
        }
        continue;
      }
      if (n.type === "command_substitution" || n.type === "process_substitution") {
        const parent = n.parent;
        const cmdNode = ancestorCommand(n);
        const inner = n.text;
        const fetches = /\b(?:curl|wget|iwr|invoke-webrequest)\b/i.test(inner);
        const decodes =
          /\bbase64\s+(?:-d|--decode|-D)\b|\bxxd\s+-r|\bopenssl\s+(?:enc\s+)?(?:-d|base64\s+-d)/.test(inner);
        if (cmdNode && parent) {
          const c = commandOf(cmdNode);
          if (c && isInterpreter(c) && (fetches || decodes)) {
            const official = fetches && !decodes && officialInstaller(inner);
            add(
              fetches ? "shell.download-exec" : "shell.decode-exec",
              cmdNode,
              official ? "low" : "high",
              `${c.name} runs the output of a ${fetches ? "download" : "decoder"}${official ? ` (official installer of ${official})` : ""}`,
            );
          } else if (c && c.name === "eval") {
            add("shell.eval", cmdNode, "low", "eval of command output");
          }
        }
        continue;
      }
      if (n.type === "word" || n.type === "string" || n.type === "raw_string" || n.type === "concatenation") {
        const t = n.text;
        if (/\/dev\/(?:tcp|udp)\/[^/\s]+\/\d+/.test(t) && n.parent?.type !== "concatenation")
          add("shell.reverse-shell", n, "high", "bash /dev/tcp network redirection");
        continue;
      }
      if (n.type === "file_redirect") {
        const dest = n.childForFieldName("destination")?.text ?? n.namedChildren.at(-1)?.text ?? "";
        const op = n.children[0]?.text ?? "";
        if (/^>>?$|^&>>?$|^>\|$/.test(op) || op.endsWith(">") || op.endsWith(">>")) {
          if (PERSIST_PATH_RE.test(dest)) {
            // `echo 'export PATH=…' >> ~/.zshrc` is everyday install advice; a launcher or download is not.
            const body =
              n.parent?.type === "redirected_statement"
                ? (n.parent.childForFieldName("body")?.text ?? "")
                : "";
            const routine =
              /^echo\s+['"]?\s*(?:export\s+[A-Z_][A-Z0-9_]*=|alias\s|source\s|\.\s|eval\s+"?\$\([\w.-]+\s+(?:init|env|shellenv|completion)|fpath|autoload|complete\s)/.test(
                body,
              ) &&
              !/\b(?:curl|wget|nc|ncat|base64|nohup|osascript|python3?|perl)\b|\/dev\/tcp|&\s*['"]?\s*$/.test(
                body,
              ) &&
              !/authorized_keys|cron|systemd|Launch(?:Agents|Daemons)|sudoers|ld\.so/.test(dest);
            add(
              "shell.persistence",
              n,
              routine ? "low" : "high",
              `writes to ${dest}${routine ? " (shell setup line)" : ""}`,
            );
          }
        }
        if (/^</.test(op) && CREDENTIAL_PATH_RE.test(dest))
          add("shell.credential-access", n, "high", `reads ${dest}`, ["cred-source"]);
        continue;
      }
      if (n.type !== "command") continue;
      const c = commandOf(n);
      if (!c) continue;
      judgeCommand(c, n, add, depth, off, hits);
      if (isFetcher(c)) {
        // `-o FILE`, and bundled short flags that end in o/O (`-sLo FILE`, `-qO FILE`).
        const outIdx = c.args.findIndex(
          (a) => a === "--output" || a === "--output-document" || /^-[A-Za-z]*[oO]$/.test(a),
        );
        const outFile = outIdx !== -1 ? c.args[outIdx + 1] : undefined;
        const u = urlsIn(c.args)[0];
        const trusted =
          u !== undefined &&
          classifyHost(u.host, u.path) === "normal" &&
          /https:\/\//i.test(c.args.join(" "));
        const file = outFile && outFile !== "-" ? basename(outFile) : u ? basename(u.path) : undefined;
        if (file) {
          downloaded.add(file);
          if (!trusted) untrusted.add(file);
          const vendor = officialInstaller(c.args.join(" "));
          if (vendor) officialDownloads.set(file, vendor);
          else officialDownloads.delete(file);
        }
      }
      // Running a file fetched earlier in the same script: `curl -o x.sh URL; bash x.sh` or `./x`.
      const runTarget = isInterpreter(c)
        ? c.args.find((a) => !a.startsWith("-"))
        : c.raw.includes("/")
          ? c.raw
          : undefined;
      if (/^(?:tar|bsdtar|unzip|7z|7za)$/.test(c.name) && c.args.some((a) => downloaded.has(basename(a))))
        unpackedDownload = true;
      if (runTarget && !isFetcher(c)) {
        if (downloaded.has(basename(runTarget))) executed.push({ file: basename(runTarget), node: n });
        // `curl … | tar xz && ./pkg/install`: running a relative path after unpacking a download.
        else if (unpackedDownload && /^\.{1,2}\//.test(runTarget))
          executed.push({ file: runTarget, node: n });
      }
      if (
        c.name === "chmod" &&
        c.args.some((a) => /^(?:\+x|[ugoa]*\+[rw]*x|[0-7]*[1357][0-7]{0,2})$/.test(a))
      ) {
        for (const a of c.args)
          if (!a.startsWith("-") && !/^[+0-7ugoarwx]+$/.test(a))
            chmodded.push({ file: basename(a), node: n });
      }
    }
    for (const ex of executed) {
      // `curl -o get-docker.sh https://get.docker.com; sh get-docker.sh`: the vendor's documented two-step form
      // is the same remote code as `curl … | sh`, and gets the same low confidence (verdict review).
      const vendor = officialDownloads.get(ex.file);
      add(
        "shell.download-exec",
        ex.node,
        vendor ? "low" : "high",
        `runs the downloaded file ${ex.file}${vendor ? ` (official installer of ${vendor})` : ""}`,
      );
    }
    for (const ch of chmodded) {
      if (downloaded.has(ch.file))
        add(
          "shell.download-chmod",
          ch.node,
          untrusted.has(ch.file) ? "high" : "low",
          `marks the downloaded file ${ch.file} executable`,
        );
    }
    if (root.hasError && hits.length === 0 && source.length > 0) {
      // Still report nothing: tree-sitter recovers around errors and the structure above is what we judged.
    }
  } finally {
    tree.delete();
  }
  return hits;
}

/**
 * Vendor install scripts that many legitimate skills document (`curl … | sh`). Piping them into a shell is
 * still remote code, so it stays a finding, but at low confidence (verdict `review`, not `suspicious`).
 * Only exact hosts over https count.
 */
const OFFICIAL_INSTALLERS: Record<string, string> = {
  "bun.sh": "Bun",
  "astral.sh": "uv/ruff",
  "sh.rustup.rs": "Rust",
  "get.docker.com": "Docker",
  "deno.land": "Deno",
  "get.pnpm.io": "pnpm",
  "ollama.com": "Ollama",
  "install.python-poetry.org": "Poetry",
  "tailscale.com": "Tailscale",
  "fnm.vercel.app": "fnm",
  "sdk.cloud.google.com": "Google Cloud SDK",
  "cli.doppler.com": "Doppler",
  "openclaw.ai": "OpenClaw",
  "claude.ai": "Claude Code",
};

/** Vendors whose documented installer lives on shared hosting: only their own path counts. */
const OFFICIAL_INSTALLER_PATHS: Record<string, string> = {
  "raw.githubusercontent.com/nvm-sh/nvm/": "nvm",
  "raw.githubusercontent.com/Homebrew/install/": "Homebrew",
  "raw.githubusercontent.com/ohmyzsh/ohmyzsh/": "Oh My Zsh",
  "get.sdkman.io/": "SDKMAN",
  "install.determinate.systems/nix": "Nix",
  "starship.rs/install.sh": "Starship",
};

function officialInstaller(text: string): string | undefined {
  const urls = [...text.matchAll(/https:\/\/([a-z0-9.-]+)(\/[^\s"'|;)]*)?/gi)].map((m) => ({
    host: (m[1] ?? "").toLowerCase(),
    path: m[2] ?? "/",
  }));
  if (urls.length !== 1 || /http:\/\//i.test(text)) return undefined;
  const { host, path } = urls[0] as { host: string; path: string };
  const byHost = OFFICIAL_INSTALLERS[host];
  if (byHost) return byHost;
  const full = `${host}${path}`;
  // No `..` or encoded tricks: the path must really sit under the vendor's own repository.
  if (/\.\.|%2e|%2f/i.test(path)) return undefined;
  return Object.entries(OFFICIAL_INSTALLER_PATHS).find(([prefix]) => full.startsWith(prefix))?.[1];
}

function pipelineCommands(n: Node, out: Cmd[] = []): Cmd[] {
  for (const c of n.namedChildren) {
    if (!c) continue;
    if (c.type === "command") {
      const cmd = commandOf(c);
      if (cmd) out.push(cmd);
    } else if (c.type === "pipeline") pipelineCommands(c, out);
    else if (c.type === "redirected_statement") {
      const body = c.childForFieldName("body");
      if (body?.type === "command") {
        const cmd = commandOf(body);
        if (cmd) out.push(cmd);
      } else if (body?.type === "pipeline") pipelineCommands(body, out);
    }
  }
  return out;
}

function ancestorCommand(n: Node): Node | undefined {
  for (let p = n.parent; p; p = p.parent) {
    if (p.type === "command") return p;
    if (p.type === "program" || p.type === "pipeline" || p.type === "list") return undefined;
  }
  return undefined;
}

type Add = (
  rule: RuleId,
  n: Node,
  confidence: DetectHit["confidence"],
  detail?: string,
  tags?: DetectHit["tags"],
) => void;

function judgeCommand(c: Cmd, n: Node, add: Add, depth: number, off: number, hits: DetectHit[]): void {
  const joined = c.args.join(" ");
  const line0 = n.startPosition.row + off;
  // Inline code handed to an interpreter is analysed in its own language.
  const inlineIdx = c.args.findIndex(
    (a) => a === "-c" || a === "-e" || a === "--eval" || a === "-Command" || a === "-command",
  );
  if (inlineIdx !== -1 && c.args[inlineIdx + 1] !== undefined) {
    const code = c.args[inlineIdx + 1] as string;
    if (/^(?:sh|bash|zsh|dash|ksh)$/.test(c.name))
      hits.push(...analyzeShell(code, { lineOffset: line0, depth: depth + 1 }));
    else if (/^python/.test(c.name))
      hits.push(...analyzePython(code, { lineOffset: line0, depth: depth + 1 }));
    else if (/^(?:powershell|pwsh)(?:\.exe)?$/.test(c.name)) hits.push(...analyzePowerShell(code, line0));
    else if (c.name === "node" || c.name === "deno" || c.name === "bun")
      hits.push(...analyzeJs(code, { lineOffset: line0, depth: depth + 1 }));
  }
  // `eval "…"` runs its (joined) arguments as a script: analyse them as one.
  if (c.name === "eval" && c.args.length > 0 && !c.args.some((a) => a.startsWith("$("))) {
    hits.push(...analyzeShell(c.args.join(" "), { lineOffset: line0, depth: depth + 1 }));
  }
  if (c.name === "osascript") {
    for (const m of joined.matchAll(/do shell script\s+\\?"((?:[^"\\]|\\.){1,4000})\\?"/g)) {
      hits.push(...analyzeShell((m[1] ?? "").replace(/\\"/g, '"'), { lineOffset: line0, depth: depth + 1 }));
    }
  }
  if (NET_TOOLS.has(c.name)) {
    if (c.args.some((a) => /^-[a-zA-Z]*[ec]$/.test(a)) || /\bexec:|\bsystem:/i.test(joined))
      add("shell.reverse-shell", n, "high", `${c.name} hands a shell to the network`);
    else if (c.args.some((a) => isIpv4(a)))
      add("shell.raw-ip-connect", n, "medium", `${c.name} to a raw IP`, ["net-sink"]);
  }
  if (
    /^(?:sh|bash|zsh)$/.test(c.name) &&
    c.args.includes("-i") &&
    /\/dev\/(?:tcp|udp)\//.test(n.parent?.text ?? "")
  ) {
    add("shell.reverse-shell", n, "high", "interactive shell redirected to a socket");
  }
  if (c.name === "crontab" && !(c.args.length === 1 && (c.args[0] === "-l" || c.args[0] === "-e"))) {
    // What the new entry runs decides: a local script the user approved is maintenance; a download, a
    // decoder, a socket or a hidden path is persistence for a payload.
    let scope: Node = n;
    for (let k = 0; k < 4 && scope.parent && scope.parent.type !== "program"; k++) scope = scope.parent;
    const entry = scope.text;
    const payload =
      /\b(?:curl|wget|nc|ncat|socat|base64|openssl|python3?\s+-c|perl\s+-e|bash\s+-i)\b|https?:\/\/|\/dev\/tcp\/|\/tmp\/\.|\/\.[\w-]+\/\.|@reboot/.test(
        entry,
      ) || !/\b(?:echo|printf)\b/.test(entry);
    add(
      "shell.persistence",
      n,
      payload ? "high" : "low",
      payload ? "installs a crontab" : "adds a crontab entry that runs a local command",
    );
  }
  if (c.name === "systemctl" && /\benable\b/.test(joined))
    add("shell.persistence", n, "medium", "enables a systemd unit");
  if (c.name === "launchctl" && /\b(?:load|bootstrap|submit)\b/.test(joined))
    add("shell.persistence", n, "high", "loads a launch agent");
  if (
    (c.name === "tee" && c.args.some((a) => PERSIST_PATH_RE.test(a))) ||
    ((c.name === "cp" || c.name === "mv" || c.name === "ln" || c.name === "install") &&
      PERSIST_PATH_RE.test(c.args.filter((a) => !a.startsWith("-")).at(-1) ?? ""))
  )
    add("shell.persistence", n, "high", "writes a startup file");
  if (
    c.name === "security" &&
    /find-(?:generic|internet)-password/.test(joined) &&
    /Safe Storage|Chrome|Brave|Edge|Opera|Arc\b/i.test(joined)
  )
    add("shell.credential-access", n, "high", "reads a browser's keychain encryption key (Safe Storage)", [
      "cred-source",
    ]);
  if (c.name === "osascript" && /display dialog[^\n]{0,200}(?:hidden answer|password)/i.test(joined))
    add("shell.credential-access", n, "high", "fake password prompt (osascript display dialog)", [
      "cred-source",
    ]);
  if (c.name === "dscl" && /-authonly/.test(joined))
    add("shell.credential-access", n, "high", "verifies a captured login password (dscl -authonly)", [
      "cred-source",
    ]);
  if (
    c.name === "security" &&
    /\b(?:dump-keychain|find-(?:generic|internet)-password\b.*-w|export)\b/.test(joined)
  )
    add(
      "shell.credential-access",
      n,
      /dump-keychain|export/.test(joined) ? "high" : "low",
      "reads the macOS keychain",
      ["cred-source"],
    );
  if (
    c.name === "xattr" &&
    (/com\.apple\.quarantine/.test(joined) || c.args.some((a) => /^-[a-z]*c[a-z]*$/.test(a)))
  )
    add("shell.quarantine-removal", n, "high", "removes the macOS quarantine attribute");
  if (
    (c.name === "spctl" && /--master-disable|--global-disable|--disable/.test(joined)) ||
    (c.name === "csrutil" && /\bdisable\b/.test(joined)) ||
    /set-mppreference\b/i.test(c.name) ||
    (c.name === "ufw" && /\bdisable\b/.test(joined)) ||
    (c.name === "setenforce" && joined.trim() === "0")
  )
    add("shell.disable-security", n, "high", "turns off a platform security control");
  if (
    c.name === "openclaw" &&
    /\bconfig\s+set\b/.test(joined) &&
    /sandbox\.mode\s+["']?off|exec\.(?:security|ask)\s+["']?(?:full|off|never)|allowPromptInjection\s+true|dangerously\w*\s+true|tools\.profile\s+["']?full|gateway\.bind\s+["']?(?:lan|0\.0\.0\.0)|auth\.mode\s+["']?none/i.test(
      joined,
    )
  )
    add("shell.disable-security", n, "high", "weakens OpenClaw's own safety settings");
  if (c.name === "history" && c.args.includes("-c"))
    add("shell.anti-forensics", n, "medium", "clears shell history");
  if (c.name === "unset" && /\bHISTFILE\b/.test(joined))
    add("shell.anti-forensics", n, "medium", "disables shell history");
  // Credential sources.
  const credArg = c.args.find((a) => CREDENTIAL_PATH_RE.test(a) && !/\.pub$|known_hosts$/.test(a));
  if (credArg !== undefined) {
    const reader =
      /^(?:cat|cp|scp|rsync|tar|zip|7z|base64|xxd|curl|wget|nc|head|tail|less|more|strings|sqlite3|gpg|openssl|find|grep)$/.test(
        c.name,
      );
    // A project's own .env is read by every dev tool; only the OpenClaw state dir's .env is a credential store here.
    const projectDotenv =
      /(?:^|\/)\.env(?:\.\w+)?$/.test(credArg) && !/\.(?:openclaw|clawdbot|moltbot)\//.test(credArg);
    add(
      "shell.credential-access",
      n,
      reader && !projectDotenv ? "high" : "low",
      `${c.name} touches ${credArg}`,
      ["cred-source"],
    );
  }
  if (/^(?:env|printenv)$/.test(c.name) && c.args.length === 0)
    add("shell.env-dump", n, "low", "dumps the whole environment", ["cred-source"]);
  // Network sinks and exfiltration.
  if (isFetcher(c)) {
    const targets = urlsIn(c.args);
    const bad = targets.find((t) => {
      const k = classifyHost(t.host, t.path);
      return k !== "normal" && k !== "private-ip";
    });
    const upload = uploadsData(c);
    const sendsSecrets =
      c.args.some((a) => /^@/.test(a) && CREDENTIAL_PATH_RE.test(a)) ||
      /\$\((?:env|printenv|cat [^)]*)\)|`(?:env|printenv)`/.test(joined);
    if (upload && (bad || sendsSecrets))
      add(
        "shell.exfiltration",
        n,
        "high",
        `${c.name} uploads data to ${bad ? `${bad.host} (${classifyHost(bad.host, bad.path)})` : "a remote host"}`,
        ["net-sink"],
      );
    else if (upload) add("shell.upload", n, "low", `${c.name} sends data`, ["net-sink"]);
    else if (bad)
      add(
        "shell.suspicious-fetch",
        n,
        "medium",
        `${c.name} talks to ${bad.host} (${classifyHost(bad.host, bad.path)})`,
        ["net-sink"],
      );
  }
  // Destructive commands.
  if (
    c.name === "rm" &&
    c.args.some((a) => /^-[a-zA-Z]*[rR]/.test(a) || a === "--recursive") &&
    c.args.some((a) =>
      /^(?:\/|\/\*|~\/?|~\/\*|\$HOME\/?|\$\{HOME\}\/?|\/(?:etc|usr|var|boot|home|bin|lib)\/?|\.\/?\*?|\*)$/.test(
        a,
      ),
    )
  )
    add("shell.destructive", n, "high", "recursive delete of a root, home or system directory");
  if (
    /^mkfs(?:\.\w+)?$/.test(c.name) ||
    (c.name === "dd" && /\bof=\/dev\/(?:sd|nvme|hd|disk|xvd)/.test(joined)) ||
    (c.name === "shred" && /\/dev\//.test(joined)) ||
    (c.name === "find" && /^\/\s.*-delete\b/.test(joined))
  )
    add("shell.destructive", n, "high", "wipes a disk or filesystem");
  if (c.name === "chmod" && /-R\s+(?:777|a\+rwx)\s+\/(?:\s|$)/.test(joined))
    add("shell.destructive", n, "high", "opens the whole filesystem to everyone");
}

const PS_RULES: Array<{ rule: RuleId; re: RegExp; detail: string }> = [
  {
    rule: "shell.download-exec",
    re: /\b(?:iex|invoke-expression)\b[^\n]{0,120}\b(?:downloadstring|iwr|invoke-webrequest|irm|invoke-restmethod|net\.webclient)\b|\b(?:iwr|irm|invoke-webrequest|invoke-restmethod|downloadstring)\b[^\n]{0,160}\|\s*(?:iex|invoke-expression)\b/gi,
    detail: "PowerShell downloads and runs code",
  },
  {
    rule: "shell.download-exec",
    re: /\bcertutil(?:\.exe)?\s+[^\n]{0,40}-urlcache\b|\bbitsadmin(?:\.exe)?\s+[^\n]{0,20}\/transfer\b|\bmshta(?:\.exe)?\s+(?:https?:|javascript:|vbscript:)|\b(?:regsvr32)(?:\.exe)?\s+[^\n]{0,40}\/i:https?:/gi,
    detail: "Windows living-off-the-land download/execute binary",
  },
  {
    rule: "shell.decode-exec",
    re: /\b(?:powershell|pwsh)(?:\.exe)?\b[^\n]{0,60}\s-(?:e|enc|encodedcommand)\s+[A-Za-z0-9+/=]{20,}/gi,
    detail: "PowerShell runs a base64-encoded command",
  },
  {
    rule: "shell.disable-security",
    re: /\bset-mppreference\b[^\n]{0,60}-disable\w*\s+\$?true|\badd-mppreference\b[^\n]{0,40}-exclusion/gi,
    detail: "turns off or bypasses Microsoft Defender",
  },
];

/** PowerShell and batch (no parser for them here): a few high-signal patterns, all with bounded gaps. */
export function analyzePowerShell(source: string, lineOffset = 0): DetectHit[] {
  const hits: DetectHit[] = [];
  for (const r of PS_RULES) {
    r.re.lastIndex = 0;
    for (let m = r.re.exec(source); m !== null; m = r.re.exec(source)) {
      hits.push({
        rule: r.rule,
        line: lineOffset + source.slice(0, m.index).split("\n").length,
        match: m[0].slice(0, 300),
        confidence: "high",
        detail: r.detail,
      });
      if (hits.length > 100) return hits;
    }
  }
  return hits;
}
