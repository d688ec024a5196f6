import { describe, expect, it } from "vitest";
import type { SkillFinding } from "../../src/skills/types.js";
import { verdictOf } from "../../src/skills/verdict.js";

const f = (
  severity: SkillFinding["severity"],
  confidence: SkillFinding["confidence"],
  category: SkillFinding["category"] = "injection",
) => ({ severity, confidence, category }) as SkillFinding;

describe("verdictOf", () => {
  it.each([
    [[], false, "clean"],
    [[f("low", "high")], false, "clean"],
    [[f("medium", "high")], false, "review"],
    [[f("high", "low")], false, "review"],
    [[f("high", "medium")], false, "suspicious"],
    [[f("critical", "low")], false, "suspicious"],
    [[f("critical", "medium")], false, "malicious"],
    [[f("high", "high", "injection"), f("high", "high", "persistence")], false, "malicious"],
    [[f("high", "high", "persistence"), f("high", "high", "persistence")], false, "suspicious"],
    [[], true, "incomplete"],
    [[f("medium", "high")], true, "incomplete"],
    [[f("high", "high")], true, "suspicious"],
  ] as Array<[SkillFinding[], boolean, string]>)("%j incomplete=%s → %s", (findings, incomplete, verdict) => {
    expect(verdictOf(findings, incomplete)).toBe(verdict);
  });
});

describe("unanalysed executable content is never silently clean", () => {
  it("Ruby, Makefiles, CI workflows and env -S shebangs are at least review", async () => {
    const { analyzeSkill, prepareAnalyzer } = await import("../../src/skills/analyze.js");
    await prepareAnalyzer();
    const skill = (path: string, text: string) => ({
      name: "x",
      kind: "skill" as const,
      root: "/x",
      files: [
        { path: "SKILL.md", size: 20, data: Buffer.from("---\nname: x\n---\nhi\n") },
        { path, size: text.length, data: Buffer.from(text) },
      ],
      problems: [],
    });
    for (const [path, text] of [
      ["tool.rb", "puts 'hello'\n"],
      ["Makefile", "all:\n\techo hi\n"],
      [".github/workflows/ci.yml", "on: push\njobs: {}\n"],
      ["run", "#!/usr/bin/perl\nprint 1;\n"],
    ] as const) {
      const r = analyzeSkill(skill(path, text) as never);
      expect(r.verdict, path).toBe("review");
      expect(
        r.findings.map((f) => f.rule),
        path,
      ).toContain("packaging.unanalysed-code");
    }
  });
});
