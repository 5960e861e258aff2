// Benign input, written by us and by npm `feed` 6 (the reference): the same titles, links and dates
// reach an RSS reader. (For hostile input `feed` breaks; that is why the writer is our own.)
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Feed } from 'feed';
import { renderRss } from '../../src/render/index.js';
import { makeArticle, makeSite, seedArticle } from './factory.js';
import { parseXml, text } from './tools.js';

test('RSS: same channel, item titles, links and dates as feed 6', async () => {
  const site = makeSite();
  const articles = [
    makeArticle({ published: '2024-03-05T10:00:00Z', updated: '2024-03-05T10:00:00Z' }, 1),
    makeArticle({ published: '2024-03-04T22:15:30-05:00', updated: '2024-03-04T22:15:30-05:00' }, 2),
    makeArticle({ published: '2023-12-31T23:59:59+14:00', updated: '2023-12-31T23:59:59+14:00', headline: 'New Year in Kiribati' }, 3),
    seedArticle(),
  ];
  const reference = new Feed({
    title: site.title,
    id: site.url,
    link: site.url,
    description: site.description,
    language: site.language,
    updated: new Date(articles[0].updated),
    copyright: '',
    generator: false,
  });
  for (const a of articles) {
    reference.addItem({
      title: a.headline,
      id: a.id,
      link: a.url,
      date: new Date(a.published),
      description: a.summary ?? undefined,
      author: a.byline.map((p) => ({ name: p.name, email: p.email ?? undefined })),
    });
  }
  const theirs = (await parseXml(reference.rss2())).rss.channel[0];
  const ours = (await parseXml(renderRss({ site, articles, selfUrl: 'https://news.example.com/feeds/rss.xml' }))).rss.channel[0];

  assert.equal(text(ours.title[0]), text(theirs.title[0]));
  assert.equal(text(ours.link[0]), text(theirs.link[0]));
  assert.equal(text(ours.description[0]), text(theirs.description[0]));
  assert.equal(Date.parse(text(ours.lastBuildDate[0])), Date.parse(text(theirs.lastBuildDate[0])));
  const view = (ch: any) =>
    ch.item.map((i: any) => ({ title: text(i.title[0]), link: text(i.link[0]), date: Date.parse(text(i.pubDate[0])) }));
  assert.equal(ours.item.length, articles.length);
  assert.deepEqual(view(ours), view(theirs));
});
