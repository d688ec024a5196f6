/**
 * Features for the injection model: hashed character 3–5-grams and word 1–2-grams of normalised text (NFKC,
 * lower case, zero-width and bidi controls dropped, digits folded), FNV-1a into 2^18 buckets. Shared by training
 * (scripts/train-injection.mjs) and scoring, so both see exactly the same features.
 */
export const BUCKETS = 1 << 18;
const MAX_CHARS = 8192;

export function normalise(text: string): string {
  return text
    .slice(0, MAX_CHARS * 2)
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\u200B-\u200D\u2060\uFEFF\u202A-\u202E\u2066-\u2069]/g, "")
    .replace(/\d/g, "0")
    .replace(/\s+/g, " ")
    .trim();
}

function fnv(s: string, seed: number): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) & (BUCKETS - 1);
}

/** Bucket → count, for one text; long texts are judged on their first and last 4 kB. */
export function features(text: string): Map<number, number> {
  let t = normalise(text);
  if (t.length > MAX_CHARS) t = `${t.slice(0, MAX_CHARS / 2)} ${t.slice(-MAX_CHARS / 2)}`;
  const out = new Map<number, number>();
  const add = (k: number) => out.set(k, (out.get(k) ?? 0) + 1);
  const padded = ` ${t} `;
  for (let n = 3; n <= 5; n++)
    for (let i = 0; i + n <= padded.length; i++) add(fnv(padded.slice(i, i + n), n));
  const words = t.match(/[\p{L}\p{N}_']+|[\u4e00-\u9fff]/gu) ?? [];
  for (let i = 0; i < words.length; i++) {
    add(fnv(words[i] as string, 11));
    if (i + 1 < words.length) add(fnv(`${words[i]} ${words[i + 1]}`, 12));
  }
  // length-normalise so long benign documents do not drown short attacks
  const norm = Math.sqrt([...out.values()].reduce((a, v) => a + v * v, 0)) || 1;
  for (const [k, v] of out) out.set(k, v / norm);
  return out;
}
