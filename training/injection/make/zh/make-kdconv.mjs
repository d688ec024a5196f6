// Label-0 natural Chinese conversational utterances from thu-coai/KdConv (Apache-2.0, LICENSE):
// data/{film,music,travel}/{dev,test}.json (train.json files are >4 MiB and absent from the mirror).
import { gitShow, gitHead, clean, pickBenign, writeJSONL } from './lib.mjs';

const DIR = `${process.env.MIRROR ?? '/work/.mirror'}/thu-coai+KdConv/repo`;
const rows = [];
for (const dom of ['film', 'music', 'travel']) for (const sp of ['dev', 'test']) {
  for (const dlg of JSON.parse(gitShow(DIR, `data/${dom}/${sp}.json`))) {
    for (const m of dlg.messages || []) if (typeof m.message === 'string') rows.push({ text: m.message, label: 0, source: `kdconv/${dom}` });
  }
}
const c = clean(rows);
const { rows: out, nTrig, nTrigAvail } = pickBenign(c, 2500, 0.4);
console.log('commit', gitHead(DIR), 'rows', c.length, 'trigger avail', nTrigAvail, 'kept', nTrig);
writeJSONL(new URL('../../sources/zh/kdconv.jsonl', import.meta.url).pathname, out);
