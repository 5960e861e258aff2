import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SaxesParser } from 'saxes';
import type { Article } from '../../src/model/index.js';
import { indexPageKey, renderIndexPage } from '../../src/render/page.js';
import { FEEDS, SEED, SITE, WIRE } from './fixtures.js';

interface Element {
  name: string;
  attributes: Record<string, string>;
  text: string;
}

/** Parses the page as XML (it is written to be well-formed) into a flat list of elements with their full text. */
function parsePage(html: string): Element[] {
  const parser = new SaxesParser();
  const all: Element[] = [];
  const open: Element[] = [];
  parser.on('error', (e) => {
    throw e;
  });
  parser.on('opentag', (tag) => {
    const el: Element = { name: tag.name, attributes: tag.attributes as Record<string, string>, text: '' };
    all.push(el);
    if (!tag.isSelfClosing) open.push(el);
  });
  parser.on('closetag', (tag) => {
    if (!tag.isSelfClosing) open.pop();
  });
  parser.on('text', (t) => open.forEach((el) => (el.text += t)));
  parser.write(html).close();
  return all;
}

const byName = (els: Element[], name: string) => els.filter((e) => e.name === name);

test('the page shows the seed story: headline, dateline, date, summary, photo captions and credits', () => {
  const els = parsePage(renderIndexPage(SITE, [SEED], FEEDS));
  assert.equal(byName(els, 'title')[0].text, 'Example News');
  assert.equal(byName(els, 'h1')[0].text, 'Example News');
  const article = byName(els, 'article')[0].text;
  assert.ok(article.includes('Trump, Putin Release Joint Statement on Syria'));
  assert.ok(article.includes('DA’NANG, Vietnam'));
  assert.ok(article.includes('The United States and Russia released a joint statement on Syria Saturday'));
  const figcaptions = byName(els, 'figcaption').map((f) => f.text);
  assert.equal(figcaptions.length, 2);
  assert.ok(figcaptions[0].includes('talk at the break of a leader’s meeting'));
  assert.ok(figcaptions[0].includes('MIKHAIL KLIMENTYEV/SPUTNIK/KREML / EPA'));
  assert.ok(figcaptions[1].includes('AFP PHOTO / APEC 2017 National Committee / AFP – Getty Images'));
  const time = byName(els, 'time')[0];
  assert.equal(time.attributes.datetime, SEED.published);
  assert.match(time.text, /2017/);
});

test('bylines, agency datelines and photos with URLs are shown; newest story first', () => {
  const els = parsePage(renderIndexPage(SITE, [SEED, WIRE], FEEDS));
  const headlines = byName(els, 'h2').map((h) => h.text).filter((t) => t !== 'Follow in a feed reader');
  assert.deepEqual(headlines, [WIRE.headline, SEED.headline]);
  const first = byName(els, 'article')[0].text;
  assert.ok(first.includes('MANILA, Philippines (AP)'));
  assert.ok(first.includes('Jim Gomez'));
  assert.ok(first.includes('Bullit Marquez (Photographer)'));
  const img = byName(els, 'img')[0];
  assert.equal(img.attributes.src, 'https://news.example.com/photos/manila.jpg');
});

test('only the newest site.itemLimit stories are listed', () => {
  const many: Article[] = Array.from({ length: 5 }, (_, i) => ({
    ...SEED,
    id: `tag:news.example.com,2017-11-1${i}:story-${i}`,
    headline: `Story ${i}`,
    published: `2017-11-1${i}T10:00:00Z`,
  }));
  const els = parsePage(renderIndexPage({ ...SITE, itemLimit: 3 }, many, FEEDS));
  assert.equal(byName(els, 'article').length, 3);
  const headlines = byName(els, 'h2').map((h) => h.text).filter((t) => t.startsWith('Story'));
  assert.deepEqual(headlines, ['Story 4', 'Story 3', 'Story 2']);
});

test('autodiscovery links for all three feeds resolve to the feeds; subscribe links are explained', () => {
  const html = renderIndexPage(SITE, [SEED], FEEDS);
  const els = parsePage(html);
  const pageUrl = SITE.feedBaseUrl + 'index.html';
  const alternates = byName(els, 'link').filter((l) => l.attributes.rel === 'alternate');
  assert.deepEqual(
    alternates.map((l) => [l.attributes.type, new URL(l.attributes.href, pageUrl).href]),
    [
      ['application/rss+xml', FEEDS.rss],
      ['application/atom+xml', FEEDS.atom],
      ['application/feed+json', FEEDS.json],
    ],
  );
  const hrefs = byName(els, 'a').map((a) => a.attributes.href);
  for (const url of Object.values(FEEDS)) {
    assert.ok(hrefs.includes('feed:' + url), `feed: link for ${url}`);
    assert.ok(hrefs.some((h) => new URL(h, pageUrl).href === url), `plain link for ${url}`);
  }
  const subscribe = els.find((e) => e.attributes.id === 'subscribe');
  assert.ok(subscribe && /feed reader/.test(subscribe.text) && subscribe.text.includes('feed:'));
  for (const url of Object.values(FEEDS)) assert.ok(subscribe.text.includes(url), 'the public address is shown for copying');
});

