import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Article } from '../../src/model/index.js';
import { renderRss } from '../../src/render/rss.js';
import { makeArticle, makeSite, seedArticle } from './factory.js';
import { parseXml, text } from './tools.js';
import { undeclaredPrefixes } from './namespaces.js';

const RFC822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$/;

function articles(): Article[] {
  // Newest first, as callers pass them; the oldest one was corrected last.
  return [
    makeArticle({ published: '2024-03-05T10:00:00Z', updated: '2024-03-05T10:00:00Z' }, 1),
    makeArticle({ published: '2024-03-04T10:00:00-05:00', updated: '2024-03-04T10:00:00-05:00', byline: [] }, 2),
    { ...seedArticle(), updated: '2024-03-06T08:00:00+07:00' },
  ];
}

test('items read back with the model’s titles, links, ids, dates, authors and credits', async () => {
  const list = articles();
  const doc = await parseXml(renderRss({ site: makeSite(), articles: list, selfUrl: 'https://news.example.com/feeds/rss.xml' }));
  const items = doc.rss.channel[0].item;
  assert.equal(items.length, list.length);
  list.forEach((a, i) => {
    const it = items[i];
    assert.equal(text(it.title[0]), a.headline);
    assert.equal(text(it.link[0]), a.url);
    assert.equal(text(it.guid[0]), a.id);
    assert.equal(it.guid[0].$.isPermaLink, 'false');
    const pub = text(it.pubDate[0]);
    assert.match(pub, RFC822);
    assert.equal(Date.parse(pub), Date.parse(a.published));
    assert.deepEqual((it['dc:creator'] ?? []).map(text), a.byline.map((p) => p.name));
    const credits = [
      ...(it['media:content'] ?? []).flatMap((m: any) => (m['media:credit'] ?? []).map(text)),
      ...(it['media:credit'] ?? []).map(text),
    ];
    assert.deepEqual(credits.sort(), a.media.map((m) => m.credit).sort());
    assert.equal(text(it['dc:coverage']?.[0]), a.dateline?.place ?? '');
    assert.ok(text(it['content:encoded'][0]).includes('<span class="dateline">'));
  });
});

test('a photo with a URL is media:content with description and photographer credit', async () => {
  const a = makeArticle({}, 3);
  const doc = await parseXml(renderRss({ site: makeSite(), articles: [a], selfUrl: 'https://x.example/rss.xml' }));
  const mc = doc.rss.channel[0].item[0]['media:content'];
  assert.equal(mc.length, 1);
  assert.equal(mc[0].$.url, a.media[0].url);
  assert.equal(mc[0].$.type, 'image/jpeg');
  assert.equal(text(mc[0]['media:description'][0]), a.media[0].caption);
  assert.equal(mc[0]['media:credit'][0].$.role, 'photographer');
  // the second photo has no URL: its credit stands at item level
  assert.deepEqual(doc.rss.channel[0].item[0]['media:credit'].map(text), [a.media[1].credit]);
});

test('channel: site settings, self and hub links, lastBuildDate = newest item change', async () => {
  const site = makeSite({ hubs: ['https://hub.example.com/', 'https://pubsubhubbub.appspot.com/'], copyright: '© Example', icon: 'https://news.example.com/icon.png' });
  const ch = (await parseXml(renderRss({ site, articles: articles(), selfUrl: 'https://news.example.com/feeds/rss.xml' }))).rss.channel[0];
  assert.equal(text(ch.title[0]), site.title);
  assert.equal(text(ch.link[0]), site.url);
  assert.equal(text(ch.description[0]), site.description);
  assert.equal(text(ch.language[0]), 'en');
  assert.equal(text(ch.copyright[0]), '© Example');
  assert.equal(text(ch.managingEditor[0]), 'desk@news.example.com (Example News Desk)');
  assert.equal(text(ch.image[0].url[0]), site.icon);
  assert.equal(text(ch.image[0].title[0]), site.title);
  const last = text(ch.lastBuildDate[0]);
  assert.match(last, RFC822);
  assert.equal(Date.parse(last), Date.parse('2024-03-06T08:00:00+07:00'));
  const links = ch['atom:link'].map((l: any) => l.$);
  assert.deepEqual(links.filter((l: any) => l.rel === 'self').map((l: any) => l.href), ['https://news.example.com/feeds/rss.xml']);
  assert.deepEqual(links.filter((l: any) => l.rel === 'hub').map((l: any) => l.href), site.hubs);
});

test('managingEditor only in e-mail form', async () => {
  const ch = (await parseXml(renderRss({ site: makeSite({ author: { name: 'Desk' } }), articles: articles(), selfUrl: 'https://x.example/rss.xml' }))).rss.channel[0];
  assert.equal(ch.managingEditor, undefined);
});

test('every prefix used is declared on <rss>; fh only on archive pages', () => {
  assert.deepEqual(undeclaredPrefixes('<?xml version="1.0"?>\n<r xmlns:a="urn:a"><a:x/><b:y c:z="1"/></r>'), ['b', 'c']);
  const main = renderRss({ site: makeSite(), articles: articles(), selfUrl: 'https://x.example/rss.xml' });
  assert.deepEqual(undeclaredPrefixes(main), []);
  assert.doesNotMatch(main, /fh:/);
  const archive = renderRss({
    site: makeSite(),
    articles: articles(),
    selfUrl: 'https://x.example/archive/rss-2.xml',
    archive: true,
    links: { current: 'https://x.example/rss.xml', prevArchive: 'https://x.example/archive/rss-1.xml', nextArchive: 'https://x.example/archive/rss-3.xml' },
  });
  assert.deepEqual(undeclaredPrefixes(archive), []);
  assert.match(archive, /<fh:archive\/>/);
});

test('archive pages carry RFC 5005 links', async () => {
  const links = { current: 'https://x.example/rss.xml', prevArchive: 'https://x.example/a/rss-1.xml', nextArchive: 'https://x.example/a/rss-3.xml' };
  const ch = (await parseXml(renderRss({ site: makeSite(), articles: articles(), selfUrl: 'https://x.example/a/rss-2.xml', archive: true, links }))).rss.channel[0];
  const byRel = Object.fromEntries(ch['atom:link'].map((l: any) => [l.$.rel, l.$.href]));
  assert.equal(byRel.current, links.current);
  assert.equal(byRel['prev-archive'], links.prevArchive);
  assert.equal(byRel['next-archive'], links.nextArchive);
  assert.ok(ch['fh:archive']);
});

test('an empty feed takes the caller’s stable time, and has no lastBuildDate without one', async () => {
  const withFallback = (await parseXml(renderRss({ site: makeSite(), articles: [], selfUrl: 'https://x.example/rss.xml', fallbackUpdated: '2024-01-01T00:00:00Z' }))).rss.channel[0];
  assert.equal(text(withFallback.lastBuildDate[0]), 'Mon, 01 Jan 2024 00:00:00 +0000');
  assert.equal(withFallback.item, undefined);
  const without = (await parseXml(renderRss({ site: makeSite(), articles: [], selfUrl: 'https://x.example/rss.xml' }))).rss.channel[0];
  assert.equal(without.lastBuildDate, undefined);
});
