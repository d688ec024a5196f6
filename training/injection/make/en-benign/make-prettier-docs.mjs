// prettier/prettier (MIT): prose from docs/, website/blog, CHANGELOG.md, changelog_unreleased/.
import { docsRows, clean, pick, writeJSONL } from './lib.mjs';
const { rows, nFiles } = docsRows('prettier/prettier', /^(docs\/|website\/blog\/|CHANGELOG\.md$|changelog_unreleased\/|README\.md$)/, /^website\/versioned_docs\//, 'prettier-docs');
console.error('files', nFiles);
writeJSONL('prettier-docs', pick(clean(rows), 2500, 0.4));
