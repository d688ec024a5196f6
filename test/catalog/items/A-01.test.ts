import { runCases } from "../check-tester.js";
import { a01, sample, withEntries } from "../helpers/logging.js";
import { snapshot } from "../snapshot-fixture.js";

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
