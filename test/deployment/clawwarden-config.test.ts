import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadClawwardenConfig } from "../../src/deployment/clawwarden-config.js";
import { InputError } from "../../src/util/errors.js";

const fixtureDir = resolve(import.meta.dirname, "..", "fixtures", "config", "clawwarden");
const roots: string[] = [];
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), "cw-cwconf-"));
  roots.push(d);
  return d;
}
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

function bad(body: string): InputError {
  const d = tmp();
  writeFileSync(join(d, "clawwarden.json"), body);
  try {
    loadClawwardenConfig(undefined, d);
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error("expected an InputError");
}

describe("loadClawwardenConfig", () => {
  it("finds clawwarden.json5 in cwd and returns attestations and suppressions with positions", () => {
    const file = join(fixtureDir, "clawwarden.json5");
    const cfg = loadClawwardenConfig(undefined, fixtureDir);
    expect(cfg).toEqual({
      path: file,
      attestations: [
        {
          id: "P-01",
          by: "alice@example.com",
          at: "2026-10-01",
          expires: "2027-04-01",
          note: "off-site backup restore drill",
        },
        { id: "A-03", by: "bob", at: "2026-11-20T09:30:00Z" },
      ],
      suppressions: [
        { checkId: "N-01.bind-lan", reason: "behind a VPN-only interface", expires: "2027-01-01" },
        { fingerprint: "cw1:5f3a9c1d2e", reason: "test fixture token" },
      ],
      positions: {
        "attestations.0": { file, line: 5, column: 5 },
        "attestations.1": { file, line: 6, column: 5 },
        "suppressions.0": { file, line: 9, column: 5 },
        "suppressions.1": { file, line: 10, column: 5 },
      },
    });
  });

  it("prefers clawwarden.json over clawwarden.json5, takes an explicit path relative to cwd", () => {
    const d = tmp();
    writeFileSync(
      join(d, "clawwarden.json"),
      '{ "attestations": [{ "id": "N-06", "by": "x", "at": "2026-01-01" }] }',
    );
    writeFileSync(join(d, "clawwarden.json5"), "{ attestations: [] }");
    expect(loadClawwardenConfig(undefined, d).attestations.map((a) => a.id)).toEqual(["N-06"]);
    expect(loadClawwardenConfig("clawwarden.json5", d)).toMatchObject({
      path: join(d, "clawwarden.json5"),
      attestations: [],
    });
  });

  it("no file in cwd is an empty config; a missing explicit path is an error", () => {
    const d = tmp();
    expect(loadClawwardenConfig(undefined, d)).toEqual({ attestations: [], suppressions: [] });
    expect(() => loadClawwardenConfig("nope.json", d)).toThrow(/clawwarden config not found/);
  });

  // Each case: the file, the expected message, and the text the error must point at (first occurrence).
  it.each([
    ['{ "attestation": [] }', /unknown key "attestation" in the root/, '"attestation"'],
    [
      '{\n  "attestations": [{ "id": "N-01", "by": "x", "at": "2026-01-01", "who": "y" }] }',
      /unknown key "who" in attestations\.0/,
      '"who"',
    ],
    ['{ "attestations": {} }', /attestations must be an array, found an object/, '"attestations"'],
    ['{ "attestations": ["N-01"] }', /attestations\.0 must be an object, found a string/, '"N-01"'],
    [
      '{ "attestations": [{ "id": "N-07", "by": "x", "at": "2026-01-01" }] }',
      /"N-07" is not a guide item id/,
      '"N-07"',
    ],
    [
      '{ "attestations": [{ "id": "X-1", "by": "x", "at": "2026-01-01" }] }',
      /"X-1" is not a guide item id/,
      '"X-1"',
    ],
    [
      '{ "attestations": [{ "id": "N-01", "at": "2026-01-01" }] }',
      /attestations\.0\.by is required/,
      '{ "id"',
    ],
    [
      '{ "attestations": [{ "id": "N-01", "by": 7, "at": "2026-01-01" }] }',
      /by must be a non-empty string, found a number/,
      "7",
    ],
    [
      '{ "attestations": [{ "id": "N-01", "by": "x", "at": "2026-02-30" }] }',
      /at must be a date/,
      '"2026-02-30"',
    ],
    [
      '{ "attestations": [{ "id": "N-01", "by": "x", "at": "yesterday" }] }',
      /at must be a date/,
      '"yesterday"',
    ],
    [
      '{ "attestations": [{ "id": "N-01", "by": "x", "at": "2026-01-01T10:00:00" }] }',
      /at must be a date/,
      '"2026-01-01T10',
    ],
    [
      '{ "attestations": [{ "id": "N-01", "by": "x", "at": "2026-05-01", "expires": "2026-04-01" }] }',
      /expires \(2026-04-01\) is before/,
      '"2026-04-01"',
    ],
    ['{ "suppressions": [{ "reason": "x" }] }', /needs a checkId or a fingerprint/, '{ "reason"'],
    ['{ "suppressions": [{ "checkId": "N-01.x" }] }', /suppressions\.0\.reason is required/, '{ "checkId"'],
    ['{ "suppressions": [{ "checkId": "has space", "reason": "r" }] }', /is not a check id/, '"has space"'],
    [
      '{ "suppressions": [{ "checkId": "N-01.x", "reason": "r", "expires": "never" }] }',
      /expires must be a date/,
      '"never"',
    ],
    ['{ "attestations": [ }', /malformed JSON5/, "}"],
  ])("rejects %s", (body, message, pointsAt) => {
    const err = bad(body);
    expect(err.message).toMatch(message);
    const offset = body.indexOf(pointsAt);
    const before = body.slice(0, offset);
    expect(err.location).toMatchObject({
      line: before.split("\n").length,
      column: offset - before.lastIndexOf("\n"),
    });
  });
});
