// `.json` articles: the model itself, checked field by field.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { article, ingest, ROOT } from './helpers.js';

test('a JSON article in the model shape is read as it is, source computed', () => {
  const p = 'articles/2024-06-20-library-extends-hours.json';
  const r = ingest(p, readFileSync(path.join(ROOT, p)));
  assert.ok(r.ok);
  const a = r.article;
  assert.equal(a.headline, 'Library extends evening hours after student petition');
  assert.equal(a.slug, 'library-extends-evening-hours');
  assert.equal(a.published, '2024-06-20T18:00:00+01:00');
  assert.equal(a.id, 'tag:news.example.com,2024-06-20:library-extends-evening-hours');
  assert.equal(a.body.length, 3);
  assert.equal(a.media[0].url, 'https://news.example.com/media/2024/06/library-reading-room.jpg');
  assert.equal(a.language, 'en-GB');
  assert.equal(a.source.path, p);
  assert.deepEqual(r.origin, { id: 'minted', published: 'frontmatter', updated: 'published' });
});

test('JSON: the minimum is a headline', () => {
  const a = article('min.json', '{"headline": "Just a headline", "body": ["One paragraph."]}');
  assert.equal(a.slug, 'just-a-headline');
  assert.equal(a.published, '2024-04-02T08:00:00Z');
});

test('JSON: syntax errors name the line; wrong fields name the field', () => {
  const syntax = ingest('bad.json', '{\n  "headline": "x",\n  "body": [1,]\n}');
  assert.ok(!syntax.ok);
  assert.equal(syntax.error.code, 'BadJson');
  assert.equal(syntax.error.line, 3);
  const noHeadline = ingest('bad.json', '{"body": ["a"]}');
  assert.ok(!noHeadline.ok);
  assert.equal(noHeadline.error.code, 'MissingHeadline');
  const wrongType = ingest('bad.json', '{\n"headline": "x",\n"body": "not a list"\n}');
  assert.ok(!wrongType.ok);
  assert.match(wrongType.error.message, /^body: /);
  assert.equal(wrongType.error.line, 3);
  const badDate = ingest('bad.json', '{"headline": "x", "published": "2024-13-01T00:00:00Z"}');
  assert.ok(!badDate.ok);
  assert.equal(badDate.error.code, 'ImpossibleDate');
});

test('JSON: escapes for characters XML cannot carry are removed with a warning', () => {
  const r = ingest('c.json', '{"headline": "Bell\\u0007 rings", "body": ["Lone \\ud800 surrogate"]}');
  assert.ok(r.ok);
  assert.equal(r.article.headline, 'Bell rings');
  assert.equal(r.article.body[0], 'Lone  surrogate');
  assert.deepEqual(r.warnings.map((w) => w.code), ['ForbiddenCharacter', 'ForbiddenCharacter']);
});

test('JSON: a dateline day the calendar has is taken (Feb 29 of a leap year); one it lacks is rejected, saying why', () => {
  const json = (date: string) => JSON.stringify({ headline: 'Budget passes', published: '2024-03-01T10:00:00Z', dateline: { place: 'OSLO', date }, body: ['The budget passed.'] });
  const leap = article('leap.json', json('2024-02-29'));
  assert.equal(leap.dateline?.date, '2024-02-29');
  for (const date of ['2023-02-29', '2024-04-31', '2024-13-01']) {
    const r = ingest('bad.json', json(date));
    assert.ok(!r.ok, date);
    assert.equal(r.error.code, 'ImpossibleDate', date);
    assert.match(r.error.message, new RegExp(`^dateline\\.date: "${date}" is not a real date`), date);
  }
});
