// Render: Site + Article[] → the bytes of each feed. Pure and deterministic: the same input gives
// byte-identical output, no clock is read, and the feed's "updated" is its newest item's change.
import type { Article, Site } from '../model/index.js';
import { parseTimestamp } from './dates.js';
import { renderAtom } from './atom.js';
import { renderJsonFeed } from './jsonfeed.js';
import { PreparedArticles } from './prepared.js';
import { renderRss } from './rss.js';

export { renderAtom } from './atom.js';
export { renderJsonFeed } from './jsonfeed.js';
export { renderRss } from './rss.js';
export { articleHtml } from './html.js';
export { escapeAttr, escapeText, stripInvalidXmlChars } from './xml.js';

/** One page of one feed, as the format writers take it. */
export interface FeedPage {
  site: Site;
  /** In the order to write (newest first); the caller has already limited or paged them. */
  articles: Article[];
  /** Absolute URL of this very file. */
  selfUrl: string;
  /** RFC 5005 links for archives, per format: absolute URLs of the other pages of the same format. */
  links?: { current?: string; prevArchive?: string; nextArchive?: string };
  /** True on archive pages: fh:archive (RSS/Atom). */
  archive?: boolean;
  /** Feed-level updated when there are no articles (caller passes a stable time, never the clock). */
  fallbackUpdated?: string;
  /** JSON Feed next_url for paging. */
  nextUrl?: string;
  /**
   * Per-article work (body HTML, dates, escaped fields) to share with the other formats of the
   * same articles: pass one instance to each writer. Each writer prepares its own without it.
   */
  prepared?: PreparedArticles;
}

export const FEED_FILES = { rss: 'rss.xml', atom: 'atom.xml', json: 'feed.json' } as const;
export type FeedFile = (typeof FEED_FILES)[keyof typeof FEED_FILES];

/**
 * Newest first: by published instant, ties by id, so the order never depends on input order.
 * Given `placeOf` (an article's place in the order articles reached the feeds: 1 for the first,
 * as the publisher's ledger records it), by place instead, highest first: a story that arrives
 * today with an old date is today's. Articles without a place are newer than every placed one
 * (they are arriving now), by date among themselves.
 * (Instants and places are sorted as numbers: a JavaScript comparator runs only on the ids of
 * articles that share an instant.)
 */
export function sortNewestFirst(articles: readonly Article[], placeOf?: (a: Article) => number | undefined): Article[] {
  if (!placeOf) return newestPublishedFirst(articles);
  const unplaced: Article[] = [];
  // Each placed article as place × n + index, so that a typed array's numeric sort orders them.
  const n = articles.length;
  const keys: number[] = [];
  for (let i = 0; i < n; i++) {
    const place = placeOf(articles[i]);
    if (place === undefined) unplaced.push(articles[i]);
    else keys.push(place * n + i);
  }
  const sorted = Float64Array.from(keys).sort();
  const out = unplaced.length ? newestPublishedFirst(unplaced) : [];
  for (let k = sorted.length - 1; k >= 0; k--) out.push(articles[sorted[k] % n]);
  return out;
}

function newestPublishedFirst(articles: readonly Article[]): Article[] {
  const byInstant = new Map<number, Article[]>();
  for (const a of articles) {
    const ms = parseTimestamp(a.published).ms;
    const group = byInstant.get(ms);
    if (group) group.push(a);
    else byInstant.set(ms, [a]);
  }
  const instants = Float64Array.from(byInstant.keys()).sort();
  const out: Article[] = [];
  for (let i = instants.length - 1; i >= 0; i--) {
    const group = byInstant.get(instants[i])!;
    if (group.length > 1) group.sort(byId);
    for (const a of group) out.push(a);
  }
  return out;
}

const byId = (x: Article, y: Article): number => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);

/** The three main feeds: the newest `site.itemLimit` articles, each file pointing at itself. */
export function renderFeeds(
  site: Site,
  articles: Article[],
  opts: { fallbackUpdated?: string } = {},
): Record<FeedFile, string> {
  const newest = sortNewestFirst(articles).slice(0, site.itemLimit);
  const prepared = new PreparedArticles();
  const page = (file: FeedFile): FeedPage => ({
    site,
    articles: newest,
    selfUrl: site.feedBaseUrl + file,
    fallbackUpdated: opts.fallbackUpdated,
    prepared,
  });
  return {
    [FEED_FILES.rss]: renderRss(page(FEED_FILES.rss)),
    [FEED_FILES.atom]: renderAtom(page(FEED_FILES.atom)),
    [FEED_FILES.json]: renderJsonFeed(page(FEED_FILES.json)),
  } as Record<FeedFile, string>;
}
