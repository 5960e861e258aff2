import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Article } from '../../src/model/index.js';
import { renderAtom } from '../../src/render/atom.js';
import { makeArticle, makeSite, seedArticle } from './factory.js';
import { undeclaredPrefixes } from './namespaces.js';
import { parseXml, text } from './tools.js';

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function articles(): Article[] {
  return [
    makeArticle({ published: '2024-03-05T10:00:00Z', updated: '2024-03-05T11:30:00Z', language: 'fr' }, 1),
    makeArticle({ published: '2024-03-04T10:00:00-05:00', updated: '2024-03-04T10:00:00-05:00', byline: [] }, 2),
    seedArticle(),
  ];
}

test('entries read back with the model’s ids, titles, links, dates, authors and credits', async () => {
  const list = articles();
  const feed = (await parseXml(renderAtom({ site: makeSite(), articles: list, selfUrl: 'https://news.example.com/feeds/atom.xml' }))).feed;
  assert.equal(feed.entry.length, list.length);
  list.forEach((a, i) => {
    const e = feed.entry[i];
    assert.equal(text(e.id[0]), a.id);
    assert.equal(text(e.title[0]), a.headline);
    assert.equal(e.title[0].$.type, 'text');
    assert.equal(e.link[0].$.href, a.url);
    assert.equal(e.link[0].$.rel, 'alternate');
    assert.equal(e.$['xml:lang'], a.language);
    for (const [field, value] of [['published', a.published], ['updated', a.updated]] as const) {
      assert.match(text(e[field][0]), RFC3339);
      assert.equal(Date.parse(text(e[field][0])), Date.parse(value));
    }
    assert.deepEqual((e.author ?? []).map((p: any) => text(p.name[0])), a.byline.map((p) => p.name));
    const credits = [
      ...(e['media:content'] ?? []).flatMap((m: any) => (m['media:credit'] ?? []).map(text)),
      ...(e['media:credit'] ?? []).map(text),
    ];
    assert.deepEqual(credits.sort(), a.media.map((m) => m.credit).sort());
    assert.equal(text(e.summary[0]), a.summary);
    assert.equal(e.summary[0].$.type, 'text');
    assert.equal(e.content[0].$.type, 'html');
    assert.ok(text(e.content[0]).includes(`<span class="dateline">${a.dateline!.raw}</span>`));
  });
});

test('feed: id, type="text" title, updated = newest item change, author, links', async () => {
  const site = makeSite({ hubs: ['https://hub.example.com/'], icon: 'https://news.example.com/icon.png' });
  const feed = (await parseXml(renderAtom({ site, articles: articles(), selfUrl: 'https://news.example.com/feeds/atom.xml' }))).feed;
  assert.equal(feed.$['xml:lang'], 'en');
  assert.equal(text(feed.id[0]), 'https://news.example.com/feeds/atom.xml');
  assert.equal(text(feed.title[0]), site.title);
  assert.equal(feed.title[0].$.type, 'text');
  assert.equal(Date.parse(text(feed.updated[0])), Date.parse('2024-03-05T11:30:00Z'));
  assert.equal(text(feed.author[0].name[0]), 'Example News Desk');
  assert.equal(text(feed.icon[0]), site.icon);
  const rels = feed.link.map((l: any) => [l.$.rel, l.$.href]);
  assert.deepEqual(rels, [
    ['alternate', site.url],
    ['self', 'https://news.example.com/feeds/atom.xml'],
    ['hub', 'https://hub.example.com/'],
  ]);
});

test('a plain title with angle brackets reads exactly as written', async () => {
  const a = makeArticle({ headline: 'Why <blink> died & what "replaced" it' });
  const feed = (await parseXml(renderAtom({ site: makeSite(), articles: [a], selfUrl: 'https://x.example/atom.xml' }))).feed;
  assert.equal(text(feed.entry[0].title[0]), 'Why <blink> died & what "replaced" it');
});

test('without a site author, the feed still names one (Atom requires it)', async () => {
  const feed = (await parseXml(renderAtom({ site: makeSite({ author: null }), articles: articles(), selfUrl: 'https://x.example/atom.xml' }))).feed;
  assert.equal(text(feed.author[0].name[0]), 'Example News');
});

test('archive pages: fh:archive, RFC 5005 links, and the subscription feed’s id', async () => {
  const links = { current: 'https://x.example/atom.xml', prevArchive: 'https://x.example/a/atom-1.xml' };
  const xml = renderAtom({ site: makeSite(), articles: articles(), selfUrl: 'https://x.example/a/atom-2.xml', archive: true, links });
  assert.deepEqual(undeclaredPrefixes(xml), []);
  const feed = (await parseXml(xml)).feed;
  assert.ok(feed['fh:archive']);
  assert.equal(text(feed.id[0]), links.current);
  const byRel = Object.fromEntries(feed.link.map((l: any) => [l.$.rel, l.$.href]));
  assert.equal(byRel.current, links.current);
  assert.equal(byRel['prev-archive'], links.prevArchive);
  assert.equal(byRel.self, 'https://x.example/a/atom-2.xml');
});

test('every prefix used is declared on <feed>; an empty feed still has a stable updated', async () => {
  assert.deepEqual(undeclaredPrefixes(renderAtom({ site: makeSite(), articles: articles(), selfUrl: 'https://x.example/atom.xml' })), []);
  const empty = renderAtom({ site: makeSite(), articles: [], selfUrl: 'https://x.example/atom.xml', fallbackUpdated: '2024-01-01T00:00:00Z' });
  assert.equal(text((await parseXml(empty)).feed.updated[0]), '2024-01-01T00:00:00Z');
});
