// Places: the order in which articles reached the feeds, kept in the ledger (LedgerEntry.place),
// which the archive's pages are cut from (see render/archive.ts). An article gets its place from
// the first run that publishes it, after every place given before, and keeps it: an edit, even
// to its date, leaves it on its page, and a deleted article leaves a gap on its own page instead
// of shifting every later one. So pages never reshuffle, as RFC 5005 asks of archive documents.
//
// The articles that arrive in one run are placed by when they reached the feeds (their first-seen
// time, or their date when an embargo held them back until then), then by date, then by id. A
// first run, where every article arrives at once, so places everything by date. A ledger written
// before places were kept gets them this way on its next run: the same order its pages had.
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
  const places = new Array<number>(n);
  let place = next;
  const idOf = (i: number): string => arrivals[i].article.id;
  for (const group of ascending(Array.from({ length: n }, (_, i) => i), arrived)) {
    for (const same of ascending(group, published, idOf)) for (const i of same) places[i] = place++;
  }
  return places;
}

/**
 * The indexes grouped by equal `ms`, the groups in ascending order (sorted as numbers, not by a
 * comparator: a first run places ~10,000 articles); with `idOf`, each group sorted by it.
 */
function ascending(indexes: readonly number[], ms: Float64Array, idOf?: (i: number) => string): number[][] {
  const groups = new Map<number, number[]>();
  for (const i of indexes) {
    const group = groups.get(ms[i]);
    if (group) group.push(i);
    else groups.set(ms[i], [i]);
  }
  const out: number[][] = [];
  for (const key of Float64Array.from(groups.keys()).sort()) {
    const group = groups.get(key)!;
    if (idOf && group.length > 1) group.sort((x, y) => (idOf(x) < idOf(y) ? -1 : idOf(x) > idOf(y) ? 1 : 0));
    out.push(group);
  }
  return out;
}

/** The place after every one the entries hold (1 for none). */
export function nextPlaceAfter(entries: Iterable<{ place?: number }>): number {
  let max = 0;
  for (const e of entries) if (e.place !== undefined && e.place > max) max = e.place;
  return max + 1;
}
