// Benign word problems from openai/grade-school-math (MIT), test split questions.
import { gitDir, gitHead, gitShow, shuffle, writeRows } from './lib/common.mjs';

const DIR = gitDir('openai/grade-school-math');
const C = gitHead(DIR);
const rows = gitShow(DIR, C, 'grade_school_math/data/test.jsonl')
  .split('\n')
  .filter(Boolean)
  .map((l) => ({ text: JSON.parse(l).question, label: 0, subset: 'test-questions' }));
writeRows('gsm8k', shuffle(rows, 19), 500);
console.log('commit', C);
