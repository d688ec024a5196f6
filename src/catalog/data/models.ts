/**
 * Model tiers for L-01 (prompt-injection resistance), maintained by hand.
 *
 * Provenance: the legacy and weak patterns, the "below GPT-5" / "below Claude 4.5" rules and the 300B
 * small-model threshold are those of OpenClaw 2026.9.6's own audit (`models.legacy`, `models.weak_tier`,
 * `models.small_params` in dist/audit.nondeep.runtime-*.mjs: LEGACY_MODEL_PATTERNS, WEAK_TIER_MODEL_PATTERNS,
 * isGpt5OrHigher, isClaude45OrHigher, SMALL_MODEL_PARAM_B_MAX; read 2026-11-25). The guide itself names
 * Claude Opus 4.5 as the example of an injection-resistant model.
 * One deliberate difference: OpenClaw's GPT rule only recognises `gpt-5`, so it calls its own default
 * `gpt-6-astra` weak; here any GPT major version >= 5 is strong.
 */
export type ModelTier = "legacy" | "small" | "weak" | "strong" | "unrated";

export interface ModelRating {
  tier: ModelTier;
  reason: string;
}

export const modelTiersReviewed = "2026-11-25";

/** OpenClaw 2026.9.6 uses this when no model is configured (src/agents/defaults.ts in its dist). */
export const openclawDefaultModel = "openai/gpt-6-astra";

const legacyPatterns: Array<{ re: RegExp; label: string }> = [
  { re: /\bgpt-3\.5\b/i, label: "GPT-3.5 family" },
  { re: /\bclaude-(instant|2)\b/i, label: "Claude 2/Instant family" },
  { re: /\bgpt-4-(0314|0613)\b/i, label: "legacy GPT-4 snapshots" },
];

const weakPatterns: Array<{ re: RegExp; label: string }> = [
  { re: /\bhaiku\b/i, label: "Haiku tier (smaller model)" },
];

/** Models at or below this many billion parameters count as small (OpenClaw's SMALL_MODEL_PARAM_B_MAX). */
export const smallModelMaxParamsB = 300;

/** Largest `<n>b` parameter token in a model id (`llama-3.1-8b` → 8, `qwen2.5-72b-instruct` → 72). */
export function inferParamsB(id: string): number | undefined {
  let best: number | undefined;
  for (const m of id.toLowerCase().matchAll(/(?:^|[^a-z0-9])[a-z]?(\d+(?:\.\d+)?)b(?=[^a-z0-9]|$)/g)) {
    const n = Number(m[1]);
    if (Number.isFinite(n) && n > 0 && (best === undefined || n > best)) best = n;
  }
  return best;
}

function gptMajor(id: string): number | undefined {
  const m = /\bgpt-(\d+)/i.exec(id);
  return m ? Number(m[1]) : undefined;
}

const claude45OrHigher =
  /\bclaude-[^\s/]*?(?:-4-?(?:[5-9]|[1-9]\d)\b|4\.(?:[5-9]|[1-9]\d)\b|-[5-9](?:\b|[.-]))/i;

/** Rates one model reference (`provider/model` or a bare model id). */
export function rateModel(ref: string): ModelRating {
  for (const p of legacyPatterns) if (p.re.test(ref)) return { tier: "legacy", reason: p.label };
  const params = inferParamsB(ref);
  if (params !== undefined && params <= smallModelMaxParamsB)
    return { tier: "small", reason: `about ${params}B parameters (<= ${smallModelMaxParamsB}B)` };
  for (const p of weakPatterns) if (p.re.test(ref)) return { tier: "weak", reason: p.label };
  const gpt = gptMajor(ref);
  if (gpt !== undefined)
    return gpt >= 5
      ? { tier: "strong", reason: "GPT-5 family or newer" }
      : { tier: "weak", reason: "below the GPT-5 family" };
  // Old naming puts the generation first (claude-3-5-sonnet); OpenClaw's 4.5 pattern misreads its "-5-".
  if (/\bclaude-[1-3](?:[-.]\d)?(?:-|\b)/i.test(ref)) return { tier: "weak", reason: "Claude 3.x or older" };
  if (/\bclaude-/i.test(ref))
    return claude45OrHigher.test(ref)
      ? { tier: "strong", reason: "Claude 4.5 or newer" }
      : { tier: "weak", reason: "below Claude 4.5" };
  return { tier: "unrated", reason: "not in clawwarden's model tier table" };
}
