import { basename } from "node:path";
import type { Progress } from "../model/progress.js";
import { type AnalyzeContext, analyzeSkill, prepareAnalyzer } from "./analyze.js";
import { LOOSE_FILES, type LoadOptions, loadTarget } from "./load.js";
import type { SkillReport } from "./types.js";

export interface ScanOptions extends LoadOptions, AnalyzeContext {
  /** Told after each skill is judged. */
  progress?: Progress;
}

/** Loads a target (folder, skills root, archive) and judges each skill in it. Never executes scanned content. */
export async function scanTarget(target: string, opts: ScanOptions = {}): Promise<SkillReport[]> {
  await prepareAnalyzer();
  const skills = loadTarget(target, opts);
  const task = `scan ${basename(target)}`;
  const reports = skills.map((s, i) => {
    const report = analyzeSkill(s, opts);
    opts.progress?.({ task, done: i + 1, total: skills.length, unit: "items" });
    return report;
  });
  // A skills root's README or licence is scanned like everything else, but a clean group of such files is not a
  // skill and is not listed as one.
  return reports.filter(
    (r) => !(reports.length > 1 && r.name.endsWith(LOOSE_FILES) && r.verdict === "clean"),
  );
}
