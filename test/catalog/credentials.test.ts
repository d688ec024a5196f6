import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { credentialsItems, secretKeys } from "../../src/catalog/credentials.js";
import type { CatalogItem } from "../../src/catalog/types.js";
import { loadConfig } from "../../src/deployment/config.js";
import type { K8sFacts } from "../../src/model/live-facts.js";
import type { SecretHit, Snapshot, StateEntry } from "../../src/model/snapshot.js";
import { secretFingerprint } from "../../src/util/fingerprint.js";
import { runCases } from "./check-tester.js";
import { snapshot } from "./snapshot-fixture.js";

const samples = join(import.meta.dirname, "..", "fixtures", "openclaw-samples");
const sample = (name: string, extra: Parameters<typeof snapshot>[0] = {}) =>
  snapshot({ ...extra, config: { value: JSON.parse(readFileSync(`${samples}/${name}`, "utf8")) } });

const item = (id: string) => credentialsItems.find((i) => i.id === id) as CatalogItem;
const [c01, c02, c03, c04, c05] = ["C-01", "C-02", "C-03", "C-04", "C-05"].map(item) as [
  CatalogItem,
  CatalogItem,
  CatalogItem,
  CatalogItem,
  CatalogItem,
];

const root = "/home/op/.openclaw";
/** OpenClaw's `${NAME}` env template, written without tripping the template-literal lint. */
const envRef = (name: string) => `$\{${name}}`;
const cfgFile = `${root}/openclaw.json`;

const botToken = "123456:ABCDEF-plaintext-bot-token";
const providerKey = "sk-ant-api03-Zr8qLm2XvT9wQe4RtYu7IoPa1SdFgHjK";

