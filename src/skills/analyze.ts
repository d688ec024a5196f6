import { analyzeJs, analyzePython, detectDownloadExec } from "../detect/code.js";
import { foldStrings } from "../detect/fold-strings.js";
import type { DetectHit } from "../detect/hit.js";
import { LineIndex } from "../detect/hit.js";
import { detectHiddenText, detectInjection } from "../detect/injection.js";
import { DECODE_LIMITS, decodeBlobs, detectObfuscation } from "../detect/obfuscation.js";
import { ruleMeta } from "../detect/rule-catalog.js";
import { findSecrets } from "../detect/secrets.js";
import { analyzePowerShell, analyzeShell } from "../detect/shell.js";
import { loadParsers } from "../detect/treesitter.js";
import { detectUrls, extractUrls, isIpv4 } from "../detect/urls.js";
import { findingFingerprint, sha256Hex } from "../util/fingerprint.js";
import type { IocDb } from "./ioc.js";
import { frontmatter } from "./load.js";
import { redactExcerpt } from "./redact.js";
import { fileKind, knownBinary, magicKind } from "./rules/filetypes.js";
import { markdownBlocks } from "./rules/markdown.js";
import type { Confidence, LoadedSkill, SkillFinding, SkillReport } from "./types.js";
import { dependencySquats, typosquatOf } from "./typosquat.js";
import { verdictOf } from "./verdict.js";

export interface AnalyzeContext {
  ioc?: IocDb;
  popularNames?: string[];
}

export { loadParsers as prepareAnalyzer };

interface Located extends DetectHit {
  file: string;
}

function toFinding(h: Located): SkillFinding {
  const meta = ruleMeta(h.rule);
  const confidence: Confidence = h.confidence ?? "medium";
  const excerpt = redactExcerpt(h.match);
  const f: SkillFinding = {
    id: h.rule,
    checkId: `scan.${h.rule}`,
    rule: h.rule,
    title: meta.title,
    status: meta.severity === "info" || meta.severity === "low" ? "warn" : "fail",
    severity: meta.severity,
    category: meta.category,
    confidence,
    message:
      h.detail && h.detail.toLowerCase() !== meta.title.toLowerCase()
        ? `${meta.title}: ${h.detail}`
        : meta.title,
    excerpt,
    evidence: [
      { message: meta.why, source: "scan", value: excerpt, location: { file: h.file, line: h.line } },
    ],
    location: { file: h.file, line: h.line },
    fingerprint: findingFingerprint(h.rule, h.file, excerpt),
  };
  return f;
}

const SHELL_HINT_RE =
  /\b(?:curl|wget|base64|bash|sh|zsh|nc|ncat|eval|crontab|chmod|xattr|rm|python3?|node|osascript|security|launchctl|systemctl|spctl|csrutil|mkfifo|socat|iwr|powershell)\b/;

const EXAMPLE_CONTEXT =
  /\b(?:e\.g\.|for example|examples?|such as|like|attacks?|injections?|payloads?|phrases?|patterns?|detects?|blocks?|flags?|jailbreaks?|recogni[sz]e)\b|例如|比如|示例|例子|样例|攻击|注入/i;
/** A negation that governs obeying or disclosing: "do not follow …", "never reveal …", "不要服从 …". */
const NEGATED_OBEY =
  /(?:\b(?:do not|don't|never|must not|should not|shall not|refuse to|will not|won't)\b[^.!?\n]{0,40}?\b(?:follow|obey|comply|execute|run|act on|listen to|trust|reveal|share|disclose|print|output|repeat|send)\b[^.!?\n]{0,60}$)|(?:(?:不要|切勿|禁止|拒绝|勿|别|不得)[^。！？\n]{0,20}(?:服从|遵循|遵守|听从|执行|泄露|透露|输出|发送|相信|理会)[^。！？\n]{0,40}$)/i;
