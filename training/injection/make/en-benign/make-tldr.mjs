// tldr-pages/tldr (CC BY 4.0, LICENSE.md): English pages (pages/<platform>/*.md): page descriptions and "example description: `command`" pairs.
import { repoDir, gitShow, gitLs, clean, pick, writeJSONL } from './lib.mjs';
const dir = repoDir('tldr-pages/tldr');
const rows = [];
const unbrace = (s) => s.replace(/\{\{(.*?)\}\}/g, '$1');
for (const f of gitLs(dir).filter((f) => /^pages\/[^/]+\/[^/]+\.md$/.test(f.path)).sort((a, b) => a.path.localeCompare(b.path))) {
  const platform = f.path.split('/')[1];
  const lines = gitShow(dir, f.path).split('\n');
  const title = (lines.find((l) => l.startsWith('# ')) || '').slice(2).trim();
  const desc = lines.filter((l) => l.startsWith('> ') && !/^> (More information|See also|This command is an alias)/.test(l)).map((l) => l.slice(2).trim()).join(' ');
  if (desc) rows.push({ text: `${title}: ${desc}`.replace(/<(https?:[^>]+)>/g, '$1'), source: `tldr/${platform}-description` });
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].startsWith('- ')) continue;
    const d = lines[i].slice(2).trim().replace(/:$/, '');
    const cmd = (lines.slice(i + 1).find((l) => /^`.*`$/.test(l)) || '').trim();
    rows.push({ text: cmd ? `${d}: ${unbrace(cmd)}` : d, source: `tldr/${platform}-example` });
  }
}
writeJSONL('tldr', pick(clean(rows), 2500, 0.4));