runCases(c01, [
  {
    name: "real config-insecure.json fails on channels.telegram.botToken and hooks.token, no clear text",
    output: true,
    snapshot: sample("config-insecure.json"),
    expect: {
      status: "fail",
      severity: "high",
      checks: ["plaintext-config"],
      evidenceIncludes: ["channels.telegram.botToken", "hooks.token", secretFingerprint(botToken), cfgFile],
      remediationIncludes: ["--ref-source env", "cannot be a SecretRef"],
      nowhere: [botToken, '"short"'],
    },
    assert: (findings) => {
      const paths = findings.flatMap((f) => f.evidence.map((e) => e.keyPath));
      expect(paths).toEqual(expect.arrayContaining(["channels.telegram.botToken", "hooks.token"]));
      expect(paths).not.toContain("gateway.auth.mode");
    },
  },
  {
    name: "real config-hardened.json: gateway token is a SecretRef, passes",
    snapshot: sample("config-hardened.json"),
    expect: {
      status: "pass",
      checks: ["no-plaintext"],
      evidenceIncludes: "gateway.auth.token uses a SecretRef",
    },
  },
  {
    name: "plaintext key with source position names file:line and a fingerprint",
    snapshot: snapshot({
      config: {
        value: { models: { providers: { anthropic: { apiKey: providerKey } } } },
        positions: {
          "models.providers.anthropic.apiKey": { file: `${root}/providers.json5`, line: 7, column: 5 },
        },
      },
    }),
    expect: {
      status: "fail",
      evidenceIncludes: [`${root}/providers.json5:7`, secretFingerprint(providerKey)],
      nowhere: providerKey,
    },
  },
  {
    name: "account tokens, signing secrets, env.vars secrets and auth headers are all credentials",
    snapshot: snapshot({
      config: {
        value: {
          channels: {
            slack: {
              accounts: {
                work: {
                  botToken: "xoxb-1111111111-2222222222-abcdefabcdefabcdef",
                  signingSecret: "8f14e45fceea167a5a36dedd4bea2543",
                },
              },
            },
          },
          env: {
            vars: { OPENAI_API_KEY: "sk-proj-abcdefghijklmnopqrstuvwxyz0123456789", LOG_FORMAT: "json" },
          },
          models: {
            providers: {
              local: { headers: { Authorization: "Bearer abcdefghijklmnop1234", "x-tenant": "acme" } },
            },
          },
        },
      },
    }),
    expect: {
      status: "fail",
      evidenceIncludes: [
        "channels.slack.accounts.work.botToken",
        "channels.slack.accounts.work.signingSecret",
        "env.vars.OPENAI_API_KEY",
        "models.providers.local.headers.Authorization",
      ],
    },
    assert: (findings) => {
      const paths = findings.flatMap((f) => f.evidence.map((e) => e.keyPath));
      expect(paths).not.toContain("env.vars.LOG_FORMAT");
      expect(paths).not.toContain("models.providers.local.headers.x-tenant");
    },
  },
  {
    name: "env templates, env-substituted values and SecretRefs are not plaintext",
    snapshot: snapshot({
      config: {
        value: {
          hooks: { token: envRef("HOOKS_TOKEN") },
          channels: { telegram: { botToken: "resolved-from-env-123456789" } },
          gateway: { auth: { token: { source: "exec", provider: "vault", id: "gateway/token" } } },
          skills: { entries: { weather: { apiKey: "$WEATHER_API_KEY" } } },
        },
        envSubstituted: { "channels.telegram.botToken": ["TELEGRAM_BOT_TOKEN"] },
      },
    }),
    expect: {
      status: "pass",
      evidenceIncludes: ["hooks.token uses an env variable", "gateway.auth.token uses a SecretRef"],
    },
  },
  {
    name: "a literal token handed to an exec secret provider is plaintext; provider settings are not",
    snapshot: snapshot({
      config: {
        value: {
          secrets: {
            providers: {
              vault: {
                source: "exec",
                command: "/usr/local/bin/vault-get",
                env: { VAULT_TOKEN: "hvs.CAESIAbcdefghijklmnopqrstuv" },
              },
            },
            defaults: { env: "default" },
          },
        },
      },
    }),
    expect: {
      status: "fail",
      evidenceIncludes: "secrets.providers.vault.env.VAULT_TOKEN",
      nowhere: "hvs.CAESIAbcdefghijklmnopqrstuv",
    },
    assert: (findings) => expect(findings.filter((f) => f.status === "fail")).toHaveLength(1),
  },
  {
    name: "secretRefs listed by the loader count as references",
    snapshot: snapshot({
      config: {
        value: { gateway: { auth: { token: "whatever-the-loader-saw" } } },
        secretRefs: [{ keyPath: "gateway.auth.token", kind: "env-template" }],
      },
    }),
    expect: { status: "pass" },
  },
  {
    name: "scanner hits in .env and auth profiles fail, grouped per file",
    snapshot: snapshot({
      configSecrets: {
        known: true,
        value: {
          hits: [
            hit(`${root}/.env`, "ANTHROPIC_API_KEY line 2", "high"),
            hit(`${root}/agents/main/agent/auth-profiles.json`, "profiles.anthropic.key", "medium"),
          ],
          filesScanned: 3,
          bytesScanned: 900,
          incomplete: [],
        },
      },
    }),
    expect: {
      status: "fail",
      checks: ["plaintext-file"],
      evidenceIncludes: [`${root}/.env`, "auth-profiles.json"],
    },
    assert: (findings) => expect(findings.filter((f) => f.checkId === "C-01.plaintext-file")).toHaveLength(2),
  },
  {
    name: "fix backups left in the state dir warn low with the prune command",
    snapshot: snapshot({
      state: {
        entries: [
          { path: "", kind: "dir" as const, mode: 0o700, uid: 1000, gid: 1000, size: 4096, mtimeMs: 0 },
          {
            path: ".clawwarden/backups",
            kind: "dir" as const,
            mode: 0o700,
            uid: 1000,
            gid: 1000,
            size: 1,
            mtimeMs: 0,
          },
          {
            path: ".clawwarden/backups/20261125T120000Z-abc123",
            kind: "dir" as const,
            mode: 0o700,
            uid: 1000,
            gid: 1000,
            size: 1,
            mtimeMs: 0,
          },
        ],
      },
    }),
    expect: {
      status: "warn",
      severity: "low",
      checks: ["fix-backups"],
      evidenceIncludes: "20261125T120000Z-abc123",
      remediationIncludes: "--prune-backups 0",
    },
  },
  ...([0o600, 0o644] as const).map((mode) => ({
    name: `secrets in <stateDir>/.env at mode ${mode.toString(8)}: ${mode === 0o600 ? "the env store passes" : "readable by others fails"}`,
    snapshot: snapshot({
      state: {
        entries: [
          { path: "", kind: "dir" as const, mode: 0o700, uid: 1000, gid: 1000, size: 4096, mtimeMs: 0 },
          { path: ".env", kind: "file" as const, mode, uid: 1000, gid: 1000, size: 60, mtimeMs: 0 },
        ],
      },
      configSecrets: {
        known: true,
        value: {
          hits: [hit(`${root}/.env`, "OPENCLAW_GATEWAY_TOKEN line 1", "high")],
          filesScanned: 2,
          bytesScanned: 60,
          incomplete: [],
        },
      },
    }),
    expect:
      mode === 0o600
        ? { status: "pass" as const, checks: ["env-file-store", "no-plaintext"] }
        : { status: "fail" as const, checks: ["plaintext-file"], remediationIncludes: "mode 600" },
  })),
  {
    name: "scanner hit on a config key already flagged is not reported twice",
    snapshot: snapshot({
      config: { value: { hooks: { token: "abcdefghijklmnopqrstuvwxyz123456" } } },
      configSecrets: {
        known: true,
        value: {
          hits: [hit(cfgFile, "hooks.token", "high")],
          filesScanned: 1,
          bytesScanned: 100,
          incomplete: [],
        },
      },
    }),
    expect: { status: "fail", checks: ["plaintext-config"], absentChecks: ["plaintext-file"] },
  },
  {
    name: "low-confidence hits only warn",
    snapshot: snapshot({
      configSecrets: {
        known: true,
        value: {
          hits: [hit(`${root}/.env`, "X line 1", "low")],
          filesScanned: 1,
          bytesScanned: 10,
          incomplete: [],
        },
      },
    }),
    expect: { status: "warn", messageIncludes: "low confidence" },
  },
  {
    name: "scan not collected and no plaintext keys: unknown with the reason",
    snapshot: snapshot({ configSecrets: { known: false, reason: ".env unreadable" } }),
    expect: { status: "unknown", checks: ["scan-unavailable"], messageIncludes: ".env unreadable" },
  },
  {
    name: "partly scanned file is unknown",
    snapshot: snapshot({
      configSecrets: {
        known: true,
        value: {
          hits: [],
          filesScanned: 1,
          bytesScanned: 1,
          incomplete: [{ path: `${root}/.env`, reason: "too large" }],
        },
      },
    }),
    expect: { status: "unknown", checks: ["scan-incomplete"] },
  },
]);

