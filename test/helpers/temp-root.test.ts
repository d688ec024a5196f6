import { tmpdir } from "node:os";
import { describe, expect, it } from "vitest";

describe("test temp root", () => {
  it("every test's tmpdir() is the run's own root, not the shared /tmp", () => {
    const root = process.env.CW_TEST_RUN_ROOT;
    expect(root).toBeTruthy();
    expect(tmpdir()).toBe(root);
    expect(tmpdir()).toMatch(/cw-run-/);
  });
});
