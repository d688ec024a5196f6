import { LineIndex } from "./hit.js";
import { detectHiddenText, detectInjection } from "./injection.js";
import { indirectInjection } from "./injection-indirect.js";
import { injectionModel } from "./injection-model.js";

export interface InjectionVerdict {
  flagged: boolean;
  /** 0–1: strongest evidence (high-confidence rule 0.9, medium 0.6, hidden text 0.5). */
  score: number;
  evidence: string[];
}

/** Inspected at most: the head and tail of longer text (payloads sit at either end of pasted content). */
const MAX_CHARS = 256 * 1024;

/**
 * One yes/no verdict for a text (a prompt, a tool result, an email): the explainable phrase rules of
 * detect/injection.ts plus hidden-text tricks. The runtime guard uses it as a tripwire that flags a session;
 * `npm run eval:injection` measures it.
 */
export function classifyInjection(input: string): InjectionVerdict {
  const text =
    input.length > MAX_CHARS ? `${input.slice(0, MAX_CHARS / 2)}\n${input.slice(-MAX_CHARS / 2)}` : input;
  const normalised = text.normalize("NFKC");
  const lines = new LineIndex(normalised);
  const hits = detectInjection(normalised, lines);
  const evidence = new Set<string>();
  let score = 0;
  for (const h of hits) {
    const s = h.confidence === "high" ? 0.9 : h.confidence === "medium" ? 0.6 : 0.3;
    score = Math.max(score, s);
    evidence.add(h.rule);
  }
  const hidden = detectHiddenText(text, new LineIndex(text));
  for (const r of hidden.recovered) {
    for (const h of detectInjection(r.text)) {
      score = Math.max(score, h.confidence === "low" ? 0.3 : 0.9);
      evidence.add(`${h.rule} (hidden via ${r.via})`);
    }
  }
  for (const rule of indirectInjection(normalised)) {
    score = Math.max(score, 0.7);
    evidence.add(rule);
  }
  const model = process.env.CLAWWARDEN_INJECTION_MODEL === "off" ? null : injectionModel();
  if (model && score < 0.6) {
    const p = model.probability(text);
    if (p >= model.thresholdFor(normalised)) {
      score = Math.max(score, 0.6);
      evidence.add(`model p=${p.toFixed(2)}`);
    }
  }
  return { flagged: score >= 0.6, score, evidence: [...evidence] };
}
