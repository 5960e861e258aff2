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

test('by place: the highest place first, whatever the dates; articles without one before every placed one, by date', () => {
  const at = (n: number, published: string) => makeArticle({ published, id: `tag:x,2024:${n}` }, n);
  const placed = [at(1, '2024-03-05T00:00:00Z'), at(2, '2024-03-01T00:00:00Z'), at(3, '2024-03-09T00:00:00Z'), at(4, '2024-03-02T00:00:00Z')];
  const place = new Map([[placed[0].id, 7], [placed[1].id, 12], [placed[2].id, 3], [placed[3].id, 9]]);
  const unplaced = [at(5, '2024-02-01T00:00:00Z'), at(6, '2024-02-03T00:00:00Z')];
  const expected = ['tag:x,2024:6', 'tag:x,2024:5', 'tag:x,2024:2', 'tag:x,2024:4', 'tag:x,2024:1', 'tag:x,2024:3'];
  for (const input of [[...placed, ...unplaced], [...unplaced, ...placed].reverse()]) {
    assert.deepEqual(sortNewestFirst(input, (a) => place.get(a.id)).map((a) => a.id), expected);
  }
  // Without places, the dates alone.
  assert.deepEqual(sortNewestFirst([...placed, ...unplaced]).map((a) => a.id).slice(0, 2), ['tag:x,2024:3', 'tag:x,2024:1']);
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
