// Label-0 benign Chinese text from PlexPt/awesome-chatgpt-prompts-zh (MIT, LICENSE):
//  question/*.md: markdown tables |标题|问题| of ordinary user questions.
//  The role prompts (prompts-zh.json) are left out: they translate f/awesome-chatgpt-prompts, which the in-the-wild
//  jailbreak collections the product is measured on drew their "regular prompts" from.
import { gitShow, gitHead, gitLs, clean, pickBenign, everyK, writeJSONL } from './lib.mjs';

const DIR = `${process.env.MIRROR ?? '/work/.mirror'}/PlexPt+awesome-chatgpt-prompts-zh/repo`;
const JB = /DAN|越狱|jailbreak|不受(任何)?(限制|约束)|没有(任何)?限制|忽略|无视|开发者模式|developer mode|不道德|绕过|政策|不过滤|过滤/i;
const roles = JSON.parse(gitShow(DIR, 'prompts-zh.json'));
const roleRows = clean(roles.filter((r) => !JB.test(r.prompt)).map((r) => ({ text: r.prompt, label: 0, source: 'awesome-prompts-zh/role_prompts' })));

const qs = [];
for (const p of gitLs(DIR).filter((p) => /^question\/\d+\.md$/.test(p)).sort((a, b) => parseInt(a.slice(9)) - parseInt(b.slice(9)))) {
  for (const line of gitShow(DIR, p).split('\n')) {
    const m = line.match(/^\|([^|]*)\|([^|]*)\|/);
    if (!m) continue;
    const q = m[2].trim();
    if (!q || q === '问题' || /^-+$/.test(q)) continue;
    qs.push({ text: q, label: 0, source: 'awesome-prompts-zh/questions' });
  }
}
const roleSet = new Set(roleRows.map((r) => r.text));
const qrows = clean(qs).filter((r) => !roleSet.has(r.text));
const CAP = 2500;
const roleKeep = [];
const { rows: qsel, nTrig, nTrigAvail } = pickBenign(qrows, CAP - roleKeep.length, 0.4);
console.log('commit', gitHead(DIR), 'roles', roleRows.length, 'questions', qrows.length, 'trigger rows avail', nTrigAvail, 'kept', nTrig);
writeJSONL(new URL('../../sources/zh/awesome-prompts-zh.jsonl', import.meta.url).pathname, [...roleKeep, ...qsel]);
