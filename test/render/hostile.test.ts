// Hostile text in every field, attributes included: the feeds stay well-formed and every reader
// gets the text back, minus only the characters XML 1.0 cannot carry.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Article, Site } from '../../src/model/index.js';
import { renderAtom, renderJsonFeed, renderRss } from '../../src/render/index.js';
import { HAVE_FEEDPARSER, HAVE_XMLLINT, feedparser, parseXml, text, xmllint } from './tools.js';

const C0 = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join('');
const HOSTILE =
  `A${C0}B \uFFFE\uFFFF lone:\uD800|\uDFFF| ]]> and ]]> again &<>"' &amp; &#0; ` +
  `<script>alert(1)</script> \u200Frtl\u202Eoverride\u200E 📰 👩‍👩‍👧 🇻🇳 end`;
/** What a reader must get back: HOSTILE without C0 controls (but tab/LF/CR), U+FFFE/U+FFFF, lone surrogates. */
const KEPT = (s: string) =>
  s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '').replace(/\uD800|\uDFFF/g, '');
const MB_LINE = 'one & <two> "three" '.repeat(Math.ceil((1 << 20) / 20));
const H = (label: string) => `${label} ${HOSTILE}`;
const U = (label: string) => `https://news.example.com/${label}/${HOSTILE}`;

const site: Site = {
  title: H('site'),
  url: U('home'),
  description: H('description'),
  language: H('lang'),
  author: { name: H('site author'), email: H('mail'), url: U('author') },
  icon: U('icon'),
  timezone: 'UTC',
  feedBaseUrl: U('feeds'),
  itemLimit: 50,
  hubs: [U('hub')],
  copyright: H('copyright'),
};

const article: Article = {
  id: H('id'),
  slug: H('slug'),
  url: U('article'),
  headline: H('headline'),
  dateline: { place: H('place'), date: null, agency: H('agency'), raw: H('raw') },
  byline: [{ name: H('reporter'), email: H('mail'), url: U('reporter'), role: H('role') }],
  published: '2024-03-05T10:00:00+01:00',
  updated: '2024-03-05T10:00:00+01:00',
  summary: H('summary'),
  body: [H('para'), MB_LINE],
  media: [
    { title: H('photo title'), caption: H('caption'), credit: H('credit'), url: U('photo'), type: 'image/jpeg', size: 1, width: 2, height: 3 },
    { title: H('title 2'), caption: H('caption 2'), credit: H('credit 2'), url: null, type: null },
  ],
  tags: [H('tag')],
  language: H('lang'),
  notes: [H('note')],
  source: { path: 'x.txt', sha256: '0' },
};

const page = (file: string) => ({ site, articles: [article], selfUrl: U(file), links: { current: U('current'), nextArchive: U('next') }, archive: true, nextUrl: U('next') });
const rss = renderRss(page('rss'));
const atom = renderAtom(page('atom'));
const json = renderJsonFeed(page('json'));

/** The body HTML is well-formed XML too (XHTML-style), so xml2js can read it back. */
async function parseHtml(html: string): Promise<any> {
  return (await parseXml(`<div>${html}</div>`)).div;
}
/** A paragraph's text; xml2js keeps the dateline <span> apart from the text that follows it. */
const paraText = (p: any): string => (p.span ? `${text(p.span[0])} ` : '') + text(p).replace(/^ /, '');
const expectedParas = [`${KEPT(article.dateline!.raw)} ${KEPT(article.body[0])}`, MB_LINE];

test('the hostile string really is hostile', () => {
  assert.notEqual(KEPT(HOSTILE), HOSTILE);
  assert.ok(HOSTILE.includes(']]>') && HOSTILE.indexOf(']]>') !== HOSTILE.lastIndexOf(']]>'));
  assert.ok(MB_LINE.length >= 1 << 20);
});

for (const [name, xml] of [['rss', rss], ['atom', atom]] as const) {
  test(`${name}: xmllint finds it well-formed`, (t) => {
    if (!HAVE_XMLLINT) return t.skip('xmllint not installed');
    const r = xmllint(xml);
    assert.ok(r.ok, r.stderr.slice(0, 2000));
  });
  test(`${name}: no markup escapes from the text`, () => {
    assert.doesNotMatch(xml, /<script/);
    assert.doesNotMatch(xml, /]]>/);
    assert.doesNotMatch(xml, /<!\[CDATA\[/);
  });
}

