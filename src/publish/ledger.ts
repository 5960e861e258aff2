// The ledger (.wirefeed/ledger.json beside the config) is wirefeed's memory of every article it
// has published: its id, when it was first seen, the hash of its bytes and when it last changed.
// It is meant to be committed with the articles: losing it would re-date every undated article
// and re-mint ids, so readers would see old stories as new. That is why a ledger that cannot be
// read stops the run (naming the file and the reason) instead of being quietly started afresh.
//
// Which ledger entry is which article file — the rule, in order:
//   1. A front matter `id` names the article: the entry with that id is it, wherever it now lives.
//   2. Otherwise a file at the same path as an entry is that article (editing it keeps its id).
//   3. Otherwise a file whose bytes hash to the same sha256 as an entry whose file is gone is that
//      article renamed or moved (it keeps id, first-seen time and updated time).
//   4. Otherwise it is a new article: first seen now, id minted from the site, date and slug.
// A file renamed AND edited in the same step, without a front matter id, cannot be told apart
// from a new article, so it gets a new id: give an article an `id:` in its front matter if it
// will move. An entry that no article claims any more is dropped: the article left the feeds.
// Each entry also keeps the article's place in the archive (see places.ts).
import { createHash } from 'node:crypto';
import type { Article } from '../model/index.js';
import type { FileData, PublishFs } from './fsio.js';
import { errCode, describeFsError, utf8Text } from './fsio.js';
import { writeFileAtomic } from './atomic.js';

export interface LedgerEntry {
  /** Path of the article file relative to the config's folder, with `/` separators. */
  path: string;
  id: string;
  /** RFC 3339: the first run that saw this article. Never changes. */
  firstSeen: string;
  /** sha256 (hex) of the file's bytes when last published. */
  sha256: string;
  /** RFC 3339: when its content last changed (moves only when sha256 does). */
  updated: string;
  /**
   * Its place in the order articles reached the feeds: 1 for the first, given by the first run
   * that published it (see places.ts) and never changed, so that archive pages never reshuffle.
   * None while it has never been published (an embargo), or is held back again.
   */
  place?: number;
}

export interface Ledger {
  version: 1;
  entries: LedgerEntry[];
}

export class LedgerError extends Error {
  constructor(readonly file: string, readonly reason: string) {
    super(`${file}: ${reason} — fix or restore it (it is meant to be committed), or run with --rebuild-ledger to start a new one, which re-dates every undated article`);
    this.name = 'LedgerError';
  }
}

export const emptyLedger = (): Ledger => ({ version: 1, entries: [] });

/** A ledger as read from its file: the entries, the text (null when there was no file) and its hash. */
export interface LoadedLedger {
  ledger: Ledger;
  text: string | null;
  /** The file's bytes (null when there was no file). */
  bytes: Uint8Array | null;
  /** sha256 of the file's bytes ('' when there was none). */
  sha256: string;
  /** The text is one serializeLedger wrote (its hash was known): entries were not checked again. */
  ours: boolean;
}

/**
 * Reads the ledger; a missing file is an empty ledger (the first run), anything else unreadable
 * throws. `text` is the file as it was (null when absent), so a run can tell whether it changed.
 * `ours`: the sha256 of the text the last run wrote. A file with that hash is that text, checked
 * when it was written: it is read without checking each entry again (10,000 entries: ~20 ms).
 */
export async function loadLedger(fs: PublishFs, file: string, ours?: string | null): Promise<LoadedLedger> {
  const read = await readLedger(fs, file, ours);
  return { ...read, ledger: entriesOf(read, file) };
}

/** The ledger file as read, not yet parsed (see loadLedger). */
export type LedgerFile = Omit<LoadedLedger, 'ledger'>;

