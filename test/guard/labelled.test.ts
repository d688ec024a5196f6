import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Guard } from "../../src/guard/engine.js";
import { loadPolicy } from "../../src/guard/policy.js";

interface Row {
  hook: string;
  event: unknown;
  ctx: unknown;
  expect: "stop" | "pass" | "redact";
  lang: string;
  contains?: string;
  keeps?: string;
}
const rows = readFileSync(
  join(import.meta.dirname, "..", "fixtures", "guard", "labelled-events.jsonl"),
  "utf8",
)
  .split("\n")
  .filter(Boolean)
  .map((l) => JSON.parse(l) as Row);

/** The decision table of `npm run eval:guard` as a regression test: every stop stops, no benign call is touched. */
describe("guard decisions on the labelled event set (production profile)", () => {
  it("has both languages and all three expectations", () => {
    expect(new Set(rows.map((r) => r.lang))).toEqual(new Set(["en", "zh"]));
    expect(rows.filter((r) => r.expect === "stop").length).toBeGreaterThan(30);
    expect(rows.filter((r) => r.expect === "pass").length).toBeGreaterThan(30);
  });

  it("stops every sensitive call, passes every benign one, redacts exactly", async () => {
    const g = new Guard({
      policy: loadPolicy({ profile: "production" }),
      paths: { home: "/home/op", stateDir: "/home/op/.openclaw", extra: [] },
    });
    const wrong: string[] = [];
    for (const r of rows) {
      const out = (await g.handle(r.hook, r.event, r.ctx)) as Record<string, unknown> | undefined;
      const stopped =
        !!out &&
        (out.block === true || !!out.requireApproval || out.cancel === true || out.outcome === "block");
      if (r.expect === "stop" && !stopped) wrong.push(`not stopped: ${JSON.stringify(r.event)}`);
      if (r.expect === "pass" && out !== undefined)
        wrong.push(`touched: ${JSON.stringify(r.event)} → ${JSON.stringify(out)}`);
      if (r.expect === "redact") {
        const c = String(out?.content ?? "");
        if (!c.includes(r.contains as string) || !c.includes(r.keeps as string))
          wrong.push(`redaction: ${c}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