test('the page needs no script or XSLT and adapts to small screens', () => {
  const html = renderIndexPage(SITE, [SEED, WIRE], FEEDS);
  const els = parsePage(html);
  assert.equal(byName(els, 'script').length, 0);
  assert.ok(!html.includes('xml-stylesheet'));
  assert.ok(!/\son[a-z]+=/i.test(html), 'no event handler attributes');
  assert.ok(byName(els, 'meta').some((m) => m.attributes.name === 'viewport'));
  assert.match(byName(els, 'style')[0].text, /max-width/);
  assert.equal(byName(els, 'html')[0].attributes.lang, 'en');
});

test('hostile text stays text: markup, quotes, control characters and script URLs', () => {
  const evil: Article = {
    ...WIRE,
    headline: 'Why <blink> & "quotes" died</h2><script>alert(1)</script>\u0001',
    url: 'javascript:alert(1)',
    summary: 'Fish & chips ]]> <b>bold</b>',
    byline: [{ name: 'O\'Brien <img src=x onerror=alert(1)>' }],
    media: [{ title: 'x', caption: 'Caption <i>it</i>\u0000', credit: 'Credit " onload="x', url: 'javascript:alert(2)', type: null }],
  };
  const site = { ...SITE, title: 'News & <Views>', description: 'Say "hi" \u000b' };
  const html = renderIndexPage(site, [evil], FEEDS);
  const els = parsePage(html); // throws if not well-formed
  assert.equal(byName(els, 'script').length, 0);
  assert.equal(byName(els, 'b').length, 0);
  assert.equal(byName(els, 'i').length, 0);
  assert.equal(byName(els, 'img').length, 0);
  assert.equal(byName(els, 'title')[0].text, 'News & <Views>');
  const h2 = byName(els, 'h2')[0];
  assert.equal(h2.text, 'Why <blink> & "quotes" died</h2><script>alert(1)</script>');
  assert.ok(!html.includes('javascript:'));
  assert.ok(byName(els, 'figcaption')[0].text.includes('Caption <i>it</i>'));
  assert.ok(byName(els, 'figcaption')[0].text.includes('Credit " onload="x'));
  assert.ok(byName(els, 'article')[0].text.includes('O\'Brien <img src=x onerror=alert(1)>'));
});

test('no articles yet still makes a page with the feeds', () => {
  const els = parsePage(renderIndexPage(SITE, [], FEEDS));
  assert.equal(byName(els, 'article').length, 0);
  assert.ok(byName(els, 'main')[0].text.includes('No articles yet'));
  assert.equal(byName(els, 'link').filter((l) => l.attributes.rel === 'alternate').length, 3);
});

test("dates are shown in the site's time zone, named; a zone Intl does not know falls back to UTC, named too", () => {
  const article: Article = { ...SEED, published: '2017-11-11T14:05:00Z' };
  // (Spaces normalised: some ICU versions put a narrow no-break space before AM/PM.)
  const shown = (site: typeof SITE): string => byName(parsePage(renderIndexPage(site, [article], FEEDS)), 'time')[0].text.replace(/\s/g, ' ');
  assert.equal(shown({ ...SITE, language: 'en', timezone: 'America/New_York' }), 'November 11, 2017 at 9:05 AM EST');
  assert.equal(shown({ ...SITE, language: 'en', timezone: 'Asia/Tokyo' }), 'November 11, 2017 at 11:05 PM GMT+9');
  assert.equal(shown({ ...SITE, language: 'en', timezone: 'Mars/Olympus_Mons' }), 'November 11, 2017 at 2:05 PM UTC');
  // The same formatters serve the next page: a second zone does not reuse the first's.
  assert.equal(shown({ ...SITE, language: 'en', timezone: 'America/New_York' }), 'November 11, 2017 at 9:05 AM EST');
});

test("the page's key changes exactly when the page does: a correction further down a story leaves both", () => {
  const stories = [SEED, WIRE];
  const key = indexPageKey(SITE, stories, FEEDS);
  const page = renderIndexPage(SITE, stories, FEEDS);
  // A paragraph past the summary, a new update time, a new source hash: nothing the page shows.
  const corrected = { ...WIRE, body: [...WIRE.body, 'Correction: an earlier version misstated the vote.'], updated: '2030-01-01T00:00:00Z', source: { ...WIRE.source, sha256: 'f'.repeat(64) } };
  assert.equal(indexPageKey(SITE, [SEED, corrected], FEEDS), key);
  assert.equal(renderIndexPage(SITE, [SEED, corrected], FEEDS), page);
  // Each thing the page shows: a new key, and a new page.
  const changes: Article[] = [
    { ...WIRE, headline: WIRE.headline + ' (corrected)' },
    { ...WIRE, summary: 'Another summary.' },
    { ...WIRE, published: '2017-11-11T09:00:00Z' },
    { ...WIRE, byline: [{ name: 'Jane Roe', role: null }] },
    { ...WIRE, media: [] },
    { ...WIRE, url: 'https://news.example.com/elsewhere' },
  ];
  for (const changed of changes) {
    assert.notEqual(renderIndexPage(SITE, [SEED, changed], FEEDS), page, 'the page changed');
    assert.notEqual(indexPageKey(SITE, [SEED, changed], FEEDS), key, 'so did its key');
  }
  assert.notEqual(indexPageKey({ ...SITE, title: 'Other News' }, stories, FEEDS), key);
  assert.notEqual(indexPageKey(SITE, stories, { ...FEEDS, rss: 'https://news.example.com/other.xml' }), key);
});
