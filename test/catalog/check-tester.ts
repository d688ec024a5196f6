import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { itemVerdict } from "../../src/catalog/run.js";
import type { CatalogItem, Finding, Severity, Status } from "../../src/catalog/types.js";
import { loadConfig } from "../../src/deployment/config.js";
import { autoRemediations, buildPlan, itemsOf } from "../../src/fix/plan.js";
import type { Snapshot } from "../../src/model/snapshot.js";
import { snapshot } from "./snapshot-fixture.js";

/**
 * A table-driven tester for catalog items, in the spirit of ESLint's RuleTester:
 *
 *   runCases(n01, [
 *     { name: "lan bind fails", snapshot: snapshot({ config: { value: { gateway: { bind: "lan" } } } }),
 *       expect: { status: "fail", checks: ["bind-lan"], evidenceIncludes: "gateway.bind" } },
 *   ]);
 *
 * Every case also checks the invariants every item must keep: at least one finding, ids and checkIds belong to
 * the item, evaluate is pure (the snapshot is deep-frozen, two runs give equal findings), and every fail/warn
 * finding carries a remediation.
 */
export interface CaseExpectation {
  /** The item's overall status: the worst status among its findings (see `itemStatus`). */
  status: Status;
  /** The overall severity: the highest severity among findings that have the overall status. */
  severity?: Severity;
  /** checkIds that must be among the findings; "bind-lan" is short for "N-01.bind-lan". */
  checks?: string[];
  /** checkIds that must NOT be among the findings. */
  absentChecks?: string[];
  /** Text that must appear in some finding's evidence (message, keyPath, value or "file:line"). */
  evidenceIncludes?: string | string[];
  /** Text that must appear in some finding's message. */
  messageIncludes?: string | string[];
  /** Text that must appear in some finding's remediation. */
  remediationIncludes?: string | string[];
  /** Text that must appear nowhere in the findings (use it for secrets: they must never leak). */
  nowhere?: string | string[];
}

export interface CheckCase {
  name: string;
  snapshot: Snapshot;
  expect: CaseExpectation;
  /**
   * Like ESLint's RuleTester `output`: plan the item's own remediation from these findings, apply its
   * config steps to the case's config (in a private temp dir), re-evaluate, and require no `fail`.
   */
  output?: true;
  /** Extra assertions on the raw findings. */
  assert?: (findings: Finding[]) => void;
}

/** Status and severity exactly as reports compute them (catalog/run.ts `itemVerdict`). */
export function itemStatus(findings: Finding[]): Status {
  return itemVerdict(findings).status;
}

export function itemSeverity(findings: Finding[]): Severity {
  return itemVerdict(findings).severity;
}

/** Evaluates an item on a frozen copy of the snapshot and returns its findings plus the overall status. */
export function evaluateItem(
  item: CatalogItem,
  snap: Snapshot,
): { status: Status; severity: Severity; findings: Finding[] } {
  const findings = item.evaluate(deepFreeze(structuredClone(snap)));
  return { status: itemStatus(findings), severity: itemSeverity(findings), findings };
}

/** Registers one vitest `describe` per item with one `it` per case. */
export function runCases(item: CatalogItem, cases: CheckCase[]): void {
  describe(`${item.id} ${item.title}`, () => {
    it("has a complete catalog record", () => {
      expect(item.id).toMatch(/^[NSDKCALP]-0\d$/);
      for (const field of ["title", "action", "verification", "why"] as const)
        expect(item[field].trim().length, field).toBeGreaterThan(0);
      expect(item.needs.length).toBeGreaterThan(0);
    });
    for (const c of cases) it(c.name, () => checkCase(item, c));
  });
}

