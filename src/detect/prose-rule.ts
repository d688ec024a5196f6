import type { RuleId } from "./rule-catalog.js";

/** One phrase rule of the prose detectors (English in injection.ts, Chinese in injection-zh.ts). */
export interface ProseRule {
  rule: RuleId;
  re: RegExp;
  confidence: "high" | "medium" | "low";
  /** Skip when a negation ("never", "do not", 不要) stands just before the match. */
  negatable?: boolean;
}