test('rss: every field reads back through xml2js', async () => {
  const ch = (await parseXml(rss)).rss.channel[0];
  assert.equal(text(ch.title[0]), KEPT(site.title));
  assert.equal(text(ch.description[0]), KEPT(site.description));
  assert.equal(text(ch.link[0]), KEPT(site.url));
  assert.equal(text(ch.copyright[0]), KEPT(site.copyright!));
  assert.equal(text(ch.managingEditor[0]), KEPT(`${site.author!.email} (${site.author!.name})`));
  assert.equal(text(ch.image[0].url[0]), KEPT(site.icon!));
  const href = Object.fromEntries(ch['atom:link'].map((l: any) => [l.$.rel, l.$.href]));
  assert.equal(href.self, KEPT(U('rss')));
  assert.equal(href.hub, KEPT(site.hubs[0]));
  assert.equal(href.current, KEPT(U('current')));
  const it = ch.item[0];
  assert.equal(text(it.title[0]), KEPT(article.headline));
  assert.equal(text(it.link[0]), KEPT(article.url));
  assert.equal(text(it.guid[0]), KEPT(article.id));
  assert.equal(text(it.description[0]), KEPT(article.summary!));
  assert.deepEqual(it['dc:creator'].map(text), [KEPT(article.byline[0].name)]);
  assert.deepEqual(it.category.map(text), [KEPT(article.tags[0])]);
  assert.equal(text(it['dc:coverage'][0]), KEPT(article.dateline!.place!));
  const mc = it['media:content'][0];
  assert.equal(mc.$.url, KEPT(article.media[0].url!));
  assert.equal(text(mc['media:title'][0]), KEPT(article.media[0].title!));
  assert.equal(text(mc['media:description'][0]), KEPT(article.media[0].caption!));
  assert.equal(text(mc['media:credit'][0]), KEPT(article.media[0].credit!));
  assert.equal(text(it['media:credit'][0]), KEPT(article.media[1].credit!));
  const html = await parseHtml(text(it['content:encoded'][0]));
  assert.deepEqual(html.p.slice(0, 2).map(paraText), expectedParas);
  assert.equal(text(html.p[2].em[0]), KEPT(article.notes![0]));
});

test('atom: every field reads back through xml2js', async () => {
  const feed = (await parseXml(atom)).feed;
  assert.equal(feed.$['xml:lang'], KEPT(site.language));
  assert.equal(text(feed.title[0]), KEPT(site.title));
  assert.equal(text(feed.subtitle[0]), KEPT(site.description));
  assert.equal(text(feed.rights[0]), KEPT(site.copyright!));
  assert.equal(text(feed.id[0]), KEPT(U('current')));
  assert.equal(text(feed.author[0].name[0]), KEPT(site.author!.name));
  assert.equal(text(feed.author[0].email[0]), KEPT(site.author!.email!));
  assert.equal(text(feed.author[0].uri[0]), KEPT(site.author!.url!));
  const href = Object.fromEntries(feed.link.map((l: any) => [l.$.rel, l.$.href]));
  assert.equal(href.alternate, KEPT(site.url));
  assert.equal(href.self, KEPT(U('atom')));
  assert.equal(href.hub, KEPT(site.hubs[0]));
  assert.equal(href['next-archive'], KEPT(U('next')));
  const e = feed.entry[0];
  assert.equal(e.$['xml:lang'], KEPT(article.language));
  assert.equal(text(e.id[0]), KEPT(article.id));
  assert.equal(text(e.title[0]), KEPT(article.headline));
  assert.equal(e.link[0].$.href, KEPT(article.url));
  assert.equal(text(e.summary[0]), KEPT(article.summary!));
  assert.equal(text(e.author[0].name[0]), KEPT(article.byline[0].name));
  assert.equal(e.category[0].$.term, KEPT(article.tags[0]));
  assert.equal(e['media:content'][0].$.url, KEPT(article.media[0].url!));
  assert.equal(text(e['media:content'][0]['media:credit'][0]), KEPT(article.media[0].credit!));
  assert.equal(text(e['media:credit'][0]), KEPT(article.media[1].credit!));
  const html = await parseHtml(text(e.content[0]));
  assert.deepEqual(html.p.slice(0, 2).map(paraText), expectedParas);
  const figs = html.figure;
  assert.equal(figs[0].img[0].$.src, KEPT(article.media[0].url!));
  assert.equal(figs[0].img[0].$.alt, KEPT(article.media[0].title!));
  assert.equal(text(figs[0].figcaption[0].small[0]), KEPT(article.media[0].credit!));
  assert.equal(text(figs[1].figcaption[0].small[0]), KEPT(article.media[1].credit!));
});

test('json: parses, and every string reads back minus the same characters', async () => {
  const feed = JSON.parse(json);
  assert.equal(feed.title, KEPT(site.title));
  assert.equal(feed.feed_url, KEPT(U('json')));
  assert.equal(feed.hubs[0].url, KEPT(site.hubs[0]));
  const item = feed.items[0];
  assert.equal(item.id, KEPT(article.id));
  assert.equal(item.title, KEPT(article.headline));
  assert.equal(item.summary, KEPT(article.summary!));
  assert.equal(item.authors[0].name, KEPT(article.byline[0].name));
  assert.equal(item.tags[0], KEPT(article.tags[0]));
  assert.equal(item.image, KEPT(article.media[0].url!));
  assert.equal(item._wirefeed.dateline.raw, KEPT(article.dateline!.raw));
  assert.equal(item._wirefeed.media[1].credit, KEPT(article.media[1].credit!));
  assert.doesNotMatch(item.content_html, /<script/);
  // The same body the XML formats carry, read back the same way.
  const html = await parseHtml(item.content_html);
  assert.deepEqual(html.p.slice(0, 2).map(paraText), expectedParas);
  assert.equal(item.content_text, undefined);
});

for (const [name, xml] of [['rss', rss], ['atom', atom]] as const) {
  test(`${name}: feedparser reads it with bozo 0`, (t) => {
    if (!HAVE_FEEDPARSER) return t.skip('python3-feedparser not installed (/usr/bin/python3)');
    const d = feedparser(xml);
    assert.equal(d.bozo, 0, d.bozo_exception ?? '');
    assert.equal(d.entries.length, 1);
    assert.equal(d.entries[0].id, KEPT(article.id));
    // (feedparser decodes entities in an RSS <link> once more, so links are compared on Atom only)
    if (name === 'atom') assert.equal(d.entries[0].link, KEPT(article.url));
  });
}
