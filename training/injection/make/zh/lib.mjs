// Shared helpers for the make-*.mjs scripts (read from bare git mirrors, write JSONL).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

export function gitShow(dir, path, rev = 'HEAD') {
  return execFileSync('git', ['-C', dir, 'show', `${rev}:${path}`], { maxBuffer: 1 << 30 }).toString('utf8');
}
export function gitHead(dir) {
  return execFileSync('git', ['-C', dir, 'rev-parse', 'HEAD']).toString().trim();
}
export function gitLs(dir, rev = 'HEAD') {
  return execFileSync('git', ['-C', dir, 'ls-tree', '-r', '--name-only', '-z', rev], { maxBuffer: 1 << 28 })
    .toString('utf8').split('\0').filter(Boolean);
}
// Minimal RFC4180 CSV parser.
export function parseCSV(s) {
  if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
  const rows = []; let row = []; let f = ''; let q = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (q) {
      if (c === '"') { if (s[i + 1] === '"') { f += '"'; i++; } else q = false; }
      else f += c;
    } else if (c === '"') q = true;
    else if (c === ',') { row.push(f); f = ''; }
    else if (c === '\n') { row.push(f.replace(/\r$/, '')); rows.push(row); row = []; f = ''; }
    else f += c;
  }
  if (f !== '' || row.length) { row.push(f.replace(/\r$/, '')); rows.push(row); }
  return rows;
}
export const norm = (t) => String(t ?? '').replace(/\r\n?/g, '\n').replace(/[ \t\u3000]+/g, ' ').trim();
export const TRIGGER = /忽略|系统|指令|角色|提示|覆盖|扮演|无视|规则|设定|限制|命令|忘记|密码|模式|身份|假设|现在你|你是一/;

// Deterministic every-k-th sampling of n items from arr (keeps order).
export function everyK(arr, n) {
  if (arr.length <= n) return arr.slice();
  const out = []; const step = arr.length / n;
  for (let i = 0; i < n; i++) out.push(arr[Math.floor(i * step)]);
  return out;
}
// Dedupe by text, drop < 6 chars.
export function clean(rows) {
  const seen = new Set(); const out = [];
  for (const r of rows) {
    const t = norm(r.text);
    if ([...t].length < 6 || seen.has(t)) continue;
    seen.add(t); out.push({ ...r, text: t });
  }
  return out;
}
// Benign selection: trigger-word rows first (up to triggerShare*cap), rest filled by every-k sampling.
export function pickBenign(rows, cap = 2500, triggerShare = 0.4) {
  const trig = rows.filter((r) => TRIGGER.test(r.text));
  const rest = rows.filter((r) => !TRIGGER.test(r.text));
  const a = everyK(trig, Math.floor(cap * triggerShare));
  const b = everyK(rest, cap - a.length);
  return { rows: [...a, ...b], nTrig: a.length, nTrigAvail: trig.length };
}
export function writeJSONL(file, rows) {
  writeFileSync(file, rows.map((r) => JSON.stringify({ text: r.text, label: r.label, lang: 'zh', source: r.source })).join('\n') + '\n');
  const c = {}; for (const r of rows) c[r.label] = (c[r.label] || 0) + 1;
  console.log(file, rows.length, JSON.stringify(c));
}
