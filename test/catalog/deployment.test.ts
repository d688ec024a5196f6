import { describe, expect, it } from "vitest";
import {
  advisories,
  advisoriesAffecting,
  compareVersions,
  newestFixedVersion,
  parseOpenClawVersion,
} from "../../src/catalog/data/advisories.js";
import { deploymentItems } from "../../src/catalog/deployment.js";
import { json } from "./helpers/deployment.js";
import { snapshot } from "./snapshot-fixture.js";

describe("advisory table", () => {
  it("every entry has a GHSA/CVE id, a parseable fixed version, a source and a date", () => {
    for (const a of advisories) {
      expect(a.id).toMatch(/^(GHSA(-[23456789cfghjmpqrvwx]{4}){3}|CVE-\d{4}-\d{4,})$/);
      expect(parseOpenClawVersion(a.fixed), a.id).toBeDefined();
      expect(a.source).toMatch(/^https:\/\//);
      expect(a.sourceDate).toMatch(/^2026-\d{2}-\d{2}$/);
    }
    expect(new Set(advisories.map((a) => a.id)).size).toBe(advisories.length);
    expect(advisories.find((a) => a.id === "CVE-2026-34503")?.fixed).toBe("2026.3.28");
  });

  it("orders calendar versions, pre-releases and hotfixes", () => {
    const v = (t: string) => parseOpenClawVersion(t) as NonNullable<ReturnType<typeof parseOpenClawVersion>>;
    expect(compareVersions(v("2026.3.28"), v("2026.3.9"))).toBeGreaterThan(0);
    expect(compareVersions(v("2026.5.28-beta.4"), v("2026.5.28"))).toBeLessThan(0);
    expect(compareVersions(v("2026.3.13-1"), v("2026.3.13"))).toBeGreaterThan(0);
    expect(compareVersions(v("OpenClaw 2026.9.6 (eb377ac)"), v("2026.9.6"))).toBe(0);
    expect(parseOpenClawVersion("unknown")).toBeUndefined();
  });

  it("respects an advisory's introduced version", () => {
    const ids = (t: string) => advisoriesAffecting(parseOpenClawVersion(t)!).map((a) => a.id);
    expect(ids("2026.2.12")).not.toContain("GHSA-4hmj-39m8-jwc7");
    expect(ids("2026.3.24")).toContain("GHSA-4hmj-39m8-jwc7");
    expect(ids("2026.3.28")).not.toContain("CVE-2026-34503");
    expect(ids("2026.3.27")).toContain("CVE-2026-34503");
    expect(ids(newestFixedVersion())).toEqual([]);
  });
});
describe("all K, C, A, L and P items on the real samples", () => {
  const mine = async () => {
    const [{ skillsItems }, { credentialsItems }, { loggingItems }, { llmItems }] = await Promise.all([
      import("../../src/catalog/skills.js"),
      import("../../src/catalog/credentials.js"),
      import("../../src/catalog/logging.js"),
      import("../../src/catalog/llm.js"),
    ]);
    return [...skillsItems, ...credentialsItems, ...loggingItems, ...llmItems, ...deploymentItems];
  };
  const entry = (path: string, mode: number, kind: "file" | "dir" = "file") => ({
    path,
    kind,
    mode,
    uid: 1000,
    gid: 1000,
    size: 100,
    mtimeMs: 0,
  });
  // What a fresh 9.6 state dir looked like on a real run (openclaw config file / config set).
  const fresh9 = [
    entry("", 0o700, "dir"),
    entry("openclaw.json", 0o600),
    entry("config-journal-fingerprint.key", 0o600),
    entry("state", 0o700, "dir"),
    entry("state/openclaw.sqlite", 0o600),
  ];

  it("config-hardened.json: nothing fails, nothing at high or above warns (exit 0 at --fail-on high)", async () => {
    const snap = snapshot({
      config: { value: json("config-hardened.json") },
      state: { entries: fresh9 },
      openclaw: { version: { known: true, value: "OpenClaw 2026.9.6 (eb377ac)" } },
    });
    for (const ci of await mine()) {
      const findings = ci.evaluate(snap);
      for (const f of findings) {
        expect(f.status, `${f.checkId}: ${f.message}`).not.toBe("fail");
        if (f.status === "warn") expect(["medium", "low", "info"], f.checkId).toContain(f.severity);
      }
    }
  });

  it("config-insecure.json with the real 777/666 modes: C-01 and C-02 fail", async () => {
    const snap = snapshot({
      config: { value: json("config-insecure.json") },
      state: { entries: [entry("", 0o777, "dir"), entry("openclaw.json", 0o666)] },
    });
    const failing = (await mine())
      .filter((ci) => ci.evaluate(snap).some((f) => f.status === "fail"))
      .map((ci) => ci.id);
    expect(failing).toEqual(["C-01", "C-02"]);
  });
});
