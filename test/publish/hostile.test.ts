// Hostile article text, end to end: through ingest, render and the publish gate. Whatever an
// article holds, the published feeds pass our own validator with no error and no warning, and
// xmllint agrees they are well-formed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { validateFeed } from '../../src/validate/index.js';
import { fixedClock, makeProject, publishProject } from '../helpers/project.js';

const C0 = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).filter((c) => !'\t\n\r'.includes(c)).join('');
/**
 * C0 controls, U+FFFE/U+FFFF, `]]>` twice, `&<>"'`, RTL marks, emoji. (Lone surrogates cannot be
 * written in UTF-8 at all: a file holding their bytes is invalid UTF-8 and rejected by ingest; the
 * render tests give them to the writer directly.)
 */
const HOSTILE = `A${C0}B \uFFFE\uFFFF ]]> and ]]> again &<>"' \u200Frtl\u202Eoverride\u200E 📰 👩‍👩‍👧 🇻🇳`;
const MB_LINE = 'one & two "three" ]]> '.repeat(Math.ceil((1 << 20) / 22));

const article = [
  '---',
  'date: 2024-03-05T10:00:00+01:00',
  `tags: ["tag ]]> &<>\\"'", "📰 news"]`,
  `summary: "summary ]]> &<>\\"' \u200Frtl\u202E 🇻🇳"`,
  'media:',
  '  - url: "https://img.example.com/a.jpg?x=1&y=<2>"',
  '    type: image/jpeg',
  '---',
  `Headline ${HOSTILE}`,
  '',
  `By Jane ]]> Doe & "Ann" O'Neil`,
  '',
  `OSLO (Reuters) — First paragraph ${HOSTILE}`,
  '',
  `Image: Photo ]]> title &<>"' Image: Photo ]]> title &<>"'`,
  '',
  `Caption ${HOSTILE} (AP Photo/Jane ]]> Doe & Co)`,
  '',
  MB_LINE,
  '',
].join('\n');

test('hostile text in every field of an article: published feeds have no error and no warning', async (t) => {
  const p = await makeProject();
  t.after(() => p.cleanup());
  await p.writeArticle('hostile.txt', article);
  const report = await publishProject(p, fixedClock('2024-03-06T00:00:00Z').now);
  assert.deepEqual(report.rejected, []);
  assert.equal(report.outcome, 'published', report.problems.join('\n'));
  // The characters XML cannot carry were removed with a warning naming the file and line.
  assert.ok(report.warnings.some((w) => w.file.endsWith('hostile.txt') && w.line != null), JSON.stringify(report.warnings));

  for (const name of ['rss.xml', 'atom.xml', 'feed.json']) {
    const bytes = readFileSync(path.join(p.outputDir, name));
    const r = validateFeed(bytes);
    assert.deepEqual(r.errors, [], `${name} errors`);
    assert.deepEqual(r.warnings, [], `${name} warnings`);
    const text = bytes.toString('utf8');
    assert.ok(text.includes('📰') && text.includes('\u202E'), `${name} keeps emoji and RTL marks`);
    assert.ok(!/[\u0001-\u0008\uFFFE\uFFFF]/.test(text), `${name} carries no forbidden character`);
  }
  const xmllint = spawnSync('xmllint', ['--version']);
  if (xmllint.error) return t.diagnostic('xmllint not installed: well-formedness checked by our validator only');
  for (const name of ['rss.xml', 'atom.xml', 'index.html']) {
    const r = spawnSync('xmllint', ['--noout', path.join(p.outputDir, name)], { encoding: 'utf8' });
    assert.equal(r.status, 0, `${name}: ${r.stderr}`);
  }
});
