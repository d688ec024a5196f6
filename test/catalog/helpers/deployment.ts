import { readFileSync } from "node:fs";
import { join } from "node:path";
import { deploymentItems } from "../../../src/catalog/deployment.js";
import type { CatalogItem } from "../../../src/catalog/types.js";
import { snapshot } from "../snapshot-fixture.js";

export const samples = join(import.meta.dirname, "..", "..", "fixtures", "openclaw-samples");

export const json = (name: string) => JSON.parse(readFileSync(`${samples}/${name}`, "utf8"));

export const sample = (name: string) => snapshot({ config: { value: json(name) } });

export const item = (id: string) => deploymentItems.find((i) => i.id === id) as CatalogItem;

export const [p01, p02, p03, p04, p05] = ["P-01", "P-02", "P-03", "P-04", "P-05"].map(item) as [
  CatalogItem,
  CatalogItem,
  CatalogItem,
  CatalogItem,
  CatalogItem,
];

export const attested = (id: string, expires: string): Parameters<typeof snapshot>[0] => ({
  clawwarden: { path: "/etc/clawwarden.json", attestations: [{ id, by: "ops", at: "2026-10-01", expires }] },
});

export const version = (text: string): Parameters<typeof snapshot>[0] => ({
  openclaw: { bin: "/usr/bin/openclaw", version: { known: true, value: text } },
});
