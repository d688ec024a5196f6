import { describe, expect, it } from "vitest";
import { finding } from "../../src/catalog/finding.js";
import { runCatalog } from "../../src/catalog/run.js";
import type { CatalogItem, Status } from "../../src/catalog/types.js";
import { buildReport } from "../../src/report/model.js";
import { renderText, wantColour } from "../../src/report/text.js";
import { snapshot } from "../catalog/snapshot-fixture.js";

const item = (id: string, status: Status): CatalogItem => {
  const record: CatalogItem = {
    id,
    title: `title of ${id}`,
    category: "network",
    priority: "P0",
    action: "",
    verification: "",
    why: "",
    openclaw: ["gateway.bind_no_auth"],
    fix: "auto",
    needs: ["config"],
    evaluate: () => [
      finding(record, {
        check: "c",
        status,
        message: `${status} message`,
        remediation: `remedy for ${id}`,
        evidence: [
          {
            message: 'gateway.bind = "lan"',
            source: "config",
            location: { file: "/x/openclaw.json", line: 4, column: 5 },
          },
        ],
      }),
    ],
  };
  return record;
};

function report(openclaw = false) {
  const s = snapshot(
    openclaw
      ? {
          openclaw: {
            version: { known: true, value: "2026.9.6" },
            audit: {
              known: true,
              value: {
                summary: { critical: 1, warn: 0, info: 0 },
                findings: [
                  {
                    checkId: "gateway.bind_no_auth",
                    severity: "critical",
                    title: "bound to lan",
                    detail: "",
                  },
                ],
              },
            },
          },
        }
      : {},
  );
  const items = runCatalog(s, { items: [item("N-01", "fail"), item("N-05", "skip"), item("N-02", "pass")] });
  return buildReport(s, items, "0.0.0", (id) => (id === "gateway.bind_no_auth" ? "N-01" : undefined));
}

describe("text report", () => {
  it("shows failing items with evidence at file:line:column and the fix, and no fix for skips or passes", () => {
    const out = renderText(report(), { colour: false, verbose: false });
    expect(out).toMatch(/FAIL\s+N-01\s+title of N-01 \[critical\]/);
    expect(out).toContain('↳ gateway.bind = "lan"  (/x/openclaw.json:4:5)');
    expect(out).toContain("fix: remedy for N-01");
    expect(out).not.toContain("remedy for N-05");
    expect(out).not.toContain("remedy for N-02");
    expect(out).toMatch(/hardening index: \d+\/100/);
    expect(out).not.toContain("\u001b[");
  });

  it("shows OpenClaw's own finding beside the item it maps to", () => {
    const out = renderText(report(true), { colour: false, verbose: false });
    expect(out).toContain("openclaw: gateway.bind_no_auth (critical) bound to lan");
    expect(out).toContain("openclaw security audit (2026.9.6): 1 critical, 0 warn, 0 info");
  });

  it("colours only on a terminal, never with NO_COLOR, always with FORCE_COLOR", () => {
    expect(wantColour({}, true)).toBe(true);
    expect(wantColour({}, false)).toBe(false);
    expect(wantColour({ NO_COLOR: "1" }, true)).toBe(false);
    expect(wantColour({ FORCE_COLOR: "1" }, false)).toBe(true);
    expect(renderText(report(), { colour: true, verbose: false })).toContain("\u001b[31mFAIL");
  });
});
