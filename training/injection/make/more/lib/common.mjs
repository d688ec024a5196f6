// Shared helpers for /work/datasets/more generators. Deterministic (no Math.random).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const MIRROR = process.env.MIRROR ?? '/work/.mirror';
export const gitDir = (repo) => `${MIRROR}/${repo.replace('/', '+')}/repo`;
export const gitHead = (dir) => execFileSync('git', ['--git-dir', dir, 'rev-parse', 'HEAD']).toString().trim();
export const gitShow = (dir, commit, p) =>
  execFileSync('git', ['--git-dir', dir, 'show', `${commit}:${p}`], { maxBuffer: 1 << 28 }).toString('utf8').replace(/^\uFEFF/, '');
/** static literal extraction from a python file (lib/pyextract.py): {module:{}, classes:{Cls:{bases, attrs}}} (attrs include self.X literals in methods) */
export function pyExtract(dir, commit, p) {
  const script = fileURLToPath(new URL('./pyextract.py', import.meta.url));
  return JSON.parse(execFileSync('python3', [script, dir, commit, p], { maxBuffer: 1 << 28 }).toString('utf8'));
}
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => { a = (a + 0x6D2B79F5) >>> 0; let t = a; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
}
export function strideSample(arr, n) {
  if (arr.length <= n) return arr.slice();
  const out = []; const k = arr.length / n;
  for (let i = 0; i < n; i++) out.push(arr[Math.floor(i * k)]);
  return out;
}
/** RFC-4180-ish CSV parser */
export function parseCSV(text) {
  const rows = []; let row = [], f = '', q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q) { if (c === '"') { if (text[i + 1] === '"') { f += '"'; i++; } else q = false; } else f += c; }
    else if (c === '"') q = true;
    else if (c === ',') { row.push(f); f = ''; }
    else if (c === '\n' || c === '\r') { if (c === '\r' && text[i + 1] === '\n') i++; row.push(f); rows.push(row); row = []; f = ''; }
    else f += c;
  }
  if (f || row.length) { row.push(f); rows.push(row); }
  return rows;
}
/**
 * rows: {text,label,lang,subset}. Normalises CRLF, drops <10 or >6000 chars (after trim), dedupes exact text
 * (conflicting labels -> dropped), caps at `cap` with per (subset,label) water-filling quotas + stride sampling.
 * Writes <shortName>.jsonl next to the calling script (outUrl).
 */
export function writeRows(outUrl, shortName, rows, cap = 1500) {
  const seen = new Map(); const conflicts = new Set();
  for (const r of rows) {
    if (typeof r.text !== 'string') continue;
    const text = r.text.replace(/\r\n?/g, '\n').trim();
    if (text.length < 10 || text.length > 6000) continue;
    if (seen.has(text)) { if (seen.get(text).label !== r.label) conflicts.add(text); continue; }
    seen.set(text, { text, label: r.label, lang: r.lang, source: `${shortName}/${r.subset}` });
  }
  let uniq = [...seen.values()].filter((r) => !conflicts.has(r.text));
  if (uniq.length > cap) {
    const groups = new Map();
    for (const r of uniq) { const k = r.source + '|' + r.label; if (!groups.has(k)) groups.set(k, []); groups.get(k).push(r); }
    const keys = [...groups.keys()].sort((a, b) => groups.get(a).length - groups.get(b).length || (a < b ? -1 : 1));
    let remaining = cap; const quota = new Map();
    keys.forEach((k, i) => { const q = Math.min(Math.floor(remaining / (keys.length - i)), groups.get(k).length); quota.set(k, q); remaining -= q; });
    uniq = []; for (const k of groups.keys()) uniq.push(...strideSample(groups.get(k), quota.get(k)));
  }
  writeFileSync(outUrl, uniq.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const counts = {}; const byLabel = { 0: 0, 1: 0 };
  for (const r of uniq) { const k = `${r.source} lang=${r.lang} label=${r.label}`; counts[k] = (counts[k] || 0) + 1; byLabel[r.label]++; }
  console.log(`${fileURLToPath(outUrl)}: ${uniq.length} rows (label0=${byLabel[0]}, label1=${byLabel[1]}; conflicts dropped=${conflicts.size})`);
  for (const [k, v] of Object.entries(counts).sort()) console.log(`  ${k}: ${v}`);
  return uniq;
}
