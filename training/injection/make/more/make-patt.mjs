// swisskyrepo/PayloadsAllTheThings (MIT): "Prompt Injection/README.md" example payloads (direct + indirect), label 1.
// Skipped on purpose: the "Applications" act-as prompts (copied from f/awesome-chatgpt-prompts, forbidden), system-prompt
// format stubs (INJECT_HERE), table rows that are descriptions rather than prompts, and benign-looking capability tests.
import { gitDir, gitHead, gitShow, writeRows } from './lib/common.mjs';

const DIR = gitDir('swisskyrepo/PayloadsAllTheThings');
const C = gitHead(DIR);
const md = gitShow(DIR, C, 'Prompt Injection/README.md');
const section = (h) => { const i = md.indexOf(`## ${h}`); const j = md.indexOf('\n## ', i + 3); return md.slice(i, j === -1 ? undefined : j); };
const rows = []; const push = (text, subset) => rows.push({ text, label: 1, lang: 'en', subset });
const blocks = (s) => [...s.matchAll(/```[a-z0-9]*\n([\s\S]*?)```/g)].map((m) => m[1].replace(/^ {4}/gm, '').trim());

// Direct: inline-code bullets, fenced block (cross-plugin request forgery), and the strategy table's "Prompt Example" column
const direct = section('Direct Prompt Injection');
for (const m of direct.matchAll(/^\* [^:\n]+: `([^`]+)`/gm)) push(m[1], 'direct-bullet');
for (const b of blocks(direct)) push(b, 'direct-block');
const SKIP_TACTIC = /Test Print|Test Hash Calculation|Enforce Alternative Formatting|Force Model into Infinite Loop|Token Flooding|Complex Nested Input|Fine-Tuning|Use of Unsafe Function Calls|Ambiguous Intent Injection|Use of Thought Simulation|Inject Bias via External Claims/;
for (const line of direct.split('\n')) {
  const cells = line.split('|').map((c) => c.trim());
  if (cells.length < 5 || !cells[3].startsWith('`') || SKIP_TACTIC.test(cells[2])) continue;
  const m = cells[3].match(/^`(.+)`/); if (m) push(m[1], 'direct-table');
}
// Indirect: EXIF metadata block, HTML/JS comments (one row each), API response JSON
const indirect = section('Indirect Prompt Injection');
for (const b of blocks(indirect)) {
  const ls = b.split('\n');
  if (ls.every((l) => /^(\/\/|<!--)/.test(l.trim()))) for (const l of ls) push(l.trim(), 'indirect'); else push(b, 'indirect');
}
console.log('commit', C);
writeRows(new URL('../../sources/en/patt.jsonl', import.meta.url), 'patt', rows, 1500);
