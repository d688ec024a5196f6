import { describe, expect, it } from "vitest";
import { messagingItems } from "../../src/catalog/messaging.js";

describe("messaging catalog records", () => {
  it("lists D-01..D-04 with the planned fix kinds", () => {
    expect(messagingItems.map((i) => `${i.id}:${i.fix}`)).toEqual([
      "D-01:auto",
      "D-02:auto",
      "D-03:manual",
      "D-04:auto",
    ]);
    for (const item of messagingItems) expect([item.category, item.priority]).toEqual(["messaging", "P1"]);
  });
});
