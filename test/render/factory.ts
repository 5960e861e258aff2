// Model literals for the render tests: a site, a seed-like article, and a maker for variations.
import type { Article, Site } from '../../src/model/index.js';

export function makeSite(over: Partial<Site> = {}): Site {
  return {
    title: 'Example News',
    url: 'https://news.example.com/',
    description: 'World news from the Example News desk.',
    language: 'en',
    author: { name: 'Example News Desk', email: 'desk@news.example.com' },
    icon: null,
    timezone: 'UTC',
    feedBaseUrl: 'https://news.example.com/feeds/',
    itemLimit: 50,
    hubs: [],
    copyright: null,
    ...over,
  };
}

/** The project's canonical example article, as ingest reads it. */
export function seedArticle(): Article {
  const slug = 'trump-putin-release-joint-statement-on-syria';
  return {
    id: `tag:news.example.com,2017-11-11:${slug}`,
    slug,
    url: `https://news.example.com/2017/11/11/${slug}/`,
    headline: 'Trump, Putin Release Joint Statement on Syria',
    dateline: { place: 'DA’NANG, Vietnam', date: null, agency: null, raw: 'DA’NANG, Vietnam —' },
    byline: [],
    published: '2017-11-11T16:30:00+07:00',
    updated: '2017-11-11T16:30:00+07:00',
    summary: 'The United States and Russia released a joint statement on Syria Saturday.',
    body: [
      'The United States and Russia released a joint statement on Syria Saturday, agreeing that there is no military solution to the conflict.',
      'The statement was released by the Kremlin after President Trump and Russian President Vladimir Putin met briefly at the APEC summit.',
    ],
    media: [
      {
        title: 'Presidents Trump and Putin talk during the APEC summit in Vietnam on Saturday',
        caption:
          'President Trump and Russian President Putin talk at the break of a leader’s meeting at the APEC summit in Vietnam on Saturday',
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
    source: { path: 'articles/000_444975d3a1d52bfe.txt', sha256: '0'.repeat(64) },
  };
}

let counter = 0;

/** A distinct article; `n` picks its slug and (by default) its day in 2024. */
export function makeArticle(over: Partial<Article> = {}, n = ++counter): Article {
  const slug = `story-${n}`;
  const day = String((n % 28) + 1).padStart(2, '0');
  const when = `2024-03-${day}T09:${String(n % 60).padStart(2, '0')}:00+02:00`;
  return {
    id: `tag:news.example.com,2024-03-${day}:${slug}`,
    slug,
    url: `https://news.example.com/2024/03/${day}/${slug}/`,
    headline: `Story number ${n}`,
    dateline: { place: 'GENEVA', date: null, agency: 'Reuters', raw: 'GENEVA (Reuters) -' },
    byline: [{ name: 'Jane Doe' }, { name: 'John Roe', email: 'john@news.example.com' }],
    published: when,
    updated: when,
    summary: `Summary of story ${n}.`,
    body: [`First paragraph of story ${n}.`, `Second paragraph of story ${n}.`],
    media: [
      {
        title: `Photo ${n}`,
        caption: `Caption of photo ${n}`,
        credit: 'Jane Doe/Reuters',
        url: `https://news.example.com/img/${n}.jpg`,
        type: 'image/jpeg',
        size: 12345,
        width: 1200,
        height: 800,
      },
      { title: null, caption: `Second photo of story ${n}`, credit: 'AP Photo/Somebody', url: null, type: null },
    ],
    tags: ['world', 'europe'],
    language: 'en',
    source: { path: `articles/${slug}.txt`, sha256: '0'.repeat(64) },
    ...over,
  };
}
