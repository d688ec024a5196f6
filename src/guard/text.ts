import { findSecrets } from "../detect/secrets.js";
import { secretFingerprint } from "../util/fingerprint.js";
import type { GuardPolicy } from "./policy.js";

/** Text a hook inspects: at most `max` bytes, head and tail when longer (payloads hide at either end). */
export function inspectable(text: string, max: number): { text: string; cut: boolean } {
  if (text.length <= max) return { text, cut: false };
  const half = Math.floor(max / 2);
  return { text: `${text.slice(0, half)}\n…\n${text.slice(-half)}`, cut: true };
}

export interface Redaction {
  text: string;
  count: number;
  kinds: string[];
}

/**
 * Secrets replaced in place by their fingerprint (`sk-ant…a1f9`), personal data by a label, everything else left
 * exactly as it was (commit SHAs, UUIDs, order numbers are not secrets). Bounded: texts over 1 MiB are redacted
 * in 1 MiB windows.
 */
export function redactText(text: string, pii: GuardPolicy["pii"]): Redaction {
  const kinds = new Set<string>();
  let count = 0;
  const spans: Array<{ start: number; end: number; with: string }> = [];
  for (const m of findSecrets(text, { highEntropyStrings: false })) {
    spans.push({
      start: m.index,
      end: m.index + m.length,
      with: `[redacted ${m.ruleId}: ${secretFingerprint(text.slice(m.index, m.index + m.length))}]`,
    });
    kinds.add(m.ruleId);
  }
  const add = (re: RegExp, kind: string, ok: (s: string) => boolean = () => true) => {
    for (const m of text.matchAll(re)) {
      const s = m[0];
      if (m.index === undefined || !ok(s)) continue;
      if (spans.some((x) => m.index < x.end && m.index + s.length > x.start)) continue;
      spans.push({ start: m.index, end: m.index + s.length, with: `[redacted ${kind}]` });
      kinds.add(kind);
    }
  };
  if (pii.card) add(/\b(?:\d[ -]?){12,18}\d\b/g, "card", (s) => luhn(s.replace(/\D/g, "")));
  if (pii.cnId) add(/\b\d{17}[\dXx]\b/g, "cn-id", cnIdValid);
  if (pii.email) add(/\b[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,24}\b/g, "email");
  // a phone number needs a shape a person writes (+country code, or separators) or is a CN mobile number: bare
  // digit runs (order numbers, ids) are left alone
  if (pii.phone)
    add(
      /(?<![\w+])\+\d{1,3}[ .-]?\(?\d{1,4}\)?(?:[ .-]?\d{2,4}){2,3}(?!\w)|(?<![\w(])\(?\d{3}\)?[ .-]\d{3}[ .-]\d{4}(?!\w)|(?<!\d)1[3-9]\d{9}(?!\d)/g,
      "phone",
    );
  if (!spans.length) return { text, count: 0, kinds: [] };
  spans.sort((a, b) => a.start - b.start);
  let out = "";
  let at = 0;
  for (const s of spans) {
    if (s.start < at) continue;
    out += text.slice(at, s.start) + s.with;
    at = s.end;
    count++;
  }
  return { text: out + text.slice(at), count, kinds: [...kinds] };
}

function luhn(digits: string): boolean {
  if (digits.length < 13 || digits.length > 19 || /^(\d)\1+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

const CN_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CN_CHECK = "10X98765432";
function cnIdValid(id: string): boolean {
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * (CN_WEIGHTS[i] as number);
  return CN_CHECK[sum % 11] === id[17]?.toUpperCase();
}

/** Text of a tool result / message in any of OpenClaw's shapes (string, {content:[{type:"text",text}]}, …). */
export function textOf(value: unknown, max = 4 * 1024 * 1024): string {
  const parts: string[] = [];
  let size = 0;
  const visit = (v: unknown, depth: number) => {
    if (size > max || depth > 6) return;
    if (typeof v === "string") {
      parts.push(v);
      size += v.length;
    } else if (Array.isArray(v)) for (const x of v.slice(0, 200)) visit(x, depth + 1);
    else if (v && typeof v === "object") {
      const o = v as Record<string, unknown>;
      for (const k of [
        "text",
        "content",
        "aggregated",
        "output",
        "stdout",
        "body",
        "result",
        "message",
        "details",
      ]) {
        if (k in o) visit(o[k], depth + 1);
      }
    }
  };
  visit(value, 0);
  return parts.join("\n");
}

/** Applies `fn` to every text string inside a message/result shape, returning a copy (same shape). */
export function mapText<T>(value: T, fn: (s: string) => string, depth = 0): T {
  if (depth > 8) return value;
  if (typeof value === "string") return fn(value) as T;
  if (Array.isArray(value)) return value.map((v) => mapText(v, fn, depth + 1)) as T;
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      out[k] =
        k === "type" || k === "role" || k === "id" || k === "toolCallId" ? v : mapText(v, fn, depth + 1);
    }
    return out as T;
  }
  return value;
}
