import { realpathSync } from "node:fs";
import { dirname, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { scanTarget } from "../../src/skills/scan.js";
import type { SkillReport } from "../../src/skills/types.js";
import { openclawBin } from "../helpers/openclaw.js";

// The skills and plugins that ship inside the real openclaw npm package are a real benign corpus.
let pkg = "";
const reports: SkillReport[] = [];

beforeAll(async () => {
  pkg = dirname(realpathSync(openclawBin()));
  for (const root of ["skills", "custodian-skills", "dist/extensions"])
    reports.push(...(await scanTarget(join(pkg, root))));
});

describe("bundled OpenClaw skills and plugins", () => {
  it("finds the bundled skills and plugins", () => {
    expect(reports.filter((r) => r.kind === "skill").length).toBeGreaterThanOrEqual(50);
    expect(reports.filter((r) => r.kind === "plugin").length).toBeGreaterThanOrEqual(60);
  });
  it("flags none of them suspicious or malicious", () => {
    const flagged = reports
      .filter((r) => r.verdict === "suspicious" || r.verdict === "malicious")
      .map((r) => `${r.name}: ${r.findings[0]?.rule}`);
    expect(flagged).toEqual([]);
  });
  it("analyses every file (no incomplete verdicts)", () => {
    expect(reports.filter((r) => r.verdict === "incomplete").map((r) => r.name)).toEqual([]);
  });
});
