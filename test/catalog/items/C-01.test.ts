import { expect } from "vitest";
import { secretKeys } from "../../../src/catalog/credentials.js";
import { secretFingerprint } from "../../../src/util/fingerprint.js";
import { runCases } from "../check-tester.js";
import {
  botToken,
  c01,
  cfgFile,
  envRef,
  hit,
  loaded,
  providerKey,
  root,
  sample,
  samples,
} from "../helpers/credentials.js";
import { snapshot } from "../snapshot-fixture.js";

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