function hit(file: string, where: string, confidence: SecretHit["confidence"], store?: string): SecretHit {
  return {
    ruleId: "anthropic-api-key",
    description: "Anthropic API key",
    fingerprint: "sk-ant…AbCd (sha256:1234abcd)",
    location: { file, line: 2 },
    where,
    confidence,
    ...(store ? { store } : {}),
  };
}

const e = (
  path: string,
  mode: number,
  kind: StateEntry["kind"] = "file",
  extra: Partial<StateEntry> = {},
): StateEntry => ({
  path,
  kind,
  mode,
  uid: 1000,
  gid: 1000,
  size: 100,
  mtimeMs: 0,
  ...extra,
});
const state = (...entries: StateEntry[]): Partial<Snapshot> => ({ state: { entries } as Snapshot["state"] });

const healthySqlite = [
  e("", 0o700, "dir"),
  e("openclaw.json", 0o600),
  e("state", 0o700, "dir"),
  e("state/openclaw.sqlite", 0o600),
  e("state/openclaw.sqlite-wal", 0o600),
  e("state/openclaw.sqlite-shm", 0o600),
  e("agents", 0o700, "dir"),
  e("agents/main", 0o700, "dir"),
  e("agents/main/agent", 0o700, "dir"),
  e("agents/main/agent/openclaw-agent.sqlite", 0o600),
  e("agents/main/agent/openclaw-agent.reindex-lock.sqlite", 0o644, "file", { size: 0 }),
  e("workspace", 0o755, "dir"),
  e("workspace/SOUL.md", 0o644),
];

