import { secretFingerprint } from "../util/fingerprint.js";
import { pkcs12OpensWith } from "./pkcs12.js";
import {
  type Confidence,
  isSequential,
  SECRET_RULES,
  type SecretRule,
  shannonEntropy,
} from "./secret-rules.js";

export type { Confidence, SecretRule } from "./secret-rules.js";
export { SECRET_RULES, shannonEntropy } from "./secret-rules.js";

/** A secret found in a text. Never carries the value: only its fingerprint. */
export interface DetectedSecret {
  ruleId: string;
  description: string;
  /** 1-based line and column of the secret's first character. */
  line: number;
  column: number;
  fingerprint: string;
  confidence: Confidence;
}

/** A secret found at a character offset (used by scanners that map offsets themselves). */
export interface SecretMatch {
  ruleId: string;
  description: string;
  confidence: Confidence;
  /** Offset of the secret's first character and its length. */
  index: number;
  length: number;
  fingerprint: string;
}

export interface DetectOptions {
  /**
   * Also report unlabelled high-entropy base64 strings (detect-secrets style). Costs a full
   * pass over the text, so bulk scanners (transcripts) turn it off. Default true.
   */
  highEntropyStrings?: boolean;
  /** Honour `pragma: allowlist secret`, `secretlint-disable…` and `gitleaks:allow` comments. Default true. */
  honourComments?: boolean;
}

interface CompiledRule {
  rule: SecretRule;
  order: number;
  /** Sticky form used when the match starts at the keyword. */
  sticky: RegExp;
  global: RegExp;
  before: number;
  after: number;
  generic: boolean;
  anchored: boolean;
}

const GENERIC_RULES = new Set([
  "generic-secret-assignment",
  "bearer-token",
  "jwt",
  "docker-config-auth",
  "password-cli-flag",
  "high-entropy-string",
]);

/** Rules whose value is free-form (an assignment), so the full placeholder list applies. */
const STRICT_PLACEHOLDER_RULES = new Set([
  "npmrc-auth-token",
  "gateway-token-assignment",
  "cloudflare-api-key-assignment",
  "password-cli-flag",
]);

/**
 * All rule keywords in one Aho-Corasick automaton over lower-cased bytes: a single pass over the
 * text finds every keyword occurrence, case-sensitive keywords are then confirmed on the text.
 */
interface KeywordInfo {
  /** As written in the rule; compared exactly when the rule is case-sensitive. */
  exact: string | undefined;
  lower: string;
  length: number;
  rules: CompiledRule[];
  /** Widest context any of its rules needs around the keyword. */
  maxBefore: number;
  maxAfter: number;
  /** Every rule of this keyword needs an assignment after it (checked on bytes first). */
  allAssignment: boolean;
}

interface Automaton {
  delta: Int32Array;
  /** 1 for states where some keyword ends. */
  isOut: Uint8Array;
  /**
   * The byte loop's table: entry `state << 8 | byte` holds the next state already shifted left
   * by 8, negated and minus one when a keyword ends there, so one load and one sign test per byte.
   */
  packed: Int32Array;
  /** Per state: keyword ids that end here (through failure links too), or undefined. */
  outputs: Array<number[] | undefined>;
  keywords: KeywordInfo[];
}

