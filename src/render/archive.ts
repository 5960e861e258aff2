// RFC 5005 §4 archived feeds, in all three formats: the main feeds (the "subscription documents")
// carry the newest items and link to archive pages that together hold every older item once.
//
// How items are split, and why:
//  - Oldest first, the items fall into fixed blocks of `pageSize`; archive page k is block k.
//    The caller may give each article its place in the order articles reached the feeds
//    (ArchiveSettings.placeOf: 1 for the first, never reused): block k is then places
//    (k-1)·pageSize+1 … k·pageSize, whatever became of the articles in between. A new article
//    is the newest whatever date it carries; an edit, even to a date, leaves its article where it
//    is; a deleted article leaves a gap on its page rather than shifting every later one. Pages
//    never reshuffle. (By dates alone, a story that arrives dated last year would land on an old
//    page, which readers that keep pages would never fetch again, and push an item onto every
//    later page.) Without places, the blocks are of the publication-date order.
//  - A block becomes a page only once it has left the main feeds whole: the main feeds hold the
//    newest items from the start of a block, at least `itemLimit` of them and fewer than
//    `itemLimit + pageSize`. So adding an article rewrites only the main feeds, and when a
//    further block has left them, one new page appears (its older neighbour gains a
//    next-archive link). Editing an old article rewrites the one page that holds it.
//    RFC 5005 asks exactly this of archives: an archive page's entries never change, so a reader
//    walking prev-archive links may stop at the first page it has seen before.
//  - Each main feed must also stay within `maxBytes`. When the block-aligned cut is too large,
//    the main feeds keep as many of the newest items as fit, and the newest archive page holds
//    the rest of its block so far: that one page then grows with each article until its block
//    is full (or until the main feeds have room again). Large articles only.
//  - The three formats are split at the same place, decided by the largest of them, so an
//    item sits on page k in RSS, Atom and JSON Feed alike.
//
// Links: RSS and Atom pages carry fh:archive and current / prev-archive / next-archive (atom:link
// in RSS); the main feeds link prev-archive to the newest page. JSON Feed has no archive links, so
// its documents chain with next_url from the main feed to the newest page and on to page 1.
// A JSON Feed page keeps the main feed's URL as feed_url: that is the feed's identity.
//
// Pure: articles in, plans and strings out. Rendering a plan is per file, so a caller can render,
// check and write one page at a time, and skip pages whose key says they have not changed.
import { createHash } from 'node:crypto';
import type { Article, Site } from '../model/index.js';
import { renderAtom } from './atom.js';
import { FEED_FILES, sortNewestFirst, type FeedPage } from './index.js';
import { renderJsonFeed } from './jsonfeed.js';
import { PreparedArticles } from './prepared.js';

export { PreparedArticles };
import { renderRss } from './rss.js';

export type FeedFormat = 'rss' | 'atom' | 'json';
export const FEED_FORMATS: readonly FeedFormat[] = ['rss', 'atom', 'json'];

/** The folder (under the output folder) that holds the archive pages. */
export const ARCHIVE_DIR = 'archive';

const RENDERERS: Record<FeedFormat, (page: FeedPage) => string> = { rss: renderRss, atom: renderAtom, json: renderJsonFeed };
const PAGE_STEM: Record<FeedFormat, string> = { rss: 'rss', atom: 'atom', json: 'feed' };
const PAGE_EXT: Record<FeedFormat, string> = { rss: 'xml', atom: 'xml', json: 'json' };

/** Changes whenever the way a page is derived from its items changes: old keys then never match. */
const KEY_VERSION = 'wirefeed-archive-1';

