// ollama/ollama (MIT): prose from docs/*.md(x) and top-level README/docs (agent instruction files AGENTS.md/CLAUDE.md/SKILL.md excluded).
import { docsRows, clean, pick, writeJSONL } from './lib.mjs';
const { rows, nFiles } = docsRows('ollama/ollama', /^(docs\/|README\.md$|api\/examples\/README\.md$)/, /(AGENTS|CLAUDE|SKILL)\.md$/, 'ollama-docs');
console.error('files', nFiles);
writeJSONL('ollama-docs', pick(clean(rows), 2500, 0.4));
