import { findSecrets } from "../detect/secrets.js";
import type { Alert } from "./types.js";

/**
 * Replaces every secret the detector knows in a string by its fingerprint. Alerts leave the host (webhooks,
 * syslog, OTLP), so this runs on every field of every alert, whatever produced it.
 */
export function scrubText(text: string): string {
  const s = text.length > 16_384 ? `${text.slice(0, 16_383)}…` : text;
  let out = s;
  for (const m of findSecrets(s, { highEntropyStrings: true }).sort((a, b) => b.index - a.index)) {
    out = `${out.slice(0, m.index)}[secret ${m.fingerprint}]${out.slice(m.index + m.length)}`;
  }
  return out;
}

export function scrubAlert(a: Alert): Alert {
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(a.labels)) labels[k] = scrubText(v);
  return {
    ...a,
    key: scrubText(a.key),
    title: scrubText(a.title),
    summary: scrubText(a.summary),
    labels,
  };
}