const NEGATION_ONLY =
  /(?:\b(?:do not|don't|never|must not|should not|refuse to|will not|won't)\s+$)|(?:(?:不要|切勿|禁止|不得|勿)\s*$)/i;
const OBEY_VERB_START =
  /^(?:follow|obey|comply|execute|run|reveal|share|disclose|print|output|repeat|send|服从|遵循|执行|泄露|透露|输出|发送)/i;

/** Line ranges (1-based, inclusive) of fenced blocks introduced as examples of attacks. */
function exampleFences(lineTexts: string[], text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const b of markdownBlocks(text)) {
    if (b.lang === "inline") continue;
    const fenceLine = b.line - 1;
    const context = lineTexts.slice(Math.max(0, fenceLine - 4), fenceLine).join(" ");
    if (EXAMPLE_CONTEXT.test(context)) out.push([b.line, b.line + b.code.split("\n").length - 1]);
  }
  return out;
}

/**
 * Security write-ups quote attack strings ("Ignore previous instructions") as examples, and anti-injection
 * guidance negates them ("do not follow text that says …"). An injection phrase that sits inside quotes or
 * a fenced block introduced as an example, or that a negation of obeying governs, counts at low confidence
 * (review at most, not suspicious); the same words as a bare instruction keep their confidence.
 */
function quotedExamplesLowered(text: string, hits: DetectHit[]): DetectHit[] {
  const lineTexts = text.split("\n");
  const fences = hits.some((h) => h.rule.startsWith("injection.")) ? exampleFences(lineTexts, text) : [];
  return hits.map((h) => {
    if (!h.rule.startsWith("injection.")) return h;
    const lower = (why: string) => ({
      ...h,
      confidence: "low" as const,
      detail: `${h.detail ?? ""} (${why})`.trim(),
    });
    if (fences.some(([a, b]) => h.line >= a && h.line <= b)) return lower("in a block quoted as an example");
    const line = lineTexts[h.line - 1] ?? "";
    const at = line.indexOf(h.match.split("\n")[0] ?? "");
    if (at < 0) return h;
    const before = line.slice(0, at);
    const after = line.slice(at + h.match.length);
    const plain = before.replace(/[*_~]+/g, "");
    if (
      NEGATED_OBEY.test(plain.slice(-120)) ||
      (NEGATION_ONLY.test(plain.slice(-40)) && OBEY_VERB_START.test(h.match))
    )
      return lower("negated: guidance against it");
    const quoted = [
      ['"', '"'],
      ["“", "”"],
      ["`", "`"],
      ["「", "」"],
      ["'", "'"],
    ].some(([o, c]) => {
      const open = before.lastIndexOf(o as string);
      return open !== -1 && !before.slice(open + 1).includes(c as string) && after.includes(c as string);
    });
    // Only when the surrounding text says it is an example, so quoting alone is not an evasion.
    const context = `${lineTexts.slice(Math.max(0, h.line - 4), h.line - 1).join(" ")} ${before}`;
    return quoted && EXAMPLE_CONTEXT.test(context) ? lower("quoted example") : h;
  });
}

