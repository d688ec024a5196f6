// hiyouga/LLaMA-Factory (repo Apache-2.0) English demo data: identity.json (Apache-2.0, LLaMA-Factory's own),
// glaive_toolcall_en_demo.json human turns (upstream glaiveai/glaive-function-calling-v2, Apache-2.0),
// alpaca_en_demo.json is left out: it is Alpaca-derived data under CC BY-NC 4.0.
import { repoDir, gitShow, clean, pick, writeJSONL } from './lib.mjs';
const dir = repoDir('hiyouga/LLaMA-Factory');
const rows = [];
for (const o of JSON.parse(gitShow(dir, 'data/identity.json'))) rows.push({ text: o.instruction, source: 'llamafactory-en/identity' });
for (const o of JSON.parse(gitShow(dir, 'data/glaive_toolcall_en_demo.json')))
  for (const m of o.conversations) if (m.from === 'human') rows.push({ text: m.value, source: 'llamafactory-en/glaive_toolcall-human' });
writeJSONL('llamafactory-en', pick(clean(rows), 2500, 0.4));
