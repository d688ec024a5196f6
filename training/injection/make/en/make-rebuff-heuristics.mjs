// Instruction-bypass phrases generated exactly like protectai/rebuff (Apache-2.0)
// python-sdk/rebuff/detect_pi_heuristics.py::generate_injection_keywords (verb x adjective x object x preposition).
// The same grammar is used by deadbits/vigil-llm data/yara/instruction_bypass.yar (Apache-2.0) - not re-emitted.
// Only combinations WITH an adjective (prior/previous/above/...) are kept, and the result is stride-sampled,
// because the raw grammar is highly repetitive.
import { gitDir, gitHead, gitShow, shuffle, strideSample, writeRows } from './lib/common.mjs';

const DIR = gitDir('protectai/rebuff');
const C = gitHead(DIR);
const src = gitShow(DIR, C, 'python-sdk/rebuff/detect_pi_heuristics.py');
const list = (name) => {
  const m = src.match(new RegExp(`${name} = \\[([\\s\\S]*?)\\]`));
  return [...m[1].matchAll(/"([^"]*)"/g)].map((x) => x[1]);
};
const verbs = list('verbs'), adjectives = list('adjectives'), prepositions = list('prepositions'), objects = list('objects');
const out = [];
for (const v of verbs) for (const a of adjectives) for (const o of objects) for (const p of prepositions) {
  if (!a) continue;
  out.push([v, a, o, p].filter(Boolean).join(' '));
}
// light surface variation so rows are not all Title-case fragments
const rows = strideSample(shuffle(out, 17), 700).map((t, i) => {
  let s = t;
  if (i % 3 === 1) s = s.toLowerCase();
  if (i % 4 === 2) s = s + '.';
  if (i % 5 === 3) s = s.toUpperCase();
  return { text: s, label: 1, subset: 'injection-keywords' };
});
console.error(`grammar size (with adjective): ${out.length}`);
writeRows('rebuff-heuristics', rows, 2000);
console.log('commit', C);
