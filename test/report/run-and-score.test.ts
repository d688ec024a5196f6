import { describe, expect, it } from "vitest";
import { finding } from "../../src/catalog/finding.js";
import { runCatalog } from "../../src/catalog/run.js";
import type { CatalogItem, Status } from "../../src/catalog/types.js";
import { exitCodeFor, summarize } from "../../src/report/score.js";
import { snapshot } from "../catalog/snapshot-fixture.js";

function item(
  id: string,
  priority: CatalogItem["priority"],
  statuses: Status[] | (() => never),
): CatalogItem {
  const record: CatalogItem = {
    id,
    title: `item ${id}`,
    category: "network",
    priority,
    action: "",
    verification: "",
    why: "",
    openclaw: [],
    fix: "manual",
    needs: ["config"],
    evaluate: () => {
      if (typeof statuses === "function") return statuses();
      return statuses.map((status, i) =>
        finding(record, { check: `c${i}`, status, message: status, subject: `${i}` }),
      );
    },
  };
  return record;
}

describe("runCatalog", () => {
  it("aggregates an item to its worst finding and takes the worst failing severity", () => {
    const [r] = runCatalog(snapshot(), { items: [item("N-01", "P0", ["pass", "warn", "fail"])] });
    expect(r?.status).toBe("fail");
    expect(r?.severity).toBe("critical");
  });

  it("turns a check that throws into unknown, never a pass", () => {
    const [r] = runCatalog(snapshot(), {
      items: [
        item("N-02", "P0", () => {
          throw new Error("boom");
        }),
      ],
    });
    expect(r?.status).toBe("unknown");
    expect(r?.findings[0]?.message).toContain("boom");
  });

  it("treats a check that returns nothing as unknown", () => {
    const [r] = runCatalog(snapshot(), { items: [item("N-03", "P0", [])] });
    expect(r?.status).toBe("unknown");
  });

  it("filters with --only", () => {
    const items = [item("N-01", "P0", ["pass"]), item("C-02", "P1", ["fail"])];
    expect(runCatalog(snapshot(), { items, only: ["c-02"] }).map((r) => r.item.id)).toEqual(["C-02"]);
  });

  it("applies unexpired suppressions by checkId and ignores expired ones", () => {
    const items = [item("C-02", "P1", ["fail"])];
    const suppressed = runCatalog(
      snapshot({
        clawwarden: {
          suppressions: [{ checkId: "C-02.c0", reason: "accepted risk", expires: "2027-01-01" }],
        },
      }),
      { items },
    );
    expect(suppressed[0]?.status).toBe("skip");
    expect(suppressed[0]?.findings[0]?.suppressed?.reason).toBe("accepted risk");
    expect(exitCodeFor(suppressed, "low")).toBe(0);

    const expired = runCatalog(
      snapshot({
        clawwarden: { suppressions: [{ checkId: "C-02.c0", reason: "old", expires: "2026-01-01" }] },
      }),
      { items },
    );
    expect(expired[0]?.status).toBe("fail");
    expect(exitCodeFor(expired, "high")).toBe(1);
  });
});

describe("summarize and exit codes", () => {
  const results = runCatalog(snapshot(), {
    items: [
      item("N-01", "P0", ["pass"]),
      item("N-02", "P0", ["fail"]),
      item("C-01", "P1", ["warn"]),
      item("L-01", "P2", ["unknown"]),
      item("P-01", "P2", ["skip"]),
    ],
  });

  it("weights the index by priority over decided items", () => {
    const s = summarize(results);
    // earned: N-01 3 + C-01 0.5*2 = 4; possible: 3 + 3 + 2 = 8 → 50
    expect(s.index).toBe(50);
    expect(s.coverage).toEqual({ decided: 3, applicable: 4 });
    expect(s.counts).toMatchObject({ pass: 1, fail: 1, warn: 1, unknown: 1, skip: 1 });
    expect(s.failing.critical).toBe(1);
  });

  it("exits 1 only at or above --fail-on", () => {
    expect(exitCodeFor(results, "critical")).toBe(1);
    expect(exitCodeFor(results, "none")).toBe(0);
    const onlyMedium = runCatalog(snapshot(), { items: [item("L-02", "P2", ["fail"])] });
    expect(exitCodeFor(onlyMedium, "high")).toBe(0);
    expect(exitCodeFor(onlyMedium, "medium")).toBe(1);
  });
});
