// The README is the user's reference: its list of validator codes must be the validator's.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { CODES } from '../src/validate/codes.js';
// @ts-expect-error: a plain .mjs script without type declarations
import { codesTable, withTable } from '../scripts/codes-table.mjs';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

test('README lists every validator code, with its severity and text (node scripts/codes-table.mjs refreshes it)', () => {
  assert.equal(withTable(readme, codesTable(CODES)), readme);
  for (const code of Object.keys(CODES)) assert.ok(readme.includes(`| \`${code}\` |`), `${code} missing from README`);
});
