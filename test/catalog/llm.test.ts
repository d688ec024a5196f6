import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { rateModel } from "../../src/catalog/data/models.js";
import { configuredModels, llmItems } from "../../src/catalog/llm.js";
import type { CatalogItem } from "../../src/catalog/types.js";
import { runCases } from "./check-tester.js";
import { snapshot } from "./snapshot-fixture.js";

const samples = join(import.meta.dirname, "..", "fixtures", "openclaw-samples");
const sample = (name: string) =>
  snapshot({ config: { value: JSON.parse(readFileSync(`${samples}/${name}`, "utf8")) } });

const item = (id: string) => llmItems.find((i) => i.id === id) as CatalogItem;
const [l01, l02, l03, l04] = ["L-01", "L-02", "L-03", "L-04"].map(item) as [
  CatalogItem,
  CatalogItem,
  CatalogItem,
  CatalogItem,
];
const attested = (id: string, expires: string): Parameters<typeof snapshot>[0] => ({
  clawwarden: {
    path: "/etc/clawwarden.json",
    attestations: [{ id, by: "ml-team", at: "2026-09-01", expires }],
  },
});

describe("model tier table", () => {
  it.each([
    ["openai/gpt-3.5-turbo", "legacy"],
    ["anthropic/claude-2.1", "legacy"],
    ["anthropic/claude-instant-1", "legacy"],
    ["openai/gpt-4-0613", "legacy"],
    ["my-llm/llama-3.1-8b", "small"],
    ["ollama/qwen2.5-72b-instruct", "small"],
    ["openai/gpt-oss-120b", "small"],
    ["anthropic/claude-haiku-4-5", "weak"],
    ["openai/gpt-4o", "weak"],
    ["anthropic/claude-sonnet-4-20250514", "weak"],
    ["anthropic/claude-3-5-sonnet-20241022", "weak"],
    ["anthropic/claude-opus-4-5", "strong"],
    ["anthropic/claude-opus-4.6", "strong"],
    ["anthropic/claude-sonnet-4-6", "strong"],
    ["anthropic/claude-opus-5", "strong"],
    ["openai/gpt-5.5", "strong"],
    ["openai/gpt-6-astra", "strong"],
    ["google/gemini-3-pro", "unrated"],
  ])("%s is %s", (ref, tier) => expect(rateModel(ref).tier).toBe(tier));
});

runCases(l01, [
  {
    name: "no model configured: OpenClaw's default gpt-6-astra passes",
    snapshot: snapshot(),
    expect: { status: "pass", checks: ["default-model"], messageIncludes: "openai/gpt-6-astra" },
  },
  {
    name: "real config-hardened.json (no models) passes",
    snapshot: sample("config-hardened.json"),
    expect: { status: "pass" },
  },
  {
    name: "real config-insecure.json (no models) passes",
    snapshot: sample("config-insecure.json"),
    expect: { status: "pass" },
  },
  {
    name: "legacy primary fails with the key path and file:line",
    snapshot: snapshot({
      config: {
        value: { agents: { defaults: { model: { primary: "openai/gpt-3.5-turbo" } } } },
        positions: { "agents.defaults.model.primary": { file: "/home/op/.openclaw/openclaw.json", line: 9 } },
      },
    }),
    expect: {
      status: "fail",
      severity: "medium",
      checks: ["legacy"],
      evidenceIncludes: ["agents.defaults.model.primary", "openclaw.json:9", "GPT-3.5"],
    },
  },
  {
    name: "small local model from a custom provider catalog fails",
    snapshot: snapshot({
      config: {
        value: {
          models: {
            providers: {
              "my-llm": { baseUrl: "http://localhost:4000/v1", models: [{ id: "llama-3.1-8b" }] },
            },
          },
          agents: { defaults: { model: { primary: "my-llm/llama-3.1-8b", fallbacks: [] } } },
        },
      },
    }),
    expect: {
      status: "fail",
      checks: ["small-params"],
      evidenceIncludes: ["models.providers.my-llm.models.0.id", "agents.defaults.model.primary"],
    },
  },
  {
    name: "haiku fallback warns, opus primary passes",
    snapshot: snapshot({
      config: {
        value: {
          agents: {
            defaults: {
              model: { primary: "anthropic/claude-opus-4-6", fallbacks: ["anthropic/claude-haiku-4-5"] },
            },
          },
        },
      },
    }),
    expect: {
      status: "warn",
      checks: ["weak-tier", "strong"],
      evidenceIncludes: "agents.defaults.model.fallbacks.0",
    },
  },
  {
    name: "per-agent model (9.6 entries and file-era list) is rated",
    snapshot: snapshot({
      config: {
        value: {
          agents: {
            entries: { helper: { model: "openai/gpt-4o" } },
            list: [{ id: "old", model: { primary: "anthropic/claude-2" } }],
          },
        },
      },
    }),
    expect: {
      status: "fail",
      checks: ["legacy", "weak-tier"],
      evidenceIncludes: ["agents.entries.helper.model", "agents.list.0.model.primary"],
    },
  },
  {
    name: "strong models only pass",
    snapshot: snapshot({ config: { value: { agents: { defaults: { model: "openai/gpt-5.5" } } } } }),
    expect: { status: "pass", checks: ["strong"] },
  },
  {
    name: "unrated model needs adversarial testing (manual)",
    snapshot: snapshot({ config: { value: { agents: { defaults: { model: "google/gemini-3-pro" } } } } }),
    expect: {
      status: "manual",
      messageIncludes: "google/gemini-3-pro",
      evidenceIncludes: "not in clawwarden's model tier table",
    },
  },
  {
    name: "unrated model attested passes",
    snapshot: snapshot({
      ...attested("L-01", "2027-01-01"),
      config: { value: { agents: { defaults: { model: "google/gemini-3-pro" } } } },
    }),
    expect: { status: "pass" },
  },
]);

