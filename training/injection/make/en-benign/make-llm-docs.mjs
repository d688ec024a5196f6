// simonw/llm (Apache-2.0, LICENSE): prose from README.md and docs/*.md (AGENTS.md excluded). Rich in ordinary "system prompt", "prompt", "template", "instructions".
import { docsRows, clean, pick, writeJSONL } from './lib.mjs';
const SAFETY = /inject|jailbr|adversar|malicious|exfiltrat/i; // keep doc text about attacks out of the benign set
const { rows, nFiles } = docsRows('simonw/llm', /^(docs\/|README\.md$)/, /AGENTS\.md$/, 'llm-docs');
console.error('files', nFiles);
writeJSONL('llm-docs', pick(clean(rows.filter((r) => !SAFETY.test(r.text))), 2500, 0.4));