/** Reads the ledger's text and hash (a missing file: no text); see loadLedger. */
export async function readLedger(fs: PublishFs, file: string, ours?: string | null): Promise<LedgerFile> {
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(file);
  } catch (err) {
    if (errCode(err) === 'ENOENT') return { text: null, bytes: null, sha256: '', ours: false };
    throw new LedgerError(file, `cannot be read: ${describeFsError(err)}`);
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { text: decodeLedger(bytes, file), bytes, sha256, ours: !!ours && sha256 === ours };
}

/** The entries of a ledger file read by readLedger (checked one by one unless it is `ours`). */
export function entriesOf(read: LedgerFile, file: string): Ledger {
  if (read.text === null) return emptyLedger();
  // (Ours: its entries are objects of exactly the fields serializeLedger writes.)
  if (read.ours) return { version: 1, entries: (JSON.parse(read.text) as { articles: LedgerEntry[] }).articles };
  return parseLedgerText(read.text, file);
}

/**
 * A ledger text serializeLedger wrote, taken apart by entry without parsing all of it: a run
 * that changes a few entries looks up those it needs and puts the file together again with the
 * changed ones, byte for byte what serializeLedger would write. Null when the text is not such.
 *
 * Entries are found by where they start and end, not cut out: 10,000 of them as strings, joined
 * again and encoded twice (to hash, to write) took ~15 ms of a one-change run; the bytes the file
 * was read from, spliced where entries changed, take ~4 (hash included).
 */
export function ledgerBlocks(
  text: string,
  /** The file's bytes, when text was decoded from them: kept where entries did not change. */
  bytes?: Uint8Array,
): {
  entryAt(path: string): LedgerEntry | undefined;
  /** Whether some entry has this sha256 (a file's bytes the ledger knows, under any path). */
  knowsSha256(sha256: string): boolean;
  /** Whether some entry has this id. */
  knowsId(id: string): boolean;
  /** The file with the entries at these paths replaced, and those at paths it has not added in
   *  path order: in pieces, mostly of the bytes it was read from (see FileData). */
  withEntries(changed: ReadonlyMap<string, LedgerEntry>): Uint8Array[];
} | null {
  const spans = entrySpans(text);
  if (!spans) return null;
  const { starts, ends } = spans;
  const parsed = new Map<number, LedgerEntry>();
  const entryOf = (i: number): LedgerEntry => {
    let e = parsed.get(i);
    if (!e) parsed.set(i, (e = JSON.parse(text.slice(starts[i], ends[i])) as LedgerEntry));
    return e;
  };
  /** Index of the entry at `path` (entries are in path order, so a binary search), or, as -1 -
   *  i, of the entry it would go before. */
  const indexOf = (path: string): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const p = entryOf(mid).path;
      if (p === path) return mid;
      if (p < path) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1 - lo;
  };
  // (Each field as entryBlock writes it: every entry of a text entrySpans accepts is so written.)
  const knows = (field: string, value: string): boolean => text.includes(`\n      "${field}": ${JSON.stringify(value)}`);
  // One byte a character (ASCII: all of most ledgers), offsets in the text are offsets in the bytes.
  const oneByte = bytes !== undefined && bytes.byteLength === text.length;
  const piece = (from: number, to: number): Uint8Array => (oneByte ? bytes.subarray(from, to) : Buffer.from(text.slice(from, to), 'utf8'));
  return {
    entryAt(path) {
      const i = indexOf(path);
      return i < 0 ? undefined : entryOf(i);
    },
    knowsSha256: (sha256) => knows('sha256', sha256),
    knowsId: (id) => knows('id', id),
    withEntries(changed) {
      // Where each goes in the text: in place of the entry at its path, or (a new path) just
      // before the entry it goes before, or after the last one; new ones in path order.
      const edits = [...changed]
        .map(([path, e]) => {
          const i = indexOf(path);
          return i >= 0 ? { from: starts[i], to: ends[i], block: entryBlock(e), path } : -1 - i < starts.length ? { from: starts[-1 - i], to: starts[-1 - i], block: entryBlock(e) + ',\n', path } : { from: ends[starts.length - 1], to: ends[starts.length - 1], block: ',\n' + entryBlock(e), path };
        })
        .sort((a, b) => a.from - b.from || (a.path < b.path ? -1 : 1));
      const out: Uint8Array[] = [];
      let at = 0;
      for (const { from, to, block } of edits) {
        out.push(piece(at, from), Buffer.from(block, 'utf8'));
        at = to;
      }
      out.push(piece(at, text.length));
      return out;
    },
  };
}

