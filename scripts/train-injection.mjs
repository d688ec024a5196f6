#!/usr/bin/env node
// Trains the injection model: L2-regularised logistic regression over hashed n-grams (src/detect/injection-features.ts),
// deterministic (fixed seed, fixed epochs), on the rows listed in data/injection/manifest.json; 20% of every
// source is held out (by a hash of the text, so the split is stable) and used to choose the threshold (false-positive
// rate <= 0.05 per language) and to report numbers. Writes data/injection/model.json.
//   npm run train:injection
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const { features, BUCKETS } = await import(join(root, "dist", "detect", "injection-features.js"));
const manifest = JSON.parse(readFileSync(join(root, "data", "injection", "manifest.json"), "utf8"));
const rows = [];
for (const src of manifest.sources) {
  const path = resolve(root, src.path);
  for (const line of readFileSync(path, "utf8").split("\n")) {
    if (!line.trim()) continue;
    const r = JSON.parse(line);
    if (!src.langs || src.langs.includes(r.lang))
      rows.push({ text: r.text, label: r.label ? 1 : 0, lang: r.lang, source: r.source ?? src.name });
  }
}
const heldOut = (r) => createHash("sha256").update(r.text).digest()[0] < 51; // ~20%
const train = rows.filter((r) => !heldOut(r));
const test = rows.filter(heldOut);
let seed = 42;
const rand = () => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed / 2 ** 32;
};
const w = new Float64Array(BUCKETS);
let bias = 0;
const feats = train.map((r) => ({ f: features(r.text), y: r.label }));
const pos = feats.filter((x) => x.y === 1).length;
const weight = { 1: feats.length / (2 * pos), 0: feats.length / (2 * (feats.length - pos)) };
const EPOCHS = 30;
const L2 = 1e-5;
for (let epoch = 0; epoch < EPOCHS; epoch++) {
  const order = feats.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const lr = 0.5 / (1 + epoch * 0.2);
  for (const i of order) {
    const { f, y } = feats[i];
    let z = bias;
    for (const [k, v] of f) z += w[k] * v;
    const p = 1 / (1 + Math.exp(-z));
    const g = (p - y) * weight[y];
    for (const [k, v] of f) w[k] -= lr * (g * v + L2 * w[k]);
    bias -= lr * g;
  }
}
const score = (text) => {
  let z = bias;
  for (const [k, v] of features(text)) z += w[k] * v;
  return 1 / (1 + Math.exp(-z));
};
// threshold: the lowest that keeps the held-out false-positive rate <= 0.05 in every language with negatives
const scored = test.map((r) => ({ ...r, p: score(r.text) }));
if (process.env.CURVE)
  for (const t of [0.3, 0.4, 0.5, 0.6, 0.7, 0.8]) {
    const n = scored.filter((r) => r.lang === "en");
    const p1 = n.filter((r) => r.label === 1),
      p0 = n.filter((r) => r.label === 0);
    console.error(
      `t=${t} en recall ${(p1.filter((r) => r.p >= t).length / p1.length).toFixed(3)} fpr ${(p0.filter((r) => r.p >= t).length / p0.length).toFixed(3)}`,
    );
  }
let threshold = 0.5;
for (const t of [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9]) {
  const ok = ["en", "zh", "de"].every((lang) => {
    const neg = scored.filter((r) => r.lang === lang && r.label === 0);
    return !neg.length || neg.filter((r) => r.p >= t).length / neg.length <= 0.04;
  });
  if (ok) {
    threshold = t;
    break;
  }
}
const f32 = new Float32Array(BUCKETS);
for (let i = 0; i < BUCKETS; i++) f32[i] = Math.abs(w[i]) < 1e-4 ? 0 : w[i];
const nz = [];
for (let i = 0; i < BUCKETS; i++) if (f32[i] !== 0) nz.push(i);
const idx = new Uint32Array(nz);
const val = new Float32Array(nz.map((i) => f32[i]));
writeFileSync(
  join(root, "data", "injection", "model.json"),
  `${JSON.stringify({
    version: 1,
    kind: "logistic-regression/hashed-ngrams",
    buckets: BUCKETS,
    bias,
    threshold,
    trainedRows: train.length,
    indices: Buffer.from(idx.buffer).toString("base64"),
    values: Buffer.from(val.buffer).toString("base64"),
  })}\n`,
);
console.error(
  `trained on ${train.length} rows (${pos} injections), held out ${test.length}; threshold ${threshold}; ${nz.length} non-zero weights`,
);
for (const lang of ["en", "de", "zh"]) {
  const part = scored.filter((r) => r.lang === lang);
  const p1 = part.filter((r) => r.label === 1);
  const p0 = part.filter((r) => r.label === 0);
  console.error(
    `held-out ${lang}: recall ${(p1.filter((r) => r.p >= threshold).length / (p1.length || 1)).toFixed(3)} (n=${p1.length}), fpr ${(p0.filter((r) => r.p >= threshold).length / (p0.length || 1)).toFixed(3)} (n=${p0.length})`,
  );
}
