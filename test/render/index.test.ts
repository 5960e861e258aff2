import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FEED_FILES, renderFeeds, sortNewestFirst } from '../../src/render/index.js';
import { makeArticle, makeSite, seedArticle } from './factory.js';
import { parseXml, text } from './tools.js';

function many(n: number) {
  return Array.from({ length: n }, (_, i) => makeArticle({}, i + 100));
}

test('the three main files, each pointing at itself under feedBaseUrl', async () => {
  const site = makeSite();
  const files = renderFeeds(site, [seedArticle()]);
  assert.deepEqual(Object.keys(files).sort(), [FEED_FILES.atom, FEED_FILES.json, FEED_FILES.rss].sort());
  const rss = await parseXml(files['rss.xml']);
  const self = rss.rss.channel[0]['atom:link'].find((l: any) => l.$.rel === 'self').$.href;
  assert.equal(self, 'https://news.example.com/feeds/rss.xml');
  const atom = await parseXml(files['atom.xml']);
  assert.equal(atom.feed.link.find((l: any) => l.$.rel === 'self').$.href, 'https://news.example.com/feeds/atom.xml');
  assert.equal(JSON.parse(files['feed.json']).feed_url, 'https://news.example.com/feeds/feed.json');
});

test('newest first by published, ties by id, whatever the input order', () => {
  const a = makeArticle({ published: '2024-03-01T12:00:00+02:00' }, 1); // 10:00Z
  const b = makeArticle({ published: '2024-03-01T09:30:00-01:00' }, 2); // 10:30Z: newest
  const c = makeArticle({ published: '2024-03-01T10:00:00Z', id: 'tag:x,2024:a' }, 3);
  const d = makeArticle({ published: '2024-03-01T10:00:00Z', id: 'tag:x,2024:b' }, 4);
  const order = sortNewestFirst([a, d, c, b]).map((x) => x.id);
  assert.equal(order[0], b.id);
  // a, c and d are the same instant: ordered by id
  assert.deepEqual(order.slice(1), [a.id, c.id, d.id].sort());
  assert.deepEqual(sortNewestFirst([d, b, a, c]).map((x) => x.id), order);
});

test('by arrival: newest arrival first (an embargoed article arrives at its date), then newest published, then id', () => {
  // Arrivals of 1, 3 and 70 articles (70: more than a run's handful), and one article held back
  // by an embargo past a later arrival. Dates and ties spread so that every key decides somewhere.
  const t0 = Date.parse('2024-03-01T00:00:00Z');
  const hour = 3_600_000;
  const seen = new Map<string, number>();
  const list = [];
  const add = (n: number, firstSeen: number, published: number): void => {
    const a = makeArticle({ published: new Date(published).toISOString(), id: `tag:x,2024:${String(n).padStart(3, '0')}` }, n);
    seen.set(a.id, firstSeen);
    list.push(a);
  };
  for (let n = 0; n < 70; n++) add(n, t0, t0 - (n % 9) * hour); // one arrival, many ties
  add(100, t0 + 1 * hour, t0 - 100 * hour); // alone, dated before every other
  for (let n = 200; n < 203; n++) add(n, t0 + 2 * hour, t0 - (n % 2) * hour);
  add(300, t0 + 1.5 * hour, t0 + 5 * hour); // seen at 01:30, embargoed until 05:00
  const arrival = (a: (typeof list)[number]): number => Math.max(seen.get(a.id)!, Date.parse(a.published));
  const expected = [...list]
    .sort((x, y) => arrival(y) - arrival(x) || Date.parse(y.published) - Date.parse(x.published) || (x.id < y.id ? -1 : 1))
    .map((a) => a.id);
  for (const input of [list, [...list].reverse()]) {
    assert.deepEqual(sortNewestFirst(input, (a) => seen.get(a.id)).map((a) => a.id), expected);
  }
  assert.equal(expected[0], 'tag:x,2024:300', 'the embargoed article counts from its date');
  assert.equal(expected[4], 'tag:x,2024:100', 'the backdated arrival comes before the first run');
});

test('the main feeds hold the newest itemLimit articles', async () => {
  const list = many(30);
  const files = renderFeeds(makeSite({ itemLimit: 10 }), list);
  const expected = sortNewestFirst(list).slice(0, 10).map((a) => a.id);
  const rss = await parseXml(files['rss.xml']);
  assert.deepEqual(rss.rss.channel[0].item.map((i: any) => text(i.guid[0])), expected);
  const atom = await parseXml(files['atom.xml']);
  assert.deepEqual(atom.feed.entry.map((e: any) => text(e.id[0])), expected);
  assert.deepEqual(JSON.parse(files['feed.json']).items.map((i: any) => i.id), expected);
});

test('byte-identical output on repeated renders and on shuffled input', () => {
  const list = [...many(20), seedArticle()];
  const site = makeSite({ hubs: ['https://hub.example.com/'] });
  const first = renderFeeds(site, list);
  const again = renderFeeds(site, list);
  const shuffled = renderFeeds(site, [...list].reverse());
  for (const file of Object.values(FEED_FILES)) {
    assert.equal(again[file], first[file], file);
    assert.equal(shuffled[file], first[file], file);
  }
});

test('the feed date is the newest item change, even when that item is not the newest published', () => {
  const list = many(3);
  const corrected = list.map((a, i) => (i === 0 ? { ...a, updated: '2030-01-01T00:00:00Z' } : a));
  const after = renderFeeds(makeSite(), corrected);
  assert.match(after['atom.xml'], /<updated>2030-01-01T00:00:00Z<\/updated>/);
  assert.match(after['rss.xml'], /<lastBuildDate>Tue, 01 Jan 2030 00:00:00 \+0000<\/lastBuildDate>/);
});
