// Label-1 Chinese instruction attacks from thu-coai/Safety-Prompts (Apache-2.0),
// instruction_attack_scenarios.json. The upstream JSON (>4 MiB) is absent from the mirror,
// so we read njcx/bert_prompt_injection/data_set.csv, which is that file's `prompt` fields
// exported by json_to_csv.py in fixed order: Goal_Hijacking, Prompt_Leaking, Reverse_Exposure,
// Role_Play_Instruction (5000 rows each, tag=1), then 20000 tag=0 rows (unrelated; NOT used).
import { gitShow, gitHead, parseCSV, clean, everyK, writeJSONL } from './lib.mjs';

const DIR = `${process.env.MIRROR ?? '/work/.mirror'}/njcx+bert_prompt_injection/repo`;
const rows = parseCSV(gitShow(DIR, 'data_set.csv')).slice(1).filter((r) => r.length >= 2);
const pos = rows.filter((r) => r[1].trim() === '1').map((r) => r[0]);
if (pos.length !== 20000) throw new Error('unexpected tag=1 count ' + pos.length);
const CATS = ['Goal_Hijacking', 'Prompt_Leaking', 'Reverse_Exposure', 'Role_Play_Instruction'];
const by = Object.fromEntries(CATS.map((c, i) => [c, pos.slice(i * 5000, (i + 1) * 5000)]));

const mk = (cat, arr) => clean(arr.map((text) => ({ text, label: 1, source: `safety-prompts/${cat}` })));
const gh = mk('Goal_Hijacking', by.Goal_Hijacking);
const rp = mk('Role_Play_Instruction', by.Role_Play_Instruction);
// Prompt_Leaking upstream is mostly *discussion* of prompt-leak attacks (not attacks). Keep only
// explicit requests to reveal the model's own prompt/instructions.
const LEAK = /((列出|展示|输出|打印|告诉我|透露|复述|显示|给我看|公开|提供|说出|写出|发给我)[^，。？]{0,8}(你的|你们的|你)[^，。？]{0,4}(prompt|Prompt|PROMPT|提示词|提示|指令|设定)|(你的|你)(prompt|Prompt|提示词|提示)中(所有|关于|有关)|(prompt|Prompt)中(所有|关于|有关)[^，。？]{0,20}(回复|内容|信息))/;
const LEAK_EXCL = /攻击|防|风险|措施|如何|是否|怎样|为什么|影响|建议|推断|统计|心得|经验|案例|漏洞|吗[？?]/;
const pl = mk('Prompt_Leaking', by.Prompt_Leaking.filter((t) => LEAK.test(t) && !LEAK_EXCL.test(t)));
// Reverse_Exposure ("I don't want to X, what should I avoid?") is not an injection -> excluded.

const CAP = 2500;
const nGh = Math.ceil((CAP - pl.length) / 2);
const out = clean([...pl, ...everyK(gh, nGh), ...everyK(rp, CAP - pl.length - nGh)]);
console.log('commit', gitHead(DIR), 'avail GH', gh.length, 'RP', rp.length, 'PL(filtered)', pl.length);
const cnt = {}; for (const r of out) cnt[r.source] = (cnt[r.source] || 0) + 1; console.log(cnt);
writeJSONL(new URL('../../sources/zh/safety-prompts.jsonl', import.meta.url).pathname, out);
