// Front matter: what a newsroom sets by hand, and how it combines with the text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mintTagId, slugify } from '../../src/ingest/index.js';
import { article, ingest, SITE } from './helpers.js';

const STORY = 'Harbour reopens\n\nBy Ann Lee\n\nThe harbour reopened.\n\nA trawler leaves the harbour. (AP Photo/Rob Kay)\n\nMore boats followed.\n\nThe second photo. Photo: Kim Ng/Reuters\n';

test('front matter sets id, slug, url, dates, authors, tags, language and summary', () => {
  const r = ingest(
    'fm.md',
    `---\nid: urn:uuid:9b2c4a3e-1111-4c5d-9e8f-000000000001\nslug: harbour-reopens\nurl: https://news.example.com/local/harbour/\ndate: 2024-03-01T10:00:00+01:00\nupdated: 2024-03-02T08:30:00+01:00\nauthors:\n  - name: Ann Lee\n    role: Reporting\n    email: ann@news.example.com\n  - Bo Park\ntags: [harbour, "local news"]\nlanguage: en-GB\nsummary: The harbour is open again.\n---\n${STORY}`,
  );
  assert.ok(r.ok);
  const a = r.article;
  assert.equal(a.id, 'urn:uuid:9b2c4a3e-1111-4c5d-9e8f-000000000001');
  assert.equal(a.slug, 'harbour-reopens');
  assert.equal(a.url, 'https://news.example.com/local/harbour/');
  assert.equal(a.published, '2024-03-01T10:00:00+01:00');
  assert.equal(a.updated, '2024-03-02T08:30:00+01:00');
  assert.deepEqual(a.byline, [{ name: 'Ann Lee', role: 'Reporting', email: 'ann@news.example.com' }, { name: 'Bo Park', role: null }]);
  assert.deepEqual(a.tags, ['harbour', 'local news']);
  assert.equal(a.language, 'en-GB');
  assert.equal(a.summary, 'The harbour is open again.');
  assert.deepEqual(r.origin, { id: 'frontmatter', published: 'frontmatter', updated: 'frontmatter' });
});

test('without front matter: slug from the headline, a minted tag id, url under the site by date', () => {
  const r = ingest('plain.txt', STORY);
  assert.ok(r.ok);
  assert.equal(r.article.slug, 'harbour-reopens');
  assert.equal(r.article.published, '2024-04-02T08:00:00Z');
  assert.equal(r.article.id, 'tag:news.example.com,2024-04-02:harbour-reopens');
  assert.equal(r.article.url, 'https://news.example.com/2024/04/02/harbour-reopens/');
  assert.deepEqual(r.origin, { id: 'minted', published: 'firstSeen', updated: 'published' });
  assert.equal(r.article.language, 'en');
  assert.deepEqual(r.article.byline, [{ name: 'Ann Lee', role: null }]);
});

test('media urls, types and sizes go to the photo blocks in order; a type is read off the url', () => {
  const a = article(
    'm.md',
    `---\nmedia:\n  - url: https://cdn.example.com/trawler.jpg\n    width: 1200\n    height: 800\n    size: 240000\n  - url: https://cdn.example.com/second.webp\n    type: image/webp\n  - url: https://cdn.example.com/extra.png\n    caption: An extra photo\n---\n${STORY}`,
  );
  assert.deepEqual(
    a.media.map((m) => [m.caption, m.credit, m.url, m.type, m.width ?? null, m.size ?? null]),
    [
      ['A trawler leaves the harbour.', 'AP Photo/Rob Kay', 'https://cdn.example.com/trawler.jpg', 'image/jpeg', 1200, 240000],
      ['The second photo.', 'Kim Ng/Reuters', 'https://cdn.example.com/second.webp', 'image/webp', null, null],
      ['An extra photo', null, 'https://cdn.example.com/extra.png', 'image/png', null, null],
    ],
  );
});

