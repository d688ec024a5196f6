#!/usr/bin/env node
// Trains the injection model: L2-regularised logistic regression (AdaGrad, fixed seed, fixed epochs) over the hashed
// features of src/detect/injection-features.ts, on every source listed in training/injection/manifest.json.
// A fifth of every source is held out by a hash of the row's group (training/injection/rows.mjs), so a carrier and
// its attacked copies never straddle the split. Five-fold out-of-fold scores over the training part choose one
// threshold per script (Chinese / other): the lowest at which the shipped detector (phrase rules OR model) keeps the
// false-positive rate within budget. The held-out part is only measured: training/injection/heldout-report.md.
// Writes data/injection/model.json and the report; bench/out/injection-heldout.jsonl holds the held-out rows.
//   npm run train:injection
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

process.env.CLAWWARDEN_INJECTION_MODEL = "off";
const root = resolve(import.meta.dirname, "..");
const dist = (p) => import(join(root, "dist", "detect", p));
const { featureVectors, normalise, BUCKETS, FEATURES_VERSION } = await dist("injection-features.js");
const { classifyInjection } = await dist("injection-classify.js");
const { isMostlyChinese, modelFrom } = await dist("injection-model.js");
const { loadTrainingRows } = await import(join(root, "training", "injection", "rows.mjs"));

const FPR_BUDGET = Number(process.env.FPR_BUDGET ?? 0.03);
const EPOCHS = Number(process.env.EPOCHS ?? 12);
const L2 = Number(process.env.L2 ?? 2e-6);
const LR = Number(process.env.LR ?? 0.3);

const { rows, train, test } = loadTrainingRows(root, normalise);

// Weights: each source counts about as much as the square root of its rows (one big corpus does not drown the
// small sets), split evenly between its labels when it has both (carriers and their attacked copies teach the
// difference, not the carrier), and within a script group injections and benign rows weigh the same in total.
const groupOf = (r) => (isMostlyChinese(r.text) ? "zh" : "other");
function weigh(part) {
  const count = (key) => {
    const m = new Map();
    for (const r of part) m.set(key(r), (m.get(key(r)) ?? 0) + 1);
    return m;
  };
  const bySource = count((r) => r.weighKey);
  const bySourceLabel = count((r) => `${r.weighKey}/${r.label}`);
  const weights = new Map();
  const mass = new Map();
  for (const r of part) {
    const labels = bySourceLabel.has(`${r.weighKey}/${1 - r.label}`) ? 2 : 1;
    const w = Math.sqrt(bySource.get(r.weighKey)) / (labels * bySourceLabel.get(`${r.weighKey}/${r.label}`));
    weights.set(r, w);
    const k = `${groupOf(r)}/${r.label}`;
    mass.set(k, (mass.get(k) ?? 0) + w);
  }
  const total = [...mass.values()].reduce((a, b) => a + b, 0);
  for (const r of part)
    weights.set(r, (weights.get(r) * total) / (mass.size * mass.get(`${groupOf(r)}/${r.label}`)));
  return weights;
}

