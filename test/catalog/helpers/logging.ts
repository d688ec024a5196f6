import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loggingItems } from "../../../src/catalog/logging.js";
import type { CatalogItem } from "../../../src/catalog/types.js";
import type { Snapshot, StateEntry } from "../../../src/model/snapshot.js";
import { snapshot } from "../snapshot-fixture.js";

export const samples = join(import.meta.dirname, "..", "..", "fixtures", "openclaw-samples");

export const sample = (name: string) =>
  snapshot({ config: { value: JSON.parse(readFileSync(`${samples}/${name}`, "utf8")) } });

export const item = (id: string) => loggingItems.find((i) => i.id === id) as CatalogItem;

export const [a01, a02, a03, a04, a05] = ["A-01", "A-02", "A-03", "A-04", "A-05"].map(item) as [
  CatalogItem,
  CatalogItem,
  CatalogItem,
  CatalogItem,
  CatalogItem,
];

export const file = (path: string): StateEntry => ({
  path,
  kind: "file",
  mode: 0o600,
  uid: 1000,
  gid: 1000,
  size: 10,
  mtimeMs: 0,
});

export const withEntries = (...paths: string[]): Partial<Snapshot> => ({
  state: { entries: [...snapshot().state.entries, ...paths.map(file)] } as Snapshot["state"],
});

export const attested = (id: string, expires: string): Parameters<typeof snapshot>[0] => ({
  clawwarden: {
    path: "/etc/clawwarden.json",
    attestations: [{ id, by: "sec-team", at: "2026-09-01", expires }],
  },
});