function buildAutomaton(compiled: CompiledRule[]): Automaton {
  const byKey = new Map<string, KeywordInfo>();
  for (const c of compiled) {
    for (const kw of c.rule.keywords) {
      const id = c.rule.ignoreCase ? `i:${kw.toLowerCase()}` : `s:${kw}`;
      const exact = c.rule.ignoreCase ? undefined : kw;
      const info: KeywordInfo = byKey.get(id) ?? {
        exact,
        lower: kw.toLowerCase(),
        length: kw.length,
        rules: [],
        maxBefore: 0,
        maxAfter: 0,
        allAssignment: true,
      };
      info.rules.push(c);
      info.maxBefore = Math.max(info.maxBefore, c.before);
      info.maxAfter = Math.max(info.maxAfter, c.after + kw.length);
      info.allAssignment &&= c.rule.assignment === true;
      byKey.set(id, info);
    }
  }
  const keywords = [...byKey.values()];
  const goto: Array<Map<number, number>> = [new Map()];
  const ends: number[][] = [[]];
  keywords.forEach((kw, id) => {
    let st = 0;
    const lower = kw.lower;
    for (let i = 0; i < lower.length; i++) {
      const ch = lower.charCodeAt(i) & 0xff;
      let next = goto[st]?.get(ch);
      if (next === undefined) {
        next = goto.length;
        goto.push(new Map());
        ends.push([]);
        goto[st]?.set(ch, next);
      }
      st = next;
    }
    ends[st]?.push(id);
  });
  const n = goto.length;
  const base = new Int32Array(n * 256);
  const fail = new Int32Array(n);
  const queue: number[] = [];
  for (let ch = 0; ch < 256; ch++) {
    const t = goto[0]?.get(ch);
    if (t !== undefined) {
      queue.push(t);
      base[ch] = t;
    }
  }
  for (let qi = 0; qi < queue.length; qi++) {
    const st = queue[qi] as number;
    ends[st]?.push(...(ends[fail[st] as number] ?? []));
    for (let ch = 0; ch < 256; ch++) {
      const t = goto[st]?.get(ch);
      if (t !== undefined) {
        fail[t] = base[(fail[st] as number) * 256 + ch] as number;
        base[st * 256 + ch] = t;
        queue.push(t);
      } else {
        base[st * 256 + ch] = base[(fail[st] as number) * 256 + ch] as number;
      }
    }
  }
  // Fold ASCII upper case onto lower case so the automaton is case-insensitive.
  const delta = new Int32Array(n * 256);
  for (let st = 0; st < n; st++) {
    for (let ch = 0; ch < 256; ch++) {
      const folded = ch >= 65 && ch <= 90 ? ch + 32 : ch;
      delta[st * 256 + ch] = base[st * 256 + folded] as number;
    }
  }
  const outputs = ends.map((e) => (e.length > 0 ? e : undefined));
  const isOut = Uint8Array.from(ends, (e) => (e.length > 0 ? 1 : 0));
  const packed = new Int32Array(n * 256);
  for (let i = 0; i < packed.length; i++) {
    const t = delta[i] as number;
    packed[i] = isOut[t] ? -(t << 8) - 1 : t << 8;
  }
  return { delta, isOut, packed, outputs, keywords };
}

const COMPILED = SECRET_RULES.map((rule, order): CompiledRule => {
  const flags = rule.pattern.flags.replace(/[gy]/g, "");
  return {
    rule,
    order,
    sticky: new RegExp(rule.pattern.source, `${flags}y`),
    global: new RegExp(rule.pattern.source, `${flags}g`),
    before: rule.before ?? 0,
    after: rule.after ?? 256,
    generic: GENERIC_RULES.has(rule.id),
    anchored: rule.anchored ?? (rule.before ?? 0) === 0,
  };
});
const AUTOMATON = buildAutomaton(COMPILED);

