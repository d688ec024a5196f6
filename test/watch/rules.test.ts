import { describe, expect, it } from "vitest";
import { AlertEngine } from "../../src/watch/rules.js";
import type { Signal } from "../../src/watch/types.js";

const at = (s: number) => new Date(Date.UTC(2026, 11, 1, 0, 0, s));
const sig = (over: Partial<Signal> & { at: Date }): Signal => ({
  type: "gateway.auth_failure",
  severity: "high",
  key: "auth:127.0.0.1",
  title: "gateway auth failure",
  summary: "token mismatch",
  ...over,
});

describe("alert rules", () => {
  it("threshold within a window: fires on the Nth signal inside the window, not when they are spread out", () => {
    const e = new AlertEngine([
      { name: "brute", match: { type: "gateway.auth_*" }, threshold: 3, window: "1m" },
    ]);
    expect(e.offer(sig({ at: at(0) }))).toEqual([]);
    expect(e.offer(sig({ at: at(70) }))).toEqual([]);
    expect(e.offer(sig({ at: at(80) }))).toEqual([]);
    const fired = e.offer(sig({ at: at(90) }));
    expect(fired).toHaveLength(1);
    expect(fired[0]?.alert).toMatchObject({ rule: "brute", count: 3, severity: "high" });
  });

  it("dedup: one alert per key per dedup period; another key still alerts", () => {
    const e = new AlertEngine([{ name: "r", match: {}, dedup: "10m" }]);
    expect(e.offer(sig({ at: at(0) }))).toHaveLength(1);
    expect(e.offer(sig({ at: at(60) }))).toHaveLength(0);
    expect(e.offer(sig({ at: at(60), key: "other" }))).toHaveLength(1);
    expect(e.offer(sig({ at: new Date(at(0).getTime() + 11 * 60_000) }))).toHaveLength(1);
    expect(e.stats.get("r")).toMatchObject({ fired: 3, deduplicated: 1 });
  });

  it("rate limit per rule counts what it holds back", () => {
    const e = new AlertEngine([{ name: "r", match: {}, rateLimit: { max: 2, per: "1h" } }]);
    for (let i = 0; i < 5; i++) e.offer(sig({ at: at(i), key: `k${i}` }));
    expect(e.stats.get("r")).toMatchObject({ fired: 2, rateLimited: 3 });
  });

  it("matches on severity floor and guide items; the rule may set the alert's severity and sinks", () => {
    const e = new AlertEngine([
      {
        name: "net",
        match: { items: ["N-01", "N-02"], minSeverity: "medium" },
        severity: "critical",
        sinks: ["pager"],
      },
    ]);
    expect(e.offer(sig({ at: at(0), type: "audit.regression", item: "C-01" }))).toEqual([]);
    expect(e.offer(sig({ at: at(0), type: "audit.regression", item: "N-01", severity: "low" }))).toEqual([]);
    const [hit] = e.offer(sig({ at: at(0), type: "audit.regression", item: "N-01" }));
    expect(hit?.alert.severity).toBe("critical");
    expect(hit?.sinks).toEqual(["pager"]);
  });

  it("no rules: the default alerts on medium and above", () => {
    const e = new AlertEngine([]);
    expect(e.offer(sig({ at: at(0), severity: "low" }))).toEqual([]);
    expect(e.offer(sig({ at: at(0), severity: "medium" }))).toHaveLength(1);
  });

  it("bad rules are refused", () => {
    expect(() => new AlertEngine([{ name: "x", match: {}, window: "soon" }])).toThrow(/not a duration/);
    expect(() => new AlertEngine([{ name: "x", match: {}, threshold: 0 }])).toThrow(/threshold/);
  });
});