export function checkCase(item: CatalogItem, c: CheckCase): void {
  const { status, severity, findings } = evaluateItem(item, c.snapshot);
  const summary = describeFindings(findings);

  expect(findings.length, "evaluate must return at least one finding").toBeGreaterThan(0);
  for (const f of findings) {
    expect(f.id).toBe(item.id);
    expect(f.checkId.startsWith(`${item.id}.`), f.checkId).toBe(true);
    if (f.status === "fail" || f.status === "warn")
      expect(f.remediation?.length ?? 0, `${f.checkId} needs a remediation`).toBeGreaterThan(0);
  }
  expect(item.evaluate(deepFreeze(structuredClone(c.snapshot))), "evaluate must be deterministic").toEqual(
    findings,
  );

  expect(status, summary).toBe(c.expect.status);
  if (c.expect.severity) expect(severity, summary).toBe(c.expect.severity);

  const ids = findings.map((f) => f.checkId);
  for (const check of c.expect.checks ?? []) expect(ids, summary).toContain(fullCheckId(item, check));
  for (const check of c.expect.absentChecks ?? [])
    expect(ids, summary).not.toContain(fullCheckId(item, check));

  const evidenceText = findings.flatMap((f) => f.evidence.map(evidenceLine)).join("\n");
  for (const text of list(c.expect.evidenceIncludes)) expect(evidenceText, summary).toContain(text);
  const messages = findings.map((f) => f.message).join("\n");
  for (const text of list(c.expect.messageIncludes)) expect(messages, summary).toContain(text);
  const remediations = findings.map((f) => f.remediation ?? "").join("\n");
  for (const text of list(c.expect.remediationIncludes)) expect(remediations, summary).toContain(text);
  const everything = JSON.stringify(findings);
  for (const text of list(c.expect.nowhere)) expect(everything.includes(text), `leaked: ${text}`).toBe(false);

  c.assert?.(findings);
  if (c.output) checkOutput(item, c.snapshot, findings, summary);
}

/** Applies the item's remediation to the snapshot's config and requires the item to stop failing. */
function checkOutput(item: CatalogItem, snap: Snapshot, findings: Finding[], summary: string): void {
  const remediation = autoRemediations.find((r) => itemsOf(r).includes(item.id));
  expect(remediation, `${item.id} has an output case but no auto remediation`).toBeDefined();
  const dir = mkdtempSync(join(tmpdir(), "cw-output-"));
  try {
    const configPath = join(dir, "openclaw.json");
    writeFileSync(configPath, JSON.stringify(snap.config.value, null, 2));
    const failing = new Map([[item.id, findings.filter((f) => f.status === "fail" || f.status === "warn")]]);
    const plan = buildPlan({
      stateDir: dir,
      configPath,
      profile: "personal",
      lang: "en",
      only: [remediation?.id as string],
      assisted: false,
      assistedDir: join(dir, "assisted"),
      env: {},
      who: "test",
      now: new Date(snap.takenAt),
      findings: failing,
    });
    expect(plan.items.length, `the remediation planned nothing for:\n${summary}`).toBeGreaterThan(0);
    const after = plan.files.find((f) => f.path === configPath);
    if (after) writeFileSync(configPath, after.after);
    const envNames = plan.items.flatMap((i) => i.steps.flatMap((st) => (st.kind === "env" ? [st.name] : [])));
    const fixed: Snapshot = {
      ...snap,
      config: { ...loadConfig(configPath, { env: { HOME: "/home/op" } }), path: snap.config.path },
      envSet: [...new Set([...snap.envSet, ...envNames])],
    };
    const again = evaluateItem(item, fixed);
    const left = again.findings.filter((f) => f.status === "fail");
    expect(
      left.map((f) => `${f.checkId}: ${f.message}`),
      "still failing after the item's own fix",
    ).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One searchable line per evidence: message, key path, value and file:line. */
export function evidenceLine(e: Finding["evidence"][number]): string {
  const loc = e.location
    ? `${e.location.file}${e.location.line !== undefined ? `:${e.location.line}` : ""}`
    : "";
  return [e.message, e.keyPath ?? "", e.value ?? "", loc].join(" | ");
}

function fullCheckId(item: CatalogItem, check: string): string {
  return check.startsWith(`${item.id}.`) ? check : `${item.id}.${check}`;
}

function list(v: string | string[] | undefined): string[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

function describeFindings(findings: Finding[]): string {
  return findings.map((f) => `${f.checkId} [${f.status}/${f.severity}] ${f.message}`).join("\n");
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Real OpenClaw 2026.9.6 configs and outputs, kept in the repo (test/fixtures/openclaw-samples). */
export const SAMPLES_DIR = join(import.meta.dirname, "..", "fixtures", "openclaw-samples");

/**
 * A snapshot around a real config file, loaded by the real config loader (positions, SecretRefs, `${VAR}`),
 * e.g. `configSnapshot(`${SAMPLES_DIR}/config-insecure.json`)`. `env` is the environment the gateway sees;
 * its names also become `envSet`.
 */
export function configSnapshot(
  path: string,
  opts: { env?: Record<string, string>; overrides?: Parameters<typeof snapshot>[0] } = {},
): Snapshot {
  const env = opts.env ?? {};
  const config = loadConfig(path, { env: { HOME: "/home/op", ...env } });
  const base = snapshot(opts.overrides ?? {});
  return { ...base, config, envSet: [...new Set([...base.envSet, ...Object.keys(env)])] };
}
