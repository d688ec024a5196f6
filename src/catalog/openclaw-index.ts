import { catalog } from "./index.js";

/**
 * OpenClaw `security audit` checkIds (and doctor lint `requirement`s) → guide item ids, built from what each item
 * declares in `openclawOwns` (never kept by hand beside the items). Keys are exact ids, patterns where `<name>`
 * stands for one dot-free segment (`channels.<provider>.dm.open`), or families ending in `.*` (any remainder,
 * e.g. `fs.*`). The most specific key wins: exact, then patterns, then the longest family.
 */
export const openclawToGuide: Readonly<Record<string, string>> = Object.fromEntries(
  catalog.flatMap((item) => (item.openclawOwns ?? []).map((pattern) => [pattern, item.id])),
);

type Rule = { pattern: string; item: string; rank: number };

const rules: Rule[] = Object.entries(openclawToGuide).map(([pattern, item]) => {
  const family = pattern.endsWith(".*");
  const parts = (family ? pattern.slice(0, -2) : pattern).split(".");
  const placeholders = parts.filter((p) => p.startsWith("<")).length;
  // exact (0) < patterns without family (1) < families; within a tier, more literal segments first.
  const tier = family ? 2 : placeholders ? 1 : 0;
  return { pattern, item, rank: tier * 1000 - (parts.length - placeholders) * 10 + placeholders };
});
rules.sort((a, b) => a.rank - b.rank);

/**
 * Whether a checkId matches a pattern as written in catalog items' `openclaw`/`openclawOwns` lists:
 * `*` or `<name>` is one segment, a trailing `.*` any remainder (`fs.*`).
 */
export function checkIdMatches(pattern: string, checkId: string): boolean {
  const family = pattern.endsWith(".*");
  const parts = (family ? pattern.slice(0, -2) : pattern).split(".");
  const segments = checkId.split(".");
  if (family ? segments.length <= parts.length : segments.length !== parts.length) return false;
  return parts.every((p, i) => p === "*" || p.startsWith("<") || p === segments[i]);
}

/** The guide item an OpenClaw checkId (or doctor `requirement`) speaks to, if any (`summary.*` has none). */
export function guideItemFor(checkId: string): string | undefined {
  return rules.find((r) => checkIdMatches(r.pattern, checkId))?.item;
}