export interface ArchiveSettings {
  /** Newest items the main feeds hold at least (Site.itemLimit). */
  itemLimit: number;
  /** Items per archive page (config feed.archivePageSize). */
  pageSize: number;
  /** Byte budget of each main feed file (config feed.maxBytes). */
  maxBytes: number;
  /**
   * Each article's place in the order articles reached the feeds (1 for the first; see
   * sortNewestFirst): the blocks are then ranges of places, so that an article that arrives with
   * an old date joins the main feeds, and an edit or a deletion changes only its own page. An
   * article without one is newer than every placed one. Without it, the order of publication
   * dates, each article's place its rank in it.
   */
  placeOf?: (a: Article) => number | undefined;
  /** The main feeds' "updated" when there is no article at all (a stable time, never the clock). */
  fallbackUpdated?: string;
  /**
   * The whole article for one given to planArchive. A caller may plan with articles in brief
   * (their bodies left out: the split and the keys need only ids, dates and source hashes) and
   * supply the whole ones here for the items the main feeds may hold (mainCandidates).
   */
  full?: (a: Article) => Article;
  /**
   * The split an earlier plan made (its `candidatesKey`, `main.length` and `overBudget`). When the key is
   * this plan's own, the main feeds would come out the same, so the byte-budget search is
   * skipped, and the main feeds are rendered (and `full` asked for their articles) only when
   * `mainFeeds` or `main` is first read: a caller that still has them published need not.
   */
  knownSplit?: { candidatesKey: string; mainCount: number; overBudget: boolean };
}

export interface ArchivePage {
  /** 1 = the oldest items. */
  number: number;
  /** Newest first, as feeds are written. */
  articles: Article[];
  /** False only for the newest page when the byte budget pushed part of a block out early. (A
   *  complete page may hold fewer than pageSize items: those of its block that were deleted.) */
  complete: boolean;
  /**
   * Same key ⇒ same bytes, in each format: a hash of the site, the page's number and links, and
   * each item's id, dates and source hash. A caller that remembers the key a file was written
   * with may skip rendering and checking it again.
   */
  key: string;
}

export interface ArchivePlan {
  site: Site;
  settings: ArchiveSettings;
  /** The main feeds' items, newest first (whole: reading this may ask `full` for them). */
  main: Article[];
  /** How many items the main feeds hold (main.length, without making them whole). */
  mainCount: number;
  /** Like ArchivePage.key, for the three main feeds. */
  mainKey: string;
  /**
   * What decides the split: the site, the settings, how many articles there are and the item
   * keys of the main feeds' candidates (mainCandidates). The same key, the same split.
   */
  candidatesKey: string;
  /** pages[i] is page i + 1; oldest first. */
  pages: ArchivePage[];
  /** The newest article alone is larger than maxBytes in some format: the main feeds hold it anyway. */
  overBudget: boolean;
  /** The main feeds as rendered while measuring them against the budget (so they are rendered once). */
  mainFeeds: Record<FeedFormat, string>;
  /** Shared by every file of the plan: each article's body and dates are worked out once, not once
   *  per format (a page's three formats are rendered from the same article objects). */
  prepared: PreparedArticles;
}

/** One file of a plan: its name under the output folder and the key of its content. */
export interface ArchiveFile {
  name: string;
  format: FeedFormat;
  /** 0 for a main feed, else the archive page number. */
  page: number;
  key: string;
}

export function mainFileName(format: FeedFormat): string {
  return FEED_FILES[format];
}

/** `archive/rss-3.xml`, `archive/atom-3.xml`, `archive/feed-3.json`. */
export function archiveFileName(format: FeedFormat, page: number): string {
  return `${ARCHIVE_DIR}/${PAGE_STEM[format]}-${page}.${PAGE_EXT[format]}`;
}

/** The page number and format of an archive file name, or null when it is not one of ours. */
export function parseArchiveFileName(name: string): { format: FeedFormat; page: number } | null {
  const m = /^archive\/(rss|atom|feed)-([1-9]\d*)\.(xml|json)$/.exec(name);
  if (!m) return null;
  const format: FeedFormat = m[1] === 'feed' ? 'json' : (m[1] as FeedFormat);
  if (PAGE_EXT[format] !== m[3]) return null;
  return { format, page: Number(m[2]) };
}

/** The hash of the parts, each followed by U+0000 (hashed as one string: one call instead of two a part). */
function sha256(parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000') + '\u0000').digest('hex');
}

