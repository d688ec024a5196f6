// databricks-dolly-15k subset (CC BY-SA 3.0) vendored as ANTI-Tony/triforce-reproduce data/dolly.jsonl (Alpaca-template prompts).
// The full databricks-dolly-15k.jsonl (13 MB) is only available as a Git LFS pointer / >4 MiB file in fetchable snapshots.
import { repoDir, gitShow, clean, pick, writeJSONL } from './lib.mjs';
const dir = repoDir('ANTI-Tony/triforce-reproduce');
const rows = [];
for (const line of gitShow(dir, 'data/dolly.jsonl').split('\n').filter(Boolean)) {
  const o = JSON.parse(line);
  const m = /### Instruction:\n([\s\S]*?)\n\n### (Input|Context):\n([\s\S]*?)\n\n### Response:/.exec(o.prompt) || /### Instruction:\n([\s\S]*?)\n\n### Response:/.exec(o.prompt);
  if (!m) continue;
  const text = m[3] !== undefined ? `${m[1]}\n\n${m[3]}` : m[1];
  rows.push({ text, source: `dolly/triforce-${m[3] !== undefined ? 'with-context' : 'instruction'}` });
}
writeJSONL('dolly', pick(clean(rows), 2500, 0.4));
