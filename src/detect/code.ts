import * as acorn from "acorn";
import * as acornLoose from "acorn-loose";
import type { Node as TsNode } from "web-tree-sitter";
import { AnalysisIncomplete, type DetectHit } from "./hit.js";
import type { RuleId } from "./rule-catalog.js";
import { analyzeShell } from "./shell.js";
import { parsers, walkTree } from "./treesitter.js";
import { classifyHost } from "./urls.js";

/**
 * JavaScript/TypeScript (acorn, with acorn-loose as a tolerant fallback for TS syntax) and Python
 * (tree-sitter-python) analysis: dynamic code from decoded data, shells, sockets, env dumps, credential
 * files, network sinks. Parsed as data only: nothing is evaluated.
 */

export interface CodeOptions {
  lineOffset?: number;
  depth?: number;
}

const CRED_TOKEN_RE =
  /(?:^|[\\/'"`])(?:\.ssh[\\/'"`]|id_rsa|id_ed25519|\.aws[\\/'"`]|\.gnupg|\.kube[\\/'"`]|\.netrc|\.git-credentials|\.docker[\\/'"`]config|wallet\.dat|Login Data|Cookies(?:\.sqlite)?['"`]|Local State|\.electrum|Exodus|keychain|\.(?:openclaw|clawdbot|moltbot)[\\/'"`,\s]+(?:\.env|credentials|auth|identity|agents|openclaw\.json|clawdbot\.json)|auth-profiles\.json|\.env['"`])/i;
/**
 * Browser password/cookie databases and crypto-wallet stores: no honest skill names these files, so a
 * string naming one is credential access wherever it is used (a glob list, a copy loop, a zip).
 */