/**
 * What decides an item's bytes, given the site: ingest derives everything else from the source
 * file's bytes. The id and dates come apart from the bytes (ledger, first-seen time), so they
 * are named too.
 */
export function itemKey(a: Article): string {
  return `${a.id}\u0001${a.published}\u0001${a.updated}\u0001${a.source.sha256}\u0001${a.dateline?.date ?? ''}`;
}

/**
 * Each article's slot (its place − 1; blocks are slots k·pageSize … (k+1)·pageSize − 1), for a
 * list sorted newest first, so strictly decreasing. Without places, or for articles that have
 * none (the newest), slots follow on from the one before: `older` articles not in the list come
 * before it (a list of the newest of them).
 */
export function slotsOf(newest: readonly Article[], { placeOf }: Pick<ArchiveSettings, 'placeOf'>, older = 0): Float64Array {
  const slots = new Float64Array(newest.length);
  let below = older - 1;
  for (let i = newest.length - 1; i >= 0; i--) {
    const place = placeOf?.(newest[i]);
    below = slots[i] = place === undefined ? below + 1 : Math.max(place - 1, below + 1);
  }
  return slots;
}

/** The block-aligned cut, given the slots newest first: the main feeds hold the newest items from
 *  the start of the block that holds the itemLimit-th newest item (all when there are no more). */
export function alignedCount(slots: Float64Array, { itemLimit, pageSize }: Pick<ArchiveSettings, 'itemLimit' | 'pageSize'>): number {
  if (slots.length <= itemLimit) return slots.length;
  const start = pageSize * Math.floor(slots[itemLimit - 1] / pageSize);
  let count = itemLimit;
  while (count < slots.length && slots[count] >= start) count++;
  return count;
}

/** How many archive pages there are when the main feeds hold the newest `mainCount`: up to the
 *  block of the newest archived item. */
function pageCountOf(slots: Float64Array, mainCount: number, pageSize: number): number {
  return mainCount < slots.length ? Math.floor(slots[mainCount] / pageSize) + 1 : 0;
}

/** sortNewestFirst and the slots, once per list: a caller asks for the main candidates, then for the plan. */
const sortedLists = new WeakMap<readonly Article[], { placeOf: ArchiveSettings['placeOf']; sorted: Article[]; slots: Float64Array }>();
function newestFirst(articles: readonly Article[], { placeOf }: Pick<ArchiveSettings, 'placeOf'>): { sorted: Article[]; slots: Float64Array } {
  let done = sortedLists.get(articles);
  if (!done || done.placeOf !== placeOf) {
    const sorted = sortNewestFirst(articles, placeOf);
    sortedLists.set(articles, (done = { placeOf, sorted, slots: slotsOf(sorted, { placeOf }) }));
  }
  return done;
}

/** The newest articles the main feeds may hold, newest first: the only ones planArchive renders
 *  (so the only ones it needs whole), and a superset of the newest itemLimit. */
export function mainCandidates(articles: readonly Article[], settings: ArchiveSettings): Article[] {
  const { sorted, slots } = newestFirst(articles, settings);
  return sorted.slice(0, alignedCount(slots, settings));
}

function pageKeyOf(siteKey: string, n: number, hasNext: boolean, itemKeys: string[]): string {
  return sha256([siteKey, `page ${n}`, hasNext ? 'next' : 'last', ...itemKeys]);
}

/**
 * ArchivePage.key of page `n` of `pageCount` holding `articles` (newest first), without making the
 * plan: for a caller that knows a page's articles and only some of them changed (their ids and
 * dates did not, so the page still holds the same ones in the same order).
 */
export function archivePageKey(site: Site, settings: Pick<ArchiveSettings, 'pageSize'>, n: number, pageCount: number, articles: readonly Article[]): string {
  const siteKey = sha256([KEY_VERSION, JSON.stringify(site), String(settings.pageSize)]);
  return pageKeyOf(siteKey, n, n < pageCount, articles.map(itemKey));
}