describe("configuredModels", () => {
  it("reads defaults, image model, agents and provider catalogs", () => {
    const refs = configuredModels(
      snapshot({
        config: {
          value: {
            agents: {
              defaults: { model: "a/x", imageModel: { primary: "b/y" } },
              entries: { w: { model: "c/z" } },
            },
            models: { providers: { p: { models: [{ id: "m1" }, { name: "no id" }] } } },
          },
        },
      }),
    );
    expect(refs.map((r) => r.ref)).toEqual(["a/x", "b/y", "c/z", "p/m1"]);
  });
});

runCases(l02, [
  {
    name: "needs a person",
    snapshot: snapshot(),
    expect: { status: "manual", messageIncludes: "alert thresholds" },
  },
  {
    name: "OTel metrics export noted",
    snapshot: snapshot({ config: { value: { diagnostics: { otel: { enabled: true } } } } }),
    expect: {
      status: "manual",
      messageIncludes: "metrics are exported",
      evidenceIncludes: "diagnostics.otel.enabled",
    },
  },
  { name: "attested passes", snapshot: snapshot(attested("L-02", "2027-01-01")), expect: { status: "pass" } },
  {
    name: "expired attestation fails",
    snapshot: snapshot(attested("L-02", "2026-02-01")),
    expect: { status: "fail" },
  },
]);

runCases(l03, [
  { name: "needs a person", snapshot: snapshot(), expect: { status: "manual", checks: ["attestation"] } },
  { name: "attested passes", snapshot: snapshot(attested("L-03", "2027-01-01")), expect: { status: "pass" } },
  {
    name: "expired attestation fails",
    snapshot: snapshot(attested("L-03", "2026-02-01")),
    expect: { status: "fail" },
  },
]);

runCases(l04, [
  { name: "defaults: manual data-flow review", snapshot: snapshot(), expect: { status: "manual" } },
  {
    name: "OTel content capture fails",
    snapshot: snapshot({
      config: { value: { diagnostics: { otel: { enabled: true, captureContent: true } } } },
    }),
    expect: { status: "fail", checks: ["otel-capture-content"], remediationIncludes: "captureContent false" },
  },
  {
    name: "redaction off fails",
    snapshot: snapshot({ config: { value: { logging: { redactSensitive: "off" } } } }),
    expect: { status: "fail", checks: ["redact-off"] },
  },
  {
    name: "custom redactPatterns warn (they replace the defaults)",
    snapshot: snapshot({ config: { value: { logging: { redactPatterns: ["internal-\\d+"] } } } }),
    expect: { status: "warn", severity: "low", checks: ["custom-redact-patterns"] },
  },
  {
    name: "remote provider over plain http and skipped TLS verification warn; loopback http is fine",
    snapshot: snapshot({
      config: {
        value: {
          models: {
            providers: {
              lan: { baseUrl: "http://10.0.0.5:8000/v1" },
              local: { baseUrl: "http://127.0.0.1:4000/v1" },
              corp: { baseUrl: "https://llm.corp", request: { tls: { insecureSkipVerify: true } } },
            },
          },
        },
      },
    }),
    expect: { status: "warn", checks: ["cleartext-provider", "tls-skip-verify"] },
    assert: (findings) =>
      expect(findings.filter((f) => f.checkId === "L-04.cleartext-provider").map((f) => f.message)).toEqual([
        "Provider lan is reached over plain http: prompts cross the network unencrypted.",
      ]),
  },
  {
    name: "real config-hardened.json: nothing config-decidable fails",
    snapshot: sample("config-hardened.json"),
    expect: { status: "manual" },
  },
  { name: "attested passes", snapshot: snapshot(attested("L-04", "2027-01-01")), expect: { status: "pass" } },
]);
