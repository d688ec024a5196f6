// Shared helpers for the en-attacks generators. Deterministic: no Math.random.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const OUT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'sources', 'en');
export const MIRROR = process.env.MIRROR ?? '/work/.mirror';

export function gitDir(repo) { return `${MIRROR}/${repo.replace('/', '+')}/repo`; }
export function gitHead(dir) { return execFileSync('git', ['-C', dir, 'rev-parse', 'HEAD']).toString().trim(); }
export function gitShow(dir, commit, p) {
  return execFileSync('git', ['-C', dir, 'show', `${commit}:${p}`], { maxBuffer: 1 << 28 }).toString('utf8');
}
export function gitLs(dir, commit, prefix = '') {
  return execFileSync('git', ['-C', dir, 'ls-tree', '-r', '--name-only', commit, ...(prefix ? [prefix] : [])], { maxBuffer: 1 << 26 })
    .toString().split('\n').filter(Boolean);
}
/** static extraction of literal attrs from a python file (see lib/pyextract.py) */
export function pyExtract(dir, commit, p, seeds = {}) {
  const args = [path.join(OUT_DIR, 'lib', 'pyextract.py'), dir, commit, p, ...Object.entries(seeds).map(([k, v]) => `${k}=${v}`)];
  return JSON.parse(execFileSync('python3', args, { maxBuffer: 1 << 28 }).toString('utf8'));
}
/** YAML -> JSON via python3 yaml (safe_load) */
export function yamlLoad(text) {
  return JSON.parse(execFileSync('python3', ['-c', 'import sys,yaml,json;json.dump(yaml.safe_load(sys.stdin.read()),sys.stdout,ensure_ascii=False,default=str)'], { input: text, maxBuffer: 1 << 28 }).toString('utf8'));
}
/** resolve a class attribute through same-module bases (MRO-ish, left-to-right DFS) */
export function classAttr(mod, cls, name) {
  const c = mod.classes[cls];
  if (!c) return undefined;
  if (name in c.attrs) return c.attrs[name];
  for (const b of c.bases) { const v = classAttr(mod, b, name); if (v !== undefined) return v; }
  return undefined;
}

export function mulberry32(seed) {
  let a = seed >>> 0;
  return function () {
    a = (a + 0x6D2B79F5) >>> 0; let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
export function shuffle(arr, seed) {
  const r = mulberry32(seed); const a = arr.slice();
  for (let i = a.length - 1; i > 0; i--) { const j = Math.floor(r() * (i + 1)); [a[i], a[j]] = [a[j], a[i]]; }
  return a;
}
/** every-k-th deterministic sample */
export function strideSample(arr, n) {
  if (arr.length <= n) return arr.slice();
  const out = []; const k = arr.length / n;
  for (let i = 0; i < n; i++) out.push(arr[Math.floor(i * k)]);
  return out;
}
/** insert `inj` into `carrier` at 'start' | 'middle' | 'end' (middle = nearest paragraph/line/sentence boundary) */
export function embed(carrier, inj, pos) {
  if (pos === 'start') return `${inj}\n\n${carrier}`;
  if (pos === 'end') return `${carrier}\n\n${inj}`;
  const mid = Math.floor(carrier.length / 2);
  let best = -1;
  for (const sep of ['\n\n', '\n', '. ']) {
    let cand = -1, d = Infinity, i = carrier.indexOf(sep);
    while (i !== -1) { const dd = Math.abs(i - mid); if (dd < d && i > 0 && i < carrier.length - sep.length) { d = dd; cand = i + sep.length; } i = carrier.indexOf(sep, i + 1); }
    if (cand !== -1 && d < carrier.length / 3) { best = cand; break; }
  }
  if (best === -1) { best = carrier.indexOf(' ', mid); if (best === -1) best = mid; }
  return `${carrier.slice(0, best).trimEnd()}\n${inj}\n${carrier.slice(best).trimStart()}`;
}

/**
 * Finalise rows: drop <15 chars, dedupe exact text (first label wins; conflicting labels dropped),
 * cap at `cap` with balanced per-source-subset quotas and stride sampling, write JSONL.
 */
export function writeRows(shortName, rows, cap = 2000) {
  const seen = new Map();
  const conflicts = new Set();
  for (const r of rows) {
    if (typeof r.text !== 'string') continue;
    const text = r.text.replace(/\r\n/g, '\n');
    if (text.trim().length < 15) continue;
    if (seen.has(text)) { if (seen.get(text).label !== r.label) conflicts.add(text); continue; }
    seen.set(text, { text, label: r.label, lang: 'en', source: `${shortName}/${r.subset}` });
  }
  let uniq = [...seen.values()].filter((r) => !conflicts.has(r.text));
  if (uniq.length > cap) {
    const groups = new Map();
    for (const r of uniq) { if (!groups.has(r.source + '|' + r.label)) groups.set(r.source + '|' + r.label, []); groups.get(r.source + '|' + r.label).push(r); }
    // water-filling quota per group
    const keys = [...groups.keys()].sort((a, b) => groups.get(a).length - groups.get(b).length);
    let remaining = cap; const quota = new Map();
    keys.forEach((k, i) => { const share = Math.floor(remaining / (keys.length - i)); const q = Math.min(share, groups.get(k).length); quota.set(k, q); remaining -= q; });
    uniq = [];
    for (const k of [...groups.keys()]) uniq.push(...strideSample(groups.get(k), quota.get(k)));
  }
  const file = path.join(OUT_DIR, `${shortName}.jsonl`);
  writeFileSync(file, uniq.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const counts = {};
  for (const r of uniq) { const k = `${r.source} label=${r.label}`; counts[k] = (counts[k] || 0) + 1; }
  const byLabel = { 0: 0, 1: 0 }; for (const r of uniq) byLabel[r.label]++;
  console.log(`${file}: ${uniq.length} rows (label0=${byLabel[0]}, label1=${byLabel[1]}; conflicts dropped=${conflicts.size})`);
  for (const [k, v] of Object.entries(counts).sort()) console.log(`  ${k}: ${v}`);
  return uniq;
}
