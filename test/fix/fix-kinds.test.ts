import { describe, expect, it } from "vitest";
import { catalog } from "../../src/catalog/index.js";
import { allRemediations, autoRemediations, itemsOf } from "../../src/fix/plan.js";

/** What explain/JSON/SARIF advertise as `fix` must be what `clawwarden fix` can really do. */
describe("catalog fix kinds match the remediations that exist", () => {
  const auto = new Set(autoRemediations.flatMap(itemsOf));
  const any = new Set(allRemediations.flatMap(itemsOf));

  it.each(catalog.map((item) => [item.id, item.fix] as const))("%s (%s)", (id, fix) => {
    expect(
      fix === "auto",
      `${id} says fix "${fix}" but an auto remediation ${auto.has(id) ? "exists" : "does not exist"}`,
    ).toBe(auto.has(id));
    if (fix === "manual") expect(any.has(id), `${id} is manual but a remediation lists it`).toBe(false);
  });

  it("every remediation answers for guide items that exist (or SOUL)", () => {
    const ids = new Set(catalog.map((i) => i.id));
    for (const r of allRemediations)
      for (const id of itemsOf(r)) expect(id === "SOUL" || ids.has(id), id).toBe(true);
  });
});
