import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFAULT_DATA, evaluate } from "../../scripts/eval-secrets.js";

// Measured 2026-11-25: secretlint set 59/61 must-detect cases, detect-secrets set 12/13.
const RECALL_FLOOR = 71 / 74;

describe.runIf(existsSync(DEFAULT_DATA))("secret detector on the labelled dev set", () => {
  it("keeps recall at or above the measured floor and has no unexplained false positive", async () => {
    const res = await evaluate();
    expect(res.recall.detected / res.recall.total).toBeGreaterThanOrEqual(RECALL_FLOOR);
    const unexplainedFp = res.falsePositives.filter((c) => !c.exception).map((c) => c.name);
    expect(unexplainedFp).toEqual([]);
    const unexplainedMiss = res.misses.filter((c) => !c.exception).map((c) => c.name);
    expect(unexplainedMiss.length).toBeLessThanOrEqual(1);
  });
});
