import { shannonEntropy } from "../util/entropy.js";
import { type DetectHit, LineIndex, matchAll } from "./hit.js";

export { shannonEntropy };

/** Encoded blobs are decoded (bounded) so their content can be scanned again by the other detectors. */
export interface DecodedBlob {
  encoding: "base64" | "hex" | "char-codes" | "escapes";
  line: number;
  decoded: string;
}

export const DECODE_LIMITS = { maxBlobs: 200, maxBlobChars: 1_000_000, maxDepth: 3 } as const;

const BASE64_RE = /[A-Za-z0-9+/_-]{40,}={0,2}/g;
const HEX_RE = /\b(?:[0-9a-fA-F]{2}){24,}\b/g;
const HEX_ESCAPE_RE = /(?:\\x[0-9a-fA-F]{2}){8,}/g;
const UNICODE_ESCAPE_RE = /(?:\\u[0-9a-fA-F]{4}){8,}/g;
const CHAR_CODES_RE = /(?:fromCharCode|chr|bytes|bytearray|\[)\s*\(?\s*\[?((?:\d{2,3}\s*,\s*){7,}\d{2,3})/g;

function printableRatio(s: string): number {
  if (s.length === 0) return 0;
  let ok = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 32 && c < 127) || c === 9 || c === 10 || c === 13) ok++;
  }
  return ok / s.length;
}

function accept(decoded: string): boolean {
  return decoded.length >= 8 && printableRatio(decoded) > 0.9;
}

function decodeBase64(s: string): string | undefined {
  if (s.length > DECODE_LIMITS.maxBlobChars) return undefined;
  const std = s.replace(/-/g, "+").replace(/_/g, "/");
  const text = Buffer.from(std, "base64").toString("latin1");
  return accept(text) ? text : undefined;
}

/** Finds and decodes encoded blobs; returns only blobs that decode to readable text. */
export function decodeBlobs(text: string, lines: LineIndex = new LineIndex(text)): DecodedBlob[] {
  const out: DecodedBlob[] = [];
  const push = (encoding: DecodedBlob["encoding"], index: number, decoded: string | undefined) => {
    if (decoded !== undefined && out.length < DECODE_LIMITS.maxBlobs)
      out.push({ encoding, line: lines.lineOf(index), decoded });
  };
  for (const m of matchAll(BASE64_RE, text)) {
    // Hashes in hex or identifiers are not base64 payloads.
    if (/^[0-9a-f]+$/i.test(m[0]) || !/[0-9+/=]/.test(m[0])) continue;
    // Standard and URL-safe alphabets do not mix; URL-safe blobs must be longer to count.
    if (/[+/]/.test(m[0]) && /[_-]/.test(m[0])) continue;
    if (/[_-]/.test(m[0]) && m[0].length < 60) continue;
    push("base64", m.index, decodeBase64(m[0]));
  }
  for (const m of matchAll(HEX_RE, text)) {
    const decoded = Buffer.from(m[0], "hex").toString("latin1");
    push("hex", m.index, accept(decoded) ? decoded : undefined);
  }
  for (const re of [HEX_ESCAPE_RE, UNICODE_ESCAPE_RE]) {
    for (const m of matchAll(re, text)) {
      const decoded = m[0].replace(/\\x([0-9a-fA-F]{2})|\\u([0-9a-fA-F]{4})/g, (_, h, u) =>
        String.fromCharCode(Number.parseInt(h ?? u, 16)),
      );
      push("escapes", m.index, accept(decoded) ? decoded : undefined);
    }
  }
  for (const m of matchAll(CHAR_CODES_RE, text)) {
    const decoded = (m[1] ?? "")
      .split(",")
      .map((n) => String.fromCharCode(Number(n.trim())))
      .join("");
    push("char-codes", m.index, accept(decoded) ? decoded : undefined);
  }
  return out.sort((a, b) => a.line - b.line);
}

const STRING_LITERAL_RE = /["'`]([^"'`\n\\]{120,4000})["'`]/g;

/** Obfuscation signals of a script: minified single lines, long high-entropy literals, obfuscator idioms. */
export function detectObfuscation(text: string, lines: LineIndex = new LineIndex(text)): DetectHit[] {
  const hits: DetectHit[] = [];
  const lineCount = lines.lineCount;
  if (text.length > 4000 && text.length / lineCount > 1500) {
    hits.push({
      rule: "obfuscation.minified",
      line: 1,
      match: "",
      confidence: "low",
      detail: `${text.length} chars on ${lineCount} line(s)`,
    });
  }
  let highEntropy = 0;
  for (const m of matchAll(STRING_LITERAL_RE, text)) {
    const s = m[1] ?? "";
    if (/\s/.test(s.slice(0, 200))) continue;
    if (shannonEntropy(s.slice(0, 2000)) > 5.2) {
      highEntropy++;
      if (highEntropy <= 3)
        hits.push({
          rule: "obfuscation.high-entropy",
          line: lines.lineOf(m.index),
          match: s.slice(0, 40),
          confidence: "low",
          detail: `${s.length}-char high-entropy literal`,
        });
    }
  }
  // javascript-obfuscator style: _0x1a2b identifiers in bulk, string-array rotation.
  let hexIds = 0;
  for (const _ of matchAll(/\b_0x[0-9a-f]{4,6}\b/g, text)) if (++hexIds >= 20) break;
  const packer =
    /eval\(function\(p,a,c,k,e,[dr]\)|__pyarmor__|pyarmor_runtime|\bexec\(\s*marshal\.loads|\bexec\(\s*''\.join\(\s*chr\(/.exec(
      text,
    );
  if (packer)
    hits.push({
      rule: "obfuscation.obfuscator",
      line: lines.lineOf(packer.index),
      match: packer[0],
      confidence: "high",
      detail: "packer / protector output (p,a,c,k,e,d, PyArmor, marshal, chr-join)",
    });
  if (hexIds >= 20)
    hits.push({
      rule: "obfuscation.obfuscator",
      line: 1,
      match: "_0x…",
      confidence: "high",
      detail: "javascript-obfuscator identifiers (_0x…)",
    });
  return hits;
}
