// Our feeds as other software reads them: libxml2's xmllint and Python's feedparser.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderAtom, renderRss } from '../../src/render/index.js';
import { makeArticle, makeSite, seedArticle } from './factory.js';
import { HAVE_FEEDPARSER, HAVE_XMLLINT, feedparser, xmllint } from './tools.js';

const site = makeSite({ hubs: ['https://hub.example.com/'], icon: 'https://news.example.com/icon.png', copyright: '© Example News' });
const list = [
  makeArticle({ published: '2024-03-05T10:00:00Z', updated: '2024-03-05T10:00:00Z', headline: 'Why <blink> died & what replaced it' }, 1),
  makeArticle({ published: '2024-03-04T10:00:00-05:00', updated: '2024-03-04T10:00:00-05:00', byline: [] }, 2),
  seedArticle(),
];
const feeds = {
  rss: renderRss({ site, articles: list, selfUrl: 'https://news.example.com/feeds/rss.xml' }),
  atom: renderAtom({ site, articles: list, selfUrl: 'https://news.example.com/feeds/atom.xml' }),
  rssArchive: renderRss({
    site,
    articles: list,
    selfUrl: 'https://news.example.com/feeds/archive/rss-1.xml',
    archive: true,
    links: { current: 'https://news.example.com/feeds/rss.xml', nextArchive: 'https://news.example.com/feeds/archive/rss-2.xml' },
  }),
  atomArchive: renderAtom({
    site,
    articles: list,
    selfUrl: 'https://news.example.com/feeds/archive/atom-1.xml',
    archive: true,
    links: { current: 'https://news.example.com/feeds/atom.xml', nextArchive: 'https://news.example.com/feeds/archive/atom-2.xml' },
  }),
};

for (const [name, xml] of Object.entries(feeds)) {
  test(`xmllint --noout accepts ${name}`, (t) => {
    if (!HAVE_XMLLINT) return t.skip('xmllint not installed');
    const r = xmllint(xml);
    assert.ok(r.ok, r.stderr);
  });
}

for (const [name, xml, version] of [['rss', feeds.rss, 'rss20'], ['atom', feeds.atom, 'atom10']] as const) {
  test(`feedparser reads ${name} with bozo 0 and the same titles and links`, (t) => {
    if (!HAVE_FEEDPARSER) return t.skip('python3-feedparser not installed (/usr/bin/python3)');
    const d = feedparser(xml);
    assert.equal(d.bozo, 0, d.bozo_exception ?? '');
    assert.equal(d.version, version);
    assert.equal(d.feed.title, site.title);
    assert.equal(d.feed.link, site.url);
    assert.deepEqual(d.entries.map((e) => e.title), list.map((a) => a.headline));
    assert.deepEqual(d.entries.map((e) => e.link), list.map((a) => a.url));
    assert.deepEqual(d.entries.map((e) => e.id), list.map((a) => a.id));
    assert.deepEqual(d.entries.map((e) => e.published), list.map((a) => Date.parse(a.published) / 1000));
  });
}
