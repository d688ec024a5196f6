// Shared helpers for training/injection/make/en-benign/make-*.mjs (read bare git mirrors, write JSONL to sources/en/).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

export const MIRROR = process.env.MIRROR ?? '/work/.mirror';
export const OUT = new URL('../../sources/en', import.meta.url).pathname;
export const repoDir = (ownerName) => `${MIRROR}/${ownerName.replace('/', '+')}/repo`;
export function gitShowBuf(dir, path, rev = 'HEAD') {
  return execFileSync('git', ['-C', dir, 'show', `${rev}:${path}`], { maxBuffer: 1 << 30 });
}
export const gitShow = (dir, path, rev = 'HEAD') => gitShowBuf(dir, path, rev).toString('utf8');
export const gitShowGz = (dir, path, rev = 'HEAD') => gunzipSync(gitShowBuf(dir, path, rev)).toString('utf8');
export function gitHead(dir) {
  return execFileSync('git', ['-C', dir, 'rev-parse', 'HEAD']).toString().trim();
}
// Files present in the snapshot (objects that actually exist; large files may be listed but absent).
export function gitLs(dir, rev = 'HEAD') {
  const out = execFileSync('git', ['-C', dir, 'ls-tree', '-r', '-l', '-z', rev], { maxBuffer: 1 << 28 }).toString('utf8');
  return out.split('\0').filter(Boolean).map((l) => {
    const [meta, path] = l.split('\t');
    const size = meta.trim().split(/\s+/)[3];
    return { path, size: /^\d+$/.test(size) ? Number(size) : -1 };
  }).filter((f) => f.size >= 0);
}
export const norm = (t) => String(t ?? '').replace(/\r\n?/g, '\n').replace(/[ \t\u00a0]+/g, ' ').replace(/\n{3,}/g, '\n\n').trim();

// English trigger words used in their ordinary meaning (kept preferentially).
export const TRIGGER = /\b(ignor(e|es|ed|ing)|overrid(e|es|den|ing)|system|instructions?|previous(ly)?|forget|forgot|pretend(ing)?|act as|acting as|developer mode|jailbr(eak|oken|eaking)|prompts?|admin(istrator)?|disregard|bypass|rules?|role ?play|you are now|from now on|reset|restrict(ed|ions?)?|unlock|secret|password|confidential)\b/i;

export function everyK(arr, n) {
  if (arr.length <= n) return arr.slice();
  const out = []; const step = arr.length / n;
  for (let i = 0; i < n; i++) out.push(arr[Math.floor(i * step)]);
  return out;
}
// Normalise, drop <10 or >4000 chars, dedupe by text (first occurrence wins; order preserved).
export function clean(rows) {
  const seen = new Set(); const out = [];
  for (const r of rows) {
    const t = norm(r.text);
    if (t.length < 10 || t.length > 4000) continue;
    const k = t.toLowerCase();
    if (seen.has(k)) continue;
    seen.add(k); out.push({ ...r, text: t });
  }
  return out;
}
// Trigger-word rows first (up to share*cap, every-k-th), rest filled by every-k-th sampling.
export function pick(rows, cap = 2500, share = 0.4) {
  const trig = rows.filter((r) => TRIGGER.test(r.text));
  const rest = rows.filter((r) => !TRIGGER.test(r.text));
  let a = everyK(trig, Math.floor(cap * share));
  let b = everyK(rest, cap - a.length);
  if (a.length + b.length < cap && trig.length > a.length) a = everyK(trig, cap - b.length); // fill from trigger pool if rest is short
  return { rows: [...a, ...b], nTrig: a.length, nTrigAvail: trig.length, nAvail: rows.length };
}
export function writeJSONL(name, picked) {
  const file = `${OUT}/${name}.jsonl`;
  writeFileSync(file, picked.rows.map((r) => JSON.stringify({ text: r.text, label: 0, lang: 'en', source: r.source })).join('\n') + '\n');
  const bySrc = {}; for (const r of picked.rows) bySrc[r.source] = (bySrc[r.source] || 0) + 1;
  console.log(JSON.stringify({ file, rows: picked.rows.length, available_after_clean: picked.nAvail, trigger_rows: picked.nTrig, trigger_available: picked.nTrigAvail, by_source: bySrc }));
}

// Markdown/MDX -> prose units (paragraphs and list items); code blocks, tables, front matter, JSX/HTML dropped.
export function mdUnits(src) {
  let s = String(src).replace(/\r\n?/g, '\n');
  s = s.replace(/^---\n[\s\S]*?\n---\n/, '');
  { // drop fenced code blocks line-wise (robust to indentation / unclosed fences)
    const keep = []; let inCode = false;
    for (const l of s.split('\n')) {
      if (/^\s*(```|~~~)/.test(l)) { inCode = !inCode; keep.push(''); continue; }
      keep.push(inCode || /^( {4}|\t)\S/.test(l) && !/^\s*([-*+]|\d+[.)])\s/.test(l) && false ? '' : (inCode ? '' : l));
    }
    s = keep.join('\n');
  }
  s = s.replace(/<!--[\s\S]*?-->/g, '');
  const units = [];
  for (const block of s.split(/\n\s*\n/)) {
    const lines = block.split('\n').filter((l) => !/^\s*(import |export |<\/?[A-Za-z][^>]*>\s*$|\||:::|\{\/\*|[-=]{3,}\s*$)/.test(l));
    if (!lines.length) continue;
    let cur = [];
    const flush = () => { if (cur.length) units.push(cur.join(' ')); cur = []; };
    for (const l of lines) {
      if (/^\s*([-*+]|\d+[.)])\s+/.test(l)) { flush(); cur.push(l.replace(/^\s*([-*+]|\d+[.)])\s+/, '')); }
      else if (/^\s*#{1,6}\s/.test(l)) { flush(); units.push(l.replace(/^\s*#{1,6}\s+/, '')); }
      else cur.push(l.trim().replace(/^>\s?/, ''));
    }
    flush();
  }
  return units.map((u) => u
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\[[^\]]*\]/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/\*\*|__/g, '')
    .replace(/\s+/g, ' ').trim())
    .filter((u) => u.length >= 10 && u.split(' ').length >= 4 && ((u.match(/[{}();=<>$\[\]\\|#@]/g) || []).length / u.length) < 0.04 && /[a-z]{3,}/.test(u) && !/^\[[^\]]+\]:\s*\S+$/.test(u) && (u.match(/[A-Za-z]/g) || []).length / u.length > 0.5);
}

// Build a docs source: every present .md/.mdx file matching include (and not exclude) -> prose units.
export function docsRows(repo, include, exclude, short) {
  const dir = repoDir(repo);
  const rows = [];
  const files = gitLs(dir).filter((f) => /\.mdx?$/.test(f.path) && include.test(f.path) && !(exclude && exclude.test(f.path)))
    .sort((a, b) => a.path.localeCompare(b.path));
  for (const f of files) {
    const sub = f.path.split('/').length > 1 ? f.path.split('/')[0] : 'root';
    for (const u of mdUnits(gitShow(dir, f.path))) rows.push({ text: u, source: `${short}/${/changelog/i.test(f.path) ? 'changelog' : sub}` });
  }
  return { rows, nFiles: files.length };
}
