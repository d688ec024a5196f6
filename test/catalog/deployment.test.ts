import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  advisories,
  advisoriesAffecting,
  compareVersions,
  newestFixedVersion,
  parseOpenClawVersion,
} from "../../src/catalog/data/advisories.js";
import { deploymentItems } from "../../src/catalog/deployment.js";
import type { CatalogItem } from "../../src/catalog/types.js";
import { runCases } from "./check-tester.js";
import { snapshot } from "./snapshot-fixture.js";

const samples = join(import.meta.dirname, "..", "fixtures", "openclaw-samples");
const json = (name: string) => JSON.parse(readFileSync(`${samples}/${name}`, "utf8"));
const sample = (name: string) => snapshot({ config: { value: json(name) } });

const item = (id: string) => deploymentItems.find((i) => i.id === id) as CatalogItem;
const [p01, p02, p03, p04, p05] = ["P-01", "P-02", "P-03", "P-04", "P-05"].map(item) as [
  CatalogItem,
  CatalogItem,
  CatalogItem,
  CatalogItem,
  CatalogItem,
];
const attested = (id: string, expires: string): Parameters<typeof snapshot>[0] => ({
  clawwarden: { path: "/etc/clawwarden.json", attestations: [{ id, by: "ops", at: "2026-10-01", expires }] },
});
const version = (text: string): Parameters<typeof snapshot>[0] => ({
  openclaw: { bin: "/usr/bin/openclaw", version: { known: true, value: text } },
});

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

runCases(p01, [
  {
    name: "no local providers: manual",
    snapshot: snapshot(),
    expect: { status: "manual", messageIncludes: "separate hosts" },
  },
  {
    name: "loopback inference server is noted",
    snapshot: snapshot({
      config: {
        value: {
          models: {
            providers: {
              "my-llm": { baseUrl: "http://localhost:4000/v1" },
              cloud: { baseUrl: "https://api.example.com/v1" },
            },
          },
        },
      },
    }),
    expect: {
      status: "manual",
      messageIncludes: "my-llm on loopback",
      evidenceIncludes: "models.providers.my-llm.baseUrl",
    },
    assert: (findings) => expect(JSON.stringify(findings)).not.toContain("models.providers.cloud.baseUrl"),
  },
  { name: "attested passes", snapshot: snapshot(attested("P-01", "2027-01-01")), expect: { status: "pass" } },
  {
    name: "expired attestation fails",
    snapshot: snapshot(attested("P-01", "2026-11-24")),
    expect: { status: "fail" },
  },
]);

runCases(p02, [
  {
    name: "needs a person",
    snapshot: snapshot(),
    expect: { status: "manual", messageIncludes: "dedicated" },
  },
  { name: "attested passes", snapshot: snapshot(attested("P-02", "2027-01-01")), expect: { status: "pass" } },
  {
    name: "expired attestation fails",
    snapshot: snapshot(attested("P-02", "2026-01-01")),
    expect: { status: "fail" },
  },
]);

runCases(p03, [
  {
    name: "installed 2026.9.6 (openclaw -V) passes",
    snapshot: snapshot(version("OpenClaw 2026.9.6 (eb377ac)")),
    expect: {
      status: "pass",
      checks: ["current"],
      evidenceIncludes: ["openclaw -V reports 2026.9.6", "/usr/bin/openclaw"],
    },
  },
  {
    name: "2026.3.24 misses CVE-2026-34503 (fixed 2026.3.28) and later fixes",
    snapshot: snapshot(version("2026.3.24")),
    expect: {
      status: "fail",
      checks: ["known-vulnerabilities"],
      evidenceIncludes: ["CVE-2026-34503", "fixed in 2026.3.28", "sentinelone.com", "GHSA-2j8v-hwgc-x698"],
      remediationIncludes: newestFixedVersion(),
    },
    assert: (findings) => expect(JSON.stringify(findings)).not.toContain("GHSA-xvhf-x56f-2hpp"),
  },
  {
    name: "a critical advisory raises severity to high",
    snapshot: snapshot(version("2026.3.8")),
    expect: { status: "fail", severity: "high", evidenceIncludes: "GHSA-4jpw-hj22-2xmc" },
  },
  {
    name: "only medium advisories open: medium",
    snapshot: snapshot(version("2026.5.26")),
    expect: {
      status: "fail",
      severity: "medium",
      evidenceIncludes: ["GHSA-8wg3-5mcm-fjq8", "GHSA-83w9-h5wv-j9xm"],
    },
  },
  {
    name: "a beta of the fixing release is still affected",
    snapshot: snapshot(version("2026.5.27-beta.2")),
    expect: { status: "fail", evidenceIncludes: "GHSA-8wg3-5mcm-fjq8" },
  },
  {
    name: "no CLI: falls back to meta.lastTouchedVersion (config-insecure-after-fix.json, written by 9.6)",
    snapshot: sample("config-insecure-after-fix.json"),
    expect: {
      status: "pass",
      messageIncludes: "from the config's meta",
      evidenceIncludes: "meta.lastTouchedVersion",
    },
  },
  {
    name: "old meta version fails",
    snapshot: snapshot({ config: { value: { meta: { lastTouchedVersion: "2026.2.26" } } } }),
    expect: { status: "fail", messageIncludes: "the installed binary may be newer" },
  },
  {
    name: "no CLI and no meta: unknown with the reason",
    snapshot: snapshot(),
    expect: { status: "unknown", checks: ["version-unknown"], messageIncludes: "openclaw CLI not found" },
  },
  {
    name: "unparseable -V output and no meta: unknown",
    snapshot: snapshot(version("openclaw dev build")),
    expect: { status: "unknown", messageIncludes: "printed no version" },
  },
]);

runCases(p04, [
  {
    name: "needs a person, names the state dir",
    snapshot: snapshot(),
    expect: { status: "manual", messageIncludes: "/home/op/.openclaw" },
  },
  { name: "attested passes", snapshot: snapshot(attested("P-04", "2027-01-01")), expect: { status: "pass" } },
  {
    name: "expired attestation fails",
    snapshot: snapshot(attested("P-04", "2026-01-01")),
    expect: { status: "fail" },
  },
]);

runCases(p05, [
  {
    name: "real doctor-lint-insecure.json: error findings fail",
    snapshot: snapshot({
      openclaw: { doctorLint: { known: true, value: json("doctor-lint-insecure.json") } },
    }),
    expect: {
      status: "fail",
      checks: ["doctor-errors"],
      messageIncludes: "1 error(s) and 2 warning(s)",
      evidenceIncludes: ["gateway.bind_no_auth", "config.plaintext_secrets"],
      nowhere: "123456:ABCDEF-plaintext-bot-token",
    },
  },
  {
    name: "clean lint passes",
    snapshot: snapshot({ openclaw: { doctorLint: { known: true, value: { ok: true, findings: [] } } } }),
    expect: { status: "pass", checks: ["doctor-ok"] },
  },
  {
    name: "warnings only: warn low",
    snapshot: snapshot({
      openclaw: {
        doctorLint: {
          known: true,
          value: {
            ok: true,
            findings: [{ checkId: "core/doctor/x", severity: "warning", message: "migrate heartbeat" }],
          },
        },
      },
    }),
    expect: { status: "warn", severity: "low", checks: ["doctor-warnings"] },
  },
  {
    name: "no openclaw CLI: unknown with a hint",
    snapshot: snapshot(),
    expect: { status: "unknown", checks: ["doctor-unavailable"], remediationIncludes: "--openclaw-bin" },
  },
]);

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
