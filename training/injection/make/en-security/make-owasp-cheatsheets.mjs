// Benign security prose from OWASP/CheatSheetSeries (CC BY-SA 4.0): sentences about unauthorized access, bypasses,
// credentials, overrides and injection in their defensive sense — the over-defence negatives a security-aware
// detector needs. Cheat sheets about LLMs and AI agents are left out (they quote injection payloads as examples), as
// are code blocks, tables and any sentence that itself reads as an order to an AI.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

const DIR = `${process.env.MIRROR ?? '/work/.mirror'}/OWASP+CheatSheetSeries/repo`;
const git = (...args) => execFileSync('git', ['--git-dir', DIR, ...args], { maxBuffer: 1 << 26 }).toString('utf8');
const commit = git('rev-parse', 'HEAD').trim();
const SKIP_FILE = /LLM|AI_|Prompt|_AI\b|Agent/i;
const ORDER = /\b(?:ignore|disregard|forget)\b[^.]{0,40}\b(?:instructions?|prompts?|above|previous)\b|\byou are now\b|\bsystem prompt\b|\bact as\b|\bjailbreak/i;
const TRIGGER = /\b(?:bypass|override|unauthori[sz]ed|ignore|system|admin|instructions?|password|credential|secret|token|exfiltrat|inject|forward|send|reveal|disable)\w*/i;
const rows = [];
const seen = new Set();
for (const path of git('ls-tree', '-r', '--name-only', commit, 'cheatsheets').split('\n')) {
  if (!path.endsWith('.md') || SKIP_FILE.test(path)) continue;
  const md = git('show', `${commit}:${path}`).replace(/```[\s\S]*?```/g, '\n');
  for (const line of md.split('\n')) {
    if (/^\s*(?:\||#|!\[|<|- \[)/.test(line)) continue;
    const prose = line.replace(/^\s*(?:[-*]|\d+\.)\s+/, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[`*_]/g, '').trim();
    for (const sentence of prose.split(/(?<=[.!?])\s+(?=[A-Z])/)) {
      const s = sentence.trim();
      if (s.length < 40 || s.length > 600 || ORDER.test(s) || seen.has(s)) continue;
      seen.add(s);
      rows.push({ text: s, label: 0, lang: 'en', source: `owasp-cheatsheets/${TRIGGER.test(s) ? 'trigger' : 'plain'}` });
    }
  }
}
// every k-th row, trigger-word sentences first up to 60% of the cap
const CAP = 2500;
const pick = (xs, n) => (xs.length <= n ? xs : Array.from({ length: n }, (_, i) => xs[Math.floor((i * xs.length) / n)]));
const trig = pick(rows.filter((r) => r.source.endsWith('trigger')), Math.floor(CAP * 0.6));
const plain = pick(rows.filter((r) => r.source.endsWith('plain')), CAP - trig.length);
const out = [...trig, ...plain];
writeFileSync(new URL('../../sources/en/owasp-cheatsheets.jsonl', import.meta.url), `${out.map((r) => JSON.stringify(r)).join('\n')}\n`);
console.log('commit', commit, 'rows', out.length, 'trigger', trig.length, 'available', rows.length);
