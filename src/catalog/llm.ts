import type { Snapshot } from "../model/snapshot.js";
import { type ModelRating, modelTiersReviewed, openclawDefaultModel, rateModel } from "./data/models.js";
import { finding } from "./finding.js";
import { agentEntries, cfg, configEvidence, get, isObject, manualOrAttested, where } from "./helpers.js";
import type { CatalogItem, Evidence, Finding } from "./types.js";

export interface ModelRef {
  ref: string;
  /** Config key path the reference was read from. */
  source: string;
}

/** Every model the config can route to: defaults, fallbacks, image model, per-agent models, provider catalogs. */
export function configuredModels(s: Snapshot): ModelRef[] {
  const out: ModelRef[] = [];
  const addModel = (value: unknown, keyPath: string) => {
    if (typeof value === "string" && value.trim()) out.push({ ref: value.trim(), source: keyPath });
    else if (isObject(value)) {
      if (typeof value.primary === "string" && value.primary.trim())
        out.push({ ref: value.primary.trim(), source: `${keyPath}.primary` });
      if (Array.isArray(value.fallbacks))
        value.fallbacks.forEach((f, i) => {
          if (typeof f === "string" && f.trim())
            out.push({ ref: f.trim(), source: `${keyPath}.fallbacks.${i}` });
        });
    }
  };
  addModel(cfg(s, "agents.defaults.model"), "agents.defaults.model");
  addModel(cfg(s, "agents.defaults.imageModel"), "agents.defaults.imageModel");
  for (const a of agentEntries(s)) addModel(a.value.model, `${a.keyPath}.model`);
  const providers = cfg(s, "models.providers");
  if (isObject(providers))
    for (const [name, p] of Object.entries(providers)) {
      const models = get(p, "models");
      if (!Array.isArray(models)) continue;
      models.forEach((m, i) => {
        const id = get(m, "id");
        if (typeof id === "string" && id.trim())
          out.push({ ref: `${name}/${id.trim()}`, source: `models.providers.${name}.models.${i}.id` });
      });
    }
  return out;
}

function modelEvidence(s: Snapshot, m: ModelRef, rating: ModelRating): Evidence {
  return {
    message: `${m.ref} (${rating.reason}) @ ${m.source}`,
    source: "config",
    keyPath: m.source,
    value: m.ref,
    location: where(s, m.source),
  };
}

