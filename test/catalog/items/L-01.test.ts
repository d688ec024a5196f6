import { runCases } from "../check-tester.js";
import { attested, l01, sample } from "../helpers/llm.js";
import { snapshot } from "../snapshot-fixture.js";

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