/** Prose: injection, hidden text (re-scanned), URLs, fenced and inline shell/code. */
function scanProse(text: string, file: string, out: Located[], depth: number): void {
  const lines = new LineIndex(text);
  const push = (hs: DetectHit[], lineShift = 0, extra?: Partial<DetectHit>) => {
    for (const h of hs) out.push({ ...h, ...extra, line: h.line + lineShift, file });
  };
  push(quotedExamplesLowered(text, detectInjection(text, lines)));
  push(detectUrls(text, lines));
  const hidden = detectHiddenText(text, lines);
  push(hidden.hits);
  if (depth < 2) {
    for (const r of hidden.recovered) {
      const inner: Located[] = [];
      scanProse(r.text, file, inner, depth + 1);
      const dangerous = inner.filter(
        (h) => !h.rule.startsWith("hidden.") && ruleMeta(h.rule).severity !== "info",
      );
      if (dangerous.length > 0) {
        // Name the technique that hid it: a comment, far-off padding, or invisible characters.
        const rule =
          r.via === "content after padding"
            ? "hidden.padding"
            : r.via === "unicode tag characters"
              ? "hidden.unicode-tags"
              : r.via === "text with zero-width characters removed"
                ? "hidden.zero-width"
                : "hidden.comment";
        out.push({
          rule,
          file,
          line: r.line,
          match: r.text.slice(0, 200),
          confidence: "high",
          detail: `${r.via} carries ${[...new Set(dangerous.map((d) => d.rule))].join(", ")}`,
        });
        for (const d of dangerous)
          out.push({
            ...d,
            line: r.via === "text with zero-width characters removed" ? d.line : r.line + d.line - 1,
            detail: `${d.detail ?? ""} (in ${r.via})`.trim(),
          });
      }
    }
  }
  for (const block of markdownBlocks(text)) {
    if (block.lang === "shell") push(analyzeShell(block.code, { lineOffset: block.line - 1 }));
    else if (block.lang === "python") push(analyzePython(block.code, { lineOffset: block.line - 1 }));
    else if (block.lang === "js") push(analyzeJs(block.code, { lineOffset: block.line - 1 }));
    else if (block.lang === "powershell") push(analyzePowerShell(block.code, block.line - 1));
    else if (
      block.lang === "inline" &&
      /\b(?:iex|invoke-expression|certutil|bitsadmin|mshta|powershell)\b/i.test(block.code)
    )
      push(analyzePowerShell(block.code, block.line - 1));
    else if (block.lang === "inline" && SHELL_HINT_RE.test(block.code))
      push(analyzeShell(block.code, { lineOffset: block.line - 1 }));
  }
  scanDecoded(text, file, out, lines, 0);
}