/** ArchivePlan.candidatesKey, without making the plan (cheap: the candidates' item keys only). */
export function candidatesKey(site: Site, articles: readonly Article[], settings: ArchiveSettings): string {
  const siteKey = sha256([KEY_VERSION, JSON.stringify(site), String(settings.pageSize)]);
  const { sorted, slots } = newestFirst(articles, settings);
  const aligned = alignedCount(slots, settings);
  return splitKey(siteKey, articles.length, settings, sorted.slice(0, aligned).map(itemKey), slots.subarray(0, aligned));
}

/** What decides the split: the candidates' item keys and slots (which decide the pages' links). */
function splitKey(siteKey: string, total: number, settings: ArchiveSettings, candidateKeys: string[], candidateSlots: Float64Array): string {
  const head = [siteKey, 'candidates', `of ${total}`, `limit ${settings.itemLimit}`, `bytes ${settings.maxBytes}`, settings.fallbackUpdated ?? '', candidateSlots.join(' ')];
  return sha256([...head, ...candidateKeys]);
}

/** Splits the articles into main feeds and archive pages; renders (and keeps) the main feeds. */
export function planArchive(site: Site, articles: readonly Article[], settings: ArchiveSettings): ArchivePlan {
  const { itemLimit, pageSize } = settings;
  if (!(Number.isInteger(pageSize) && pageSize >= 1)) throw new RangeError(`archive page size must be a whole number ≥ 1, not ${pageSize}`);
  if (!(Number.isInteger(itemLimit) && itemLimit >= 1)) throw new RangeError(`item limit must be a whole number ≥ 1, not ${itemLimit}`);
  const { sorted: newest, slots } = newestFirst(articles, settings);
  const total = newest.length;
  const full = settings.full ?? ((a: Article) => a);
  const siteKey = sha256([KEY_VERSION, JSON.stringify(site), String(pageSize)]);
  const prepared = new PreparedArticles();

  const pageCountFor = (mainCount: number): number => pageCountOf(slots, mainCount, pageSize);
  const whole: Article[] = [];
  const renderMainWith = (count: number, format: FeedFormat): string => {
    for (let i = whole.length; i < count; i++) whole.push(full(newest[i]));
    return RENDERERS[format](mainPage(site, whole.slice(0, count), format, pageCountFor(count), settings.fallbackUpdated, prepared));
  };

  // ---- how many of the newest items the main feeds hold
  const rendered = new Map<number, Partial<Record<FeedFormat, string>>>();
  /** The largest size seen for each count probed (for guessing the next probe). */
  const sizes = new Map<number, number>();
  /** Renders the main feeds with `count` items, largest format first, stopping at the first too big. */
  const fits = (count: number): boolean => {
    const got = rendered.get(count) ?? {};
    rendered.set(count, got);
    for (const format of ['json', 'rss', 'atom'] as const) {
      const text = (got[format] ??= renderMainWith(count, format));
      const size = Buffer.byteLength(text, 'utf8');
      sizes.set(count, Math.max(sizes.get(count) ?? 0, size));
      if (size > settings.maxBytes) return false;
    }
    return true;
  };
  const aligned = alignedCount(slots, settings);
  const itemKeys = newest.map(itemKey);
  const candidatesKey = splitKey(siteKey, total, settings, itemKeys.slice(0, aligned), slots.subarray(0, aligned));
  const known = settings.knownSplit?.candidatesKey === candidatesKey ? settings.knownSplit : null;
  let mainCount = aligned;
  let overBudget = false;
  if (known) {
    mainCount = known.mainCount;
    overBudget = known.overBudget;
  } else if (total > 0 && !fits(aligned)) {
    // The most that fit, between 1 (always kept) and the aligned count. Items are alike in size
    // on average, so each probe is guessed by interpolating the sizes measured at the bounds
    // (usually 2–3 probes instead of a bisection's 7–8); a guess that narrows the range by less
    // than half is followed by a plain bisection, so it never takes longer than one.
    let lo = 1;
    let hi = aligned - 1;
    if (!fits(1)) {
      overBudget = true;
      hi = 1;
    }
    let bisect = false;
    while (lo < hi) {
      const over = hi + 1; // known not to fit
      const below = sizes.get(lo)!;
      const above = sizes.get(over)!;
      let mid = Math.ceil((lo + hi) / 2);
      if (!bisect && above > below) {
        const guess = lo + Math.floor(((settings.maxBytes - below) / (above - below)) * (over - lo));
        mid = Math.min(hi, Math.max(lo + 1, guess));
      }
      const width = hi - lo;
      if (fits(mid)) lo = mid;
      else hi = mid - 1;
      bisect = !bisect && hi - lo > width / 2;
    }
    // (Each probe is rendered with its own links, so `lo` is a checked fit, not an estimate.)
    // The aligned cut was the smallest block boundary leaving itemLimit items, so no other
    // boundary helps: the main feeds keep all that fit, and the newest page holds the rest of
    // its block so far.
    mainCount = lo;
  }

  // ---- the pages: block k of the oldest-first order, i.e. a slice of the newest-first list (the
  // archived items whose slots fall in the block; none, when all of them were deleted)
  const pages: ArchivePage[] = [];
  const pageCount = pageCountFor(mainCount);
  /** The main feeds' oldest slot: a block wholly below it has left them for good. */
  const mainFrom = mainCount > 0 ? slots[mainCount - 1] : Infinity;
  let to = total; // exclusive end of page k's slice, walking from the oldest
  for (let k = 1; k <= pageCount; k++) {
    let from = to;
    while (from > mainCount && slots[from - 1] < k * pageSize) from--;
    const hasNext = k < pageCount;
    pages.push({
      number: k,
      articles: newest.slice(from, to),
      complete: k * pageSize <= mainFrom,
      key: pageKeyOf(siteKey, k, hasNext, itemKeys.slice(from, to)),
    });
    to = from;
  }

  // The main feeds as rendered by the search, or when first asked for (with a known split).
  const got = rendered.get(mainCount) ?? {};
  const mainFeeds = {} as Record<FeedFormat, string>;
  for (const format of FEED_FORMATS) {
    Object.defineProperty(mainFeeds, format, { enumerable: true, get: () => (got[format] ??= renderMainWith(mainCount, format)) });
  }
  if (!known) for (const format of FEED_FORMATS) void mainFeeds[format];
  return {
    site,
    settings,
    get main() {
      for (let i = whole.length; i < mainCount; i++) whole.push(full(newest[i]));
      return whole.slice(0, mainCount);
    },
    mainCount,
    mainKey: mainKeyOf(siteKey, pageCount, settings, itemKeys.slice(0, mainCount)),
    candidatesKey,
    pages,
    overBudget,
    mainFeeds,
    prepared,
  };
}