test('dates without an offset are read in the site zone', () => {
  const a = article('z.md', `---\ndate: 2024-07-01 09:30\n---\n${STORY}`, { site: { ...SITE, timezone: 'Asia/Ho_Chi_Minh' } });
  assert.equal(a.published, '2024-07-01T09:30:00+07:00');
  assert.equal(a.id, 'tag:news.example.com,2024-07-01:harbour-reopens');
});

test('unknown keys warn; bad values reject with their line', () => {
  const r = ingest('k.md', `---\nsection: local\n---\n${STORY}`);
  assert.ok(r.ok);
  assert.deepEqual(r.warnings.map((w) => [w.code, w.line]), [['UnknownField', 2]]);
  for (const [yaml, line, re] of [
    ['slug: Not A Slug', 2, /slug/],
    ['language: english please', 2, /language/],
    ['tags: [a]\nmedia:\n  - url: ftp://x.example/a.jpg', 4, /media\[0\]\.url/],
    ['id: just-words', 2, /absolute URI/],
    ['date: next tuesday', 2, /not a date/],
  ] as const) {
    const e = ingest('k.md', `---\n${yaml}\n---\n${STORY}`);
    assert.ok(!e.ok, yaml);
    assert.equal(e.error.line, line, yaml);
    assert.match(e.error.message, re);
  }
});

test('an update stamped before publication is ignored with a warning', () => {
  const r = ingest('u.md', `---\ndate: 2024-03-02T10:00:00Z\nupdated: 2024-03-01T10:00:00Z\n---\n${STORY}`);
  assert.ok(r.ok);
  assert.equal(r.article.updated, r.article.published);
  assert.equal(r.warnings[0].code, 'UpdatedBeforePublished');
});

test('slugs and tag ids', () => {
  assert.equal(slugify('Trump, Putin Release Joint Statement on Syria'), 'trump-putin-release-joint-statement-on-syria');
  assert.equal(slugify('Neue Radbrücke über den Kanal: Straße frei'), 'neue-radbrucke-uber-den-kanal-strasse-frei');
  assert.equal(slugify('Putin’s “deal”'), 'putins-deal');
  assert.ok(slugify('a '.repeat(100)).length <= 80);
  // Cut after the last whole word that fits in 80; a first word longer than that is cut itself.
  assert.equal(slugify(`${'a'.repeat(80)} b`), 'a'.repeat(80));
  assert.equal(slugify(`${'a'.repeat(79)} bb`), 'a'.repeat(79));
  assert.equal(slugify(`${'a'.repeat(40)} ${'b'.repeat(39)} c`), `${'a'.repeat(40)}-${'b'.repeat(39)}`);
  assert.equal(slugify(`${'a'.repeat(40)} ${'b'.repeat(40)} c`), 'a'.repeat(40));
  assert.equal(slugify('x'.repeat(100)), 'x'.repeat(80));
  assert.equal(slugify(' -- Ünïcødé -- '), 'unicode');
  assert.equal(slugify('小笠原諸島'), '');
  assert.equal(mintTagId('https://News.Example.com/blog/', '2017-11-11T23:30:00Z', 's', 'Asia/Ho_Chi_Minh'), 'tag:news.example.com,2017-11-12:s');
  // A headline with no Latin letters still gets a stable slug.
  assert.match(article('j.txt', '小笠原諸島の警察無線\n\n本文です。\n').slug, /^article-[0-9a-f]{12}$/);
});

test('urls are kept in their serialized form: characters a URI cannot carry are percent-encoded', () => {
  const r = ingest('urls.md', `---\nurl: "https://news.example.com/a b/?q=<x>&r=\\"y\\""\nmedia:\n  - url: "https://img.example.com/ph oto.jpg?w=<800>"\n---\n${STORY}`);
  assert.ok(r.ok);
  assert.equal(r.article.url, 'https://news.example.com/a%20b/?q=%3Cx%3E&r=%22y%22');
  assert.equal(r.article.media[0].url, 'https://img.example.com/ph%20oto.jpg?w=%3C800%3E');
});
