// Places: the order in which articles reached the feeds, kept in the ledger (LedgerEntry.place),
// which the archive's pages are cut from (see render/archive.ts). An article gets its place from
// the first run that publishes it, after every place given before, and keeps it: an edit, even
// to its date, leaves it on its page, and a deleted article leaves a gap on its own page instead
// of shifting every later one. So pages never reshuffle, as RFC 5005 asks of archive documents.
//
// The articles that arrive in one run are placed by when they reached the feeds (their first-seen
// time, or their date when an embargo held them back until then), then by date, and articles of
// one instant by id, the greater first: sortNewestFirst's date order read backwards (newest first,
// it lists an instant's articles by id). A first run, where every article arrives at once, so
// places everything as the feeds list it by date. A ledger written before places were kept gets
// them this way on its next run: the same order its pages had.
import type { Article } from '../model/index.js';
import { parseTimestamp } from '../render/dates.js';

export interface Arrival {
  article: Article;
  /** RFC 3339: when the ledger first saw it. */
  firstSeen: string;
}

/** The places of articles arriving in this run, in the order given, numbered from `next` on. */
export function placeArrivals(arrivals: readonly Arrival[], next: number): number[] {
  const n = arrivals.length;
  const published = new Float64Array(n);
  const arrived = new Float64Array(n);
  const seenMs = new Map<string, number>(); // (most arrivals share one first-seen time)
  for (let i = 0; i < n; i++) {
    const { article, firstSeen } = arrivals[i];
    let seen = seenMs.get(firstSeen);
    if (seen === undefined) seenMs.set(firstSeen, (seen = Date.parse(firstSeen)));
    published[i] = parseTimestamp(article.published).ms;
    arrived[i] = Math.max(seen, published[i]);
  }
  const idOf = (i: number): string => arrivals[i].article.id;
  const order = new Uint32Array(n).map((_, i) => i);
  order.sort((x, y) => arrived[x] - arrived[y] || published[x] - published[y] || (idOf(x) > idOf(y) ? -1 : idOf(x) < idOf(y) ? 1 : 0));
  const places = new Array<number>(n);
  for (let k = 0; k < n; k++) places[order[k]] = next + k;
  return places;
}

/** The place after every one the entries hold (1 for none). */
export function nextPlaceAfter(entries: Iterable<{ place?: number }>): number {
  let max = 0;
  for (const e of entries) if (e.place !== undefined && e.place > max) max = e.place;
  return max + 1;
}
