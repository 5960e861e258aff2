// The project's canonical example: the seed article must normalize to exactly this model.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { article, ROOT } from './helpers.js';

const SEED_PATH = 'articles/2017-11-11-trump-putin-syria.txt';
const seed = () => article(SEED_PATH, readFileSync(path.join(ROOT, SEED_PATH)));

test('seed: headline and dateline, with the dash kept in raw', () => {
  const a = seed();
  assert.equal(a.headline, 'Trump, Putin Release Joint Statement on Syria');
  assert.deepEqual(a.dateline, { place: 'DA’NANG, Vietnam', date: null, agency: null, raw: 'DA’NANG, Vietnam —' });
});

test('seed: ten body paragraphs in order, the first without its dateline, none of them photo text', () => {
  const a = seed();
  assert.equal(a.body.length, 10);
  assert.ok(a.body[0].startsWith('The United States and Russia released a joint statement on Syria Saturday'));
  assert.ok(a.body[9].startsWith('By the time Trump left Vietnam'), 'a paragraph starting "By the …" is not a byline');
  for (const p of a.body) {
    assert.ok(!p.includes('Image:'), p);
    assert.ok(!p.includes('EPA') && !p.includes('Getty Images'), p);
  }
  assert.deepEqual(a.byline, []);
});

test('seed: two photos with de-doubled titles, captions and credits, words as in the source', () => {
  const a = seed();
  assert.deepEqual(
    a.media.map((m) => [m.title, m.caption, m.credit]),
    [
      [
        'Presidents Trump and Putin talk during the APEC summit in Vietnam on Saturday',
        'President Trump and Russian President Putin talk at the break of a leader’s meeting at the APEC summit in Vietnam on Saturday',
        'MIKHAIL KLIMENTYEV/SPUTNIK/KREML / EPA',
      ],
      [
        'Presidents Trump and Putin walk together with Vietnamese President Tran Dai Quangat the APEC summit on Saturday',
        'President Trump walking with Russia’s President Vladimir Putin and Vietnamese President Tran Dai Quang before taking part in the APEC “family photo” on Saturday.',
        'AFP PHOTO / APEC 2017 National Committee / AFP – Getty Images',
      ],
    ],
  );
  assert.ok(a.media.every((m) => m.url === null && m.type === null));
});

test('seed: its front matter dates it Saturday 11 November 2017 in Da Nang, and names it for life', () => {
  const a = seed();
  assert.equal(a.published, '2017-11-11T16:30:00+07:00');
  assert.equal(a.updated, a.published);
  assert.equal(a.slug, 'trump-putin-release-joint-statement-on-syria');
  assert.equal(a.id, 'tag:news.example.com,2017-11-11:trump-putin-release-joint-statement-on-syria');
  assert.equal(a.url, 'https://news.example.com/2017/11/11/trump-putin-release-joint-statement-on-syria/');
  assert.ok(a.tags.includes('Syria'));
  assert.equal(a.language, 'en');
  assert.equal(a.source.path, SEED_PATH);
  assert.match(a.source.sha256, /^[0-9a-f]{64}$/);
});

test('seed: the canonical JSON keeps the documented key order', () => {
  const keys = Object.keys(seed());
  const documented = ['id', 'slug', 'url', 'headline', 'dateline', 'byline', 'published', 'updated', 'summary', 'body', 'media', 'tags', 'language'];
  assert.deepEqual(keys.filter((k) => documented.includes(k)), documented);
  assert.equal(keys[keys.length - 1], 'source');
  assert.deepEqual(Object.keys(seed().media[0]).slice(0, 5), ['title', 'caption', 'credit', 'url', 'type']);
});

test('seed: each photo remembers the paragraph it stood before', () => {
  const a = seed();
  // Photo 1 follows "The U.S. has yet to release…" (paragraph 4); photo 2 follows the Hamburg paragraph (7).
  assert.deepEqual(a.media.map((m) => m.before), [4, 7]);
  assert.match(a.body[3], /^The U\.S\. has yet to release/);
  assert.match(a.body[7], /^Prior to Trump’s sideline meeting/);
});
