import { expect } from "vitest";
import { runCases } from "../check-tester.js";
import { c03, hit, root } from "../helpers/credentials.js";
import { snapshot } from "../snapshot-fixture.js";

runCases(c03, [
  {
    name: "no hits passes",
    snapshot: snapshot({
      stateSecrets: {
        known: true,
        value: { hits: [], filesScanned: 12, bytesScanned: 2097152, incomplete: [] },
      },
    }),
    expect: { status: "pass", messageIncludes: "12 state file(s) (2.0 MiB" },
  },
  {
    name: "unredacted task_runs prompt and raw transcript row fail, per file, fingerprints only",
    snapshot: snapshot({
      stateSecrets: {
        known: true,
        value: {
          hits: [
            hit(`${root}/state/openclaw.sqlite`, "task_runs.task#3", "high"),
            hit(`${root}/agents/main/agent/openclaw-agent.sqlite`, "transcript_events.event_zstd#12", "high"),
          ],
          filesScanned: 2,
          bytesScanned: 4096,
          incomplete: [],
        },
      },
    }),
    expect: {
      status: "fail",
      checks: ["secrets-in-state"],
      evidenceIncludes: ["task_runs.task#3", "event_zstd#12", "sk-ant…AbCd (sha256:1234abcd)"],
    },
    assert: (findings) => expect(findings.filter((f) => f.status === "fail")).toHaveLength(2),
  },
  {
    name: "low-confidence hits only warn",
    snapshot: snapshot({
      stateSecrets: {
        known: true,
        value: {
          hits: [hit(`${root}/workspace/notes.md`, "line 4", "low")],
          filesScanned: 1,
          bytesScanned: 10,
          incomplete: [],
        },
      },
    }),
    expect: { status: "warn", messageIncludes: "low confidence" },
  },
  {
    name: "the device identity key alone passes; it is where OpenClaw keeps it",
    snapshot: snapshot({
      stateSecrets: {
        known: true,
        value: {
          hits: [
            hit(
              `${root}/state/openclaw.sqlite`,
              "device_identities.private_key_pem#rowid=1",
              "high",
              "device-identity",
            ),
          ],
          filesScanned: 2,
          bytesScanned: 4096,
          incomplete: [],
        },
      },
    }),
    expect: { status: "pass", checks: ["device-identity", "clean"], absentChecks: ["secrets-in-state"] },
  },
  {
    name: "plaintext keys in OpenClaw's credential stores warn, a leak beside them still fails",
    snapshot: snapshot({
      stateSecrets: {
        known: true,
        value: {
          hits: [
            hit(
              `${root}/agents/main/agent/openclaw-agent.sqlite`,
              "auth_profile_store.value_json#rowid=1",
              "high",
              "auth-profiles",
            ),
            hit(`${root}/credentials/oauth.json`, "tokens.access", "high", "oauth"),
          ],
          filesScanned: 2,
          bytesScanned: 4096,
          incomplete: [],
        },
      },
    }),
    expect: { status: "warn", severity: "medium", checks: ["plaintext-credential-store"] },
  },
  {
    name: "a leak beside a store fails",
    snapshot: snapshot({
      stateSecrets: {
        known: true,
        value: {
          hits: [
            hit(
              `${root}/state/openclaw.sqlite`,
              "secret_store_entries.value#rowid=1",
              "high",
              "secret-store",
            ),
            hit(`${root}/state/openclaw.sqlite`, "task_runs.task#rowid=2", "high"),
          ],
          filesScanned: 1,
          bytesScanned: 4096,
          incomplete: [],
        },
      },
    }),
    expect: {
      status: "fail",
      checks: ["secrets-in-state", "plaintext-credential-store"],
      evidenceIncludes: "task_runs.task#rowid=2",
    },
  },
  {
    name: "not collected is unknown with the hint",
    snapshot: snapshot({
      stateSecrets: { known: false, reason: "state dir unreadable", hint: "run as the openclaw user" },
    }),
    expect: {
      status: "unknown",
      messageIncludes: "state dir unreadable",
      remediationIncludes: "openclaw user",
    },
  },
  {
    name: "incomplete scan is unknown",
    snapshot: snapshot({
      stateSecrets: {
        known: true,
        value: {
          hits: [],
          filesScanned: 1,
          bytesScanned: 1,
          incomplete: [{ path: "x.sqlite", reason: "corrupt page" }],
        },
      },
    }),
    expect: { status: "unknown", checks: ["scan-incomplete"] },
  },
]);
