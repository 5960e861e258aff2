// Articles and a site for the page tests, typed in as model values (the project's seed story).
import type { Article, Site } from '../../src/model/index.js';

export const SITE: Site = {
  title: 'Example News',
  url: 'https://news.example.com/',
  description: 'World news from the Example News desk.',
  language: 'en',
  author: { name: 'Example News Desk', email: 'desk@news.example.com' },
  icon: null,
  timezone: 'UTC',
  feedBaseUrl: 'https://news.example.com/',
  itemLimit: 50,
  hubs: [],
  copyright: '© 2017 Example News',
};

export const FEEDS = {
  rss: 'https://news.example.com/rss.xml',
  atom: 'https://news.example.com/atom.xml',
  json: 'https://news.example.com/feed.json',
};

export const SEED: Article = {
  id: 'tag:news.example.com,2017-11-11:trump-putin-release-joint-statement-on-syria',
  slug: 'trump-putin-release-joint-statement-on-syria',
  url: 'https://news.example.com/2017/11/11/trump-putin-release-joint-statement-on-syria/',
  headline: 'Trump, Putin Release Joint Statement on Syria',
  dateline: { place: 'DA’NANG, Vietnam', date: null, agency: null, raw: 'DA’NANG, Vietnam —' },
  byline: [],
  published: '2017-11-11T10:00:00+07:00',
  updated: '2017-11-11T10:00:00+07:00',
  summary:
    'The United States and Russia released a joint statement on Syria Saturday, the Kremlin said, after President Donald Trump and Russian President Vladimir Putin met on the sidelines of an economic summit here.',
  body: [
    'The United States and Russia released a joint statement on Syria Saturday, the Kremlin said, after President Donald Trump and Russian President Vladimir Putin met on the sidelines of an economic summit here.',
  ],
  media: [
    {
      title: 'Presidents Trump and Putin talk during the APEC summit in Vietnam on Saturday',
      caption: 'President Trump and Russian President Putin talk at the break of a leader’s meeting at the APEC summit in Vietnam on Saturday',
      credit: 'MIKHAIL KLIMENTYEV/SPUTNIK/KREML / EPA',
      url: null,
      type: null,
    },
    {
      title: 'Presidents Trump and Putin walk together with Vietnamese President Tran Dai Quangat the APEC summit on Saturday',
      caption:
        'President Trump walking with Russia’s President Vladimir Putin and Vietnamese President Tran Dai Quang before taking part in the APEC “family photo” on Saturday.',
      credit: 'AFP PHOTO / APEC 2017 National Committee / AFP – Getty Images',
      url: null,
      type: null,
    },
  ],
  tags: [],
  language: 'en',
  source: { path: 'articles/seed.txt', sha256: '0'.repeat(64) },
};

/** A second, newer story with a byline, an agency dateline and a photo with a URL. */
export const WIRE: Article = {
  id: 'tag:news.example.com,2017-11-12:manila-summit-opens',
  slug: 'manila-summit-opens',
  url: 'https://news.example.com/2017/11/12/manila-summit-opens/',
  headline: 'Leaders arrive in Manila as summit opens',
  dateline: { place: 'MANILA, Philippines', date: null, agency: 'AP', raw: 'MANILA, Philippines (AP) —' },
  byline: [{ name: 'Jim Gomez' }, { name: 'Bullit Marquez', role: 'Photographer' }],
  published: '2017-11-12T08:30:00+08:00',
  updated: '2017-11-12T08:30:00+08:00',
  summary: 'Asia-Pacific leaders arrived in Manila on Sunday for a summit.',
  body: ['Asia-Pacific leaders arrived in Manila on Sunday for a summit.'],
  media: [
    {
      title: 'Leaders arrive',
      caption: 'Leaders walk to the summit hall in Manila.',
      credit: 'Bullit Marquez/AP',
      url: 'https://news.example.com/photos/manila.jpg',
      type: 'image/jpeg',
    },
  ],
  tags: ['Asia'],
  language: 'en',
  source: { path: 'articles/manila.txt', sha256: '1'.repeat(64) },
};
