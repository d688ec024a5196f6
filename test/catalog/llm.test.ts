import { describe, expect, it } from "vitest";
import { rateModel } from "../../src/catalog/data/models.js";
import { configuredModels } from "../../src/catalog/llm.js";
import { snapshot } from "./snapshot-fixture.js";

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
