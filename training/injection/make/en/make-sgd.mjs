// Benign conversational user turns from the Schema-Guided Dialogue dataset (CC BY-SA 4.0,
// google-research-datasets/dstc8-schema-guided-dialogue): booking, travel, music, banking requests and thanks.
import { gitDir, gitHead, gitLs, gitShow, shuffle, writeRows } from './lib/common.mjs';

const DIR = gitDir('google-research-datasets/dstc8-schema-guided-dialogue');
const C = gitHead(DIR);
const rows = [];
for (const f of gitLs(DIR, C, 'dev').concat(gitLs(DIR, C, 'test'))) {
  if (!/dialogues_\d+\.json$/.test(f)) continue;
  let dialogues;
  try {
    dialogues = JSON.parse(gitShow(DIR, C, f));
  } catch {
    continue; // a file absent from the snapshot
  }
  for (const d of dialogues)
    for (const t of d.turns) if (t.speaker === 'USER' && t.utterance.length >= 10) rows.push({ text: t.utterance, label: 0, subset: 'user' });
}
writeRows('sgd', shuffle(rows, 17), 2000);
console.log('commit', C);