/** Checks a ledger file's bytes field by field; every problem names where it is. */
export function parseLedger(bytes: Uint8Array, file: string): Ledger {
  return parseLedgerText(decodeLedger(bytes, file), file);
}

function decodeLedger(bytes: Uint8Array, file: string): string {
  try {
    return utf8Text(bytes, { fatal: true });
  } catch {
    throw new LedgerError(file, 'not UTF-8 text');
  }
}

function parseLedgerText(text: string, file: string): Ledger {
  if (text.trim() === '') throw new LedgerError(file, 'empty file');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new LedgerError(file, `not valid JSON: ${(err as Error).message}`);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new LedgerError(file, 'not a JSON object');
  const top = raw as Record<string, unknown>;
  if (top.version !== 1) throw new LedgerError(file, `version: expected 1, found ${JSON.stringify(top.version)}`);
  if (!Array.isArray(top.articles)) throw new LedgerError(file, 'articles: must be an array');
  const entries: LedgerEntry[] = [];
  const ids = new Set<string>();
  const paths = new Set<string>();
  const places = new Map<number, number>(); // place → the entry that has it
  const list = top.articles as unknown[];
  for (let i = 0; i < list.length; i++) {
    const a = list[i];
    if (!a || typeof a !== 'object' || Array.isArray(a)) throw new LedgerError(file, `articles[${i}]: must be an object`);
    const e = a as Record<string, unknown>;
    const entry: LedgerEntry = {
      path: field(e, 'path', i, file),
      id: field(e, 'id', i, file),
      firstSeen: timeField(e, 'firstSeen', i, file),
      sha256: field(e, 'sha256', i, file),
      updated: timeField(e, 'updated', i, file),
    };
    if (!SHA256.test(entry.sha256)) throw new LedgerError(file, `articles[${i}].sha256: not a sha256 hex digest`);
    if (ids.has(entry.id)) throw new LedgerError(file, `articles[${i}].id: ${entry.id} appears twice`);
    if (paths.has(entry.path)) throw new LedgerError(file, `articles[${i}].path: ${entry.path} appears twice`);
    if (e.place !== undefined) {
      if (!Number.isSafeInteger(e.place) || (e.place as number) < 1) throw new LedgerError(file, `articles[${i}].place: must be a whole number ≥ 1, not ${JSON.stringify(e.place)}`);
      const place = e.place as number;
      const holder = places.get(place);
      if (holder !== undefined) throw new LedgerError(file, `articles[${i}].place: ${place} is also articles[${holder}]'s (two articles cannot share one place in the archive)`);
      places.set(place, i);
      entry.place = place;
    }
    ids.add(entry.id);
    paths.add(entry.path);
    entries.push(entry);
  }
  return { version: 1, entries };
}

const SHA256 = /^[0-9a-f]{64}$/;

/** Field `key` of entry `i`: a non-empty string. (Fields are read in the order they are reported.) */
function field(e: Record<string, unknown>, key: string, i: number, file: string): string {
  const v = e[key];
  if (typeof v !== 'string' || v === '') throw new LedgerError(file, `articles[${i}].${key}: must be a non-empty string`);
  return v;
}

/** Times already found valid: a ledger repeats the same few (every article of a first run was
 *  first seen at one time), and each check is a regex and a Date.parse. */
const validTimes = new Set<string>();

