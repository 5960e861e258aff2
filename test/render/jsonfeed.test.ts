import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderJsonFeed } from '../../src/render/jsonfeed.js';
import { stripInvalidXmlChars } from '../../src/render/xml.js';
import { makeArticle, makeSite, seedArticle } from './factory.js';

const site = makeSite({ hubs: ['https://hub.example.com/'] });
const list = [makeArticle({ published: '2024-03-05T10:00:00Z', updated: '2024-03-05T12:00:00Z' }, 1), seedArticle()];
const feed = JSON.parse(renderJsonFeed({ site, articles: list, selfUrl: 'https://news.example.com/feeds/feed.json', nextUrl: 'https://news.example.com/feeds/feed-2.json' }));

test('every field JSON Feed 1.1 requires, and the ones it recommends', () => {
  assert.equal(feed.version, 'https://jsonfeed.org/version/1.1');
  assert.equal(feed.title, site.title);
  assert.ok(Array.isArray(feed.items));
  for (const item of feed.items) {
    assert.equal(typeof item.id, 'string');
    assert.ok(item.id.length > 0);
    assert.equal(typeof item.content_html, 'string');
    // One or both, JSON Feed says; a plain-text copy of the same body would only add bytes.
    assert.equal(item.content_text, undefined);
  }
  assert.equal(feed.home_page_url, site.url);
  assert.equal(feed.feed_url, 'https://news.example.com/feeds/feed.json');
  assert.equal(feed.next_url, 'https://news.example.com/feeds/feed-2.json');
  assert.equal(feed.language, 'en');
  assert.deepEqual(feed.authors, [{ name: 'Example News Desk', url: 'mailto:desk@news.example.com' }]);
  assert.deepEqual(feed.hubs, [{ type: 'WebSub', url: 'https://hub.example.com/' }]);
  assert.equal(feed.author, undefined, '1.0 `author` is not written');
});

test('items carry the model: ids, titles, dates, authors, content and the photos', () => {
  list.forEach((a, i) => {
    const item = feed.items[i];
    assert.equal(item.id, a.id);
    assert.equal(item.url, a.url);
    assert.equal(item.title, a.headline);
    assert.equal(item.summary, a.summary);
    assert.equal(Date.parse(item.date_published), Date.parse(a.published));
    assert.equal(Date.parse(item.date_modified), Date.parse(a.updated));
    assert.deepEqual((item.authors ?? []).map((p: any) => p.name), a.byline.map((p) => p.name));
    assert.equal(item.language, a.language);
    assert.ok(item.content_html.includes(`<p><span class="dateline">${a.dateline!.raw}</span> ${a.body[0]}</p>`));
    assert.equal(item._wirefeed.about.startsWith('https://'), true);
    assert.deepEqual(item._wirefeed.dateline, a.dateline);
    assert.deepEqual(item._wirefeed.media.map((m: any) => m.credit), a.media.map((m) => m.credit));
    assert.deepEqual(item._wirefeed.media.map((m: any) => m.caption), a.media.map((m) => m.caption));
  });
});

test('the lead photo with a URL is the image; photos with URL and type are attachments', () => {
  const [withPhoto, seed] = feed.items;
  assert.equal(withPhoto.image, list[0].media[0].url);
  assert.deepEqual(withPhoto.attachments, [{ url: list[0].media[0].url, mime_type: 'image/jpeg', title: 'Photo 1', size_in_bytes: 12345 }]);
  assert.equal(seed.image, undefined);
  assert.equal(seed.attachments, undefined);
});

test('no nulls where JSON Feed expects a value or nothing', () => {
  const nulls: string[] = [];
  const walk = (v: any, path: string) => {
    if (path.includes('_wirefeed')) return; // our extension keeps the model's nulls on purpose
    if (v === null) nulls.push(path);
    else if (typeof v === 'object') for (const k of Object.keys(v)) walk(v[k], `${path}.${k}`);
  };
  walk(feed, '$');
  assert.deepEqual(nulls, []);
});

test('every kind of UTF-16 code unit in a field is written as JSON.stringify writes it, minus what XML cannot carry', () => {
  // All of ASCII, Latin-1 and the surrogates and specials; a sample of the ranges between, where
  // nothing is escaped or dropped.
  const codes = Array.from({ length: 0x10000 }, (_, c) => c).filter((c) => c < 0x800 || (c >= 0xd700 && c < 0xe100) || c >= 0xfff0 || c % 61 === 0);
  const units = codes.map((c) => String.fromCharCode(c));
  for (let i = 0; i < units.length; i += 1024) {
    const chunk = units.slice(i, i + 1024);
    const list = chunk.map((u, k) => makeArticle({ headline: `a${u}b`, summary: u, tags: [u], id: `tag:x,2024:${i + k}` }, i + k));
    const text = renderJsonFeed({ site, articles: list, selfUrl: 'https://news.example.com/feeds/feed.json' });
    const feed = JSON.parse(text);
    assert.equal(text, JSON.stringify(feed) + '\n', `U+${codes[i].toString(16)}…`);
    chunk.forEach((u, k) => assert.equal(feed.items[k].title, stripInvalidXmlChars(`a${u}b`), `U+${codes[i + k].toString(16)}`));
  }
});
