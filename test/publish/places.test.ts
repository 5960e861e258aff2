import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nextPlaceAfter, placeArrivals, type Arrival } from '../../src/publish/places.js';
import { sortNewestFirst } from '../../src/render/index.js';
import { makeArticle } from '../render/factory.js';

test('arrivals are placed by when they reached the feeds (an embargoed one at its date), then by date, then by id backwards', () => {
  // Arrivals of 1, 3 and 70 articles, and one held back by an embargo past a later arrival. Dates
  // and ties spread so that every key decides somewhere.
  const t0 = Date.parse('2024-03-01T00:00:00Z');
  const hour = 3_600_000;
  const list: Arrival[] = [];
  const add = (n: number, firstSeen: number, published: number): void => {
    const article = makeArticle({ published: new Date(published).toISOString(), id: `tag:x,2024:${String(n).padStart(3, '0')}` }, n);
    list.push({ article, firstSeen: new Date(firstSeen).toISOString() });
  };
  for (let n = 0; n < 70; n++) add(n, t0, t0 - (n % 9) * hour); // one arrival, many ties
  add(100, t0 + 1 * hour, t0 - 100 * hour); // alone, dated before every other
  for (let n = 200; n < 203; n++) add(n, t0 + 2 * hour, t0 - (n % 2) * hour);
  add(300, t0 + 1.5 * hour, t0 + 5 * hour); // seen at 01:30, embargoed until 05:00
  const ms = (iso: string): number => Date.parse(iso);
  const arrival = (a: Arrival): number => Math.max(ms(a.firstSeen), ms(a.article.published));
  const expected = [...list]
    .sort((x, y) => arrival(x) - arrival(y) || ms(x.article.published) - ms(y.article.published) || (x.article.id > y.article.id ? -1 : 1))
    .map((a) => a.article.id);
  for (const input of [list, [...list].reverse()]) {
    const places = placeArrivals(input, 41);
    const byPlace = input.map((a, i) => ({ id: a.article.id, place: places[i] })).sort((x, y) => x.place - y.place);
    assert.deepEqual(byPlace.map((p) => p.place), Array.from({ length: list.length }, (_, i) => 41 + i), 'one place each, from 41 on');
    assert.deepEqual(byPlace.map((p) => p.id), expected);
  }
  assert.equal(expected.at(-1), 'tag:x,2024:300', 'the embargoed article counts from its date');
  assert.equal(expected[70], 'tag:x,2024:100', 'the backdated arrival comes after the first run');
});

test('the articles of one run are placed as the feeds list them by date, read backwards: ties of one instant included', () => {
  // Half of them share one instant (undated stories, dated when first seen), in shuffled order.
  const list = Array.from({ length: 200 }, (_, i) =>
    makeArticle({ published: i % 2 ? '2024-03-01T10:00:00Z' : new Date(Date.parse('2024-02-01T00:00:00Z') + i * 60_000).toISOString(), id: `tag:x,2024:${(i * 37) % 200}` }, i),
  );
  const places = placeArrivals(list.map((article) => ({ article, firstSeen: '2024-03-01T10:00:00Z' })), 1);
  const byPlace = list.map((a, i) => ({ id: a.id, place: places[i] })).sort((x, y) => y.place - x.place);
  assert.deepEqual(byPlace.map((p) => p.id), sortNewestFirst(list).map((a) => a.id));
});

test('the next place follows the highest one kept, whatever the order of the entries', () => {
  assert.equal(nextPlaceAfter([]), 1);
  assert.equal(nextPlaceAfter([{ place: 3 }, {}, { place: 17 }, { place: 9 }]), 18);
});
