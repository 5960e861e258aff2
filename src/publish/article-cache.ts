// The article cache's articles file (.wirefeed/cache/articles.json; see cache.ts for the cache
// as a whole): each article's ingest result in brief, keyed by path, size, mtime and content hash,
// so that a run reads, hashes and ingests only the files that moved; and the stat index that lets
// a correction find those files without reading every entry.
import { createHash } from 'node:crypto';
import { endianness } from 'node:os';
import { utf8Text, type PublishFs } from './fsio.js';

export interface CachedArticle<R> {
  /** The article file, relative to the config's folder (the ledger's name for it). */
  rel: string;
  size: number;
  mtimeMs: number;
  sha256: string;
  /** The first-seen time the result was ingested with (it can decide a dateline's year). */
  firstSeen: string;
  result: R;
}

/** How the cache writes a result and reads it back. */
export interface ResultCodec<R> {
  encode(result: R): unknown;
  /** Whether a value read back is one `encode` made (if not, that file is read again). */
  check(value: unknown): boolean;
  /** The result of a value `check` accepted. */
  decode(value: unknown, rel: string, sha256: string): R;
}

/**
 * The values part of one line of the articles file, each value parsed when it is asked for: a run
 * that changed a few articles decodes the few results it needs (parsing every value of 10,000
 * articles took more than half of such a run's cache work, and left as much garbage behind).
 */
class LineValues {
  constructor(
    /** The values as written, their integrity checked when loaded (see loadArticles). */
    private readonly text: string,
    private readonly check: (value: unknown) => boolean,
  ) {}
  /** A value's JSON text as written (a line written again copies it instead of parsing it). */
  textOf(start: number, end: number): string {
    return this.text.slice(start, end);
  }
  at(start: number, end: number): unknown {
    const value = JSON.parse(this.text.slice(start, end)) as unknown;
    // The line's hash matched, so we wrote it: a value the codec refuses is a bug here.
    if (!this.check(value)) throw new Error('article cache: a line whose hash matches holds a value the codec refuses');
    return value;
  }
}

/** An entry read from the cache file: its result is made from the stored value when first asked
 *  for (a run that changed a few articles asks for few of them). */