export const BROWSER_WALLET_STORE_RE =
  /(?:^|[\\/'"`*])(?:Login Data|Web Data|Cookies(?:\.sqlite)?|logins\.json|key[34]\.db|signons\.sqlite|wallet\.dat|exodus\.wallet|Local Extension Settings[\\/]nkbihfbeogaeaoehlefnkodbefgpgknn|nkbihfbeogaeaoehlefnkodbefgpgknn|Electrum[\\/]wallets|\.electrum[\\/]wallets|Atomic[\\/]Local Storage|Ledger Live|\.ethereum[\\/]keystore|\.bitcoin[\\/]wallets)(?:$|['"`\\/*])/i;
const DECODE_CALL_RE =
  /\batob\s*\(|Buffer\.from\s*\([^)]{0,2000}?['"`](?:base64|hex)['"`]|fromCharCode|decodeURIComponent\s*\(|\bunescape\s*\(|b64decode|bytes\.fromhex|codecs\.decode|zlib\.decompress|marshal\.loads|binascii\.(?:unhexlify|a2b_base64)|base64\.decodebytes|\[::-1\]|\bchr\s*\(\s*\w+\s*\)\s*for\b/;
const SHELL_NAMES_RE = /['"`](?:\/bin\/(?:ba|z|da)?sh|cmd(?:\.exe)?|powershell(?:\.exe)?|bash|sh)['"`]/;

type Add = (
  rule: RuleId,
  line: number,
  match: string,
  confidence: DetectHit["confidence"],
  detail?: string,
  tags?: DetectHit["tags"],
) => void;

function collector(hits: DetectHit[], off: number): Add {
  return (rule, line, match, confidence, detail, tags) => {
    const h: DetectHit = { rule, line: line + off, match: match.slice(0, 300), confidence };
    if (detail) h.detail = detail;
    if (tags) h.tags = tags;
    hits.push(h);
  };
}

const REMOTE_DATA_RE =
  /\b(?:fetch|axios|got|https?\.get|request)\s*\(|\.text\(\)|responseText|\bres(?:ponse)?\.data\b/;
const SECRET_ENV_NAME = /(?:KEY|TOKEN|SECRET|PASSW(?:OR)?D|PASS|CRED|COOKIE|SESSION|MNEMONIC|SEED|PRIVATE)/i;

/** A URL literal whose host or path is filled in at run time (`${token}`, `{}`, `%s`, `" +`). */
function templatedUrl(text: string): boolean {
  const m = /https?:\/\/[^\s'"`]*/.exec(text);
  return m !== null && /\$\{|\{[\w.]*\}|%s|%\(/.test(m[0]);
}

function literalUrlKind(text: string): string | undefined {
  // Node's http.request({ hostname: "203.0.113.9" }) names the host without a URL.
  const h = /\b(?:hostname|host)\s*:\s*['"`]([^'"`\s]+)['"`]/.exec(text);
  if (h) {
    const kind = classifyHost(h[1] ?? "", "/");
    if (kind !== "normal" && kind !== "private-ip") return `${h[1]} (${kind})`;
  }
  const m = /https?:\/\/([^/\s'"`:]+)(?::\d+)?([^\s'"`]*)/.exec(text);
  if (!m) return undefined;
  const kind = classifyHost(m[1] ?? "", m[2] ?? "/");
  return kind === "normal" || kind === "private-ip" ? undefined : `${m[1]} (${kind})`;
}

// ---------------------------------------------------------------- JavaScript / TypeScript

interface AnyNode {
  type: string;
  start: number;
  end: number;
  loc?: { start: { line: number } };
  [key: string]: unknown;
}

function parseJs(source: string): AnyNode {
  const base = {
    ecmaVersion: "latest" as const,
    locations: true,
    allowHashBang: true,
    allowReturnOutsideFunction: true,
    allowAwaitOutsideFunction: true,
    allowImportExportEverywhere: true,
  };
  try {
    return acorn.parse(source, { ...base, sourceType: "module" }) as unknown as AnyNode;
  } catch {
    try {
      return acorn.parse(source, { ...base, sourceType: "script" }) as unknown as AnyNode;
    } catch {
      return acornLoose.parse(source, { ...base, sourceType: "module" }) as unknown as AnyNode;
    }
  }
}

function* walkJs(root: AnyNode): Generator<{ node: AnyNode; parent: AnyNode | undefined }> {
  const stack: Array<{ node: AnyNode; parent: AnyNode | undefined }> = [{ node: root, parent: undefined }];
  let visited = 0;
  while (stack.length > 0) {
    const item = stack.pop() as { node: AnyNode; parent: AnyNode | undefined };
    yield item;
    if (++visited > 3_000_000)
      throw new AnalysisIncomplete("JavaScript file larger than the analysis budget");
    for (const key in item.node) {
      if (
        key === "loc" ||
        key === "type" ||
        key === "start" ||
        key === "end" ||
        key === "raw" ||
        key === "name"
      )
        continue;
      const v = item.node[key];
      if (v === null || typeof v !== "object") continue;
      if (Array.isArray(v)) {
        for (let i = v.length - 1; i >= 0; i--)
          if (v[i] && typeof v[i].type === "string") stack.push({ node: v[i], parent: item.node });
      } else if (v && typeof v === "object" && typeof (v as AnyNode).type === "string")
        stack.push({ node: v as AnyNode, parent: item.node });
    }
  }
}

function calleeName(node: AnyNode): string {
  const callee = node.callee as AnyNode | undefined;
  if (!callee) return "";
  if (callee.type === "Identifier") return callee.name as string;
  if (callee.type === "MemberExpression") {
    const prop = callee.property as AnyNode;
    const obj = callee.object as AnyNode;
    const objName =
      obj.type === "Identifier"
        ? (obj.name as string)
        : obj.type === "MemberExpression"
          ? `${((obj.object as AnyNode).name as string) ?? ""}.${((obj.property as AnyNode).name as string) ?? ""}`
          : "";
    const propName =
      prop.type === "Identifier" ? (prop.name as string) : prop.type === "Literal" ? String(prop.value) : "";
    return `${objName}.${propName}`;
  }
  return "";
}

const lineOfNode = (n: AnyNode) => n.loc?.start.line ?? 1;

const CP_MODULE = String.raw`['"\x60](?:node:)?child_process['"\x60]`;
const CP_ALIAS = new RegExp(
  String.raw`(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*(?:await\s+import|require)\(\s*${CP_MODULE}\s*\)|import\s+(?:\*\s+as\s+)?([A-Za-z_$][\w$]*)\s+from\s*${CP_MODULE}`,
  "g",
);
const CP_DESTRUCTURE = new RegExp(
  String.raw`(?:(?:const|let|var)\s*\{([^}]{0,400})\}\s*=\s*(?:await\s+import|require)\(\s*${CP_MODULE}\s*\)|import\s*\{([^}]{0,400})\}\s*from\s*${CP_MODULE})`,
  "g",
);

/**
 * How a file refers to child_process: \`const proc = require("node:child_process")\`, \`import * as cp\`,
 * \`const { execSync: run } = require(...)\`, or \`require("child_process").execSync(...)\` inline. \`resolve\` maps
 * a callee name to the canonical \`child_process.execSync\` so every alias is judged like the plain name.
 */
function childProcessBindings(source: string) {
  const aliases = new Set<string>();
  const locals = new Map<string, string>();
  for (const m of source.matchAll(CP_ALIAS)) aliases.add((m[1] ?? m[2]) as string);
  for (const m of source.matchAll(CP_DESTRUCTURE)) {
    for (const part of (m[1] ?? m[2] ?? "").split(",")) {
      const bits = part.trim().split(/\s*(?::|\bas\b)\s*/);
      const imported = bits[0]?.trim();
      const local = (bits[1] ?? bits[0])?.trim();
      if (imported && local && /^[A-Za-z_$][\w$]*$/.test(local)) locals.set(local, imported);
    }
  }
  const inlineRequire = (node: AnyNode): boolean => {
    const obj = (node.callee as AnyNode | undefined)?.object as AnyNode | undefined;
    if (obj?.type !== "CallExpression") return false;
    const arg = (obj.arguments as AnyNode[] | undefined)?.[0];
    return (
      (obj.callee as AnyNode)?.name === "require" &&
      arg?.type === "Literal" &&
      /^(?:node:)?child_process$/.test(String(arg.value))
    );
  };
  return {
    resolve(name: string, node: AnyNode): string {
      if (name.startsWith(".") && inlineRequire(node)) return `child_process${name}`;
      const dot = name.indexOf(".");
      if (dot > 0 && aliases.has(name.slice(0, dot))) return `child_process${name.slice(dot)}`;
      const local = locals.get(name);
      return local ? `child_process.${local}` : name;
    },
  };
}

export function analyzeJs(source: string, opts: CodeOptions = {}): DetectHit[] {
  const hits: DetectHit[] = [];
  const depth = opts.depth ?? 0;
  if (depth > 3) return hits;
  const add = collector(hits, opts.lineOffset ?? 0);
  let root: AnyNode;
  try {
    root = parseJs(source);
  } catch (error) {
    // a file the tolerant parser cannot read (e.g. 1 000 nested arrays before the payload) is not analysed, so
    // it must not count as clean; a nested string that is simply not JavaScript is fine to skip
    if (depth === 0)
      throw new AnalysisIncomplete(
        `JavaScript that no parser reads: ${(error as Error).message.slice(0, 80)}`,
      );
    return hits;
  }
  const text = (n: AnyNode) => source.slice(n.start, Math.min(n.end, n.start + 4000));
  const usesChildProcess = /\bchild_process\b/.test(source);
  const childProcess = childProcessBindings(source);
  let socketLine = 0;
  let shellSpawnLine = 0;
  const dynamicEvals: Array<{ line: number; match: string; name: string; remote: boolean }> = [];
  // Variables holding decoded data: `const code = Buffer.from(x, "base64").toString()`.
  const decodedVars = new Set<string>();
  const nodes: AnyNode[] = [];
  // Variables holding downloaded data: `const code = await (await fetch(u)).text()`, `d += chunk` in on("data").
  const remoteVars = new Set<string>();
  const streamsData = /\.on\(\s*['"]data['"]/.test(source);
  for (const { node } of walkJs(root)) {
    nodes.push(node);
    if (
      node.type === "VariableDeclarator" &&
      (node.id as AnyNode).type === "Identifier" &&
      node.init &&
      REMOTE_DATA_RE.test(text(node.init as AnyNode))
    ) {
      remoteVars.add((node.id as AnyNode).name as string);
    } else if (
      node.type === "AssignmentExpression" &&
      (node.left as AnyNode).type === "Identifier" &&
      (REMOTE_DATA_RE.test(text(node.right as AnyNode)) || (streamsData && node.operator === "+="))
    ) {
      remoteVars.add((node.left as AnyNode).name as string);
    }
    if (
      node.type === "VariableDeclarator" &&
      (node.id as AnyNode).type === "Identifier" &&
      node.init &&
      DECODE_CALL_RE.test(text(node.init as AnyNode))
    ) {
      decodedVars.add((node.id as AnyNode).name as string);
    } else if (
      node.type === "AssignmentExpression" &&
      (node.left as AnyNode).type === "Identifier" &&
      DECODE_CALL_RE.test(text(node.right as AnyNode))
    ) {
      decodedVars.add((node.left as AnyNode).name as string);
    }
  }
  const usesDecoded = (args: AnyNode[], argText: string) =>
    DECODE_CALL_RE.test(argText) ||
    args.some((a) => a.type === "Identifier" && decodedVars.has(a.name as string));
  let storeNamed = false;
  for (const node of nodes) {
    if (
      !storeNamed &&
      node.type === "Literal" &&
      typeof node.value === "string" &&
      BROWSER_WALLET_STORE_RE.test(`'${node.value}'`)
    ) {
      storeNamed = true;
      add(
        "code.credential-access",
        lineOfNode(node),
        node.value,
        "high",
        "names a browser password/cookie or wallet store",
        ["cred-source"],
      );
    }
    if (
      node.type === "MemberExpression" &&
      text(node.object as AnyNode) === "process.env" &&
      SECRET_ENV_NAME.test(text(node.property as AnyNode))
    ) {
      add("code.secret-env", lineOfNode(node), text(node), "low", "reads a credential from the environment", [
        "cred-source",
      ]);
    }
    if (node.type === "NewExpression" || node.type === "CallExpression") {
      const name = childProcess.resolve(calleeName(node), node);
      const args = (node.arguments as AnyNode[]) ?? [];
      const argText = args.map(text).join(", ");
      const line = lineOfNode(node);
      const short = name.split(".").pop() ?? name;
      if (
        name === "eval" ||
        name === "Function" ||
        /(?:^|\.)(?:runInThisContext|runInContext|compileFunction)$/.test(name) ||
        /(?:^|\.)runInNewContext$/.test(name) ||
        name === "vm.Script" ||
        name === "Script" ||
        ((name === "setTimeout" || name === "setInterval") &&
          args[0]?.type !== "ArrowFunctionExpression" &&
          args[0]?.type !== "FunctionExpression" &&
          args[0]?.type !== "Identifier" &&
          args[0]?.type !== "MemberExpression")
      ) {
        if (usesDecoded(args, argText))
          add("code.eval-decoded", line, text(node), "high", `${name} of decoded data`);
        else if (
          args.length > 0 &&
          (name === "Function" ? args : args.slice(0, 1)).every(
            (a) => a.type === "Literal" || a.type === "TemplateLiteral",
          )
        ) {
          const lit = (name === "Function" ? args : args.slice(0, 1))
            .map((a) => (a.type === "Literal" ? String(a.value) : text(a).slice(1, -1)))
            .join("\n");
          hits.push(...analyzeJs(lit, { lineOffset: (opts.lineOffset ?? 0) + line - 1, depth: depth + 1 }));
        } else if (args.length > 0 && name !== "setTimeout" && name !== "setInterval") {
          const code = name === "Function" ? args[args.length - 1] : args[0];
          const remote =
            code !== undefined &&
            (REMOTE_DATA_RE.test(text(code)) ||
              (code.type === "Identifier" && remoteVars.has(code.name as string)));
          dynamicEvals.push({ line, match: text(node), name, remote });
        }
      }
      if (usesChildProcess && /^(?:(?:child_process|cp|childProcess)\.)?(?:exec|execSync)$/.test(name)) {
        const first = args[0];
        if (first?.type === "Literal" && typeof first.value === "string")
          hits.push(
            ...analyzeShell(first.value, { lineOffset: (opts.lineOffset ?? 0) + line - 1, depth: depth + 1 }),
          );
        else if (first?.type === "TemplateLiteral")
          hits.push(
            ...analyzeShell(text(first).slice(1, -1), {
              lineOffset: (opts.lineOffset ?? 0) + line - 1,
              depth: depth + 1,
            }),
          );
        if (usesDecoded(args, argText))
          add("code.eval-decoded", line, text(node), "high", "shell command built from decoded data");
        else add("code.shell-exec", line, text(node), "low", `${name} runs a command through a shell`);
      }
      if (
        usesChildProcess &&
        /^(?:(?:child_process|cp|childProcess)\.)?(?:spawn|spawnSync|execFile|execFileSync)$/.test(name)
      ) {
        if (SHELL_NAMES_RE.test(text(args[0] ?? node))) {
          shellSpawnLine = line;
          // spawn("bash", ["-c", "…"]): the -c string is a shell script.
          const list = args[1];
          if (list?.type === "ArrayExpression") {
            const els = (list.elements as AnyNode[]).map((e) =>
              e?.type === "Literal" && typeof e.value === "string" ? e.value : undefined,
            );
            const ci = els.findIndex((e) => e === "-c" || e === "/c" || e === "-Command");
            const script = ci !== -1 ? els[ci + 1] : undefined;
            if (script)
              hits.push(
                ...analyzeShell(script, { lineOffset: (opts.lineOffset ?? 0) + line - 1, depth: depth + 1 }),
              );
          }
        }
        if (/shell\s*:\s*true/.test(argText))
          add("code.shell-exec", line, text(node), "low", `${name} with shell: true`);
      }
      if (
        /^(?:net\.)?(?:connect|createConnection)$|^(?:new )?(?:net\.)?Socket$/.test(name) ||
        (short === "connect" && /\bnet\b/.test(name))
      )
        socketLine = line;
      if (
        /^(?:fetch|axios(?:\.\w+)?|got(?:\.\w+)?|https?\.(?:request|get)|\w*\.request|request|XMLHttpRequest|WebSocket|navigator\.sendBeacon|\w+\.(?:post|put))$/.test(
          name,
        )
      ) {
        const bad = literalUrlKind(argText);
        const sendsEnv = /process\.env\b(?!\s*\.|\s*\[)/.test(argText);
        if (bad)
          add(
            "code.suspicious-endpoint",
            line,
            text(node),
            templatedUrl(argText) ? "low" : "medium",
            `network call to ${bad}`,
            ["net-sink"],
          );
        if (sendsEnv)
          add(
            "code.env-exfiltration",
            line,
            text(node),
            "high",
            "sends the whole environment over the network",
            ["cred-source", "net-sink"],
          );
        if (!bad && !sendsEnv)
          add("code.network", line, text(node), "low", `network call (${name})`, ["net-sink"]);
      }
      if (
        /(?:readFile|readFileSync|createReadStream|readdir|readdirSync|copyFile|copyFileSync|open)$/.test(
          short,
        ) &&
        CRED_TOKEN_RE.test(argText)
      ) {
        add("code.credential-access", line, text(node), "high", "reads a credential store", ["cred-source"]);
      } else if (BROWSER_WALLET_STORE_RE.test(argText)) {
        add(
          "code.credential-access",
          line,
          text(node),
          "high",
          "names a browser password/cookie or wallet store",
          ["cred-source"],
        );
      }
      if (
        (name === "JSON.stringify" ||
          name === "Object.entries" ||
          name === "Object.keys" ||
          name === "Object.assign") &&
        /^process\.env$|[{,]\s*[\w$]+\s*:\s*process\.env\s*[,}]|\.\.\.process\.env\b/.test(
          args.map(text).join("").trim(),
        )
      ) {
        add("code.env-dump", line, text(node), "low", "serialises the whole environment", ["cred-source"]);
      }
    }
  }
  for (const d of dynamicEvals) {
    if (d.remote)
      add("code.remote-eval", d.line, d.match, "high", `${d.name} of data that comes from the network`);
    else add("code.dynamic-eval", d.line, d.match, "medium", `${d.name} of computed code`);
  }
  if (socketLine && (shellSpawnLine || /\.pipe\s*\(\s*\w+\.stdin\s*\)/.test(source)))
    add("code.reverse-shell", socketLine, "net socket + shell", "high", "socket wired to a spawned shell");
  return hits;
}

// ---------------------------------------------------------------- Python

const walkTs = (node: TsNode) => walkTree(node, 3_000_000, "Python file");

function pyString(n: TsNode): string | undefined {
  if (n.type !== "string") return undefined;
  const content = n.namedChildren.filter((c) => c?.type === "string_content").map((c) => c?.text ?? "");
  return content.join("");
}

export function analyzePython(source: string, opts: CodeOptions = {}): DetectHit[] {
  const hits: DetectHit[] = [];
  const depth = opts.depth ?? 0;
  if (depth > 3) return hits;
  const add = collector(hits, opts.lineOffset ?? 0);
  const tree = parsers().python.parse(source);
  if (!tree) return hits;
  let socketLine = 0;
  let dupOrPty = false;
  try {
    const decodedVars = new Set<string>();
    const remoteVars = new Set<string>();
    for (const n of walkTs(tree.rootNode)) {
      if (
        n.type === "assignment" &&
        n.childForFieldName("left")?.type === "identifier" &&
        /\b(?:requests\.get|httpx\.get|urlopen|\.recv)\b/.test(
          n.childForFieldName("right")?.text.slice(0, 2000) ?? "",
        )
      ) {
        remoteVars.add(n.childForFieldName("left")?.text ?? "");
      }
      if (
        n.type === "assignment" &&
        n.childForFieldName("left")?.type === "identifier" &&
        DECODE_CALL_RE.test(n.childForFieldName("right")?.text.slice(0, 4000) ?? "")
      ) {
        decodedVars.add(n.childForFieldName("left")?.text ?? "");
      }
    }
    const usesDecoded = (argsNode: TsNode | null, argText: string) =>
      DECODE_CALL_RE.test(argText) ||
      (argsNode?.namedChildren.some((a) => a?.type === "identifier" && decodedVars.has(a.text)) ?? false);
    for (const n of walkTs(tree.rootNode)) {
      const line = n.startPosition.row + 1;
      if (
        (n.type === "call" &&
          /^(?:os\.getenv|os\.environ\.get)$/.test(n.childForFieldName("function")?.text ?? "")) ||
        (n.type === "subscript" && n.childForFieldName("value")?.text === "os.environ")
      ) {
        const arg =
          n.type === "call"
            ? n.childForFieldName("arguments")?.namedChildren[0]
            : n.childForFieldName("subscript");
        const nameText = arg ? (pyString(arg) ?? "") : "";
        if (SECRET_ENV_NAME.test(nameText))
          add("code.secret-env", line, n.text, "low", "reads a credential from the environment", [
            "cred-source",
          ]);
      }
      if (n.type === "attribute" && n.text === "os.environ") {
        const p = n.parent;
        const wholeEnv =
          p &&
          p.type !== "subscript" &&
          !(p.type === "attribute" && /^os\.environ\.(?:get|setdefault|pop|__contains__)$/.test(p.text));
        if (!wholeEnv) continue;
        let network = false;
        let serialised = false;
        let top: TsNode = n;
        for (let a: TsNode | null = n.parent, i = 0; a && i < 6; a = a.parent, i++) {
          if (a.type === "call") {
            const fn = a.childForFieldName("function")?.text ?? "";
            if (
              /^(?:requests|httpx|session|client)\.\w+$|(?:^|\.)(?:urlopen|post|put|send|sendall)$/.test(fn)
            )
              network = true;
            if (/^(?:json\.dumps|dict|str|repr|list|pickle\.dumps)$|\.(?:copy|items)$/.test(fn))
              serialised = true;
            top = a;
          }
          if (a.type === "expression_statement" || a.type === "block") break;
        }
        if (network)
          add(
            "code.env-exfiltration",
            line,
            top.text,
            "high",
            "sends the whole environment over the network",
            ["cred-source", "net-sink"],
          );
        else if (serialised)
          add("code.env-dump", line, top.text, "low", "serialises the whole environment", ["cred-source"]);
        continue;
      }
      if (
        (n.type === "import_statement" || n.type === "import_from_statement") &&
        /\b(?:browser_cookie3|pycookiecheat|browser_history|win32crypt|pynput|keyboard|pyxhook)\b/.test(
          n.text,
        )
      ) {
        add(
          "code.credential-access",
          line,
          n.text,
          "high",
          /pynput|keyboard|pyxhook/.test(n.text)
            ? "imports a keyboard-capture module (keylogger)"
            : "imports a browser cookie/password extraction module",
          ["cred-source"],
        );
        continue;
      }
      if (n.type === "string") {
        const s = pyString(n) ?? "";
        if (BROWSER_WALLET_STORE_RE.test(`'${s}'`)) {
          add("code.credential-access", line, s, "high", "names a browser password/cookie or wallet store", [
            "cred-source",
          ]);
          continue;
        }
        if (
          CRED_TOKEN_RE.test(`'${s}'`) &&
          /(?:open|read|expanduser|Path|home|glob|copy)/.test(n.parent?.parent?.text.slice(0, 200) ?? "")
        )
          add(
            "code.credential-access",
            line,
            n.parent?.parent?.text ?? s,
            "high",
            "reads a credential store",
            ["cred-source"],
          );
        continue;
      }
      if (n.type !== "call") continue;
      const fn = n.childForFieldName("function")?.text ?? "";
      const argsNode = n.childForFieldName("arguments");
      const argText = argsNode?.text.slice(0, 4000) ?? "";
      if (/^(?:eval|exec|compile|builtins\.exec|builtins\.eval|__builtins__\.exec)$/.test(fn)) {
        if (usesDecoded(argsNode, argText))
          add("code.eval-decoded", line, n.text, "high", `${fn} of decoded data`);
        else {
          const first = argsNode?.namedChildren[0];
          const lit = first ? pyString(first) : undefined;
          if (lit !== undefined)
            hits.push(
              ...analyzePython(lit, { lineOffset: (opts.lineOffset ?? 0) + line - 1, depth: depth + 1 }),
            );
          else if (
            /\b(?:requests|httpx|urllib|urlopen|urlretrieve|socket|recv)\b/.test(argText) ||
            remoteVars.has(first?.text ?? "")
          )
            add("code.remote-eval", line, n.text, "high", `${fn} of downloaded code`);
          else add("code.dynamic-eval", line, n.text, "medium", `${fn} of computed code`);
        }
      }
      if (/^(?:pickle|marshal|dill)\.loads?$/.test(fn) && usesDecoded(argsNode, argText))
        add("code.eval-decoded", line, n.text, "high", `${fn} of decoded data`);
      if (/^subprocess\.(?:run|call|check_call|check_output|Popen)$|^os\.exec\w*$/.test(fn)) {
        const list = argsNode?.namedChildren[0];
        if (list?.type === "list") {
          const els = list.namedChildren.map((e) => (e ? pyString(e) : undefined));
          const ci = els.indexOf("-c");
          const script =
            ci !== -1 && /^(?:\/bin\/)?(?:ba|z|da)?sh$/.test(els[0] ?? "") ? els[ci + 1] : undefined;
          if (script)
            hits.push(
              ...analyzeShell(script, { lineOffset: (opts.lineOffset ?? 0) + line - 1, depth: depth + 1 }),
            );
        }
      }
      const shellCall =
        /^(?:os\.system|os\.popen|commands\.getoutput|subprocess\.getoutput|subprocess\.getstatusoutput)$/.test(
          fn,
        ) ||
        (/^subprocess\.(?:run|call|check_call|check_output|Popen)$/.test(fn) &&
          /shell\s*=\s*True/.test(argText));
      if (shellCall) {
        const first = argsNode?.namedChildren[0];
        const lit = first ? pyString(first) : undefined;
        if (lit !== undefined)
          hits.push(
            ...analyzeShell(lit, { lineOffset: (opts.lineOffset ?? 0) + line - 1, depth: depth + 1 }),
          );
        if (usesDecoded(argsNode, argText))
          add("code.eval-decoded", line, n.text, "high", "shell command built from decoded data");
        else add("code.shell-exec", line, n.text, "low", `${fn} runs a command through a shell`);
      }
      if (
        /^subprocess\.(?:run|call|Popen|check_output)$|^os\.exec\w*$|^pty\.spawn$/.test(fn) &&
        SHELL_NAMES_RE.test(argText)
      )
        dupOrPty ||= /pty\.spawn/.test(fn) || socketLine > 0;
      if (/^os\.dup2$|^pty\.spawn$/.test(fn)) dupOrPty = true;
      if (/(?:^|\.)connect$/.test(fn) && /socket/.test(source)) {
        socketLine = line;
        const bad = literalUrlKind(`http://${argText.replace(/[()'"\s]/g, "").split(",")[0]}/`);
        if (bad) add("code.suspicious-endpoint", line, n.text, "medium", `socket to ${bad}`, ["net-sink"]);
      }
      if (
        /^(?:requests|httpx|session|s|client)\.(?:post|put|get|request|patch)$|^(?:urllib\.request\.)?urlopen$|^urllib\.request\.Request$|\.sendall?$/.test(
          fn,
        )
      ) {
        const bad = literalUrlKind(argText);
        if (bad)
          add(
            "code.suspicious-endpoint",
            line,
            n.text,
            templatedUrl(argText) ? "low" : "medium",
            `network call to ${bad}`,
            ["net-sink"],
          );
        else add("code.network", line, n.text, "low", `network call (${fn})`, ["net-sink"]);
      }
    }
  } finally {
    tree.delete();
  }
  if (socketLine && dupOrPty)
    add("code.reverse-shell", socketLine, "socket + dup2/pty", "high", "socket wired to a shell (dup2/pty)");
  return hits;
}

const FETCH_RE =
  /\b(?:https?\.get|https?\.request|require\s*\(\s*["']https?["']\s*\)\.(?:get|request)|fetch\s*\(|axios\.(?:get|request)|got\s*\(|urlretrieve|urlopen|requests\.get|httpx\.get|curl\s|wget\s|Invoke-WebRequest)/;
const MAKE_EXEC_RE =
  /chmod(?:Sync)?\s*\([^)]{0,200}(?:0o?7[0-7]{2}|0o?5[0-7]{2}|\b4[89]3\b|\b511\b)|chmod\s+(?:\+x|u\+x|7[0-7]{2})|S_IRWXU|S_IEXEC|S_IXUSR|os\.chmod\s*\([^)]{0,200}0o?7/;
const RUN_RE =
  /\b(?:spawn|execFile|execFileSync|execSync|fork)\s*\(|\bos\.system\s*\(|\bsubprocess\.\w+\s*\(|\bos\.exec\w*\s*\(|\bPopen\s*\(|\bos\.startfile\s*\(/;

/**
 * The dropper shape in JS or Python source (or an install script's inline code): a download, a chmod to
 * executable and a process start in the same text. Each alone is ordinary; the three together are not.
 */
export function detectDownloadExec(text: string, lineOffset = 0): DetectHit[] {
  if (text.length > 4_000_000 || !MAKE_EXEC_RE.test(text) || !RUN_RE.test(text)) return [];
  const fetches = new RegExp(FETCH_RE.source, "g");
  let seen = 0;
  for (const fetch of text.matchAll(fetches)) {
    if (++seen > 1000) break;
    // The three steps belong together only when they are close: one function, one hook, one script.
    const window = text.slice(Math.max(0, fetch.index - 1500), fetch.index + 2500);
    if (!MAKE_EXEC_RE.test(window) || !RUN_RE.test(window)) continue;
    const line = text.slice(0, fetch.index).split("\n").length + lineOffset;
    return [
      {
        rule: "code.download-exec",
        line,
        match: text.slice(fetch.index, fetch.index + 200).split("\n")[0] ?? "",
        confidence: "high",
        detail: "downloads a file, marks it executable and starts it",
      },
    ];
  }
  return [];
}