function timeField(e: Record<string, unknown>, key: string, i: number, file: string): string {
  const v = field(e, key, i, file);
  if (validTimes.has(v)) return v;
  if (validTimes.size > 100_000) validTimes.clear();
  if (isRfc3339(v)) validTimes.add(v);
  else throw new LedgerError(file, `articles[${i}].${key}: not an RFC 3339 time: ${JSON.stringify(v)}`);
  return v;
}

/**
 * Stable text: sorted by path, one field order, so committing it gives small readable diffs.
 * `previous`: a ledger this function wrote, and its text (see loadLedger's `ours`): the text of
 * each of its entries found again here (the same object) is taken from there rather than written
 * anew. Either way the result is JSON.stringify({ version: 1, articles }, null, 2) and a newline.
 */
export function serializeLedger(ledger: Ledger, previous?: { ledger: Ledger; text: string } | null): string {
  const byPath = (a: LedgerEntry, b: LedgerEntry): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  let entries = ledger.entries;
  // Runs build their entries in path order already: sort only when they are not.
  for (let i = 1; i < entries.length; i++) {
    if (byPath(entries[i - 1], entries[i]) > 0) {
      entries = [...entries].sort(byPath);
      break;
    }
  }
  const blocks = previous && entries.length ? entryBlocks(previous.ledger, previous.text) : null;
  if (blocks) return LEDGER_HEAD + entries.map((e) => blocks.get(e) ?? entryBlock(e)).join(',\n') + LEDGER_FOOT;
  const articles = entries.map((e) => ({ path: e.path, id: e.id, firstSeen: e.firstSeen, updated: e.updated, sha256: e.sha256, place: e.place }));
  return JSON.stringify({ version: 1, articles }, null, 2) + '\n';
}

// The parts of serializeLedger's text around and between its entries (when there are any).
const LEDGER_HEAD = '{\n  "version": 1,\n  "articles": [\n';
const LEDGER_FOOT = '\n  ]\n}\n';
const ENTRY_START = '    {\n';
const BETWEEN = ',\n' + ENTRY_START;

/** One entry as JSON.stringify(…, null, 2) writes it inside the ledger. */
function entryBlock(e: LedgerEntry): string {
  const q = JSON.stringify;
  const place = e.place === undefined ? '' : `,\n      "place": ${e.place}`;
  return `${ENTRY_START}      "path": ${q(e.path)},\n      "id": ${q(e.id)},\n      "firstSeen": ${q(e.firstSeen)},\n      "updated": ${q(e.updated)},\n      "sha256": ${q(e.sha256)}${place}\n    }`;
}

/** Each entry's text in a ledger serializeLedger wrote, by entry; null when the text is not such. */
function entryBlocks(ledger: Ledger, text: string): Map<LedgerEntry, string> | null {
  const spans = entrySpans(text);
  if (!spans || spans.starts.length !== ledger.entries.length) return null;
  const out = new Map<LedgerEntry, string>();
  ledger.entries.forEach((e, i) => out.set(e, text.slice(spans.starts[i], spans.ends[i])));
  return out;
}

/**
 * Where each entry of a ledger text serializeLedger wrote starts and ends: entry i is
 * text[starts[i], ends[i]), ENTRY_START up to its closing brace. Null when the text is not such.
 * (No string in the ledger holds a raw line break, so BETWEEN only ever stands between entries.)
 */
function entrySpans(text: string): { starts: number[]; ends: number[] } | null {
  if (!text.startsWith(LEDGER_HEAD + ENTRY_START) || !text.endsWith(LEDGER_FOOT)) return null;
  const starts: number[] = [];
  const ends: number[] = [];
  const last = text.length - LEDGER_FOOT.length;
  for (let at = LEDGER_HEAD.length; ; ) {
    starts.push(at);
    const between = text.indexOf(BETWEEN, at);
    if (between < 0 || between >= last) break;
    ends.push(between);
    at = between + BETWEEN.length - ENTRY_START.length;
  }
  ends.push(last);
  return { starts, ends };
}

