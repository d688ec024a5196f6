// Benign instructions from yizhongw/self-instruct (Apache-2.0): the 175 seed tasks and 252 user-oriented tasks
// (instruction alone and with its input), and a sample of the T0/P3 prompted training rows the repository ships
// (questions over passages, reviews, news: instructions with content around them), 6 per template.
import { gitDir, gitHead, gitLs, gitShow, shuffle, writeRows } from './lib/common.mjs';

const DIR = gitDir('yizhongw/self-instruct');
const C = gitHead(DIR);
const jsonl = (p) => gitShow(DIR, C, p).split('\n').filter(Boolean).map((l) => JSON.parse(l));
const rows = [];
for (const [file, subset] of [['data/seed_tasks.jsonl', 'seed'], ['human_eval/user_oriented_instructions.jsonl', 'user-oriented']]) {
  for (const t of jsonl(file)) {
    rows.push({ text: t.instruction, label: 0, subset });
    const input = t.instances?.[0]?.input;
    if (input) rows.push({ text: `${t.instruction}\n\n${input}`, label: 0, subset: `${subset}-with-input` });
  }
}
for (const f of gitLs(DIR, C, 'data/finetuning/t0_train_50k/data_per_template')) {
  if (!f.endsWith('.jsonl')) continue;
  const recs = jsonl(f);
  const step = Math.max(1, Math.floor(recs.length / 6));
  for (let i = 0; i < recs.length && i < step * 6; i += step) rows.push({ text: recs[i].prompt, label: 0, subset: 't0-prompts' });
}
writeRows('self-instruct', shuffle(rows.filter((r) => r.text.length <= 4000), 13), 2500);
console.log('commit', C);