/**
 * The main feeds alone, rendered from their candidates (mainCandidates: whole, newest first) for
 * the split in which the main feeds hold every candidate and the archive holds the other
 * `total - candidates.length` items in `pageCount` pages: for a run whose only change is an edit
 * in place to some of the candidates (the same ids and dates, so the same candidates in the same
 * order and the same pages). The keys and bytes are those planArchive gives for that split.
 * `fits` is false when a main feed came out over the byte budget: the split may then differ, and
 * the caller must plan anew.
 */
export function renderMainFeeds(
  site: Site,
  candidates: Article[],
  settings: ArchiveSettings,
  archive: { pageCount: number; total: number },
): { mainFeeds: Record<FeedFormat, string>; mainKey: string; candidatesKey: string; fits: boolean } {
  const siteKey = sha256([KEY_VERSION, JSON.stringify(site), String(settings.pageSize)]);
  const itemKeys = candidates.map(itemKey);
  const prepared = new PreparedArticles();
  const mainFeeds = {} as Record<FeedFormat, string>;
  let fits = true;
  for (const format of FEED_FORMATS) {
    mainFeeds[format] = RENDERERS[format](mainPage(site, candidates, format, archive.pageCount, settings.fallbackUpdated, prepared));
    if (Buffer.byteLength(mainFeeds[format], 'utf8') > settings.maxBytes) fits = false;
  }
  return {
    mainFeeds,
    mainKey: mainKeyOf(siteKey, archive.pageCount, settings, itemKeys),
    candidatesKey: splitKey(siteKey, archive.total, settings, itemKeys, slotsOf(candidates, settings, archive.total - candidates.length)),
    fits,
  };
}