/** Trains on `part` from a fixed seed; returns the model file (thresholds still to be chosen). */
function trainOn(part) {
  const weights = weigh(part);
  let seed = 42;
  const rand = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  // A benign text longer than a window also teaches through its windows (the detector judges those too); an
  // injection's windows are not labelled (only one of them holds the payload), so only its whole text is used.
  const feats = part.flatMap((r) => {
    const [whole, ...windows] = featureVectors(r.text);
    const w = weights.get(r);
    const out = [{ k: whole.keys, v: whole.values, y: r.label, w }];
    if (r.label === 0)
      for (const x of windows) out.push({ k: x.keys, v: x.values, y: 0, w: w / Math.sqrt(windows.length) });
    return out;
  });
  const w = new Float64Array(BUCKETS);
  const g2 = new Float64Array(BUCKETS).fill(1e-8);
  let bias = 0;
  let biasG2 = 1e-8;
  const runEpochs = (epochs) => {
    for (let epoch = 0; epoch < epochs; epoch++) {
      const order = feats.map((_, i) => i);
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(rand() * (i + 1));
        [order[i], order[j]] = [order[j], order[i]];
      }
      for (const i of order) {
        const { k, v, y, w: sw } = feats[i];
        let z = bias;
        for (let j = 0; j < k.length; j++) z += w[k[j]] * v[j];
        const g = (1 / (1 + Math.exp(-z)) - y) * sw;
        for (let j = 0; j < k.length; j++) {
          const b = k[j];
          const grad = g * v[j] + L2 * w[b];
          g2[b] += grad * grad;
          w[b] -= (LR * grad) / Math.sqrt(g2[b]);
        }
        biasG2 += g * g;
        bias -= (LR * g) / Math.sqrt(biasG2);
      }
    }
  };
  const margin = (x) => {
    let z = bias;
    for (let j = 0; j < x.keys.length; j++) z += w[x.keys[j]] * x.values[j];
    return z;
  };
  runEpochs(EPOCHS);
  // Multiple-instance step: an injection's most suspicious window (by the model so far) is taken as a positive
  // too, then training continues, so a payload in a long carrier is learnt where the detector will look for it.
  for (const r of part)
    if (r.label === 1) {
      const [, ...windows] = featureVectors(r.text);
      if (!windows.length) continue;
      const top = windows.reduce((a, b) => (margin(b) > margin(a) ? b : a));
      feats.push({ k: top.keys, v: top.values, y: 1, w: weights.get(r) });
    }
  runEpochs(Math.ceil(EPOCHS / 2));
  const f32 = new Float32Array(BUCKETS);
  for (let i = 0; i < BUCKETS; i++) f32[i] = Math.abs(w[i]) < 1e-3 ? 0 : w[i];
  const nz = [];
  for (let i = 0; i < BUCKETS; i++) if (f32[i] !== 0) nz.push(i);
  return {
    version: 2,
    kind: "logistic-regression/hashed-ngrams",
    featuresVersion: FEATURES_VERSION,
    buckets: BUCKETS,
    bias,
    thresholds: { zh: 0.5, other: 0.5 },
    trainedRows: part.length,
    indices: Buffer.from(Uint32Array.from(nz).buffer).toString("base64"),
    values: Buffer.from(Float32Array.from(nz, (i) => f32[i]).buffer).toString("base64"),
  };
}

// Rows are scored exactly as the shipped detector scores them (windows and all), with the rules' verdict beside.
const score = (model, part) => {
  const { probability } = modelFrom(model);
  return part.map((r) => ({
    ...r,
    script: groupOf(r),
    rules: classifyInjection(r.text).flagged,
    p: probability(r.text),
  }));
};

// Over-defence negatives (benign text carrying the words attacks use) are held to the budget on their own, not
// just diluted in the whole benign set.
const TRIGGER =
  /\b(?:ignore|disregard|forget|override|bypass|system|instructions?|prompts?|pretend|act as|jailbreak|developer mode|previous|rules)\b|忽略|无视|忘记|系统|指令|提示|角色|扮演|越狱|开发者模式|规则|覆盖/i;
// Thresholds come from out-of-fold scores over the training part (5 folds by group): thousands more benign rows
// than the held-out part has, and the held-out part stays untouched until the final measurement.
const FOLDS = Number(process.env.FOLDS ?? 5);
const foldOf = (r) => createHash("sha256").update(`fold:${r.group}`).digest()[0] % FOLDS;
const outOfFold = [];
for (let f = 0; f < FOLDS; f++) {
  const model = trainOn(train.filter((r) => foldOf(r) !== f));
  outOfFold.push(
    ...score(
      model,
      train.filter((r) => foldOf(r) === f),
    ),
  );
  console.error(`fold ${f + 1}/${FOLDS} done`);
}
// CURVE=1: out-of-fold recall and FPR per script at thresholds 0.5–0.95, to see what the floor costs.
if (process.env.CURVE)
  for (const script of ["other", "zh"])
    for (let t = 0.5; t < 0.99; t += 0.05) {
      const part = outOfFold.filter((r) => r.script === script);
      const hit = (r) => r.rules || r.p >= t;
      const pos = part.filter((r) => r.label === 1);
      const neg = part.filter((r) => r.label === 0);
      const trig = neg.filter((r) => TRIGGER.test(r.text));
      const f = (xs) => (xs.filter(hit).length / xs.length).toFixed(3);
      console.error(`oof ${script} t=${t.toFixed(2)} recall ${f(pos)} fpr ${f(neg)} trigger-fpr ${f(trig)}`);
    }
const modelFile = trainOn(train);
const scored = score(modelFile, test);

const MIN_THRESHOLD = Number(process.env.MIN_THRESHOLD ?? 0.6);
const thresholds = {};
for (const script of ["zh", "other"]) {
  const neg = outOfFold.filter((r) => r.script === script && r.label === 0);
  const sets = [neg, neg.filter((r) => TRIGGER.test(r.text))].filter((s) => s.length > 0);
  thresholds[script] = 0.95;
  for (let t = MIN_THRESHOLD; t < 0.951; t += 0.025) {
    if (sets.every((set) => set.filter((r) => r.rules || r.p >= t).length / set.length <= FPR_BUDGET)) {
      thresholds[script] = Math.round(t * 1000) / 1000;
      break;
    }
  }
}