runCases(c02, [
  {
    name: "healthy SQLite-era state dir passes (9.6 lock sidecars and 755 workspace are fine)",
    snapshot: snapshot(state(...healthySqlite)),
    expect: { status: "pass", checks: ["modes"] },
  },
  {
    name: "world-writable state dir and config (real insecure run: 777/666) are critical",
    snapshot: snapshot(state(e("", 0o777, "dir"), e("openclaw.json", 0o666))),
    expect: {
      status: "fail",
      severity: "critical",
      checks: ["state-dir", "config"],
      evidenceIncludes: ["0777", "0666"],
    },
  },
  {
    name: "readable state dir and world-readable config (real loopback run: 755/644) are high",
    snapshot: snapshot(state(e("", 0o755, "dir"), e("openclaw.json", 0o644))),
    expect: { status: "fail", severity: "high", checks: ["state-dir", "config"] },
  },
  {
    name: "include files in the state dir are checked like the config",
    snapshot: snapshot({
      ...state(e("", 0o700, "dir"), e("openclaw.json", 0o600), e("includes/channels.json5", 0o640)),
      config: { files: [cfgFile, `${root}/includes/channels.json5`] },
    }),
    expect: { status: "fail", checks: ["config"], evidenceIncludes: "includes/channels.json5" },
  },
  {
    name: "file era: credentials, auth profiles and session transcripts",
    snapshot: snapshot(
      state(
        e("", 0o700, "dir"),
        e("openclaw.json", 0o600),
        e("credentials", 0o755, "dir"),
        e("credentials/telegram-pairing.json", 0o644),
        e("agents/main/agent/auth-profiles.json", 0o644),
        e("agents/main/sessions", 0o755, "dir"),
        e("agents/main/sessions/abc.jsonl", 0o644),
      ),
    ),
    expect: {
      status: "fail",
      checks: ["credentials", "sensitive-files", "agent-dirs"],
      evidenceIncludes: ["credentials/telegram-pairing.json", "auth-profiles.json", "abc.jsonl"],
    },
  },
  {
    name: "sqlite -wal/-shm and .env must be 600",
    snapshot: snapshot(state(e("", 0o700, "dir"), e("state/openclaw.sqlite-wal", 0o644), e(".env", 0o640))),
    expect: {
      status: "fail",
      checks: ["sensitive-files"],
      evidenceIncludes: ["openclaw.sqlite-wal", ".env"],
    },
  },
  {
    name: "logging.file inside the state dir must be 600",
    snapshot: snapshot({
      ...state(e("", 0o700, "dir"), e("logs/gateway.log", 0o644), e("logs/other.log", 0o644)),
      config: { value: { logging: { file: `${root}/logs/gateway.log` } } },
    }),
    expect: { status: "fail", checks: ["sensitive-files"], evidenceIncludes: "gateway log file" },
    assert: (findings) => expect(JSON.stringify(findings)).not.toContain("other.log"),
  },
  {
    name: "group-writable plugin dir is critical even outside the sensitive list",
    snapshot: snapshot(state(e("", 0o700, "dir"), e("extensions/x", 0o775, "dir"))),
    expect: { status: "fail", severity: "critical", checks: ["writable-by-others"] },
  },
  {
    name: "owner mismatch fails",
    snapshot: snapshot(state(e("", 0o700, "dir"), e("openclaw.json", 0o600, "file", { uid: 0 }))),
    expect: {
      status: "fail",
      checks: ["owner"],
      messageIncludes: "owned by another user",
      evidenceIncludes: "uid 0",
    },
  },
  {
    name: "symlinked config and links out of the state dir warn",
    snapshot: snapshot(
      state(
        e("", 0o700, "dir"),
        e("openclaw.json", 0o777, "symlink", { linkTarget: "/etc/openclaw.json", linkInsideRoot: false }),
        e("skills/x", 0o777, "symlink", { linkTarget: "/tmp/x", linkInsideRoot: false }),
      ),
    ),
    expect: { status: "warn", checks: ["symlink"], evidenceIncludes: ["/etc/openclaw.json", "/tmp/x"] },
  },
  {
    name: "unreadable entries are unknown",
    snapshot: snapshot({
      state: {
        entries: healthySqlite,
        unreadable: [{ path: "agents/x", reason: "EACCES" }],
      } as Snapshot["state"],
    }),
    expect: { status: "unknown", checks: ["unreadable"], messageIncludes: "EACCES" },
  },
  {
    name: "missing state dir is unknown",
    snapshot: snapshot({ state: { exists: false, entries: [] } as unknown as Snapshot["state"] }),
    expect: { status: "unknown", checks: ["no-state-dir"] },
  },
  {
    name: "config outside the state dir is unknown (not inventoried)",
    snapshot: snapshot({
      ...state(...healthySqlite),
      config: { path: "/etc/openclaw/openclaw.json", files: ["/etc/openclaw/openclaw.json"] },
    }),
    expect: { status: "unknown", checks: ["config-outside"] },
  },
]);

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

