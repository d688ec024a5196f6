import { type AnalyzeContext, analyzeSkill, prepareAnalyzer } from "./analyze.js";
import { type LoadOptions, loadTarget } from "./load.js";
import type { SkillReport } from "./types.js";

export interface ScanOptions extends LoadOptions, AnalyzeContext {}

/** Loads a target (folder, skills root, archive) and judges each skill in it. Never executes scanned content. */
export async function scanTarget(target: string, opts: ScanOptions = {}): Promise<SkillReport[]> {
  await prepareAnalyzer();
  return loadTarget(target, opts).map((s) => analyzeSkill(s, opts));
}