function mainKeyOf(siteKey: string, pageCount: number, settings: ArchiveSettings, mainItemKeys: string[]): string {
  return sha256([siteKey, 'main', `pages ${pageCount}`, settings.fallbackUpdated ?? '', ...mainItemKeys]);
}

function mainPage(
  site: Site,
  articles: Article[],
  format: FeedFormat,
  pageCount: number,
  fallbackUpdated: string | undefined,
  prepared: PreparedArticles,
): FeedPage {
  const newestPage = pageCount > 0 ? site.feedBaseUrl + archiveFileName(format, pageCount) : undefined;
  const page: FeedPage = { site, articles, selfUrl: site.feedBaseUrl + mainFileName(format), fallbackUpdated, prepared };
  if (format === 'json') page.nextUrl = newestPage;
  else if (newestPage) page.links = { prevArchive: newestPage };
  return page;
}

/** The FeedPage of archive page `n` in one format (links filled in). `articles`: the page's
 *  articles whole, when the plan was made with them in brief. */
export function archivePage(plan: ArchivePlan, n: number, format: FeedFormat, articles?: Article[]): FeedPage {
  const found = plan.pages[n - 1];
  if (!found) throw new RangeError(`no archive page ${n} (there are ${plan.pages.length})`);
  return pageOf(plan.site, n, plan.pages.length, format, articles ?? found.articles, plan.prepared);
}

/** The FeedPage of archive page `n` of `pageCount` holding `articles` (whole, newest first). */
function pageOf(site: Site, n: number, pageCount: number, format: FeedFormat, articles: Article[], prepared?: PreparedArticles): FeedPage {
  const url = (k: number): string => site.feedBaseUrl + archiveFileName(format, k);
  const current = site.feedBaseUrl + mainFileName(format);
  if (format === 'json') {
    // feed_url names the feed, not the document; next_url leads on to the older page.
    return { site, articles, selfUrl: current, nextUrl: n > 1 ? url(n - 1) : undefined, prepared };
  }
  return {
    site,
    articles,
    prepared,
    selfUrl: url(n),
    archive: true,
    links: {
      current,
      prevArchive: n > 1 ? url(n - 1) : undefined,
      nextArchive: n < pageCount ? url(n + 1) : undefined,
    },
  };
}

/** Archive page `n` of `pageCount`, rendered from its articles (whole, newest first) without a
 *  plan: see archivePageKey. `prepared`: shared by the three formats of one page. */
export function renderPageOf(site: Site, n: number, pageCount: number, format: FeedFormat, articles: Article[], prepared = new PreparedArticles()): string {
  return RENDERERS[format](pageOf(site, n, pageCount, format, articles, prepared));
}

export function renderArchivePage(plan: ArchivePlan, n: number, format: FeedFormat, articles?: Article[]): string {
  return RENDERERS[format](archivePage(plan, n, format, articles));
}

/** Every file of the plan with its key: the three main feeds first, then each page's three. */
export function archiveFiles(plan: ArchivePlan): ArchiveFile[] {
  const out: ArchiveFile[] = FEED_FORMATS.map((format) => ({ name: mainFileName(format), format, page: 0, key: plan.mainKey }));
  for (const p of plan.pages) {
    for (const format of FEED_FORMATS) out.push({ name: archiveFileName(format, p.number), format, page: p.number, key: p.key });
  }
  return out;
}

/** The text of one file of the plan (`articles`: as for archivePage). */
export function renderArchiveFile(plan: ArchivePlan, file: Pick<ArchiveFile, 'format' | 'page'>, articles?: Article[]): string {
  return file.page === 0 ? plan.mainFeeds[file.format] : renderArchivePage(plan, file.page, file.format, articles);
}
