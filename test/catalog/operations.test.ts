import { describe, expect, it } from "vitest";
import { deploymentItems } from "../../src/catalog/deployment.js";
import { loggingItems } from "../../src/catalog/logging.js";
import { messagingItems } from "../../src/catalog/messaging.js";
import type { CatalogItem } from "../../src/catalog/types.js";
import type { OperationsFacts } from "../../src/model/snapshot.js";
import { snapshot } from "./snapshot-fixture.js";

const item = (id: string) =>
  [...loggingItems, ...deploymentItems, ...messagingItems].find((i) => i.id === id) as CatalogItem;
// the fixture's audit time is 2026-11-25T12:00:00Z
const ago = (h: number) => new Date(Date.parse("2026-11-25T12:00:00.000Z") - h * 3_600_000).toISOString();
const run = (id: string, ops: OperationsFacts) =>
  item(id).evaluate(snapshot({ operations: { known: true, value: ops } }));
const sink = (over: Partial<NonNullable<OperationsFacts["watch"]>["sinks"][number]> = {}) => ({
  sink: "hook",
  type: "webhook",
  delivered: 3,
  failed: 0,
  dropped: 0,
  lastSuccessAt: ago(1),
  ...over,
});
const watching = (over: Partial<NonNullable<OperationsFacts["watch"]>> = {}): OperationsFacts => ({
  watch: { startedAt: ago(100), lastCycleAt: ago(1), alertsRaised: 2, sinks: [sink()], ...over },
  watchConfig: { rules: 1, sinks: [{ name: "hook", type: "webhook" }] },
  backups: [],
});

describe("A-02 / A-03 / A-04 from clawwarden watch's own records", () => {
  it("no records: the items still need a person", () => {
    for (const id of ["A-02", "A-03", "A-04", "P-04"]) {
      expect(run(id, { backups: [] })[0]?.status, id).toBe("manual");
    }
  });

  it("a running watch delivering to a webhook passes all three", () => {
    for (const id of ["A-02", "A-03", "A-04"]) {
      const [f] = run(id, watching());
      expect(f?.status, `${id}: ${f?.message}`).toBe("pass");
    }
  });

  it("a failing sink fails A-02 and A-03 with the error, not A-04", () => {
    const ops = watching({
      sinks: [
        sink({ failed: 4, lastFailureAt: ago(0.5), lastError: "webhook hooks.example.invalid: HTTP 503" }),
      ],
    });
    expect(run("A-02", ops)[0]).toMatchObject({ status: "fail", checkId: "A-02.sink-failing" });
    expect(run("A-03", ops)[0]?.message).toContain("HTTP 503");
    expect(run("A-04", ops)[0]?.status).toBe("pass");
  });

  it("a watch that stopped two days ago fails A-04, and A-02/A-03 say it is not running", () => {
    const ops = watching({ lastCycleAt: ago(50) });
    expect(run("A-04", ops)[0]).toMatchObject({ status: "fail", checkId: "A-04.watch-stale" });
    expect(run("A-03", ops)[0]?.checkId).toBe("A-03.watch-not-running");
  });

  it("A-02 needs a remote sink: a local jsonl file is an alert channel (A-03) but not centralisation", () => {
    const ops: OperationsFacts = {
      ...watching({ sinks: [sink({ sink: "file", type: "jsonl" })] }),
      watchConfig: { rules: 1, sinks: [{ name: "file", type: "jsonl" }] },
    };
    expect(run("A-02", ops)[0]?.status).toBe("manual");
    expect(run("A-03", ops)[0]?.status).toBe("pass");
  });
});

describe("P-04 from clawwarden backup's records", () => {
  const rec = (action: "create" | "verify" | "drill", h: number, ok = true, detail?: string) => ({
    at: ago(h),
    action,
    ok,
    file: "/backups/openclaw-backup-h-20261125T000000Z.tar.gz.age",
    ...(detail ? { detail } : {}),
  });
  it("a daily backup and a recent drill pass", () => {
    expect(run("P-04", { backups: [rec("drill", 24 * 10), rec("create", 5)] })[0]?.status).toBe("pass");
  });
  it("backups without any restore drill warn", () => {
    expect(run("P-04", { backups: [rec("create", 5)] })[0]).toMatchObject({
      status: "warn",
      checkId: "P-04.drill-missing",
    });
  });
  it("a failed drill or a week without a backup fails", () => {
    expect(
      run("P-04", { backups: [rec("create", 5), rec("drill", 2, false, "config-validate: exit 1")] })[0],
    ).toMatchObject({
      status: "fail",
      checkId: "P-04.backup-failing",
    });
    expect(run("P-04", { backups: [rec("create", 24 * 8), rec("drill", 24 * 8)] })[0]?.checkId).toBe(
      "P-04.backup-stale",
    );
  });
});

describe("D-04 and A-01 say whether the runtime guard is loaded", () => {
  const evidenceOf = (id: string, config: Record<string, unknown>) =>
    item(id)
      .evaluate(snapshot({ config: { value: config } }))
      .flatMap((f) => f.evidence.map((e) => e.message))
      .join("\n");
  it("not installed, not enabled, not allow-listed, enabled", () => {
    expect(evidenceOf("A-01", {})).toMatch(/runtime guard: not installed/);
    expect(evidenceOf("D-04", { plugins: { entries: { clawwarden: { enabled: false } } } })).toMatch(
      /not enabled/,
    );
    expect(
      evidenceOf("D-04", { plugins: { allow: ["x"], entries: { clawwarden: { enabled: true } } } }),
    ).toMatch(/missing from plugins.allow/);
    expect(
      evidenceOf("A-01", {
        plugins: {
          entries: {
            clawwarden: {
              enabled: true,
              hooks: { allowConversationAccess: true },
              config: { profile: "strict" },
            },
          },
        },
      }),
    ).toMatch(/runtime guard: enabled \(profile strict\)/);
  });
});
