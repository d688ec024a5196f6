import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loggingItems } from "../../src/catalog/logging.js";
import type { CatalogItem } from "../../src/catalog/types.js";
import type { Snapshot, StateEntry } from "../../src/model/snapshot.js";
import { runCases } from "./check-tester.js";
import { snapshot } from "./snapshot-fixture.js";

const samples = join(import.meta.dirname, "..", "fixtures", "openclaw-samples");
const sample = (name: string) =>
  snapshot({ config: { value: JSON.parse(readFileSync(`${samples}/${name}`, "utf8")) } });

const item = (id: string) => loggingItems.find((i) => i.id === id) as CatalogItem;
const [a01, a02, a03, a04, a05] = ["A-01", "A-02", "A-03", "A-04", "A-05"].map(item) as [
  CatalogItem,
  CatalogItem,
  CatalogItem,
  CatalogItem,
  CatalogItem,
];

const file = (path: string): StateEntry => ({
  path,
  kind: "file",
  mode: 0o600,
  uid: 1000,
  gid: 1000,
  size: 10,
  mtimeMs: 0,
});
const withEntries = (...paths: string[]): Partial<Snapshot> => ({
  state: { entries: [...snapshot().state.entries, ...paths.map(file)] } as Snapshot["state"],
});
const attested = (id: string, expires: string): Parameters<typeof snapshot>[0] => ({
  clawwarden: {
    path: "/etc/clawwarden.json",
    attestations: [{ id, by: "sec-team", at: "2026-09-01", expires }],
  },
});

runCases(a01, [
  {
    name: "defaults with a SQLite session store pass",
    snapshot: snapshot(withEntries("agents/main/agent/openclaw-agent.sqlite")),
    expect: {
      status: "pass",
      checks: ["logging-on"],
      evidenceIncludes: ["logging.level", "(default)", "agents/main/agent/openclaw-agent.sqlite"],
    },
  },
  {
    name: "file-era JSONL transcripts count as session records",
    snapshot: snapshot(withEntries("agents/main/sessions/5f1c.jsonl")),
    expect: { status: "pass", evidenceIncludes: "agents/main/sessions/5f1c.jsonl" },
  },
  {
    name: "no session store yet is reported, not judged",
    snapshot: snapshot(),
    expect: { status: "pass", evidenceIncludes: "no session records yet" },
  },
  {
    name: "logging.level silent fails with file:line",
    snapshot: snapshot({
      config: {
        value: { logging: { level: "silent" } },
        positions: { "logging.level": { file: "/home/op/.openclaw/openclaw.json", line: 4, column: 14 } },
      },
    }),
    expect: {
      status: "fail",
      severity: "high",
      checks: ["log-level"],
      evidenceIncludes: "openclaw.json:4",
      remediationIncludes: "logging.level info",
    },
  },
  {
    name: "logging.level fatal fails",
    snapshot: snapshot({ config: { value: { logging: { level: "fatal" } } } }),
    expect: { status: "fail", checks: ["log-level"] },
  },
  {
    name: "audit ledger disabled fails",
    snapshot: snapshot({ config: { value: { logging: { audit: { enabled: false } } } } }),
    expect: { status: "fail", checks: ["audit-ledger-off"] },
  },
  {
    name: "file-era redactSensitive off fails",
    snapshot: snapshot({ config: { value: { logging: { redactSensitive: "off" } } } }),
    expect: { status: "fail", checks: ["redact-off"], remediationIncludes: "doctor --fix" },
  },
  {
    name: "OTel content capture warns (content leaves the host)",
    snapshot: snapshot({
      config: {
        value: {
          diagnostics: {
            otel: { enabled: true, endpoint: "https://otel.example:4318", captureContent: true },
          },
        },
      },
    }),
    expect: { status: "warn", checks: ["otel-content"], evidenceIncludes: "https://otel.example:4318" },
  },
  {
    name: "debug level passes",
    snapshot: snapshot({ config: { value: { logging: { level: "debug" } } } }),
    expect: { status: "pass" },
  },
  {
    name: "real config-insecure.json: logging untouched, passes",
    snapshot: sample("config-insecure.json"),
    expect: { status: "pass" },
  },
  {
    name: "real config-hardened.json passes",
    snapshot: sample("config-hardened.json"),
    expect: { status: "pass" },
  },
]);

runCases(a02, [
  { name: "needs a person", snapshot: snapshot(), expect: { status: "manual", messageIncludes: "SIEM" } },
  {
    name: "OTel export configured is shown as evidence",
    snapshot: snapshot({
      config: {
        value: {
          diagnostics: { otel: { enabled: true, logs: true, logsEndpoint: "https://logs.example/v1/logs" } },
        },
      },
    }),
    expect: { status: "manual", messageIncludes: "collector forwards", evidenceIncludes: "logs: yes" },
  },
  { name: "attested passes", snapshot: snapshot(attested("A-02", "2027-03-01")), expect: { status: "pass" } },
  {
    name: "expired attestation fails",
    snapshot: snapshot(attested("a-02", "2026-10-01")),
    expect: { status: "fail", checks: ["attestation-expired"], messageIncludes: "2026-10-01" },
  },
]);

runCases(a03, [
  {
    name: "needs a person",
    snapshot: snapshot(),
    expect: { status: "manual", messageIncludes: "auth failures" },
  },
  { name: "attested passes", snapshot: snapshot(attested("A-03", "2027-03-01")), expect: { status: "pass" } },
  {
    name: "expired attestation fails",
    snapshot: snapshot(attested("A-03", "2026-11-24")),
    expect: { status: "fail" },
  },
]);

runCases(a04, [
  {
    name: "needs a schedule; notes that openclaw's audit did not run",
    snapshot: snapshot(),
    expect: { status: "manual", remediationIncludes: "attestations", evidenceIncludes: "did not run" },
  },
  {
    name: "openclaw's own audit result is evidence",
    snapshot: snapshot({
      openclaw: {
        audit: { known: true, value: { summary: { critical: 2, warn: 1, info: 1 }, findings: [] } },
      },
    }),
    expect: { status: "manual", evidenceIncludes: "2 critical, 1 warn, 1 info" },
  },
  { name: "attested passes", snapshot: snapshot(attested("A-04", "2027-01-01")), expect: { status: "pass" } },
  {
    name: "expired attestation fails",
    snapshot: snapshot(attested("A-04", "2025-01-01")),
    expect: { status: "fail" },
  },
]);

runCases(a05, [
  { name: "needs a person", snapshot: snapshot(), expect: { status: "manual", messageIncludes: "EDR" } },
  { name: "attested passes", snapshot: snapshot(attested("A-05", "2027-01-01")), expect: { status: "pass" } },
  {
    name: "expired attestation fails",
    snapshot: snapshot(attested("A-05", "2026-06-30")),
    expect: { status: "fail" },
  },
]);
