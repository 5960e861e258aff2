// What wirefeed itself writes must pass its own JSON Feed validator without a single message.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderJsonFeed } from '../../src/render/index.js';
import { validateJsonFeed } from '../../src/validate/jsonfeed.js';
import { makeSite, seedArticle } from '../render/factory.js';

test('the seed article rendered as JSON Feed 1.1 has no errors and no warnings', () => {
  const site = makeSite({ hubs: ['https://hub.example.net/'], icon: 'https://news.example.com/icon.png' });
  const seed = seedArticle();
  const other = {
    ...seed,
    id: `${seed.id}-2`,
    slug: `${seed.slug}-2`,
    url: `${seed.url}2/`,
    headline: 'Tom & Jerry: 3 < 5, “quoted” — 📰 ‏שלום‏',
    byline: [{ name: 'Ana Reporter', email: null, url: 'https://news.example.com/staff/ana', role: null }],
    tags: ['World', 'Asia & Pacific'],
    media: [{ title: 'A photo', caption: 'A caption', credit: 'A. Photographer', url: 'https://news.example.com/p.jpg', type: 'image/jpeg' }],
  };
  const json = renderJsonFeed({ site, articles: [seed, other], selfUrl: `${site.feedBaseUrl}feed.json`, nextUrl: `${site.feedBaseUrl}feed-2.json` });
  const r = validateJsonFeed(json);
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.warnings, []);
  assert.equal(JSON.parse(json).items.length, 2, 'both items were written');
});
