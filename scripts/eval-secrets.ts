/**
 * Evaluates our secret detector on the labelled dev set in ../shared/data/secrets (secretlint's
 * preset-recommend snapshots and detect-secrets' test_data), next to secretlint's own preset.
 *
 *   npx vite-node scripts/eval-secrets.ts [--data DIR] [--verbose]
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { detectSecretsInFile } from "../src/detect/secrets.js";

export interface EvalCase {
  set: "secretlint" | "detect-secrets";
  name: string;
  file: string;
  mustDetect: boolean;
  /** Why our verdict may legitimately differ from the label (config-only options, binary formats). */
  exception?: string;
}

export interface EvalResult {
  cases: Array<EvalCase & { ours: boolean; secretlint?: boolean }>;
  recall: { detected: number; total: number };
  falsePositives: Array<EvalCase & { ours: boolean }>;
  misses: Array<EvalCase & { ours: boolean }>;
  secretlint?: { detected: number; total: number; falsePositives: number };
}

export const DEFAULT_DATA = resolve(import.meta.dirname, "..", "..", "shared", "data", "secrets");

/**
 * Cases whose label depends on a per-case `.secretlintrc.json` option (allows / disabled ID scan)
 * that a generic detector has no equivalent for, or on a binary format we do not parse.
 */
const EXCEPTIONS: Record<string, string> = {
  "secretlint-rule-aws/ng.AWS Account ID":
    "needs enableIDScanRule config: account IDs are not secrets by default",
  "secretlint-rule-aws/ok.AWS Access Key ID--enableIDScanRule-false":
    "label comes from a config that disables the rule",
  "secretlint-rule-aws/options.allows": "label comes from an allow-list in the case's config",
  "secretlint-rule-figma/ok.allows": "label comes from an allow-list in the case's config",
  "secretlint-rule-groq/ok.allows": "label comes from an allow-list in the case's config",
  "secretlint-rule-tailscale/ok.allows": "label comes from an allow-list in the case's config",
  "secretlint-rule-aws/ok.AWS Secret Access Key":
    "the 56-char base64 blob is flagged by the unlabelled high-entropy pass (detect-secrets flags it too); the label says it is encrypted",
  "secretlint-rule-huggingface/ng.secret":
    "the only token is hf_ followed by 34 'x': treated as a placeholder on purpose",
};

export function loadCases(dataDir = DEFAULT_DATA): EvalCase[] {
  const out: EvalCase[] = [];
  const sl = JSON.parse(readFileSync(join(dataDir, "secretlint", "index.json"), "utf8"));
  for (const c of sl.cases) {
    const name = `${c.rule}/${c.case}`;
    const ex = EXCEPTIONS[name];
    out.push({
      set: "secretlint",
      name,
      file: join(dataDir, "secretlint", c.input),
      mustDetect: c.mustDetect,
      ...(ex ? { exception: ex } : {}),
    });
  }
  const ds = JSON.parse(readFileSync(join(dataDir, "detect-secrets", "index.json"), "utf8"));
  for (const f of ds.files) {
    if (f.mustDetect === null) continue;
    out.push({
      set: "detect-secrets",
      name: f.path,
      file: join(dataDir, "detect-secrets", f.path),
      mustDetect: f.mustDetect,
    });
  }
  return out;
}

export function oursDetects(file: string): boolean {
  return detectSecretsInFile(readFileSync(file)).length > 0;
}

async function secretlintDetects(file: string): Promise<boolean> {
  const { lintSource } = await import("@secretlint/core");
  const { createRawSource } = await import("@secretlint/source-creator");
  const { creator } = await import("@secretlint/secretlint-rule-preset-recommend");
  const source = await createRawSource(file);
  const res = await lintSource({
    source,
    options: { config: { rules: [{ id: "@secretlint/secretlint-rule-preset-recommend", rule: creator }] } },
  });
  return res.messages.length > 0;
}

export async function evaluate(
  opts: { dataDir?: string; withSecretlint?: boolean } = {},
): Promise<EvalResult> {
  const cases = loadCases(opts.dataDir);
  const results: EvalResult["cases"] = [];
  for (const c of cases) {
    const ours = oursDetects(c.file);
    const r: EvalResult["cases"][number] = { ...c, ours };
    if (opts.withSecretlint) r.secretlint = await secretlintDetects(c.file);
    results.push(r);
  }
  const positives = results.filter((r) => r.mustDetect);
  const result: EvalResult = {
    cases: results,
    recall: { detected: positives.filter((r) => r.ours).length, total: positives.length },
    falsePositives: results.filter((r) => !r.mustDetect && r.ours),
    misses: positives.filter((r) => !r.ours),
  };
  if (opts.withSecretlint) {
    result.secretlint = {
      detected: positives.filter((r) => r.secretlint).length,
      total: positives.length,
      falsePositives: results.filter((r) => !r.mustDetect && r.secretlint).length,
    };
  }
  return result;
}

function pct(n: number, d: number): string {
  return `${n}/${d} (${((100 * n) / Math.max(1, d)).toFixed(1)}%)`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const dataIdx = args.indexOf("--data");
  const dataDir = dataIdx >= 0 ? args[dataIdx + 1] : undefined;
  const verbose = args.includes("--verbose");
  const res = await evaluate({ ...(dataDir ? { dataDir } : {}), withSecretlint: true });
  for (const set of ["secretlint", "detect-secrets"] as const) {
    const rows = res.cases.filter((c) => c.set === set);
    const pos = rows.filter((r) => r.mustDetect);
    const neg = rows.filter((r) => !r.mustDetect);
    console.log(
      `\n== ${set} dev set: ${rows.length} cases (${pos.length} must detect, ${neg.length} must not)`,
    );
    console.log(
      `  clawwarden  recall ${pct(pos.filter((r) => r.ours).length, pos.length)}  false positives ${neg.filter((r) => r.ours).length}/${neg.length}`,
    );
    console.log(
      `  secretlint  recall ${pct(pos.filter((r) => r.secretlint).length, pos.length)}  false positives ${neg.filter((r) => r.secretlint).length}/${neg.length}`,
    );
  }
  console.log("\n== disagreements with the labels (ours)");
  for (const r of res.cases.filter((c) => c.ours !== c.mustDetect)) {
    console.log(
      `  ${r.mustDetect ? "MISS" : "FP  "} ${r.set}:${r.name}${r.exception ? `  [exception: ${r.exception}]` : ""}`,
    );
  }
  if (verbose) {
    for (const r of res.cases) {
      const hits = detectSecretsInFile(readFileSync(r.file));
      console.log(
        `${r.name}: ${hits.map((h) => `${h.ruleId}@${h.line}:${h.column} ${h.fingerprint}`).join(", ")}`,
      );
    }
  }
}

// Run as a script (vite-node drops argv, so "imported by a vitest test" is the only other case).
if (!process.env.VITEST) {
  await main();
}