modelFile.thresholds = thresholds;
writeFileSync(join(root, "data", "injection", "model.json"), `${JSON.stringify(modelFile)}\n`);
mkdirSync(join(root, "bench", "out"), { recursive: true });
writeFileSync(
  join(root, "bench", "out", "injection-heldout.jsonl"),
  test
    .map((r) => JSON.stringify({ text: r.text, label: r.label, lang: r.lang, source: r.source }))
    .join("\n"),
);

const flagged = (r) => r.rules || r.p >= thresholds[r.script];
const cell = (part, pred) => {
  const pos = part.filter((r) => r.label === 1);
  const neg = part.filter((r) => r.label === 0);
  const f = (xs) => (xs.length ? (xs.filter(pred).length / xs.length).toFixed(3) : "—");
  return `${f(pos)} | ${f(neg)}`;
};
const line = (name, part) =>
  `| ${name} | ${part.filter((r) => r.label === 1).length} | ${part.filter((r) => r.label === 0).length} | ${cell(part, (r) => r.rules)} | ${cell(part, flagged)} |`;
const table = [
  "| held-out part | injections | benign | rules recall | rules FPR | shipped recall | shipped FPR |",
  "|---|---|---|---|---|---|---|",
];
for (const lang of [...new Set(scored.map((r) => r.lang))].sort()) {
  table.push(
    line(
      `**lang ${lang}**`,
      scored.filter((r) => r.lang === lang),
    ),
  );
  const over = scored.filter((r) => r.lang === lang && r.label === 0 && TRIGGER.test(r.text));
  if (over.length) table.push(line(`lang ${lang}, benign with trigger words`, over));
}
for (const origin of [...new Set(scored.map((r) => r.origin))])
  for (const lang of [...new Set(scored.filter((r) => r.origin === origin).map((r) => r.lang))].sort())
    table.push(
      line(
        `${origin} (${lang})`,
        scored.filter((r) => r.origin === origin && r.lang === lang),
      ),
    );
// the shared dev set mixes several public sets: each family on its own line
const DEV = "shared dev set";
const family = (r) => r.source.split("/").slice(0, 2).join("/");
for (const fam of [...new Set(scored.filter((r) => r.origin === DEV).map(family))].sort())
  for (const lang of ["en", "zh"]) {
    const part = scored.filter((r) => r.origin === DEV && family(r) === fam && r.lang === lang);
    if (part.length) table.push(line(`${DEV}: ${fam} (${lang})`, part));
  }
const conflicts = rows.filter((r) => r.conflict).length;
const report = [
  "# Injection model: held-out numbers",
  "",
  `Written by \`npm run train:injection\`. Trained on ${train.length} rows, held out ${test.length} (a fifth of every source by a hash of the row's group); ${conflicts} texts dropped for carrying both labels.`,
  `Thresholds (lowest, from ${MIN_THRESHOLD}, keeping the out-of-fold FPR of rules OR model over the training part within ${FPR_BUDGET} on all benign rows and on those with trigger words; the held-out part below played no part in choosing them): Chinese ${thresholds.zh}, other ${thresholds.other}. ${modelFile.trainedRows} rows in the final fit.`,
  "",
  ...table,
  "",
  ...(outOfFold.length
    ? [
        `Out of fold over the training part (${FOLDS} folds) at these thresholds, per language:`,
        "",
        ...["en", "zh"].map((lang) => {
          const part = outOfFold.filter((r) => r.lang === lang);
          const hit = (r) => r.rules || r.p >= thresholds[r.script];
          const pos = part.filter((r) => r.label === 1);
          const neg = part.filter((r) => r.label === 0);
          const f = (xs) => (xs.filter(hit).length / xs.length).toFixed(3);
          return `- ${lang}: recall ${f(pos)} (${pos.length} injections), FPR ${f(neg)} (${neg.length} benign)`;
        }),
        "",
      ]
    : []),
].join("\n");
writeFileSync(join(root, "training", "injection", "heldout-report.md"), report);
// DUMP=<regex on source name>: print the held-out rows of those sources the shipped detector gets wrong.
if (process.env.DUMP)
  for (const r of scored.filter(
    (r) => flagged(r) !== (r.label === 1) && r.origin.match(new RegExp(process.env.DUMP)),
  ))
    console.log(r.label, r.p.toFixed(2), r.source, JSON.stringify(r.text.slice(0, 160)));
console.error(report);
