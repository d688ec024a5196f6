import type { Snapshot } from "../../model/snapshot.js";
import { type ModelRating, modelTiersReviewed, openclawDefaultModel, rateModel } from "../data/models.js";
import { finding } from "../finding.js";
import { configEvidence, manualOrAttested, where } from "../helpers.js";
import { configuredModels, type ModelRef } from "../lib/llm.js";
import type { CatalogItem, Evidence, Finding } from "../types.js";

function modelEvidence(s: Snapshot, m: ModelRef, rating: ModelRating): Evidence {
  return {
    message: `${m.ref} (${rating.reason}) @ ${m.source}`,
    source: "config",
    keyPath: m.source,
    value: m.ref,
    location: where(s, m.source),
  };
}
export const l01: CatalogItem = {
  id: "L-01",
  title: "Use injection-resistant models",
  category: "llm",
  priority: "P2",
  action: "Prefer models with strong prompt-injection detection, such as Claude Opus 4.5",
  verification: "Adversarial testing",
  why: "Smaller and older models follow injected instructions far more often; with tools attached, that turns a malicious web page or message into actions.",
  openclaw: ["models.legacy", "models.weak_tier", "models.small_params"],
  openclawOwns: ["models.*"],
  fix: "assisted",
  needs: ["config"],
  evaluate(s) {
    const models = configuredModels(s);
    if (models.length === 0)
      return [
        finding(l01, {
          check: "default-model",
          status: "pass",
          message: `No model configured: OpenClaw uses its default ${openclawDefaultModel} (${rateModel(openclawDefaultModel).reason}).`,
          evidence: [configEvidence(s, "agents.defaults.model")],
        }),
      ];
    const byTier = new Map<ModelRating["tier"], Evidence[]>();
    for (const m of models) {
      const rating = rateModel(m.ref);
      const list = byTier.get(rating.tier) ?? [];
      list.push(modelEvidence(s, m, rating));
      byTier.set(rating.tier, list);
    }
    const out: Finding[] = [];
    const remediation =
      "Route tool-using and untrusted-input agents to a top-tier model, e.g. openclaw config set agents.defaults.model.primary anthropic/claude-opus-4-6 (GPT-5+ or Claude 4.5+), and drop the others from fallbacks.";
    const legacy = byTier.get("legacy");
    if (legacy)
      out.push(
        finding(l01, {
          check: "legacy",
          status: "fail",
          message: `${legacy.length} configured model(s) are legacy and weak against prompt injection.`,
          evidence: legacy,
          remediation,
          subject: "legacy",
        }),
      );
    const small = byTier.get("small");
    if (small)
      out.push(
        finding(l01, {
          check: "small-params",
          status: "fail",
          message: `${small.length} configured model(s) are small (<= 300B parameters) and easily steered by injected text.`,
          evidence: small,
          remediation: `${remediation} If a small model must stay, give it no web/browser tools (tools.byProvider["provider/model"].deny: ["group:web", "browser"]) and sandbox.mode "all".`,
          subject: "small",
        }),
      );
    const weak = byTier.get("weak");
    if (weak)
      out.push(
        finding(l01, {
          check: "weak-tier",
          status: "warn",
          message: `${weak.length} configured model(s) are below the recommended tier.`,
          evidence: weak,
          remediation,
          subject: "weak",
        }),
      );
    const unrated = byTier.get("unrated");
    if (unrated) {
      const f = manualOrAttested(
        l01,
        s,
        `${unrated.map((e) => e.value).join(", ")} ${unrated.length === 1 ? "is" : "are"} not in clawwarden's model tier table (reviewed ${modelTiersReviewed}): check injection robustness with adversarial tests`,
      );
      f.evidence.push(...unrated);
      out.push(f);
    }
    const strong = byTier.get("strong");
    if (strong)
      out.push(
        finding(l01, {
          check: "strong",
          status: "pass",
          message: `${strong.length} configured model(s) are in the recommended tier.`,
          evidence: strong,
        }),
      );
    return out;
  },
};
