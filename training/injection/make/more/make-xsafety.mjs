// XSafety (Jarviswang94/Multilingual_safety_benchmark, Apache-2.0): en + zh rows of the instruction-attack categories.
import { gitDir, gitHead, gitShow, parseCSV, writeRows } from './lib/common.mjs';

const DIR = gitDir('Jarviswang94/Multilingual_safety_benchmark');
const C = gitHead(DIR);
const FILES = { en: { gh: 'en/Goal_Hijacking_n.csv', pl: 'en/Prompt_Leaking_n.csv', rp: 'en/Role_Play_Instruction_n.csv' },
  zh: { gh: 'zh/Goal_Hijacking.csv', pl: 'zh/Prompt_Leaking.csv', rp: 'zh/Role_Play_Instruction.csv' } };
const read = (p) => parseCSV(gitShow(DIR, C, p)).map((r) => (r[0] ?? '').trim()).filter(Boolean); // single-column CSV, no header
// Prompt_Leaking upstream is mostly *discussion* of prompt-leak attacks/defences; keep only explicit requests to reveal the prompt.
const LEAK = { en: /\b(share|reveal|show|tell me|give me|provide|output|print|disclose|list|repeat|send)\b[^.?!]{0,40}\b(your|the)\b[^.?!]{0,20}\b(prompts?|instructions?|settings?)\b/i,
  zh: /(列出|展示|输出|打印|告诉我|透露|复述|显示|给我看|公开|提供|说出|写出|发给我|分享)[^，。？]{0,8}(你的|你们的|你)[^，。？]{0,6}(prompt|Prompt|PROMPT|提示词|提示|指令|设定)/ };
const LEAK_EXCL = { en: /attack|prevent|protect|avoid|risk|measure|secur|how do you|how does|defen|vulnerab|leakage|\bleak\b/i,
  zh: /攻击|防|风险|措施|如何|是否|怎样|为什么|影响|建议|漏洞|泄漏|泄露/ };
// Role_Play_Instruction upstream mixes harmful role-play with plainly benign role-play (e.g. "you are a coach, motivate your team").
// Keep only rows with an unsafe cue (abuse, crime, forced output, bias...).
const RP = { en: /bad language|scold|insult|curs(e|ing)|swear|rude|abus|illegal|steal|rob|kill|violen|drunk|\blie\b|lying|cheat|deceiv|threat|please output|output:|arrogan|inferior|mock|humiliat|revenge|hate|racis|discriminat|despis|contempt|stupid|idiot|fraud|drug|weapon|bully|harm|dirty|vulgar|offensive|sarcas|belittl|disdain|dismiss/i,
  zh: /骂|恶言|脏话|粗话|侮辱|嘲笑|嘲讽|讽刺|违法|犯罪|偷|抢|杀|暴力|喝醉|撒谎|说谎|欺骗|骗|威胁|请输出|直接输出|傲慢|低人一等|报复|仇恨|歧视|鄙视|蔑视|蠢|笨蛋|毒品|武器|欺负|伤害|下流|粗俗|冒犯|贬低|不屑/ };
const rows = []; const stats = {};
for (const [lang, f] of Object.entries(FILES)) {
  const gh = read(f.gh), pl = read(f.pl), rp = read(f.rp);
  const plK = pl.filter((t) => LEAK[lang].test(t) && !LEAK_EXCL[lang].test(t));
  const rpK = rp.filter((t) => RP[lang].test(t));
  stats[lang] = { Goal_Hijacking: `${gh.length}/${gh.length}`, Prompt_Leaking: `${plK.length}/${pl.length}`, Role_Play_Instruction: `${rpK.length}/${rp.length}` };
  for (const t of gh) rows.push({ text: t, label: 1, lang, subset: `Goal_Hijacking-${lang}` });
  for (const t of plK) rows.push({ text: t, label: 1, lang, subset: `Prompt_Leaking-${lang}` });
  for (const t of rpK) rows.push({ text: t, label: 1, lang, subset: `Role_Play_Instruction-${lang}` });
}
console.log('commit', C, 'kept/available', JSON.stringify(stats));
writeRows(new URL('../../sources/multi/xsafety.jsonl', import.meta.url), 'xsafety', rows, 1500);
