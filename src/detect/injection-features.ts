import { foldHomoglyphs, foldTraditional } from "./injection-fold.js";

/**
 * Features for the injection model, shared by training (scripts/train-injection.mjs) and scoring so both see
 * exactly the same thing. Text is normalised (NFKC, lower case, zero-width and bidi controls dropped, Latin
 * look-alikes and traditional Chinese folded, digits folded), then hashed (FNV-1a) into 2^18 buckets:
 * - character 3–5-grams (spelling variants, glued words, Chinese words of 2–3 characters);
 * - word 1–2-grams (a CJK character counts as a word, so Chinese gets character uni- and bigrams);
 * - the first word of every sentence or line, alone and tagged with the kind of content it sits in (email, table,
 *   code, web page): an order aimed at the assistant inside data ("write…", "include…") is the mark of an indirect
 *   injection, and the same word at the start of a user's own prompt is not.
 * Counts are sublinear (1 + ln n) and L2-normalised, so neither a repeated n-gram nor a long benign document drowns
 * a short attack.
 */
export const BUCKETS = 1 << 18;
export const FEATURES_VERSION = 5;
/** Judged at most: the first and last 4 kB of normalised text (payloads sit at either end of pasted content). */
const MAX_CHARS = 8192;
const MASK = BUCKETS - 1;

/** "s a y t h a t": four or more single letters spaced out, an old filter evasion, are joined back into words. */
const SPACED_LETTERS = /(?<![\p{L}\p{N}])(?:\p{L} ){3,}\p{L}(?![\p{L}\p{N}])/gu;

export function normalise(text: string): string {
  const clipped =
    text.length > MAX_CHARS * 2 ? `${text.slice(0, MAX_CHARS)}\n${text.slice(-MAX_CHARS)}` : text;
  const folded = foldHomoglyphs(
    clipped
      .normalize("NFKC")
      .toLowerCase()
      .replace(/[\u200B-\u200D\u2060\uFEFF\u180E\u202A-\u202E\u2066-\u2069\u00AD]/g, ""),
  );
  return foldTraditional(folded)
    .replace(SPACED_LETTERS, (run) => run.replace(/ /g, ""))
    .replace(/\d/g, "0")
    .replace(/[ \t\f\v\r]+/g, " ")
    .replace(/ ?\n[\s]*/g, "\n")
    .trim();
}

const OFFSET = 0x811c9dc5;
const PRIME = 0x01000193;

function hashString(s: string, seed: number): number {
  let h = OFFSET ^ seed;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), PRIME);
  return h >>> 0;
}

/** The kind of content a text looks like: the context an instruction inside it is read in. */
function contentKind(t: string): string {
  if (/^(?:subject|from|to|date|cc)\s?:/m.test(t) || /^(?:dear|hi|hello)\b[^\n]{0,40}\n/m.test(t))
    return "email";
  if ((t.match(/^\|.*\|$/gm)?.length ?? 0) >= 2) return "table";
  if (/```|^(?:def|class|import|function|const|public|#include)\b|[;{}]\n/m.test(t)) return "code";
  if (/<\/?(?:div|p|span|html|body|a|li)\b|https?:\/\//.test(t)) return "web";
  return "plain";
}

/** A word: a run of letters, digits, _ and ' other than CJK ideographs, or a single ideograph. */
const WORD_RE = /[\u3400-\u9fff]|(?:(?![\u3400-\u9fff])[\p{L}\p{N}_'])+/gu;
const SENTENCE_START_RE =
  /(?:^|[\n.!?。！？:：])\s*([\u3400-\u9fff]{1,2}|(?:(?![\u3400-\u9fff])[\p{L}'])+)/gmu;

const MAX_FEATURES = MAX_CHARS * 8;
const counts = new Float32Array(BUCKETS);
const touched = new Uint32Array(MAX_FEATURES);

export interface FeatureVector {
  keys: Uint32Array;
  values: Float32Array;
}

/**
 * The hashed, L2-normalised features of one text. Counting goes through one scratch table shared by all calls
 * (scoring is synchronous), so scoring allocates two small arrays per text and no hash map.
 */
export function featureVector(text: string): FeatureVector {
  const t = clip(normalise(text));
  return vectorOf(t, contentKind(t));
}

/** Windows are at most this long; a text longer than WINDOW_MIN is also judged window by window. */
const WINDOW = 600;
const WINDOW_MIN = 900;

/**
 * The whole text's vector, then, for a long text, one per window of whole lines (about 600 characters, long lines
 * cut): a one-line order planted in a long table or email is a large part of its window and a small part of the
 * whole. Every window keeps the whole text's content kind.
 */
export function featureVectors(text: string): FeatureVector[] {
  const t = clip(normalise(text));
  const kind = contentKind(t);
  const out = [vectorOf(t, kind)];
  if (t.length <= WINDOW_MIN) return out;
  let start = 0;
  while (start < t.length) {
    let end = Math.min(t.length, start + WINDOW);
    if (end < t.length) {
      const nl = t.lastIndexOf("\n", end);
      const stop = nl > start + WINDOW / 3 ? nl : t.lastIndexOf(" ", end);
      if (stop > start + WINDOW / 3) end = stop;
    }
    out.push(vectorOf(t.slice(start, end), kind));
    start = end + 1;
  }
  return out;
}

function clip(t: string): string {
  return t.length > MAX_CHARS ? `${t.slice(0, MAX_CHARS / 2)}\n${t.slice(-MAX_CHARS / 2)}` : t;
}

function vectorOf(t: string, kindName: string): FeatureVector {
  let n = 0;
  const add = (h: number) => {
    const k = h & MASK;
    if (counts[k] === 0) {
      if (n === MAX_FEATURES) return;
      touched[n++] = k;
    }
    counts[k] = (counts[k] as number) + 1;
  };
  const padded = ` ${t.replace(/\n/g, " ")} `;
  for (let i = 0; i + 3 <= padded.length; i++) {
    let h = OFFSET;
    for (let len = 1; len <= 5 && i + len <= padded.length; len++) {
      h = Math.imul(h ^ padded.charCodeAt(i + len - 1), PRIME);
      if (len >= 3) add(Math.imul(h ^ len, PRIME) >>> 0);
    }
  }
  const words = t.match(WORD_RE) ?? [];
  let prev = 0;
  for (let i = 0; i < words.length; i++) {
    const w = hashString(words[i] as string, 11);
    add(w);
    if (i > 0) add(Math.imul(prev ^ w, PRIME) ^ 12);
    prev = w;
  }
  const kind = hashString(kindName, 13);
  for (const m of t.matchAll(SENTENCE_START_RE)) {
    const w = hashString(m[1] as string, 14);
    add(w);
    add(Math.imul(w ^ kind, PRIME) >>> 0);
  }
  // sublinear counts: a table's hundreds of "| " do not drown the one line that differs
  let norm = 0;
  for (let i = 0; i < n; i++) {
    const k = touched[i] as number;
    const c = 1 + Math.log(counts[k] as number);
    counts[k] = c;
    norm += c * c;
  }
  norm = Math.sqrt(norm) || 1;
  const keys = touched.slice(0, n);
  const values = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const k = touched[i] as number;
    values[i] = (counts[k] as number) / norm;
    counts[k] = 0;
  }
  return { keys, values };
}
