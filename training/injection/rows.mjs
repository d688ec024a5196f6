// The injection model's training rows and its held-out split, shared by scripts/train-injection.mjs and the test
// that re-measures the shipped model on the held-out part (test/detect/injection-heldout.test.ts).
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";

/**
 * Every row of every manifest source, deduplicated on normalised text (a text seen with both labels is dropped),
 * with its group: rows that plant a payload in a carrier (an email, a table, code) share a group with the clean
 * carrier, found by its first or last 60 characters, so a carrier and its attacked copies land on the same side of
 * the split. A fifth of the groups (by a hash) is held out.
 */
export function loadTrainingRows(root, normalise) {
  const manifest = JSON.parse(readFileSync(join(root, "training", "injection", "manifest.json"), "utf8"));
  const rows = [];
  const seen = new Map();
  for (const src of manifest.sources) {
    for (const line of readFileSync(resolve(root, src.path), "utf8").split("\n")) {
      if (!line.trim()) continue;
      const r = JSON.parse(line);
      if (src.langs && !src.langs.includes(r.lang)) continue;
      if (src.split && r.split !== src.split) continue;
      const row = {
        text: r.text,
        label: r.label ? 1 : 0,
        lang: r.lang,
        source: r.source ?? src.name,
        origin: src.name,
        // a source that bundles several public sets is weighed set by set (its rows name them: "deepset/train/…")
        weighKey: src.weighBySet
          ? `${src.name}:${String(r.source).split("/").slice(0, 2).join("/")}`
          : src.name,
        group: r.group ?? r.text,
      };
      const key = normalise(r.text);
      const twin = seen.get(key);
      if (twin) {
        if (twin.label !== row.label) twin.conflict = true;
        continue;
      }
      seen.set(key, row);
      rows.push(row);
    }
  }
  // Rows that plant a payload in a carrier (an email, a table, code) share a group with the clean carrier, found by
  // its first or last 60 characters: a carrier and its attacked copies land on the same side of the split.
  const carriers = new Map();
  for (const r of rows)
    if (r.label === 0 && r.text.length >= 120) {
      carriers.set(`^${r.text.slice(0, 60)}`, r.text);
      carriers.set(`$${r.text.slice(-60)}`, r.text);
    }
  for (const r of rows) {
    const carrier = carriers.get(`^${r.text.slice(0, 60)}`) ?? carriers.get(`$${r.text.slice(-60)}`);
    if (carrier) r.group = `carrier:${carrier}`;
  }
  const usable = rows.filter((r) => !r.conflict);
  const heldOut = (r) => createHash("sha256").update(r.group).digest()[0] < 51; // ~20%
  const train = usable.filter((r) => !heldOut(r));
  const test = usable.filter(heldOut);


  return { rows, train, test };
}