const k8s = (facts: Partial<K8sFacts>): Partial<Snapshot> =>
  ({
    live: {
      kubernetes: {
        known: true,
        value: {
          files: ["deploy/openclaw.yaml"],
          workloads: [],
          networkPolicies: [],
          literalSecrets: [],
          unreadable: [],
          ...facts,
        },
      },
    },
  }) as unknown as Partial<Snapshot>;

const workload = (env: K8sFacts["workloads"][number]["containers"][number]["env"]) => ({
  file: "deploy/openclaw.yaml",
  kind: "Deployment",
  name: "openclaw",
  labels: {},
  openclaw: true,
  containers: [{ name: "gateway", env }],
});

runCases(c04, [
  {
    name: "without --live: unknown, needs --live",
    snapshot: snapshot(),
    expect: { status: "unknown", checks: ["needs-live"] },
  },
  {
    name: "no OpenClaw workload: skip",
    snapshot: snapshot(k8s({})),
    expect: { status: "skip", checks: ["not-kubernetes"] },
  },
  {
    name: "literal token in pod env fails with file:line",
    snapshot: snapshot(
      k8s({
        workloads: [
          workload([
            {
              name: "OPENCLAW_GATEWAY_TOKEN",
              from: "value",
              secretFingerprint: "abc…wxyz (sha256:00000000)",
              line: 21,
            },
          ]),
        ],
      }),
    ),
    expect: {
      status: "fail",
      checks: ["hardcoded-env"],
      evidenceIncludes: ["deploy/openclaw.yaml:21", "abc…wxyz"],
    },
  },
  {
    name: "committed Secret stringData fails",
    snapshot: snapshot(
      k8s({
        literalSecrets: [
          {
            file: "deploy/secret.yaml",
            line: 8,
            where: "stringData.token",
            fingerprint: "f…p",
            rule: "generic",
          },
        ],
      }),
    ),
    expect: { status: "fail", checks: ["literal-secret-manifest"] },
  },
  {
    name: "env from secretKeyRef, non-root pod behind a NetworkPolicy passes",
    snapshot: snapshot(
      k8s({
        workloads: [
          {
            ...workload([{ name: "OPENCLAW_GATEWAY_TOKEN", from: "secretKeyRef", line: 22 }]),
            labels: { app: "openclaw" },
            podRunAsNonRoot: true,
            podRunAsUser: 1000,
          },
        ],
        networkPolicies: [{ file: "deploy/netpol.yaml", name: "openclaw", podSelector: { app: "openclaw" } }],
      }),
    ),
    expect: { status: "pass", evidenceIncludes: "comes from a Secret" },
  },
  {
    name: "with --live facts, a root pod without a NetworkPolicy warns beside the secret checks",
    snapshot: snapshot(
      k8s({ workloads: [workload([{ name: "OPENCLAW_GATEWAY_TOKEN", from: "secretKeyRef", line: 22 }])] }),
    ),
    expect: {
      status: "warn",
      checks: ["k8s-root", "k8s-no-networkpolicy"],
      evidenceIncludes: "comes from a Secret",
    },
  },
  {
    name: "kubernetes collector failed: unknown",
    snapshot: snapshot({
      live: { kubernetes: { known: false, reason: "no kubectl context" } },
    } as unknown as Partial<Snapshot>),
    expect: { status: "unknown", messageIncludes: "no kubectl context" },
  },
]);

