import { readFileSync } from "node:fs";
import { join } from "node:path";
import { llmItems } from "../../../src/catalog/llm.js";
import type { CatalogItem } from "../../../src/catalog/types.js";
import { snapshot } from "../snapshot-fixture.js";

export const samples = join(import.meta.dirname, "..", "..", "fixtures", "openclaw-samples");

export const sample = (name: string) =>
  snapshot({ config: { value: JSON.parse(readFileSync(`${samples}/${name}`, "utf8")) } });

export const item = (id: string) => llmItems.find((i) => i.id === id) as CatalogItem;

export const [l01, l02, l03, l04] = ["L-01", "L-02", "L-03", "L-04"].map(item) as [
  CatalogItem,
  CatalogItem,
  CatalogItem,
  CatalogItem,
];

export const attested = (id: string, expires: string): Parameters<typeof snapshot>[0] => ({
  clawwarden: {
    path: "/etc/clawwarden.json",
    attestations: [{ id, by: "ml-team", at: "2026-09-01", expires }],
  },
});
