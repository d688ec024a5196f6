// Benign prompts from lm-sys/FastChat (Apache-2.0): MT-bench's 80 two-turn questions (writing, role-play,
// reasoning, math, coding, extraction, STEM, humanities) and the Vicuna bench's 80 questions. Second turns
// ("Rewrite your previous response…", "Take your previous response and…") and the role-play openers ("Pretend
// yourself to be…", "Imagine yourself as…") are the benign forms of phrases injections use.
import { gitDir, gitHead, gitShow, writeRows } from './lib/common.mjs';

const DIR = gitDir('lm-sys/FastChat');
const C = gitHead(DIR);
const rows = [];
for (const [file, subset] of [['fastchat/llm_judge/data/mt_bench/question.jsonl', 'mt-bench'], ['fastchat/llm_judge/data/vicuna_bench/question.jsonl', 'vicuna-bench']])
  for (const line of gitShow(DIR, C, file).split('\n').filter(Boolean)) {
    const q = JSON.parse(line);
    for (const t of q.turns ?? [q.text]) if (t) rows.push({ text: t, label: 0, subset });
  }
writeRows('fastchat-bench', rows, 1000);
console.log('commit', C);
