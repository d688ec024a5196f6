// Jailbreak prompts from JailbreakBench/artifacts (MIT, "Each artifact is released under MIT license owned by the artifacts authors").
// Methods used: PAIR (persuasive role-play), prompt_with_random_search (rule template + adversarial suffix),
// GCG and DSN (goal + optimised adversarial suffix). JBC (= AIM prompt from jailbreakchat, an in-the-wild jailbreak) is deliberately skipped.
import { gitDir, gitHead, gitShow, gitLs, shuffle, writeRows } from './lib/common.mjs';

const DIR = gitDir('JailbreakBench/artifacts');
const C = gitHead(DIR);
const rows = [];
for (const f of gitLs(DIR, C, 'attack-artifacts')) {
  const m = f.match(/^attack-artifacts\/([^/]+)\/(black_box|white_box|transfer)\/(.+)\.json$/);
  if (!m) continue;
  const [, method] = m;
  if (method === 'JBC' || method === 'test-artifact') continue;
  const d = JSON.parse(gitShow(DIR, C, f));
  for (const j of d.jailbreaks || []) {
    if (!j.prompt || typeof j.prompt !== 'string') continue;
    // a bare harmful goal without any jailbreak framing is not an injection
    if (j.goal && j.prompt.trim() === j.goal.trim()) continue;
    rows.push({ text: j.prompt, label: 1, subset: method });
  }
}
writeRows('jbb-artifacts', shuffle(rows, 5), 2000);
console.log('commit', C);