class LoadedArticle<R> implements CachedArticle<R> {
  #result: R | undefined;
  /** The line that holds it, as ArticleCache.lines numbers them; -1 when that line is not kept. */
  line = -1;
  constructor(
    readonly rel: string,
    readonly size: number,
    readonly mtimeMs: number,
    readonly sha256: string,
    readonly firstSeen: string,
    private readonly values: LineValues,
    /** Where its value is in the line's values part. */
    private readonly start: number,
    private readonly end: number,
    private readonly codec: ResultCodec<R>,
  ) {}
  /** The value as stored (what the codec's encode made). */
  get stored(): unknown {
    return this.values.at(this.start, this.end);
  }
  get result(): R {
    return (this.#result ??= this.codec.decode(this.stored, this.rel, this.sha256));
  }
  /** The stored value's JSON text. */
  get storedText(): string {
    return this.values.textOf(this.start, this.end);
  }
}

/**
 * The articles file: a first line naming the layout and the key; then, when the run that wrote it
 * gave its listing, the stat index (below); then lines of entries, each line one group of the
 * plan (the main feeds' candidates, an archive page) or up to GROUP entries. A line of entries is
 * the JSON array of its entries' stats (path, size, mtime, sha256, first-seen time, and where its
 * value starts and ends in the values part), a tab, the sha256 of the stats and the values parts,
 * a tab, and the values part: their stored results, one after the other. (JSON never holds a raw
 * tab.) A line is read (its hash checked, its stats parsed) when a run first asks for one of its
 * entries, and a value is parsed only when asked for. A run that changed a few articles
 * re-encodes only the lines that hold them and writes the others as it read them.
 *
 * The stat index says, for each file of the listing the cache was written for, the size and mtime
 * its entry has and the line that holds it. A run walks its own listing beside it (both sorted)
 * to find the files that are new or whose stat moved, and reads only the lines of the entries it
 * needs: a page's, as lines follow the plan. Reading every line's stats and making an entry of
 * each, then finding the moved file, took a one-change run ~30 ms at 10k articles and ~220–260 ms
 * at 100k; with the index, ~6 and ~38 ms. A run over the very same files (a correction: the
 * listing's namesHash is the index's) takes the numbers as they are, without even reading the
 * paths. The index line is a JSON object with namesHash and the count, a tab, the sha256 of the
 * rest, a tab, the JSON array of the paths, a tab, and the numbers: three little-endian doubles a
 * file (size, mtime, line; -1 when no line holds it), in base64.
 */
const ARTICLES_VERSION = 5;
const GROUP = 1000;
const NEWLINE = 0x0a;
const TAB = 0x09;
const OPEN_BRACE = 0x7b;

/** A line of entries: its bytes (with its newline) and, once read, what it held. */
interface CacheLine<R> {
  bytes: Uint8Array;
  /** unread: not looked at yet (written back as read); kept: read whole, written back as read
   *  while its members are all current; dropped: damaged or not all its own (its good entries
   *  are `loose`). */
  state: 'unread' | 'kept' | 'dropped';
  members: LoadedArticle<R>[];
}

/** The stat index as loaded: the listing it was written for (namesHash, and its paths, sorted,
 *  parsed when first needed) and each file's size, mtime and line. */
class StatIndex {
  #rels: readonly string[] | null = null;
  constructor(
    readonly names: string,
    /** [size, mtimeMs, line] for each file of the listing, in its order. */
    readonly stats: Float64Array,
    private readonly relsText: string,
  ) {}
  get rels(): readonly string[] {
    if (!this.#rels) {
      let rels: unknown;
      try {
        rels = JSON.parse(this.relsText);
      } catch {
        rels = null;
      }
      // (Its hash matched, so we wrote it; anything else counts as knowing no file.)
      const ok = Array.isArray(rels) && rels.length * 3 === this.stats.length && rels.every((r) => typeof r === 'string');
      this.#rels = ok ? (rels as string[]) : [];
    }
    return this.#rels;
  }
  /** Whether it was written for this very listing (the same paths, as namesHash says). */
  isFor(listing: Listing): boolean {
    return listing.names === this.names && listing.rels.length * 3 === this.stats.length;
  }
}

/** A run's listing: its files' paths (sorted as the job lists them) and their namesHash. */
export interface Listing {
  names: string;
  rels: readonly string[];
}

/** Where `rel` is in `rels` (sorted as the job lists files: by code unit), or -1. */
export function positionIn(rels: readonly string[], rel: string): number {
  let lo = 0;
  let hi = rels.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = rels[mid];
    if (r === rel) return mid;
    if (r < rel) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** For each of `rels` (sorted), the position of the same path in `old` (sorted), or -1: one walk
 *  over both. */
function alignListings(rels: readonly string[], old: readonly string[]): Int32Array {
  const at = new Int32Array(rels.length).fill(-1);
  for (let i = 0, j = 0; i < rels.length && j < old.length; ) {
    if (rels[i] === old[j]) at[i++] = j++;
    else if (rels[i] < old[j]) i++;
    else j++;
  }
  return at;
}

/** The article cache as loaded: entries by path, each line read when one of its entries is first asked for. */
export class ArticleCache<R> {
  readonly lines: CacheLine<R>[] = [];
  /** Entries of lines not kept as read (a line cut short): written anew whatever the run does. */
  readonly loose: CachedArticle<R>[] = [];
  index: StatIndex | null = null;
  readonly #byRel = new Map<string, CachedArticle<R>>();
  #unread = 0;
  /** The paths of the stat index's listing when statsOf found it the run's own (no need to read them). */
  #sameListing: readonly string[] | null = null;

  constructor(private readonly codec: ResultCodec<R> | null = null) {}

  /** Where a path is in the stat index's listing, or -1. */
  #position(rel: string): number {
    return this.index ? positionIn(this.#sameListing ?? this.index.rels, rel) : -1;
  }

  /** Every entry (every line read). */
  get entries(): ReadonlyMap<string, CachedArticle<R>> {
    this.readAll();
    return this.#byRel;
  }

  /** The entry for a path: from the line the stat index names, else from reading every line. */
  get(rel: string): CachedArticle<R> | undefined {
    const hit = this.#byRel.get(rel);
    if (hit || !this.#unread) return hit;
    const at = this.#position(rel);
    const line = at >= 0 ? this.index!.stats[3 * at + 2] : -1;
    if (line >= 0 && line < this.lines.length && this.lines[line].state === 'unread') {
      this.#read(line);
      const found = this.#byRel.get(rel);
      if (found) return found;
    }
    this.readAll();
    return this.#byRel.get(rel);
  }

  /** The entry for a path the stat index knows (reading its line), else undefined; without an
   *  index, get(). (A path the index does not know is one new since it was written.) */
  known(rel: string): CachedArticle<R> | undefined {
    if (this.index && !this.#byRel.has(rel) && this.#position(rel) < 0) return undefined;
    return this.get(rel);
  }

  /**
   * For each of these files (sorted as the job lists them), [size, mtime, line] of its entry as
   * the stat index has them, or -1s for a file the index does not know (a new one); null when
   * the file had no index. (Its own numbers when the listing is the index's: not to be changed.)
   */
  statsOf(listing: Listing): Float64Array | null {
    if (!this.index) return null;
    const { stats } = this.index;
    if (this.index.isFor(listing)) {
      this.#sameListing = listing.rels;
      return stats;
    }
    const at = alignListings(listing.rels, this.index.rels);
    const out = new Float64Array(listing.rels.length * 3).fill(-1);
    for (let i = 0; i < listing.rels.length; i++) {
      const j = at[i];
      if (j < 0) continue;
      out[3 * i] = stats[3 * j];
      out[3 * i + 1] = stats[3 * j + 1];
      out[3 * i + 2] = stats[3 * j + 2];
    }
    return out;
  }

  readAll(): void {
    for (let i = 0; this.#unread && i < this.lines.length; i++) if (this.lines[i].state === 'unread') this.#read(i);
  }

  /** Adds a line as read from the file (not looked at yet). */
  addLine(bytes: Uint8Array): void {
    this.lines.push({ bytes, state: 'unread', members: [] });
    this.#unread++;
  }

  /** Reads line i: a damaged line (no two tabs, a hash that does not match, stats that do not
   *  parse) gives nothing, and its articles are read again. */
  #read(i: number): void {
    const line = this.lines[i];
    this.#unread--;
    line.state = 'dropped';
    const { bytes } = line;
    const tab1 = bytes.indexOf(TAB);
    const tab2 = tab1 < 0 ? -1 : bytes.indexOf(TAB, tab1 + 1);
    if (tab2 < 0 || !this.codec) return;
    const ended = bytes[bytes.length - 1] === NEWLINE;
    const statsBytes = bytes.subarray(0, tab1);
    const valuesBytes = bytes.subarray(tab2 + 1, ended ? bytes.length - 1 : bytes.length);
    if (utf8Text(bytes.subarray(tab1 + 1, tab2)) !== lineHash(statsBytes, valuesBytes)) return;
    let stats: unknown;
    try {
      stats = JSON.parse(utf8Text(statsBytes));
    } catch {
      return;
    }
    if (!Array.isArray(stats)) return;
    const codec = this.codec;
    const values = new LineValues(utf8Text(valuesBytes), (value) => codec.check(value));
    const members: LoadedArticle<R>[] = [];
    for (let k = 0; k < stats.length; k++) {
      const e = stats[k] as unknown;
      if (!Array.isArray(e) || e.length !== 7) continue;
      // (By index: destructuring goes through the iterator protocol, slow in code not yet optimised.)
      const rel = e[0] as unknown, size = e[1] as unknown, mtimeMs = e[2] as unknown, sha256 = e[3] as unknown, firstSeen = e[4] as unknown, from = e[5] as unknown, to = e[6] as unknown;
      if (typeof rel !== 'string' || typeof size !== 'number' || typeof mtimeMs !== 'number' || typeof sha256 !== 'string' || typeof firstSeen !== 'string') continue;
      if (typeof from !== 'number' || typeof to !== 'number' || this.#byRel.has(rel)) continue;
      const entry = new LoadedArticle(rel, size, mtimeMs, sha256, firstSeen, values, from, to, codec);
      this.#byRel.set(rel, entry);
      members.push(entry);
    }
    // A line is written again as read only if it held exactly these entries (and ended).
    if (members.length === stats.length && ended) {
      for (const m of members) m.line = i;
      line.state = 'kept';
      line.members = members;
    } else this.loose.push(...members);
  }
}

export function emptyArticleCache<R>(): ArticleCache<R> {
  return new ArticleCache<R>();
}

/** A line's hash: of its stats part and its values part. */
const lineHash = (stats: Uint8Array, values: Uint8Array): string => createHash('sha256').update(stats).update(values).digest('hex');

export async function loadArticles<R>(fs: PublishFs, files: { articles: string }, key: string, codec: ResultCodec<R>): Promise<ArticleCache<R>> {
  const out = new ArticleCache<R>(codec);
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(files.articles);
  } catch {
    return out; // none yet, or unreadable: every article is read again
  }
  // Line by line as bytes: a line kept as it was is written back from them (encodeArticles).
  let start = 0;
  for (let i = 0; start < bytes.length; i++) {
    const nl = bytes.indexOf(NEWLINE, start);
    const end = nl < 0 ? bytes.length : nl + 1;
    const line = bytes.subarray(start, end);
    start = end;
    if (i === 0) {
      let head: { version?: number; key?: string } | null;
      try {
        head = JSON.parse(utf8Text(line)) as { version?: number; key?: string } | null;
      } catch {
        return out; // not ours, or damaged: every article is read again
      }
      if (head?.version !== ARTICLES_VERSION || head.key !== key) return out;
    } else if (i === 1 && line[0] === OPEN_BRACE) out.index = readStatIndex(line);
    else out.addLine(line);
  }
  // An index naming lines the file does not have is not this file's.
  if (out.index && out.index.stats.some((n, k) => k % 3 === 2 && n >= out.lines.length)) out.index = null;
  return out;
}

/** The index's numbers are little-endian, swapped on a big-endian machine (one writeDoubleLE
 *  call per number took 2–5 ms at 10k articles). */
const BIG_ENDIAN = endianness() === 'BE';

function readStatIndex(line: Uint8Array): StatIndex | null {
  if (line[line.length - 1] !== NEWLINE) return null;
  const tabs: number[] = [];
  for (let at = line.indexOf(TAB); at >= 0 && tabs.length < 3; at = line.indexOf(TAB, at + 1)) tabs.push(at);
  if (tabs.length !== 3) return null;
  const head = line.subarray(0, tabs[0]);
  const rest = line.subarray(tabs[1] + 1, line.length - 1);
  if (utf8Text(line.subarray(tabs[0] + 1, tabs[1])) !== lineHash(head, rest)) return null;
  try {
    const { names, count } = JSON.parse(utf8Text(head)) as { names?: unknown; count?: unknown };
    const raw = Buffer.from(utf8Text(line.subarray(tabs[2] + 1, line.length - 1)), 'base64');
    if (typeof names !== 'string' || typeof count !== 'number' || raw.byteLength !== count * 24) return null;
    if (BIG_ENDIAN) raw.swap64();
    return new StatIndex(names, new Float64Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength)), utf8Text(line.subarray(tabs[1] + 1, tabs[2])));
  } catch {
    return null;
  }
}

function statIndexLine(listing: Listing, stats: Float64Array): Uint8Array[] {
  const view = Buffer.from(stats.buffer, stats.byteOffset, stats.byteLength);
  const raw = BIG_ENDIAN ? Buffer.from(view).swap64() : view;
  const head = Buffer.from(JSON.stringify({ names: listing.names, count: listing.rels.length }), 'utf8');
  const rest = Buffer.from(`${JSON.stringify(listing.rels)}\t${raw.toString('base64')}`, 'utf8');
  return [head, Buffer.from(`\t${lineHash(head, rest)}\t`, 'latin1'), rest, Buffer.from('\n', 'latin1')];
}

/** The lines of an articles file being made, and the line each entry went to. */
class LinesOut<R> {
  readonly parts: Uint8Array[] = [];
  readonly lineOf = new Map<string, number>();
  count = 0;
  constructor(private readonly codec: ResultCodec<R>) {}
  /** A line as read; returns its number here. */
  keep(bytes: Uint8Array, members: readonly CachedArticle<R>[] = []): number {
    this.parts.push(bytes);
    for (const e of members) this.lineOf.set(e.rel, this.count);
    return this.count++;
  }
  /** Entries as lines of up to GROUP (see ARTICLES_VERSION for a line). */
  encode(entries: readonly CachedArticle<R>[]): void {
    for (let i = 0; i < entries.length; i += GROUP) {
      const group = entries.slice(i, i + GROUP);
      // Each value's place is counted in UTF-16 code units: the string a load decodes them from.
      let text = '';
      const stats = group.map((e) => {
        const start = text.length;
        text += e instanceof LoadedArticle ? e.storedText : JSON.stringify(this.codec.encode(e.result));
        this.lineOf.set(e.rel, this.count);
        return [e.rel, e.size, e.mtimeMs, e.sha256, e.firstSeen, start, text.length];
      });
      const values = Buffer.from(text, 'utf8');
      const statsBytes = Buffer.from(JSON.stringify(stats), 'utf8');
      this.parts.push(statsBytes, Buffer.from(`\t${lineHash(statsBytes, values)}\t`, 'latin1'), values, Buffer.from('\n', 'latin1'));
      this.count++;
    }
  }
  /** The whole file: the head, the stat index for `listing` (entries by path), these lines. */
  file(key: string, listing: Listing | undefined, entryOf: (rel: string) => CachedArticle<R> | undefined): Uint8Array[] {
    const head = articlesHead(key);
    if (!listing) return [head, ...this.parts];
    const stats = new Float64Array(listing.rels.length * 3);
    listing.rels.forEach((rel, i) => {
      const e = entryOf(rel);
      const line = e ? this.lineOf.get(rel) : undefined;
      stats[3 * i] = e && line !== undefined ? e.size : -1;
      stats[3 * i + 1] = e && line !== undefined ? e.mtimeMs : -1;
      stats[3 * i + 2] = line ?? -1;
    });
    return [head, ...statIndexLine(listing, stats), ...this.parts];
  }
}

/**
 * The articles file for this run's entries: a line of the loaded file is kept as it was when each
 * of its entries is still this run's (the same object: a run that changes an entry makes a new
 * one); the other entries are encoded anew, a line for each of `groups` (paths: the plan's
 * candidates and pages, so that a run that renders one page reads one line) and a line per GROUP
 * for the rest. With `listing`, the file has a stat index for it. In pieces (see FileData): the
 * kept lines are the loaded file's bytes.
 */
export function encodeArticles<R>(
  entries: Iterable<CachedArticle<R>>,
  loaded: ArticleCache<R>,
  key: string,
  codec: ResultCodec<R>,
  { listing, groups = [] }: { listing?: Listing; groups?: readonly (readonly string[])[] } = {},
): Uint8Array[] {
  loaded.readAll();
  const current = new Map<string, CachedArticle<R>>();
  for (const e of entries) current.set(e.rel, e);
  const entryOf = (rel: string): CachedArticle<R> | undefined => current.get(rel);
  // Bytes a line at a time: as one string, 100,000 articles would be tens of millions of
  // characters (and their copy as bytes). A kept line is the loaded file's own bytes.
  const out = new LinesOut(codec);
  const left = new Set(current.values());
  for (const kept of loaded.lines) {
    if (kept.state !== 'kept' || !kept.members.every((e) => left.has(e))) continue;
    out.keep(kept.bytes, kept.members);
    for (const e of kept.members) left.delete(e);
  }
  for (const group of groups) {
    const members = group.flatMap((rel) => {
      const e = current.get(rel);
      return e && left.delete(e) ? [e] : [];
    });
    out.encode(members);
  }
  out.encode([...left]);
  return out.file(key, listing, entryOf);
}

/**
 * encodeArticles for a run whose entries are the loaded ones but for `replaced` (by path; a path
 * the cache did not hold is added): the lines holding a replaced entry are encoded again, every
 * other line is kept (read or not), without a pass over all the entries (a one-change run at 10k
 * spent 6–12 ms on that pass and the list it needed). With `listing` (the run's files, sorted),
 * the stat index is the loaded one carried over to it: the replaced and added entries' stats
 * and lines as written now, the others' as loaded.
 */
export function encodeArticlesReplacing<R>(loaded: ArticleCache<R>, replaced: ReadonlyMap<string, CachedArticle<R>>, key: string, codec: ResultCodec<R>, listing?: Listing): Uint8Array[] {
  const dirty = new Set<number>();
  const added: CachedArticle<R>[] = [];
  for (const [rel, e] of replaced) {
    const was = loaded.known(rel);
    if (!was) added.push(e);
    else if (was !== e && was instanceof LoadedArticle && was.line >= 0) dirty.add(was.line);
  }
  const now = (e: CachedArticle<R>): CachedArticle<R> => replaced.get(e.rel) ?? e;
  const index = loaded.index;
  if (listing && !index) loaded.readAll(); // (no index to carry over: one is made from every entry)
  const out = new LinesOut(codec);
  /** Each loaded line's number in the new file (-1: not there). */
  const moved = loaded.lines.map((line, i) => {
    if (line.state === 'dropped') return -1;
    if (!dirty.has(i)) return out.keep(line.bytes, line.members);
    const at = out.count;
    out.encode(line.members.map(now));
    return at;
  });
  out.encode([...loaded.loose.map(now), ...added]);
  if (!listing || !index) return out.file(key, listing, (rel) => replaced.get(rel) ?? loaded.get(rel));
  const stats = carriedStats(loaded, listing, replaced, out.lineOf, moved);
  return [articlesHead(key), ...statIndexLine(listing, stats), ...out.parts];
}

/** The loaded index's numbers carried over to this listing: each file's stats and line as loaded
 *  (its line renumbered as `moved` says), or as written now for a replaced or added entry. Those
 *  are found by binary search: a correction costs no lookup for every file of the listing. */
function carriedStats<R>(loaded: ArticleCache<R>, listing: Listing, replaced: ReadonlyMap<string, CachedArticle<R>>, lineOf: ReadonlyMap<string, number>, moved: readonly number[]): Float64Array {
  const stats = loaded.statsOf(listing)!.slice();
  for (let k = 2; k < stats.length; k += 3) {
    const to = stats[k] >= 0 ? moved[stats[k]] : -1;
    if (to >= 0) stats[k] = to;
    else stats.fill(-1, k - 2, k + 1);
  }
  for (const [rel, e] of replaced) {
    const i = positionIn(listing.rels, rel);
    if (i < 0) continue;
    const line = lineOf.get(rel);
    stats.set(line === undefined ? [-1, -1, -1] : [e.size, e.mtimeMs, line], 3 * i);
  }
  return stats;
}

function articlesHead(key: string): Uint8Array {
  return Buffer.from(JSON.stringify({ version: ARTICLES_VERSION, key }) + '\n', 'utf8');
}
