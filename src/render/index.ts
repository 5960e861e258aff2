// Render: Site + Article[] → the bytes of each feed. Pure and deterministic: the same input gives
// byte-identical output, no clock is read, and the feed's "updated" is its newest item's change.
import type { Article, Site } from '../model/index.js';
import { parseTimestamp } from './dates.js';
import { renderAtom } from './atom.js';
import { renderJsonFeed } from './jsonfeed.js';
import { PreparedArticles, pushAll } from './prepared.js';
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
 * Given `firstSeenOf` (when the publisher first saw each article, ms since the epoch), by arrival
 * first: when an article reached the feeds, which is its first-seen time, or its publication time
 * when that is later (an embargo lifted). So a story published today with an old date counts as
 * today's, and the articles of one arrival (every one of a first run) go by their dates.
 * (Articles are grouped by instant and the instants sorted as numbers: a JavaScript comparator
 * runs only within a group, on the ids of one instant or the few articles of one arrival.)
 */
export function sortNewestFirst(articles: readonly Article[], firstSeenOf?: (a: Article) => number | undefined): Article[] {
  if (!firstSeenOf) return newestPublishedFirst(articles);
  const published = new Float64Array(articles.length);
  const byArrival = new Map<number, number[]>(); // arrival → indexes into articles
  for (let i = 0; i < articles.length; i++) {
    const a = articles[i];
    published[i] = parseTimestamp(a.published).ms;
    const ms = Math.max(firstSeenOf(a) ?? -Infinity, published[i]);
    const group = byArrival.get(ms);
    if (group) group.push(i);
    else byArrival.set(ms, [i]);
  }
  if (byArrival.size <= 1) return newestPublishedFirst(articles);
  // A site's later runs bring a few articles each: most groups are small, and sorted in place.
  const newerFirst = (i: number, j: number): number => published[j] - published[i] || byId(articles[i], articles[j]);
  const arrivals = Float64Array.from(byArrival.keys()).sort();
  const out: Article[] = [];
  for (let k = arrivals.length - 1; k >= 0; k--) {
    const group = byArrival.get(arrivals[k])!;
    if (group.length > 64) pushAll(out, newestPublishedFirst(group.map((i) => articles[i])));
    else for (const i of group.length > 1 ? group.sort(newerFirst) : group) out.push(articles[i]);
  }
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
