// Writes the validator's message codes into README.md, between the codes:start/end markers, so
// the list users read is the list the validator has. test/readme.test.ts fails when they differ.
//   npm run build && node scripts/codes-table.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export const START = '<!-- codes:start -->';
export const END = '<!-- codes:end -->';

/** The markdown table of every code: name, severity, one line. */
export function codesTable(codes) {
  const cell = (s) => s.replace(/\|/g, '\\|').replace(/\{(\w+)\}/g, '‹$1›');
  const rows = Object.entries(codes).map(([code, info]) => `| \`${code}\` | ${info.severity} | ${cell(info.text)} |`);
  return ['| code | severity | message |', '| --- | --- | --- |', ...rows].join('\n');
}

/** README text with the table between the markers replaced. */
export function withTable(readme, table) {
  const a = readme.indexOf(START);
  const b = readme.indexOf(END);
  if (a < 0 || b < a) throw new Error(`README.md has no ${START} … ${END} block`);
  return readme.slice(0, a + START.length) + '\n' + table + '\n' + readme.slice(b);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { CODES } = await import('../dist/validate/codes.js');
  const file = new URL('../README.md', import.meta.url);
  writeFileSync(file, withTable(readFileSync(file, 'utf8'), codesTable(CODES)));
  console.log(`README.md: ${Object.keys(CODES).length} codes`);
}
