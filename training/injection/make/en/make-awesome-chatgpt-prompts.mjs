// Benign role and task prompts ("I want you to act as…", "Imagine you are…") from f/awesome-chatgpt-prompts
// (CC0-1.0): the hard negatives for role-play jailbreaks. The current prompts.csv is too large for the snapshot's
// HEAD, so it is read at the newest commit whose blob is present (printed). Prompts that are themselves jailbreaks
// (DAN, "no restrictions", developer mode, unfiltered personas) are left out.
import { execFileSync } from 'node:child_process';
import { gitDir, shuffle, writeRows } from './lib/common.mjs';

const DIR = gitDir('f/awesome-chatgpt-prompts');
const COMMIT = '50a97c072933c93c76cc0714e9dd4c4cf1d80ae7';
const csv = execFileSync('git', ['--git-dir', DIR, 'show', `${COMMIT}:prompts.csv`], { maxBuffer: 1 << 26 }).toString('utf8');
// RFC 4180: quoted fields may hold commas, doubled quotes and line breaks
function parse(text) {
  const out = [];
  let row = [], field = '', q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') q = false;
      else field += c;
    } else if (c === '"') q = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n') { row.push(field); out.push(row); row = []; field = ''; }
    else if (c !== '\r') field += c;
  }
  if (field || row.length) { row.push(field); out.push(row); }
  return out;
}
const [head, ...records] = parse(csv);
const col = (name) => head.indexOf(name);
const JAILBREAK = /\bDAN\b|jailbreak|no (?:restrictions|limits|rules|filters)|without (?:any )?(?:restrictions|limits|filters|censorship)|unfiltered|uncensored|developer mode|ignore (?:all|any|previous|your)|do anything now|bypass|not bound by|break (?:the|free)/i;
const rows = [];
for (const r of records) {
  const text = (r[col('prompt')] ?? '').trim();
  const type = r[col('type')] ?? 'TEXT';
  if (type !== 'TEXT' || text.length < 10 || text.length > 4000 || JAILBREAK.test(text)) continue;
  rows.push({ text, label: 0, subset: 'prompts' });
}
writeRows('awesome-chatgpt-prompts', shuffle(rows, 11), 1500);
console.log('commit', COMMIT);
