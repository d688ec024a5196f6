// Taskmaster (google-research-datasets/Taskmaster, CC BY 4.0): TM-4-2024 dialog utterances (TM-1/2/3 dialog files absent from snapshot).
import { repoDir, gitShow, gitLs, clean, pick, writeJSONL } from './lib.mjs';
const dir = repoDir('google-research-datasets/Taskmaster');
const rows = [];
for (const f of gitLs(dir).filter((f) => /^TM-4-2024\/data\/data_\d+\.json$/.test(f.path)).sort((a, b) => a.path.localeCompare(b.path))) {
  for (const d of JSON.parse(gitShow(dir, f.path)))
    for (const u of d.utterances || []) rows.push({ text: u.text, source: `taskmaster/tm4-${u.speaker}` });
}
const c = clean(rows);
const users = c.filter((r) => r.source.endsWith('-user')), asst = c.filter((r) => !r.source.endsWith('-user'));
const pu = pick(users, 1800, 0.4), pa = pick(asst, 700, 0.4);
writeJSONL('taskmaster', { rows: [...pu.rows, ...pa.rows], nTrig: pu.nTrig + pa.nTrig, nTrigAvail: pu.nTrigAvail + pa.nTrigAvail, nAvail: c.length });