const l01: CatalogItem = {
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

const l02: CatalogItem = {
  id: "L-02",
  title: "Token usage monitoring",
  category: "llm",
  priority: "P2",
  action: "Monitor LLM token consumption and set usage alert thresholds",
  verification: "API usage dashboard",
  why: "A runaway loop or an abused agent burns tokens before anyone notices; a usage alert is often the first sign of misuse.",
  openclaw: [],
  fix: "assisted",
  needs: ["config", "person"],
  evaluate(s) {
    const metrics =
      cfg(s, "diagnostics.otel.enabled") === true && cfg(s, "diagnostics.otel.metrics") !== false;
    const f = manualOrAttested(
      l02,
      s,
      metrics
        ? "OpenTelemetry metrics are exported (token counters included): set alert thresholds on them and on each provider's usage dashboard"
        : "set usage alert thresholds in each model provider's console, or export OpenClaw's metrics (diagnostics.otel.enabled, metrics: true) and alert on token counters",
    );
    if (metrics) f.evidence.push(configEvidence(s, "diagnostics.otel.enabled"));
    return [f];
  },
};

const l03: CatalogItem = {
  id: "L-03",
  title: "Constrain model output formats",
  category: "llm",
  priority: "P2",
  action: "Validate and constrain model output formats to prevent injection",
  verification: "Output validation rules",
  why: "Model output flows into tools, messages and other agents; unvalidated output carries injected instructions and markup onward.",
  openclaw: [],
  fix: "manual",
  needs: ["person"],
  evaluate(s) {
    return [
      manualOrAttested(
        l03,
        s,
        "define output validation for every integration that consumes model output (schemas for tool arguments, escaping for outbound messages), and review it",
      ),
    ];
  },
};

const loopbackHosts = new Set(["localhost", "127.0.0.1", "::1", "[::1]", "0.0.0.0"]);

export function isLoopbackUrl(url: string): boolean | undefined {
  try {
    const host = new URL(url).hostname.toLowerCase();
    return loopbackHosts.has(host) || host.startsWith("127.") || host.endsWith(".localhost");
  } catch {
    return undefined;
  }
}

/** Provider base URLs from models.providers.*. */
export function providerBaseUrls(s: Snapshot): Array<{ name: string; keyPath: string; url: string }> {
  const providers = cfg(s, "models.providers");
  if (!isObject(providers)) return [];
  const out: Array<{ name: string; keyPath: string; url: string }> = [];
  for (const [name, p] of Object.entries(providers)) {
    const url = get(p, "baseUrl");
    if (typeof url === "string") out.push({ name, keyPath: `models.providers.${name}.baseUrl`, url });
  }
  return out;
}

const l04: CatalogItem = {
  id: "L-04",
  title: "Data classification and masking",
  category: "llm",
  priority: "P2",
  action: "Make sure data sent to the LLM does not contain sensitive information",
  verification: "Data flow review",
  why: "Everything in the context window goes to the model provider and, with content capture on, to telemetry; secrets and personal data must be masked before they get there.",
  openclaw: ["logging.redact_off"],
  fix: "assisted",
  needs: ["config", "person"],
  evaluate(s) {
    const out: Finding[] = [];
    if (cfg(s, "diagnostics.otel.captureContent") === true)
      out.push(
        finding(l04, {
          check: "otel-capture-content",
          status: "fail",
          message:
            "diagnostics.otel.captureContent copies prompts, messages and tool content into telemetry.",
          evidence: [configEvidence(s, "diagnostics.otel.captureContent")],
          remediation: "openclaw config set diagnostics.otel.captureContent false",
          location: where(s, "diagnostics.otel.captureContent"),
          subject: "diagnostics.otel.captureContent",
        }),
      );
    if (cfg(s, "logging.redactSensitive") === "off")
      out.push(
        finding(l04, {
          check: "redact-off",
          status: "fail",
          openclawChecks: ["logging.redact_off"],
          message: 'logging.redactSensitive "off": nothing is masked in logs.',
          evidence: [configEvidence(s, "logging.redactSensitive")],
          remediation:
            "openclaw config set logging.redactSensitive tools (or `openclaw doctor --fix` on newer releases)",
          location: where(s, "logging.redactSensitive"),
          subject: "logging.redactSensitive",
        }),
      );
    const patterns = cfg(s, "logging.redactPatterns");
    if (Array.isArray(patterns))
      out.push(
        finding(l04, {
          check: "custom-redact-patterns",
          status: "warn",
          severity: "low",
          message: `logging.redactPatterns (${patterns.length}) replaces OpenClaw's default masking patterns for logs and transcripts.`,
          evidence: [
            configEvidence(
              s,
              "logging.redactPatterns",
              `logging.redactPatterns has ${patterns.length} pattern(s)`,
            ),
          ],
          remediation:
            "Make sure the custom list still covers API keys, bearer tokens and passwords, or remove it to restore the defaults.",
          location: where(s, "logging.redactPatterns"),
          subject: "logging.redactPatterns",
        }),
      );
    for (const p of providerBaseUrls(s)) {
      const loopback = isLoopbackUrl(p.url);
      if (p.url.startsWith("http://") && loopback === false)
        out.push(
          finding(l04, {
            check: "cleartext-provider",
            status: "warn",
            message: `Provider ${p.name} is reached over plain http: prompts cross the network unencrypted.`,
            evidence: [configEvidence(s, p.keyPath)],
            remediation: `Use an https:// baseUrl for models.providers.${p.name}, or keep the inference server on loopback.`,
            location: where(s, p.keyPath),
            subject: p.keyPath,
          }),
        );
      const skip = `models.providers.${p.name}.request.tls.insecureSkipVerify`;
      if (cfg(s, skip) === true)
        out.push(
          finding(l04, {
            check: "tls-skip-verify",
            status: "warn",
            message: `Provider ${p.name} skips TLS verification: anyone on the path can read prompts.`,
            evidence: [configEvidence(s, skip)],
            remediation: `openclaw config set ${skip} false (trust the server's CA with request.tls.caPath instead).`,
            location: where(s, skip),
            subject: skip,
          }),
        );
    }
    out.push(
      manualOrAttested(
        l04,
        s,
        "review what data reaches the model (workspace files, channel messages, tool output) and mask secrets and personal data before it does",
      ),
    );
    return out;
  },
};

export const llmItems: CatalogItem[] = [l01, l02, l03, l04];
