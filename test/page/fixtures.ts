// Articles and a site for the page tests, typed in as model values (the project's seed story).
import type { Article, Site } from '../../src/model/index.js';
import { makeSite, seedArticle } from '../render/factory.js';

export const SITE: Site = makeSite({ feedBaseUrl: 'https://news.example.com/', copyright: '© 2017 Example News' });

export const FEEDS = {
  rss: 'https://news.example.com/rss.xml',
  atom: 'https://news.example.com/atom.xml',
  json: 'https://news.example.com/feed.json',
};

/** The seed story, the same model the render tests use. */
export const SEED: Article = seedArticle();

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