/** Placeholders that disqualify even a well-shaped vendor token. */
const TOKEN_PLACEHOLDER = /x{6}|X{6}|\*{3}|your[_-]|placeholder|redacted|…|<[^>]*>|\$\{|\{\{|^sk-mock-/;

const PLACEHOLDER =
  /example|your[_-]?|x{4}|\*{3}|placeholder|change[_-]?me|replace|dummy|sample|fake|redacted|lorem|\.{3}|…|<[^>]*>|\$\{|\{\{|\$\(|%\(|^sk-mock-|^\$[A-Za-z_]|^process\.env|^env\.|^os\.environ|^(?:password|passwd|pass|secret|pwd|mypassword|username|user|token|apikey|api_key|none|null)$/i;

export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value) || isSequential(value);
}

interface Candidate {
  c: CompiledRule;
  index: number;
  length: number;
  secret: string;
}

function accept(c: CompiledRule, m: RegExpExecArray, base: number, latin1: boolean): Candidate | undefined {
  const raw = m.groups?.secret ?? m[0];
  const rel = m.groups?.secret !== undefined ? m[0].lastIndexOf(raw) : 0;
  // Windows decoded from bytes are latin1: checks must see the real (UTF-8) characters, e.g. "…".
  const secret = latin1 ? fromLatin1(raw) : raw;
  const r = c.rule;
  if (secret.length === 0) return undefined;
  if (r.minEntropy !== undefined && shannonEntropy(secret) < r.minEntropy) return undefined;
  if (
    !r.noPlaceholderCheck &&
    (c.generic || STRICT_PLACEHOLDER_RULES.has(r.id) ? isPlaceholder(secret) : TOKEN_PLACEHOLDER.test(secret))
  )
    return undefined;
  if (r.validate && !r.validate(secret, m)) return undefined;
  return {
    c,
    index: base + m.index + rel,
    length: raw.length,
    secret: r.normalize ? r.normalize(secret) : secret,
  };
}

const IDENT = new Uint8Array(128);
for (const ch of "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-")
  IDENT[ch.charCodeAt(0)] = 1;

/**
 * Cheap test that an assignment operator follows a keyword (`token_x": `, `password = `,
 * `secret:`), so prose such as "the token is" never reaches the regexes.
 */
export function assignmentAhead(text: string, from: number): boolean {
  const n = Math.min(text.length, from + 64);
  let i = from;
  while (i < n && IDENT[text.charCodeAt(i)] === 1) i++;
  let ch = text.charCodeAt(i);
  if (ch === 92 /* \\ */) ch = text.charCodeAt(++i);
  if (ch === 34 || ch === 39 || ch === 96 || ch === 93) ch = text.charCodeAt(++i);
  let spaces = 0;
  while ((ch === 32 || ch === 9) && spaces < 5) {
    ch = text.charCodeAt(++i);
    spaces++;
  }
  if (ch === 58 /* : */ || ch === 61 /* = */) return true;
  // `password "x"` / `token 'x'` style (whitespace, then a quote).
  return spaces > 0 && (ch === 34 || ch === 39 || ch === 92);
}

function runRule(
  text: string,
  c: CompiledRule,
  at: number,
  out: Candidate[],
  base = 0,
  latin1 = false,
): void {
  if (c.rule.assignment && !assignmentAhead(text, at + 1)) return;
  if (c.anchored) {
    c.sticky.lastIndex = at;
    const m = c.sticky.exec(text);
    if (m) {
      const cand = accept(c, m, base, latin1);
      if (cand) out.push(cand);
    }
    return;
  }
  const start = Math.max(0, at - c.before);
  const ctx = Math.min(start, 32);
  const window = text.slice(start - ctx, Math.min(text.length, at + c.after));
  const re = c.global;
  re.lastIndex = ctx;
  for (let m = re.exec(window); m !== null; m = re.exec(window)) {
    if (m[0].length === 0) re.lastIndex++;
    const cand = accept(c, m, base + start - ctx, latin1);
    if (cand) out.push(cand);
  }
}

const HIGH_ENTROPY: CompiledRule = {
  rule: {
    id: "high-entropy-string",
    description: "High-entropy base64 string",
    keywords: [],
    pattern: /(?<![A-Za-z0-9+/=_-])(?<secret>[A-Za-z0-9+/_-]{20,512}={0,2})(?![A-Za-z0-9+/=_-])/g,
    confidence: "low",
  },
  order: SECRET_RULES.length,
  sticky: /$^/y,
  // Only values in an assignment or a quoted string, as detect-secrets does: bare words in prose are ignored.
  global: /(?<=["'`]|[=:][ \t]{0,3})(?<secret>[A-Za-z0-9+/_-]{20,512}={0,2})(?![A-Za-z0-9+/=_.-])/g,
  before: 0,
  after: 0,
  generic: true,
  anchored: false,
};

function highEntropyStrings(text: string, out: Candidate[]): void {
  const re = HIGH_ENTROPY.global;
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const s = m[0];
    if (!/[0-9]/.test(s) || !/[a-z]/.test(s) || !/[A-Z]/.test(s)) continue;
    if (shannonEntropy(s) < 4.5 || isPlaceholder(s)) continue;
    // Paths and identifiers with separators are not random strings.
    if ((s.match(/[/_-]/g)?.length ?? 0) > 3) continue;
    out.push({ c: HIGH_ENTROPY, index: m.index, length: s.length, secret: s });
  }
}

function lineBounds(text: string, index: number): [number, number] {
  const start = text.lastIndexOf("\n", index - 1) + 1;
  const nl = text.indexOf("\n", index);
  return [start, nl === -1 ? text.length : nl];
}

/** True when a comment near `index` tells scanners to ignore this secret. */
function suppressedByComment(text: string, index: number): boolean {
  const [ls, le] = lineBounds(text, index);
  const line = text.slice(ls, le);
  if (/pragma: ?allowlist[ -]secret|secretlint-disable-line|gitleaks:allow/.test(line)) return true;
  if (ls > 0) {
    const [ps] = lineBounds(text, ls - 1);
    const prev = text.slice(ps, ls);
    if (/pragma: ?allowlist nextline secret|secretlint-disable-next-line/.test(prev)) return true;
  }
  const disable = lastIndexOfBlock(text, "secretlint-disable", index);
  if (disable === -1) return false;
  return text.lastIndexOf("secretlint-enable", index) < disable;
}

/** Last `secretlint-disable` before index that is a block form (not -line / -next-line). */
function lastIndexOfBlock(text: string, word: string, index: number): number {
  let at = text.lastIndexOf(word, index);
  while (at !== -1) {
    const next = text.charCodeAt(at + word.length);
    if (next !== 45 /* - */) return at;
    at = at === 0 ? -1 : text.lastIndexOf(word, at - 1);
  }
  return -1;
}

/**
 * Finds secrets in a text and returns their offsets. One pass per keyword trigger finds the
 * places worth a closer look; each rule's regex then runs only in a small window there.
 */
export function findSecrets(text: string, opts: DetectOptions = {}): SecretMatch[] {
  const candidates: Candidate[] = [];
  const { delta, outputs, keywords } = AUTOMATON;
  const n = text.length;
  let st = 0;
  for (let i = 0; i < n; i++) {
    const ch = text.charCodeAt(i);
    st = delta[(st << 8) | (ch < 256 ? ch : 0)] as number;
    const out = outputs[st];
    if (out === undefined) continue;
    for (const id of out) {
      const kw = keywords[id] as KeywordInfo;
      const at = i - kw.length + 1;
      if (kw.exact !== undefined && !text.startsWith(kw.exact, at)) continue;
      for (const c of kw.rules) runRule(text, c, at, candidates);
    }
  }
  if (opts.highEntropyStrings ?? true) highEntropyStrings(text, candidates);
  if (candidates.length === 0) return [];
  return resolve(candidates, (opts.honourComments ?? true) ? (i) => suppressedByComment(text, i) : undefined);
}

function resolve(
  candidates: Candidate[],
  suppressed: ((index: number) => boolean) | undefined,
): SecretMatch[] {
  // Specific rules win over generic ones on overlapping spans; then earlier rule order wins.
  candidates.sort(
    (a, b) => Number(a.c.generic) - Number(b.c.generic) || a.c.order - b.c.order || a.index - b.index,
  );
  const kept: Candidate[] = [];
  for (const cand of candidates) {
    const end = cand.index + cand.length;
    const overlaps = kept.some((k) => cand.index < k.index + k.length && k.index < end);
    if (overlaps) continue;
    if (suppressed?.(cand.index)) continue;
    kept.push(cand);
  }
  kept.sort((a, b) => a.index - b.index);
  return kept.map((k) => ({
    ruleId: k.c.rule.id,
    description: k.c.rule.description,
    confidence: k.c.rule.confidence,
    index: k.index,
    length: k.length,
    fingerprint: secretFingerprint(k.secret),
  }));
}

/** Lines are decoded as latin1 from bytes; this restores the UTF-8 text of a non-ASCII secret. */
function fromLatin1(s: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: testing for bytes above 0x7f
  return /[^\x00-\x7f]/.test(s) ? Buffer.from(s, "latin1").toString("utf8") : s;
}

const MAX_BEFORE = Math.max(...AUTOMATON.keywords.map((k) => k.maxBefore)) + 32;

/**
 * The widest byte span one match can depend on (context before the keyword plus the longest
 * match after it): a caller that cuts a line into pieces overlaps them by this much.
 */
export const MAX_MATCH_SPAN = MAX_BEFORE + Math.max(...AUTOMATON.keywords.map((k) => k.maxAfter)) + 32;

/**
 * `findSecrets` for raw bytes (UTF-8 or any ASCII superset), the bulk path: the automaton walks
 * the bytes, and only windows around keyword hits are decoded for the regexes, so a transcript
 * is never turned into one big string. Offsets in the result are byte offsets.
 */
export function findSecretsInBytes(
  input: Uint8Array,
  opts: { honourComments?: boolean } = {},
): SecretMatch[] {
  // A plain Uint8Array view keeps the hot loop monomorphic (Buffer and Uint8Array differ to V8).
  const buf =
    input.constructor === Uint8Array
      ? input
      : new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  const hits = keywordHits(buf);
  if (hits === undefined) return [];
  const { keywords } = AUTOMATON;
  const n = buf.length;
  const candidates: Candidate[] = [];
  const bytes = Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  for (let k = 0; k < hits.length; ) {
    // One decoded window per cluster of nearby hits.
    const first = hits[k + 1] as number;
    let end = first + (keywords[hits[k] as number] as KeywordInfo).maxAfter;
    let j = k + 2;
    while (j < hits.length && (hits[j + 1] as number) < end) {
      end = Math.max(end, (hits[j + 1] as number) + (keywords[hits[j] as number] as KeywordInfo).maxAfter);
      j += 2;
    }
    const ws = Math.max(0, first - MAX_BEFORE);
    const text = bytes.toString("latin1", ws, Math.min(n, end));
    for (let h = k; h < j; h += 2) {
      const kw = keywords[hits[h] as number] as KeywordInfo;
      const at = (hits[h + 1] as number) - ws;
      if (kw.exact !== undefined && !text.startsWith(kw.exact, at)) continue;
      for (const c of kw.rules) runRule(text, c, at, candidates, ws, true);
    }
    k = j;
  }
  if (candidates.length === 0) return [];
  return resolve(candidates, (opts.honourComments ?? true) ? (i) => suppressedInBytes(bytes, i) : undefined);
}

/** [keywordId, offset] pairs of keyword occurrences worth a regex (undefined when none). */
function keywordHits(buf: Uint8Array): number[] | undefined {
  const { packed, outputs, keywords } = AUTOMATON;
  const n = buf.length;
  let hits: number[] | undefined;
  let v = 0;
  for (let i = 0; i < n; i++) {
    v = packed[v | (buf[i] as number)] as number;
    if (v >= 0) continue;
    v = -(v + 1);
    for (const id of outputs[v >> 8] as number[]) {
      const kw = keywords[id] as KeywordInfo;
      const at = i - kw.length + 1;
      if (kw.allAssignment && !assignmentAheadBytes(buf, at + 1)) continue;
      hits ??= [];
      hits.push(id, at);
    }
  }
  return hits;
}

/** `assignmentAhead` on bytes, so prose hits never get decoded. */
function assignmentAheadBytes(buf: Uint8Array, from: number): boolean {
  const n = Math.min(buf.length, from + 64);
  let i = from;
  while (i < n && IDENT[buf[i] as number] === 1) i++;
  let ch = buf[i];
  if (ch === 92) ch = buf[++i];
  if (ch === 34 || ch === 39 || ch === 96 || ch === 93) ch = buf[++i];
  let spaces = 0;
  while ((ch === 32 || ch === 9) && spaces < 5) {
    ch = buf[++i];
    spaces++;
  }
  if (ch === 58 || ch === 61) return true;
  return spaces > 0 && (ch === 34 || ch === 39 || ch === 92);
}

function suppressedInBytes(buf: Buffer, index: number): boolean {
  const ls = index === 0 ? 0 : buf.lastIndexOf(10, index - 1) + 1;
  const nl = buf.indexOf(10, index);
  const le = nl === -1 ? buf.length : nl;
  const ps = ls === 0 ? 0 : buf.lastIndexOf(10, ls - 2) + 1;
  const text = buf.toString("latin1", ps, le);
  return suppressedByComment(text, index - ps) || blockDisabled(buf, index);
}

function blockDisabled(buf: Buffer, index: number): boolean {
  let at = buf.lastIndexOf("secretlint-disable", index);
  while (at !== -1 && buf[at + 18] === 45 /* - */)
    at = at === 0 ? -1 : buf.lastIndexOf("secretlint-disable", at - 1);
  return at !== -1 && buf.lastIndexOf("secretlint-enable", index) < at;
}

/** Maps byte offsets to 1-based line / byte column, walking forward (offsets ascending). */
export class ByteLineCounter {
  private line = 1;
  private lineStart = 0;
  private pos = 0;
  constructor(private readonly buf: Uint8Array) {}
  at(index: number): { line: number; column: number } {
    if (index < this.pos) {
      this.line = 1;
      this.lineStart = 0;
      this.pos = 0;
    }
    let nl = this.buf.indexOf(10, this.pos);
    while (nl !== -1 && nl < index) {
      this.line++;
      this.lineStart = nl + 1;
      nl = this.buf.indexOf(10, nl + 1);
    }
    this.pos = index;
    return { line: this.line, column: index - this.lineStart + 1 };
  }
}

/** Maps offsets to 1-based line/column, walking forward once (offsets must be ascending). */
export class LineCounter {
  private line = 1;
  private lineStart = 0;
  private pos = 0;
  constructor(private readonly text: string) {}
  at(index: number): { line: number; column: number } {
    if (index < this.pos) {
      this.line = 1;
      this.lineStart = 0;
      this.pos = 0;
    }
    let nl = this.text.indexOf("\n", this.pos);
    while (nl !== -1 && nl < index) {
      this.line++;
      this.lineStart = nl + 1;
      nl = this.text.indexOf("\n", nl + 1);
    }
    this.pos = index;
    return { line: this.line, column: index - this.lineStart + 1 };
  }
}

/** Secrets in a text with line and column. Never returns or logs the raw value. */
export function detectSecrets(text: string, opts: DetectOptions = {}): DetectedSecret[] {
  const lines = new LineCounter(text);
  return findSecrets(text, opts).map((m) => ({
    ruleId: m.ruleId,
    description: m.description,
    ...lines.at(m.index),
    fingerprint: m.fingerprint,
    confidence: m.confidence,
  }));
}

/** Binary formats that are secrets by themselves: a PKCS#12 file opening with GCP's default password. */
export function detectBinarySecrets(bytes: Uint8Array): DetectedSecret[] {
  if (!pkcs12OpensWith(bytes)) return [];
  return [
    {
      ruleId: "gcp-p12-default-password",
      description: "PKCS#12 private key protected only by GCP's default password (notasecret)",
      line: 1,
      column: 1,
      fingerprint: secretFingerprint(
        Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64"),
      ),
      confidence: "high",
    },
  ];
}

/** Text or binary file content: binary (a NUL in the first 8 KiB) goes to the binary checks. */
export function detectSecretsInFile(bytes: Uint8Array, opts: DetectOptions = {}): DetectedSecret[] {
  if (bytes.subarray(0, 8192).includes(0)) return detectBinarySecrets(bytes);
  return detectSecrets(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8"), opts);
}