/** Writes a ledger text serializeLedger (or ledgerBlocks) made. */
export async function saveLedgerText(fs: PublishFs, file: string, text: FileData): Promise<void> {
  await writeFileAtomic(fs, file, text);
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
export function isRfc3339(v: string): boolean {
  return RFC3339.test(v) && !Number.isNaN(Date.parse(v));
}

/** What the matcher needs to know of one article file. */
export interface FileKey {
  path: string;
  sha256: string;
  /** The id its front matter gives, if any (null before it has been read or when it has none). */
  frontMatterId: string | null;
}

/**
 * Pairs article files with ledger entries by the rule at the top of this file. Pure: the same
 * files and ledger always pair the same way (files are taken in path order).
 */
export function matchLedger(entries: readonly LedgerEntry[], files: readonly FileKey[]): { matched: Map<string, LedgerEntry>; unmatched: LedgerEntry[] } {
  const byPath = (a: FileKey, b: FileKey): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  let ordered = files;
  for (let i = 1; i < files.length; i++) {
    if (byPath(files[i - 1], files[i]) > 0) {
      ordered = [...files].sort(byPath);
      break;
    }
  }
  const claimed = new Set<LedgerEntry>();
  const matched = new Map<string, LedgerEntry>();
  const take = (file: FileKey, e: LedgerEntry | undefined): void => {
    if (!e || claimed.has(e) || matched.has(file.path)) return;
    claimed.add(e);
    matched.set(file.path, e);
  };
  // 1. a front matter id names its article wherever it lives
  if (ordered.some((f) => f.frontMatterId)) {
    const byId = new Map(entries.map((e) => [e.id, e]));
    for (const f of ordered) if (f.frontMatterId) take(f, byId.get(f.frontMatterId));
  }
  // 2. the same path is the same article
  const entryAt = new Map(entries.map((e) => [e.path, e]));
  for (const f of ordered) take(f, entryAt.get(f.path));
  // 3. the same bytes as an article whose file is gone: renamed or moved (looked up by hash,
  //    so a folder of thousands of new files costs one map lookup each)
  if (matched.size < ordered.length && claimed.size < entries.length) {
    const present = new Set(ordered.map((f) => f.path));
    const goneByHash = new Map<string, LedgerEntry[]>();
    for (const e of entries) {
      if (claimed.has(e) || present.has(e.path)) continue;
      const list = goneByHash.get(e.sha256);
      if (list) list.push(e);
      else goneByHash.set(e.sha256, [e]);
    }
    for (const f of ordered) {
      if (matched.has(f.path)) continue;
      take(f, goneByHash.get(f.sha256)?.find((e) => !claimed.has(e)));
    }
  }
  return { matched, unmatched: claimed.size === entries.length ? [] : entries.filter((e) => !claimed.has(e)) };
}

/** Where an ingested article's id and `updated` came from (ingest's `origin`). */
export interface ArticleOrigin {
  id: 'frontmatter' | 'minted';
  updated: 'frontmatter' | 'published';
}

/**
 * The article as the ledger remembers it: a known article keeps the id it was first given (unless
 * its front matter names one), and its `updated` moves only when its bytes changed — then to
 * `nowIso`, never before publication. Front matter always wins. Pure.
 */
export function applyLedgerEntry(article: Article, origin: ArticleOrigin, entry: LedgerEntry | undefined, sha256: string, nowIso: string): Article {
  if (!entry) return article;
  const id = origin.id === 'minted' ? entry.id : article.id;
  let updated = article.updated;
  if (origin.updated !== 'frontmatter') {
    updated = entry.sha256 === sha256 ? entry.updated : Date.parse(article.published) >= Date.parse(nowIso) ? article.published : nowIso;
  }
  // (The article itself when the ledger agrees: most of them, on most runs.)
  return id === article.id && updated === article.updated ? article : { ...article, id, updated };
}
