import { describe, expect, it } from "vitest";
import { catalog } from "../../src/catalog/index.js";
import { guideItemFor, openclawToGuide } from "../../src/catalog/openclaw-index.js";

/** Issue 16: metadata users see is derived from the item records, so the drift seen before cannot come back. */
describe("derived catalog metadata", () => {
  it("an item needs --live exactly when it has a live judge (N-01, N-05, S-03, S-07 once lacked it)", () => {
    for (const item of catalog)
      expect(item.needs.includes("live"), item.id).toBe(item.evaluateLive !== undefined);
    for (const id of ["N-01", "N-05", "S-03", "S-07"])
      expect(catalog.find((i) => i.id === id)?.needs).toContain("live");
  });

  it("the OpenClaw reverse index is exactly the union of the items' openclawOwns lists", () => {
    const declared = catalog.flatMap((item) => (item.openclawOwns ?? []).map((p) => `${p}=${item.id}`));
    expect(Object.entries(openclawToGuide).map(([p, id]) => `${p}=${id}`)).toEqual(declared);
    // no pattern owned twice: the owner is unambiguous
    expect(new Set(declared.map((d) => d.split("=")[0])).size).toBe(declared.length);
  });

  it("every checkId an item lists as equivalent resolves to a guide item", () => {
    for (const item of catalog)
      for (const id of item.openclaw)
        expect(guideItemFor(id.replace(/\*/g, "x")), `${item.id} lists ${id}`).toBeDefined();
  });
});
