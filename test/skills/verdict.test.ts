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
