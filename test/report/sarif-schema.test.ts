import { cpSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { default as AjvCore } from "ajv";
import AjvDraft04 from "ajv-draft-04";
import type * as Sarif from "sarif";
import { describe, expect, it } from "vitest";
import { auditToSarif } from "../../src/report/sarif.js";
import { toSarif } from "../../src/skills/sarif.js";
import { scanTarget } from "../../src/skills/scan.js";
import { auditReportOf } from "../helpers/audit-report.js";

const root = join(import.meta.dirname, "..", "..");
const schema = JSON.parse(
  readFileSync(join(root, "test", "fixtures", "sarif", "sarif-2.1.0-rtm.5.json"), "utf8"),
);
// ajv-draft-04 is CommonJS; the official schema has a pattern that is only valid without the u flag.
const Ajv = ((AjvDraft04 as unknown as { default?: unknown }).default ??
  AjvDraft04) as typeof AjvCore.default;
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false, validateFormats: false });
const validate = ajv.compile(schema);

function expectValid(log: unknown): void {
  const ok = validate(log);
  expect(validate.errors ?? [], "SARIF 2.1.0 schema").toEqual([]);
  expect(ok).toBe(true);
}

/** A copy of the insecure example under a path with a space and a `#`. */
function awkwardCopy(): string {
  const dir = join(mkdtempSync(join(tmpdir(), "cw-sarif-")), "my state #1");
  mkdirSync(dir, { recursive: true });
  cpSync(join(root, "examples", "insecure"), dir, { recursive: true });
  return dir;
}

async function auditSarif(stateDir: string): Promise<Sarif.Log> {
  return auditToSarif(await auditReportOf(stateDir));
}

const fingerprints = (log: Sarif.Log) =>
  (log.runs[0]?.results ?? []).map((r) => `${r.ruleId} ${r.partialFingerprints?.["clawwarden/v1"]}`).sort();

describe("audit SARIF", () => {
  it("is valid SARIF 2.1.0 with file URIs that survive spaces and #, and ranks rules for code scanning", async () => {
    const log = await auditSarif(awkwardCopy());
    expectValid(log);
    const run = log.runs[0] as Sarif.Run;
    expect(run.tool.driver.informationUri).toMatch(/^https:\/\//);
    expect(run.automationDetails?.id).toBe("clawwarden/audit/");
    const base = run.originalUriBaseIds?.STATEDIR?.uri ?? "";
    expect(base).toMatch(/^file:\/\/\/.*my%20state%20%231\/$/);
    for (const rule of run.tool.driver.rules ?? []) {
      expect(rule.properties?.tags).toContain("security");
      expect(Number(rule.properties?.["security-severity"])).toBeGreaterThan(0);
      expect(rule.defaultConfiguration?.level).toMatch(/^(error|warning|note)$/);
      expect(rule.helpUri).toMatch(/^https:\/\//);
    }
    const results = run.results ?? [];
    expect(results.length).toBeGreaterThan(5);
    for (const r of results) {
      const loc = r.locations?.[0]?.physicalLocation?.artifactLocation;
      if (loc?.uriBaseId) {
        expect(loc.uriBaseId).toBe("STATEDIR");
        expect(new URL(loc.uri ?? "", base).protocol).toBe("file:");
      } else expect(loc?.uri).toMatch(/^file:\/\//);
      expect(loc?.uri).not.toMatch(/[ #]/);
    }
  });

  it("gives two copies of one deployment the same fingerprints, unique per result", async () => {
    const a = fingerprints(await auditSarif(awkwardCopy()));
    const b = fingerprints(await auditSarif(awkwardCopy()));
    expect(a).toEqual(b);
    expect(new Set(a).size).toBe(a.length);
  });
});

describe("scan SARIF", () => {
  it("is valid SARIF 2.1.0 and two skills with the same file and excerpt never share a fingerprint", async () => {
    const base = mkdtempSync(join(tmpdir(), "cw-sarif-skills-"));
    const source = join(root, "test", "fixtures", "skills", "corpus", "exfil-env-webhook");
    cpSync(source, join(base, "skill one"), { recursive: true });
    cpSync(source, join(base, "skill #two"), { recursive: true });
    const reports = [
      ...(await scanTarget(join(base, "skill one"))),
      ...(await scanTarget(join(base, "skill #two"))),
    ];
    const log = toSarif(reports, "0.0.0-test", base);
    expectValid(log);
    const results = log.runs[0]?.results ?? [];
    expect(results.length).toBeGreaterThan(1);
    const prints = results.map((r) => r.partialFingerprints?.["clawwarden/v1"]);
    expect(new Set(prints).size).toBe(prints.length);
    for (const r of results) {
      const loc = r.locations?.[0]?.physicalLocation?.artifactLocation;
      expect(loc?.uriBaseId).toBe("SRCROOT");
      expect(loc?.uri).toMatch(/^skill%20(one|%23two)\//);
    }
  });
});
