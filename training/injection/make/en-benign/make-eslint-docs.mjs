// eslint/eslint (MIT): prose from docs/src/**.md, CHANGELOG.md, README.md.
import { docsRows, clean, pick, writeJSONL } from './lib.mjs';
const { rows, nFiles } = docsRows('eslint/eslint', /^(docs\/src\/|CHANGELOG\.md$|README\.md$)/, null, 'eslint-docs');
console.error('files', nFiles);
// CHANGELOG lines: drop leading commit hashes
for (const r of rows) r.text = r.text.replace(/^[0-9a-f]{7,40}\s+/, '');
writeJSONL('eslint-docs', pick(clean(rows), 2500, 0.4));