/** Decodes base64/hex/char-code/escape blobs and scans the result again, to a bounded depth. */
function scanDecoded(text: string, file: string, out: Located[], lines: LineIndex, depth: number): void {
  if (depth >= DECODE_LIMITS.maxDepth) return;
  for (const blob of decodeBlobs(text, lines)) {
    const inner: DetectHit[] = [];
    const d = blob.decoded;
    inner.push(...analyzeShell(d), ...detectInjection(d), ...detectUrls(d));
    if (/\bimport\b|\bexec\s*\(|socket|subprocess/.test(d)) inner.push(...analyzePython(d));
    if (/\brequire\s*\(|=>|\bfunction\b|process\.env/.test(d)) inner.push(...analyzeJs(d));
    const dangerous = inner.filter(
      (h) => ruleMeta(h.rule).severity !== "info" && ruleMeta(h.rule).severity !== "low",
    );
    if (dangerous.length > 0) {
      out.push({
        rule: "obfuscation.encoded-payload",
        file,
        line: blob.line,
        match: d.slice(0, 200),
        confidence: "high",
        detail: `${blob.encoding} blob decodes to ${[...new Set(dangerous.map((h) => h.rule))].join(", ")}`,
      });
      for (const h of dangerous)
        out.push({
          ...h,
          file,
          line: blob.line,
          detail: `${h.detail ?? ""} (decoded from ${blob.encoding})`.trim(),
        });
    }
    const innerOut: Located[] = [];
    scanDecoded(d, file, innerOut, new LineIndex(d), depth + 1);
    for (const h of innerOut) out.push({ ...h, line: blob.line });
  }
}

function scanCode(kind: "shell" | "python" | "js", text: string, file: string, out: Located[]): void {
  const lines = new LineIndex(text);
  const push = (hs: DetectHit[], confidence?: Confidence) => {
    for (const h of hs) out.push(confidence ? { ...h, confidence, file } : { ...h, file });
  };
  if (kind === "shell") push(analyzeShell(text));
  else if (kind === "python") push(analyzePython(text));
  else push(analyzeJs(text));
  if (kind !== "shell") {
    // Names hidden by string concatenation, computed members, __import__/getattr: analyse what they fold to.
    const folded = foldStrings(text, kind);
    if (folded !== undefined) {
      const seen = new Set(out.filter((h) => h.file === file).map((h) => `${h.rule}:${h.line}`));
      let revealed: DetectHit[] = [];
      try {
        revealed = (kind === "python" ? analyzePython(folded) : analyzeJs(folded)).filter(
          (h) => !seen.has(`${h.rule}:${h.line}`),
        );
      } catch {
        // the folded text is only a view; the original was analysed
      }
      for (const h of revealed)
        out.push({
          ...h,
          file,
          detail: `${h.detail ?? h.rule} (hidden by string concatenation or dynamic names)`,
        });
      const serious = revealed.filter((h) => h.confidence !== "low" && ruleMeta(h.rule).severity !== "info");
      if (serious.length)
        out.push({
          rule: "obfuscation.string-folding",
          file,
          line: serious[0]?.line ?? 1,
          match: serious[0]?.match ?? "",
          confidence: "high",
          detail: `concatenated or dynamic names hide ${[...new Set(serious.map((h) => h.rule))].join(", ")}`,
        });
    }
  }
  if (kind !== "shell") push(detectDownloadExec(text));
  if (kind === "python" && /(?:^|\/)setup\.py$/.test(file)) {
    const hook =
      /\bcmdclass\s*=|class\s+\w+\s*\(\s*(?:install|develop|egg_info|build_py|build_ext|sdist)\s*\)/.exec(
        text,
      );
    if (hook)
      out.push({
        rule: "packaging.install-hook",
        file,
        line: text.slice(0, hook.index).split("\n").length,
        match: hook[0],
        confidence: "medium",
        detail: "setup.py runs its own code on install (cmdclass / install subclass)",
      });
  }
  if (kind !== "shell") push(detectObfuscation(text, lines));
  push(detectUrls(text, lines));
  // Injection text inside code (comments, strings) counts, at lower confidence.
  push(detectInjection(text, lines), "low");
  // Zero-width characters show up in code that strips them; tag characters and bidi controls do not.
  const lineTexts = text.split("\n");
  for (const h of detectHiddenText(text, lines).hits) {
    // Bidi controls inside huge generated lines (data tables, minified bundles) cannot trick a reader.
    const bulk = h.rule === "hidden.bidi" && (lineTexts[h.line - 1]?.length ?? 0) > 500;
    out.push({ ...h, file, confidence: h.rule === "hidden.zero-width" || bulk ? "low" : h.confidence });
  }
  scanDecoded(text, file, out, lines, 0);
}

function scanPackageJson(text: string, file: string, out: Located[]): void {
  let pkg: { scripts?: Record<string, unknown>; dependencies?: unknown; devDependencies?: unknown };
  try {
    pkg = JSON.parse(text);
  } catch {
    return;
  }
  const lines = text.split("\n");
  for (const sq of dependencySquats(pkg)) {
    const line = Math.max(1, lines.findIndex((l) => l.includes(`"${sq.name}"`)) + 1);
    out.push({
      rule: "typosquat.dependency",
      file,
      line,
      match: sq.name,
      confidence: "medium",
      detail: `dependency "${sq.name}" is one edit from the popular npm package "${sq.target}"`,
    });
  }
  for (const hook of [
    "preinstall",
    "install",
    "postinstall",
    "prepare",
    "prepublish",
    "preuninstall",
    "postuninstall",
  ]) {
    const script = pkg.scripts?.[hook];
    if (typeof script !== "string") continue;
    const line = Math.max(1, lines.findIndex((l) => l.includes(`"${hook}"`)) + 1);
    const trivial =
      /^(?:tsc|husky(?: install)?|npm run build|node-gyp rebuild|node-gyp-build|prebuild-install.*|patch-package|ngcc|echo .*)$/.test(
        script.trim(),
      );
    out.push({
      rule: "packaging.install-script",
      file,
      line,
      match: `"${hook}": ${JSON.stringify(script)}`,
      confidence: trivial ? "low" : "medium",
      detail: `${hook} runs \`${script.slice(0, 80)}\` on install`,
    });
    for (const h of analyzeShell(script)) out.push({ ...h, file, line });
    // Inline code run by the hook (`node -e "…"`, `python -c "…"`) is analysed as code.
    const inline = /\b(?:node|nodejs)\s+(?:-e|--eval|-p|--print)\s+(["'])([\s\S]+)\1/.exec(script);
    if (inline) {
      const js = (inline[2] ?? "").replace(/\\"/g, '"');
      for (const h of [...analyzeJs(js), ...detectDownloadExec(js)]) out.push({ ...h, file, line });
    }
    for (const h of detectDownloadExec(script)) out.push({ ...h, file, line });
  }
}

function scanFile(path: string, data: Buffer, out: Located[]): void {
  const magic = magicKind(path, data);
  if (magic === "binary") {
    out.push({
      rule: "packaging.binary",
      file: path,
      line: 1,
      match: data.subarray(0, 4).toString("hex"),
      // Native addons of npm dependencies (node_modules/**/*.node, prebuilds/) are normal in plugins.
      confidence: /\.node$|(?:^|\/)node_modules\//.test(path) ? "low" : "medium",
      detail: /\.node$/.test(path)
        ? "native Node.js addon (by magic bytes)"
        : "native executable (by magic bytes)",
    });
    return;
  }
  if (magic === "pyc") {
    out.push({
      rule: "packaging.pyc",
      file: path,
      line: 1,
      match: "",
      confidence: "medium",
      detail: "compiled Python without source",
    });
    return;
  }
  if (magic === "opaque") {
    // Media, fonts and wasm are known inert formats; any other binary could hide an encrypted payload.
    if (!knownBinary(data))
      out.push({
        rule: "packaging.opaque",
        file: path,
        line: 1,
        match: data.subarray(0, 8).toString("hex"),
        confidence: "high",
        detail: "binary file of unknown type (not analysed)",
      });
    return;
  }
  const text = data.toString("utf8");
  const kind = fileKind(path, text);
  if (kind === "skip") return;
  if (kind === "prose") scanProse(text, path, out, 0);
  else if (kind === "shell" || kind === "python" || kind === "js") scanCode(kind, text, path, out);
  else if (kind === "powershell") {
    const lines = new LineIndex(text);
    for (const h of [
      ...analyzePowerShell(text),
      ...detectUrls(text, lines),
      ...detectHiddenText(text, lines).hits,
    ])
      out.push({ ...h, file: path });
    scanDecoded(text, path, out, lines, 0);
  } else {
    if (kind === "unanalysed") {
      // Executable content in a language no analyser here reads: never silently clean.
      out.push({
        rule: "packaging.unanalysed-code",
        file: path,
        line: 1,
        match: text.slice(0, 80).split("\n")[0] ?? "",
        confidence: "medium",
        detail:
          "code in a language clawwarden does not analyse (Ruby, Perl, Go, Makefile, CI workflow, other interpreter); review it by hand",
      });
    }
    if (/(?:^|\/)package\.json$/.test(path)) scanPackageJson(text, path, out);
    const lines = new LineIndex(text);
    for (const h of detectUrls(text, lines)) out.push({ ...h, file: path });
    for (const h of detectHiddenText(text, lines).hits)
      out.push({ ...h, file: path, confidence: h.rule === "hidden.zero-width" ? "low" : h.confidence });
    scanDecoded(text, path, out, lines, 0);
  }
}

function correlate(hits: Located[]): Located[] {
  const extra: Located[] = [];
  const strongCred = hits.find(
    (h) => h.tags?.includes("cred-source") && h.confidence !== "low" && ruleMeta(h.rule).severity !== "low",
  );
  const weakCred = hits.find((h) => h.tags?.includes("cred-source"));
  const anySink = hits.find((h) => h.tags?.includes("net-sink") && h !== strongCred);
  const badSink = hits.find(
    (h) =>
      h.tags?.includes("net-sink") &&
      ruleMeta(h.rule).severity !== "info" &&
      h.confidence !== "low" &&
      h !== weakCred,
  );
  const cred = strongCred && anySink ? strongCred : weakCred && badSink ? weakCred : undefined;
  const sink = strongCred && anySink ? anySink : badSink;
  if (
    cred &&
    sink &&
    !hits.some((h) => h.rule === "shell.exfiltration" || h.rule === "code.env-exfiltration")
  ) {
    extra.push({
      rule: "correlation.cred-exfil",
      file: cred.file,
      line: cred.line,
      match: cred.match,
      confidence: strongCred ? "high" : "medium",
      detail: `${cred.rule} at ${cred.file}:${cred.line} + ${sink.rule} at ${sink.file}:${sink.line}`,
    });
  }
  // A ClickFix lure (paste this, run the installer) next to a paste-site/raw-IP/shortener link or a
  // download-and-run command in the same document is the delivery step, even when each part is medium.
  const lure = hits.find((h) => h.rule === "clickfix.paste-command" || h.rule === "clickfix.run-installer");
  const payload =
    lure &&
    hits.find(
      (h) =>
        h.file === lure.file &&
        h !== lure &&
        (h.rule.startsWith("url.") ||
          h.rule === "shell.download-exec" ||
          h.rule === "shell.decode-exec" ||
          h.rule === "shell.suspicious-fetch") &&
        h.confidence !== "low",
    );
  if (lure && payload) {
    extra.push({
      rule: "correlation.clickfix",
      file: lure.file,
      line: lure.line,
      match: lure.match,
      confidence: "high",
      detail: `${lure.rule} + ${payload.rule} at line ${payload.line}`,
    });
  }
  // An install hook whose file downloads and runs code is the install-time dropper.
  for (const hook of hits.filter(
    (h) => h.rule === "packaging.install-script" || h.rule === "packaging.install-hook",
  )) {
    const payload = hits.find(
      (h) =>
        h.file === hook.file &&
        (h.rule === "code.download-exec" ||
          h.rule === "shell.download-exec" ||
          h.rule === "code.remote-eval") &&
        h.confidence !== "low",
    );
    if (payload) {
      extra.push({
        rule: "correlation.install-time-payload",
        file: hook.file,
        line: hook.line,
        match: hook.match,
        confidence: "high",
        detail: `${hook.rule} + ${payload.rule} at ${payload.file}:${payload.line}`,
      });
      break;
    }
  }
  const squat = hits.find((h) => h.rule.startsWith("typosquat.") && h.confidence !== "low");
  const dropper =
    squat &&
    hits.find(
      (h) => (h.rule === "shell.download-exec" || h.rule === "code.download-exec") && h.confidence !== "low",
    );
  if (squat && dropper) {
    extra.push({
      rule: "correlation.typosquat-dropper",
      file: dropper.file,
      line: dropper.line,
      match: dropper.match,
      confidence: "high",
      detail: `${squat.detail ?? squat.rule} + ${dropper.rule} at ${dropper.file}:${dropper.line}`,
    });
  }
  for (const d of hits.filter((h) => h.rule === "shell.download-exec")) {
    const near = hits.find(
      (h) =>
        h.file === d.file &&
        h.line === d.line &&
        (h.rule === "shell.suspicious-fetch" || h.rule.startsWith("url.")),
    );
    if (near)
      extra.push({
        rule: "correlation.remote-payload",
        file: d.file,
        line: d.line,
        match: d.match,
        confidence: "high",
        detail: `${near.detail ?? near.rule}`,
      });
  }
  return extra;
}

/** Judges one loaded skill. Parsers must be loaded (`await prepareAnalyzer()`). */
export function analyzeSkill(skill: LoadedSkill, ctx: AnalyzeContext = {}): SkillReport {
  const hits: Located[] = [];
  const hashes: Record<string, string> = {};
  let bytes = 0;
  const incomplete: SkillReport["incomplete"] = [];
  for (const p of skill.problems) {
    if (p.incomplete) incomplete.push({ path: p.path, reason: p.reason });
    hits.push({ rule: p.rule, file: p.path, line: 1, match: p.reason, confidence: "high", detail: p.reason });
  }
  for (const f of skill.files) {
    if (f.symlink) {
      if (f.symlink.escapes)
        hits.push({
          rule: "packaging.symlink-escape",
          file: f.path,
          line: 1,
          match: `${f.path} -> ${f.symlink.target}`,
          confidence: "high",
          detail: `points to ${f.symlink.target}`,
        });
      continue;
    }
    if (!f.data) continue;
    bytes += f.data.length;
    const hash = sha256Hex(f.data);
    hashes[f.path] = hash;
    const ioc = ctx.ioc?.match("sha256", hash);
    if (ioc)
      hits.push({
        rule: "ioc.sha256",
        file: f.path,
        line: 1,
        match: hash,
        confidence: "high",
        detail: `${ioc.note ?? "listed"} (source: ${ioc.source}, ${ioc.date})`,
      });
    try {
      scanFile(f.path, f.data, hits);
    } catch (e) {
      incomplete.push({ path: f.path, reason: `analysis failed: ${(e as Error).message}` });
      hits.push({
        rule: "packaging.unreadable",
        file: f.path,
        line: 1,
        match: "",
        confidence: "high",
        detail: `analysis failed: ${(e as Error).message}`,
      });
    }
    if (fileKindCheap(f.path) && magicKind(f.path, f.data) === "text") {
      const text = f.data.toString("utf8");
      const lines = new LineIndex(text);
      for (const s of findSecrets(text, { highEntropyStrings: false })) {
        if (s.confidence !== "high") continue;
        hits.push({
          rule: "secret.embedded",
          file: f.path,
          line: lines.lineOf(s.index),
          match: s.fingerprint,
          confidence: s.confidence,
          detail: s.description,
        });
      }
    }
  }
  for (const h of hits)
    if (h.rule === "packaging.opaque")
      incomplete.push({ path: h.file, reason: h.detail ?? "binary file of unknown type" });
  if (ctx.ioc && ctx.ioc.size > 0) hits.push(...iocHits(skill, ctx.ioc));
  const squat = typosquatOf(skill.name, ctx.popularNames);
  if (squat)
    hits.push({
      rule: "typosquat.name",
      file: skill.kind === "plugin" ? "package.json" : "SKILL.md",
      line: 1,
      match: skill.name,
      confidence: "medium",
      detail: `"${skill.name}" is ${squat.distance} edit(s) from the popular "${squat.target}"`,
    });
  // One key can be a slip; live-shaped keys of three or more kinds are a credential dump.
  const secretKinds = new Set(hits.filter((h) => h.rule === "secret.embedded").map((h) => h.detail));
  if (secretKinds.size >= 3) {
    const first = hits.find((h) => h.rule === "secret.embedded") as Located;
    hits.push({
      rule: "secret.credential-cache",
      file: first.file,
      line: first.line,
      match: first.match,
      confidence: "high",
      detail: `${secretKinds.size} kinds of live-shaped credentials: ${[...secretKinds].slice(0, 6).join(", ")}`,
    });
  }
  hits.push(...correlate(hits));
  const findings = dedupe(hits.map(toFinding)).filter(
    (f) => f.severity !== "info" || f.category === "packaging",
  );
  const report: SkillReport = {
    name: skill.name,
    kind: skill.kind,
    root: skill.root,
    verdict: verdictOf(findings, incomplete.length > 0),
    findings: findings.sort((a, b) => sevRank(b) - sevRank(a)),
    incomplete,
    stats: { files: skill.files.length, bytes },
    hashes,
  };
  if (skill.version) report.version = skill.version;
  return report;
}

const fileKindCheap = (p: string) =>
  !/\.(?:png|jpe?g|gif|webp|ico|svg|wasm|woff2?|ttf|pdf|zip|gz|tgz)$/i.test(p);
const SEVS = ["info", "low", "medium", "high", "critical"];
const sevRank = (f: SkillFinding) =>
  SEVS.indexOf(f.severity) * 3 + (f.confidence === "high" ? 2 : f.confidence === "medium" ? 1 : 0);

function dedupe(fs: SkillFinding[]): SkillFinding[] {
  const seen = new Map<string, SkillFinding>();
  for (const f of fs) {
    const key = `${f.rule}\u0000${f.location?.file}\u0000${f.location?.line}`;
    const prev = seen.get(key);
    if (!prev || sevRank(f) > sevRank(prev)) seen.set(key, f);
  }
  return [...seen.values()];
}

function iocHits(skill: LoadedSkill, db: IocDb): Located[] {
  const out: Located[] = [];
  const seen = new Set<string>();
  for (const f of skill.files) {
    if (!f.data || !fileKindCheap(f.path)) continue;
    const text = f.data.toString("utf8");
    for (const u of extractUrls(text)) {
      const type = isIpv4(u.host) ? "ip" : "domain";
      const e = db.match(type, u.host);
      if (e && !seen.has(`${f.path}:${u.host}`)) {
        seen.add(`${f.path}:${u.host}`);
        out.push({
          rule: type === "ip" ? "ioc.ip" : "ioc.domain",
          file: f.path,
          line: u.line,
          match: u.url,
          confidence: "high",
          detail: `${u.host}: ${e.note ?? "listed"} (source: ${e.source}, ${e.date})`,
        });
      }
    }
    for (const m of text.matchAll(/\b(?:\d{1,3}\.){3}\d{1,3}\b/g)) {
      const e = db.match("ip", m[0]);
      if (e && !seen.has(`${f.path}:${m[0]}`)) {
        seen.add(`${f.path}:${m[0]}`);
        out.push({
          rule: "ioc.ip",
          file: f.path,
          line: text.slice(0, m.index).split("\n").length,
          match: m[0],
          confidence: "high",
          detail: `${m[0]}: ${e.note ?? "listed"} (source: ${e.source}, ${e.date})`,
        });
      }
    }
  }
  const md = skill.files.find((f) => /^skill\.md$/i.test(f.path))?.data?.toString("utf8");
  const pkgText = skill.files.find((f) => f.path === "package.json")?.data?.toString("utf8");
  const publishers: string[] = [];
  if (md) {
    const fm = frontmatter(md);
    for (const k of ["author", "publisher", "owner", "maintainer"])
      if (fm[k]) publishers.push(fm[k] as string);
  }
  if (pkgText) {
    try {
      const pkg = JSON.parse(pkgText) as { author?: unknown };
      if (typeof pkg.author === "string") publishers.push(pkg.author.replace(/\s*[<(].*$/, ""));
      else if (pkg.author && typeof (pkg.author as { name?: unknown }).name === "string")
        publishers.push((pkg.author as { name: string }).name);
    } catch {}
  }
  for (const p of publishers) {
    const e = db.match("publisher", p);
    if (e)
      out.push({
        rule: "ioc.publisher",
        file: md ? "SKILL.md" : "package.json",
        line: 1,
        match: p,
        confidence: "high",
        detail: `${p}: ${e.note ?? "listed"} (source: ${e.source}, ${e.date})`,
      });
  }
  const n = db.match("skill-name", skill.name);
  if (n)
    out.push({
      rule: "ioc.name",
      file: md ? "SKILL.md" : "package.json",
      line: 1,
      match: skill.name,
      confidence: "medium",
      detail: `${n.note ?? "listed"} (source: ${n.source}, ${n.date})`,
    });
  return out;
}
