// palera1n/palera1n (MIT, LICENSE): iOS jailbreak tool docs — README prose + man pages (docs/palera1n.1, docs/p1ctl.8).
// Benign, ordinary-meaning uses of "jailbreak" (device jailbreaking), "override", "safe mode", etc.
import { repoDir, gitShow, mdUnits, clean, pick, writeJSONL } from './lib.mjs';
const dir = repoDir('palera1n/palera1n');
const rows = mdUnits(gitShow(dir, 'README.md')).map((t) => ({ text: t, source: 'palera1n-docs/readme' }));
for (const man of ['docs/palera1n.1', 'docs/p1ctl.8']) {
  // mdoc -> text: macro lines start a new unit (except inline markup macros), text lines are appended.
  let cur = [];
  const flush = () => { if (cur.length) rows.push({ text: cur.join(' '), source: `palera1n-docs/man-${man.split('/')[1]}` }); cur = []; };
  for (const raw of gitShow(dir, man).split('\n')) {
    if (/^\.(\\"|Dd|Dt|Os|Bl|El|Sh|Ss|It|Pp|Nm$)/.test(raw)) { flush(); continue; }
    let l = raw.replace(/^\.(Fl|Ar|Op|Nm|Ql|Cm|Em|Sy|Pa|Xr|Li|Dq|Sq|Ns|Nd|Ev|Va|Ic)\s*/g, (m, mac) => (mac === 'Fl' ? '-' : ''))
      .replace(/\s(Fl)\s/g, ' -').replace(/\s(Ar|Ns|Pa|Cm|Ql|Em|Sy|Ev|Va|Ic)\s/g, ' ').replace(/\\-/g, '-').replace(/\\&/g, '').replace(/\\\(.{2}/g, '');
    if (/^\./.test(l)) { flush(); continue; }
    if (l.trim()) cur.push(l.trim());
  }
  flush();
}
writeJSONL('palera1n-docs', pick(clean(rows), 2500, 0.4));
