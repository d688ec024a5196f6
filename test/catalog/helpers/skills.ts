import { readFileSync } from "node:fs";
import { join } from "node:path";
import { skillsItems } from "../../../src/catalog/skills.js";
import type { CatalogItem } from "../../../src/catalog/types.js";
import type { InstalledSkillVerdict, Snapshot, StateEntry } from "../../../src/model/snapshot.js";
import { snapshot } from "../snapshot-fixture.js";

export const samples = join(import.meta.dirname, "..", "..", "fixtures", "openclaw-samples");

export const sample = (name: string) =>
  snapshot({ config: { value: JSON.parse(readFileSync(`${samples}/${name}`, "utf8")) } });

export const item = (id: string) => skillsItems.find((i) => i.id === id) as CatalogItem;

export const [k01, k02, k03, k04, k05] = ["K-01", "K-02", "K-03", "K-04", "K-05"].map(item) as [
  CatalogItem,
  CatalogItem,
  CatalogItem,
  CatalogItem,
  CatalogItem,
];

export const v = (
  name: string,
  verdict: InstalledSkillVerdict["verdict"],
  extra: Partial<InstalledSkillVerdict> = {},
): InstalledSkillVerdict => ({
  name,
  kind: "skill",
  path: `/home/op/.openclaw/skills/${name}`,
  verdict,
  findings: verdict === "clean" ? 0 : 2,
  ...extra,
});

export const scanned = (items: InstalledSkillVerdict[], lockfileInUse = true): Partial<Snapshot> => ({
  skills: { known: true, value: { roots: ["/home/op/.openclaw/skills"], items, lockfileInUse } },
});

export const dir = (path: string): StateEntry => ({
  path,
  kind: "dir",
  mode: 0o700,
  uid: 1000,
  gid: 1000,
  size: 4096,
  mtimeMs: 0,
});

export const baseEntries = snapshot().state.entries;

export const withState = (...paths: string[]) => ({
  state: { entries: [...baseEntries, ...paths.map(dir)] },
});

export const attested = (id: string, expires: string) => ({
  clawwarden: {
    path: "/home/op/clawwarden.json",
    attestations: [{ id, by: "ana", at: "2026-10-01", expires }],
  },
});

// The hardened sample must not fail or warn on anything the config decides for K items.
export const hardened = sample("config-hardened.json");
