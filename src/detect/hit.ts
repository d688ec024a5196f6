import type { RuleId } from "./rule-catalog.js";

/** One raw detector hit. Detectors only say what they saw and where; skills/rules attach severity and wording. */
export interface DetectHit {
  rule: RuleId;
  /** 1-based line in the text the detector was given. */
  line: number;
  /** Raw matched text (callers redact and shorten before display). */
  match: string;
  detail?: string;
  confidence?: "high" | "medium" | "low";
  /** Correlation tags: a credential source or a network sink. */
  tags?: Array<"cred-source" | "net-sink">;
}

/** Maps string offsets to 1-based line numbers with a binary search over line starts. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) this.starts.push(i + 1);
  }
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
  get lineCount(): number {
    return this.starts.length;
  }
}

/** Runs a global regex over text and yields matches; every regex passed here must be linear-time safe. */
export function* matchAll(re: RegExp, text: string): Generator<RegExpExecArray> {
  if (!re.global) throw new Error("matchAll needs a global regex");
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    yield m;
    if (m[0].length === 0) re.lastIndex++;
  }
}

/** A detector could not look at all of its input: the caller reports the file as not analysed, never as clean. */
export class AnalysisIncomplete extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AnalysisIncomplete";
  }
}

/** The input was larger than a detector's budget: the rest was not analysed. */
export class AnalysisBudgetError extends AnalysisIncomplete {
  constructor(what: string) {
    super(`${what} is larger than the analysis budget; the rest was not analysed`);
    this.name = "AnalysisBudgetError";
  }
}
