// validateFeedText (a document held as a string) gives the report validateFeed gives for the
// string's UTF-8 bytes: over every fixture, feeds the renderers write, those feeds cut and
// spoiled in many places, and strings with what encoding changes (lone surrogates, byte order
// marks, a declared encoding other than UTF-8).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { renderAtom, renderJsonFeed, renderRss } from '../../src/render/index.js';
import { createValidator, validateFeed, validateFeedText } from '../../src/validate/index.js';
import { makeArticle, makeSite, seedArticle } from '../render/factory.js';
import { atom, entry, rss } from './helpers.js';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

function assertSameReport(text: string, what: string): void {
  const fromBytes = validateFeed(Buffer.from(text, 'utf8'));
  assert.deepEqual(validateFeedText(text), fromBytes, what);
}

const site = makeSite({ hubs: ['https://hub.example.com/'], copyright: 'Copyright Example News' });
const articles = [
  seedArticle(),
  makeArticle({ byline: [{ name: 'Jane Doe', email: null, url: null, role: null }], tags: ['World', 'Law & <Order>'] }),
  makeArticle({
    headline: 'Why <blink> died, & other "stories" ]]> </script> — naïve café 😀',
    summary: 'Escaping: &amp; is how you write & in HTML; <b> is bold.',
    media: [{ title: 'A <photo>', caption: 'Caption & </b> credit', credit: 'AP', url: 'https://img.example.com/a.jpg', type: 'image/jpeg' }],
  }),
];
const rendered: [string, string][] = [
  ['RSS', renderRss({ site, articles, selfUrl: 'https://news.example.com/feeds/rss.xml' })],
  ['Atom', renderAtom({ site, articles, selfUrl: 'https://news.example.com/feeds/atom.xml' })],
  ['JSON Feed', renderJsonFeed({ site, articles, selfUrl: 'https://news.example.com/feeds/feed.json' })],
];

test('every fixture gets the same report from its text as from its bytes', () => {
  const files = filesUnder(fixtures);
  assert.ok(files.length > 100);
  for (const file of files) assertSameReport(readFileSync(file, 'utf8'), path.relative(fixtures, file));
});

test('feeds the renderers write, whole, cut short and spoiled, get the same report from text and bytes', () => {
  const spoilers = ['&', '&bogus;', '&#x85;', '&#0;', '<', ']]>', '\u0085', '\ufffd', '\ud800', '\udc00', '\r\n', '\r', '\u0001', '"', '}', ',', '\\u12'];
  for (const [name, text] of rendered) {
    assertSameReport(text, name);
    for (let k = 1; k <= 24; k++) {
      const at = Math.floor((text.length * k) / 25);
      assertSameReport(text.slice(0, at), `${name} cut at ${at}`);
      const spoiler = spoilers[k % spoilers.length];
      assertSameReport(text.slice(0, at) + spoiler + text.slice(at), `${name} with ${JSON.stringify(spoiler)} at ${at}`);
    }
  }
});

test('lone surrogates are read as the U+FFFD that encoding makes of them', () => {
  for (const lone of ['\ud800', '\udfff', '\ud83d']) {
    const doc = rss(`<item><title>a ${lone} b</title><description>x${lone}</description><guid>https://example.com/1</guid></item>`);
    assertSameReport(doc, `RSS with ${JSON.stringify(lone)}`);
    const report = validateFeedText(doc);
    assert.ok(report.errors.some((e) => e.code === 'BadCharacters') || report.warnings.some((w) => w.code === 'BadCharacters'));
    assertSameReport(atom(entry(`<summary>${lone}</summary>`)), `Atom with ${JSON.stringify(lone)}`);
    assertSameReport(`{"version":"https://jsonfeed.org/version/1.1","title":"${lone}","items":[]}`, `JSON with ${JSON.stringify(lone)}`);
  }
});

test('byte order marks, blank documents and declared encodings read as their bytes would be', () => {
  const docs = [
    '',
    '   \n',
    '\ufeff',
    '\ufeff<rss version="2.0"/>',
    '\ufeff\ufeff<rss version="2.0"/>',
    '\ufeff\ufeff\ufeff<rss version="2.0"/>',
    ' \ufeff<rss version="2.0"/>',
    '\ufeff{"version":"https://jsonfeed.org/version/1.1","title":"t","items":[]}',
    '\ufeff\ufeff{}',
    '<?xml version="1.0" encoding="ISO-8859-1"?>\n' + rss('<item><title>café</title></item>').replace(/^<\?xml[^>]*>\n/, ''),
    '<?xml version="1.0" encoding="UTF-16"?><rss version="2.0"/>',
    '<?xml version="1.0" encoding="x-unknown"?><rss version="2.0"/>',
    '<\u0000?\u0000x\u0000m\u0000l\u0000',
    '\u0000\u0000<rss/>',
    '[' .repeat(300) + ']'.repeat(300),
    '{"a":1,"a":2}',
  ];
  for (const doc of docs) assertSameReport(doc, JSON.stringify(doc.slice(0, 60)));
});

test('a JSON Feed whose byte order mark is cut by chunk boundaries is still read as JSON', () => {
  const bytes = Buffer.from('\ufeff{"version":"https://jsonfeed.org/version/1.1","title":"t","items":[]}', 'utf8');
  for (const size of [1, 2]) {
    const v = createValidator();
    for (let i = 0; i < bytes.length; i += size) v.write(bytes.subarray(i, i + size));
    assert.deepEqual(v.end(), validateFeed(bytes));
  }
  assert.equal(validateFeed(bytes).format, 'json');
});
