import { expect } from "vitest";
import { newestFixedVersion } from "../../../src/catalog/data/advisories.js";
import { runCases } from "../check-tester.js";
import { p03, sample, version } from "../helpers/deployment.js";
import { snapshot } from "../snapshot-fixture.js";

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
