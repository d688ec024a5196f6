// Label-0 ordinary Chinese user requests from thu-coai/CrossWOZ (Apache-2.0, LICENSE):
// user ("usr") turns of data/crosswoz/{val,test}.json.zip (train zip absent, >4 MiB).
import { execFileSync } from 'node:child_process';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gitHead, clean, pickBenign, writeJSONL } from './lib.mjs';

const DIR = `${process.env.MIRROR ?? '/work/.mirror'}/thu-coai+CrossWOZ/repo`;
const rows = [];
for (const sp of ['val', 'test']) {
  const zip = execFileSync('git', ['-C', DIR, 'show', `HEAD:data/crosswoz/${sp}.json.zip`], { maxBuffer: 1 << 28 });
  const tmp = mkdtempSync(join(tmpdir(), 'cw-')); const zp = join(tmp, 'a.zip'); writeFileSync(zp, zip);
  const json = execFileSync('unzip', ['-p', zp], { maxBuffer: 1 << 30 }).toString('utf8'); rmSync(tmp, { recursive: true });
  for (const dlg of Object.values(JSON.parse(json))) {
    for (const m of dlg.messages || []) if (m.role === 'usr') rows.push({ text: m.content, label: 0, source: `crosswoz/${sp}_usr` });
  }
}
const c = clean(rows);
const { rows: out, nTrig, nTrigAvail } = pickBenign(c, 2500, 0.4);
console.log('commit', gitHead(DIR), 'rows', c.length, 'trigger avail', nTrigAvail, 'kept', nTrig);
writeJSONL(new URL('../../sources/zh/crosswoz.jsonl', import.meta.url).pathname, out);
