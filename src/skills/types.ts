import type { Finding, Severity } from "../model/finding.js";

export type Verdict = "clean" | "review" | "suspicious" | "malicious" | "incomplete";
export type Confidence = "high" | "medium" | "low";

/** Verdicts in gating order: `--fail-on X` fails on X and everything after it. */
export const VERDICT_ORDER: Verdict[] = ["clean", "review", "incomplete", "suspicious", "malicious"];
export const verdictRank = (v: Verdict): number => VERDICT_ORDER.indexOf(v);

export type { RuleCategory, RuleMeta } from "../detect/rule-catalog.js";

import type { RuleCategory, RuleId } from "../detect/rule-catalog.js";

/** A scan finding: the shared Finding plus what a skill reviewer needs (category, confidence, excerpt). */
export interface SkillFinding extends Finding {
  rule: RuleId;
  category: RuleCategory;
  confidence: Confidence;
  /** Short, redacted excerpt of the offending text (secrets fingerprinted, invisible characters escaped). */
  excerpt: string;
}

export interface SkillFile {
  /** Relative to the skill root, `/`-separated. */
  path: string;
  size: number;
  /** Undefined when the file was not read (over the size limit, symlink, unreadable). */
  data?: Buffer;
  symlink?: { target: string; escapes: boolean };
}

export interface LoadProblem {
  path: string;
  rule: RuleId;
  reason: string;
  /** True when it prevents a full analysis (the skill can then never be `clean`). */
  incomplete: boolean;
}

export interface LoadedSkill {
  name: string;
  version?: string;
  kind: "skill" | "plugin";
  /** Display path: a directory, or `archive.zip!/dir`. */
  root: string;
  files: SkillFile[];
  problems: LoadProblem[];
}

export interface SkillReport {
  name: string;
  version?: string;
  kind: "skill" | "plugin";
  root: string;
  verdict: Verdict;
  findings: SkillFinding[];
  incomplete: Array<{ path: string; reason: string }>;
  stats: { files: number; bytes: number };
  /** sha256 per file, for lockfiles and IOC matching. */
  hashes: Record<string, string>;
}
