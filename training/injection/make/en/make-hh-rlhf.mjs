// First human turns of anthropics/hh-rlhf harmless-base test (MIT). Many are harmful *requests*; none is an
// instruction override or a jailbreak frame, so they are negatives for an injection detector: what makes a prompt an
// injection is its framing, not its topic. Turns that do carry a jailbreak frame are left out.
import { execFileSync } from 'node:child_process';
import { gunzipSync } from 'node:zlib';
import { gitDir, gitHead, shuffle, writeRows } from './lib/common.mjs';

const DIR = gitDir('anthropics/hh-rlhf');
const C = gitHead(DIR);
const gz = execFileSync('git', ['-C', DIR, 'show', `${C}:harmless-base/test.jsonl.gz`], { maxBuffer: 1 << 26 });
const FRAME = /\b(?:ignore|disregard|forget) (?:all|your|previous|prior|the above)|pretend|role-?play|act as|you are now|no (?:rules|restrictions|limits)|jailbreak|DAN\b|developer mode|system prompt/i;
const rows = [];
for (const line of gunzipSync(gz).toString('utf8').split('\n')) {
  if (!line) continue;
  const m = JSON.parse(line).chosen.match(/^\s*Human: ([\s\S]*?)\n\nAssistant:/);
  if (!m) continue;
  const text = m[1].trim();
  if (text.length >= 10 && !FRAME.test(text)) rows.push({ text, label: 0, subset: 'harmless-base-test-first-turn' });
}
writeRows('hh-rlhf', shuffle(rows, 23), 1500);
console.log('commit', C);
