import { shannonEntropy } from "../detect/obfuscation.js";
import { findSecrets } from "../detect/secrets.js";
import { secretFingerprint } from "../util/fingerprint.js";

const TOKEN_RE = /[A-Za-z0-9_\-+/=.]{24,}/g;
const KEYISH_RE =
  /\b(?:sk-[A-Za-z0-9_-]{8,}|gh[pousr]_[A-Za-z0-9]{20,}|xox[abprs]-[A-Za-z0-9-]{10,}|AKIA[0-9A-Z]{16}|AIza[0-9A-Za-z_-]{30,}|\d{8,10}:[A-Za-z0-9_-]{30,})/g;

/**
 * Display-safe excerpt: one line, at most `max` characters, invisible characters escaped,
 * credential-looking tokens replaced by a fingerprint.
 */
export function redactExcerpt(raw: string, max = 160): string {
  let s = raw.length > 4000 ? raw.slice(0, 4000) : raw;
  for (const m of findSecrets(s, { highEntropyStrings: false }).sort((a, b) => b.index - a.index)) {
    s = `${s.slice(0, m.index)}[secret ${m.fingerprint}]${s.slice(m.index + m.length)}`;
  }
  s = s.replace(KEYISH_RE, (m) => `[secret ${secretFingerprint(m)}]`);
  s = s.replace(TOKEN_RE, (m) =>
    m.length >= 32 &&
    shannonEntropy(m) > 4.3 &&
    /\d/.test(m) &&
    /[a-z]/i.test(m) &&
    // URL and file paths stay readable; they are what a reviewer needs to see.
    !m.startsWith("//") &&
    !/^[\w.-]+(?:\/[\w.-]+){2,}\/?$/.test(m)
      ? `[blob ${m.length} chars]`
      : m,
  );
  s = Array.from(s, (c) =>
    invisible(c.codePointAt(0) ?? 0) ? `\\u{${(c.codePointAt(0) ?? 0).toString(16)}}` : c,
  ).join("");
  s = s.replace(/\s+/g, " ").trim();
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function invisible(cp: number): boolean {
  return (
    (cp < 0x20 && cp !== 0x09 && cp !== 0x0a) ||
    cp === 0x7f ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x2069) ||
    cp === 0xfeff ||
    (cp >= 0xe0000 && cp <= 0xe007f)
  );
}