runCases(c05, [
  {
    name: "no credentials configured: skip",
    snapshot: snapshot(),
    expect: { status: "skip" },
  },
  {
    name: "real config-hardened.json: the token ref has never been rotated (warn, medium)",
    snapshot: sample("config-hardened.json"),
    expect: {
      status: "warn",
      severity: "medium",
      checks: ["never-rotated"],
      evidenceIncludes: "gateway.auth.token",
    },
  },
  {
    name: "never rotated but attested (rotated outside clawwarden): pass",
    snapshot: sample("config-hardened.json", {
      clawwarden: {
        path: "/etc/clawwarden.json",
        attestations: [{ id: "C-05", by: "ops", at: "2026-11-01", expires: "2027-02-01" }],
      },
    }),
    expect: { status: "pass", evidenceIncludes: ["attested by ops", "gateway.auth.token: no rotation"] },
  },
  {
    name: "never rotated with an expired attestation fails",
    snapshot: sample("config-hardened.json", {
      clawwarden: {
        path: "/etc/clawwarden.json",
        attestations: [{ id: "C-05", by: "ops", at: "2026-05-01", expires: "2026-08-01" }],
      },
    }),
    expect: { status: "fail", checks: ["attestation-expired"] },
  },
  {
    name: "rotated 30 days ago passes, 120 days ago fails",
    snapshot: snapshot({
      config: { value: { gateway: { auth: { token: envRef("GW") } }, hooks: { token: envRef("HOOKS") } } },
      rotations: {
        known: true,
        value: [
          { target: "gateway.auth.token", at: "2026-10-26T00:00:00Z", fingerprint: "a…b" },
          { target: "hooks.token", at: "2026-07-28T00:00:00Z", fingerprint: "c…d" },
          { target: "hooks.token", at: "2026-01-01T00:00:00Z", fingerprint: "e…f" },
        ],
      },
    }),
    expect: {
      status: "fail",
      severity: "medium",
      checks: ["rotation-overdue", "rotated"],
      messageIncludes: "120 days",
    },
  },
  {
    name: "all rotated recently passes",
    snapshot: snapshot({
      config: { value: { gateway: { auth: { token: envRef("GW") } } } },
      rotations: {
        known: true,
        value: [{ target: "gateway.auth.token", at: "2026-11-01T00:00:00Z", fingerprint: "a…b", by: "ana" }],
      },
    }),
    expect: { status: "pass", evidenceIncludes: "24 days ago by ana" },
  },
  {
    name: "rotation log unavailable: unknown",
    snapshot: snapshot({
      config: { value: { hooks: { token: envRef("H") } } },
      rotations: { known: false, reason: "no rotation log" },
    }),
    expect: { status: "unknown", messageIncludes: "no rotation log" },
  },
]);

runCases(c02, [
  {
    name: "real config-hardened.json with the 9.6 fresh-state modes passes",
    snapshot: sample("config-hardened.json", state(...healthySqlite)),
    expect: { status: "pass" },
  },
]);

// secretKeys is exported for the fixer; keep its view of the real samples pinned.
runCases(c01, [
  {
    name: "secretKeys on config-insecure.json finds exactly the two plaintext credentials",
    snapshot: sample("config-insecure.json"),
    expect: { status: "fail" },
    assert: () => {
      const keys = secretKeys(sample("config-insecure.json"));
      expect(keys.map((k) => `${k.keyPath}:${k.storage}`).sort()).toEqual([
        "channels.telegram.botToken:plaintext",
        "hooks.token:plaintext",
      ]);
    },
  },
]);

// The real loader on the real sample: evidence names the line each credential was written on.
const loaded = loadConfig(`${samples}/config-insecure.json`, { env: {} });
runCases(c01, [
  {
    name: "config-insecure.json through the config loader: file:line for botToken (line 12) and hooks.token (line 24)",
    snapshot: snapshot({ config: loaded }),
    expect: {
      status: "fail",
      evidenceIncludes: [`${samples}/config-insecure.json:12`, `${samples}/config-insecure.json:24`],
      nowhere: botToken,
    },
  },
]);
