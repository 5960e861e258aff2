// The publish cache (.wirefeed/cache/ beside the config; never committed, safe to
// delete). It lets a run skip work that cannot have changed:
//  - per article (article-cache.ts): keyed by path, size, mtime and content hash, it keeps the
//    ingested result, so an article whose size and mtime did not move is not even read; one whose
//    mtime moved but whose bytes hash the same is read but not parsed again;
//  - per run: a fingerprint of everything the feeds depend on (article listing, config, ledger,
//    output files, the next embargo to lift). When it matches, the run is "unchanged": no article
//    body is read, nothing is rendered, no file is written.
// A cache that cannot be read is ignored (the run just does the full work), never an error.
import path from 'node:path';
import { createHash, type Hash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { utf8Text, type FileData, type PublishFs } from './fsio.js';
import { writeFileAtomic } from './atomic.js';
import type { ArticleCache } from './article-cache.js';

export interface FileFingerprint {
  size: number;
  mtimeMs: number;
  /** For outputs: the key of what the file was rendered from (archive pages), when it has one. */
  key?: string;
}

/** What the last complete run saw; all of it equal now means nothing can have changed. */
export interface RunFingerprint {
  articlesDir: string;
  outputDir: string;
  /** sha256 of the sorted article listing with each file's size and mtime. */
  listing: string;
  ledger: FileFingerprint | null;
  outputs: Record<string, FileFingerprint>;
  /** The earliest embargo still in force then: at or after it, the feeds change. */
  embargoUntil: string | null;
  /** sha256 of the ledger's text as that run left it (see loadLedger's `ours`). */
  ledgerSha256?: string;
  /** sha256 of the plan index that run wrote (see PlanIndex). */
  planSha256?: string;
  /** Article files that run left out of the feeds because their items failed the gate, with
   *  their content hash then (left out again while it is the same) and the reason. */
  leftOut?: Record<string, { sha256: string; reason: string }>;
}

/**
 * Which article files the last run's archive pages held (page 1 first, each newest first) and
 * which were the main feeds' candidates, with a hash of the whole article listing then. A run
 * whose files are the same ones, some only edited in place (same ids and dates), knows from it
 * which pages changed without planning the archive again.
 */
export interface PlanIndex {
  /** sha256 of every article file's name, in order (namesHash). */
  names: string;
  candidates: string[];
  /** How many of the candidates the main feeds held (the rest were on the newest page). */
  mainCount: number;
  pages: string[][];
  /** The place the next article to arrive gets (places.ts): one after the ledger's last. */
  nextPlace: number;
}

export function namesHash(rels: readonly string[]): string {
  return namesDigest(rels).digest('hex');
}

const namesDigest = (rels: readonly string[]): Hash => createHash('sha256').update(rels.join('\n'));

/** The run fingerprint's `listing` (names, sizes and mtimes) and, on the way, namesHash of the
 *  same files. The numbers go in as binary, not as text: printing 10,000 mtimes (fractional
 *  milliseconds) costs more than the whole hash. */
export function listingHashes(files: readonly { rel: string; stat: { size: number; mtimeMs: number } }[]): { listing: string; names: string } {
  const numbers = new Float64Array(files.length * 2);
  files.forEach((f, i) => {
    numbers[2 * i] = f.stat.size;
    numbers[2 * i + 1] = f.stat.mtimeMs;
  });
  const hash = namesDigest(files.map((f) => f.rel));
  const names = hash.copy().digest('hex');
  return { listing: hash.update(new Uint8Array(numbers.buffer)).digest('hex'), names };
}

/** The plan index as its file holds it; the job records its sha256 in the run fingerprint. */
export function planIndexText(key: string, index: PlanIndex): string {
  return JSON.stringify({ version: 3, key, ...index });
}

/** The plan index the run fingerprint vouches for (by hash), or null. */
export async function loadPlanIndex(fs: PublishFs, files: { plan: string }, key: string, sha256: string): Promise<PlanIndex | null> {
  try {
    const bytes = await fs.readFile(files.plan);
    if (createHash('sha256').update(bytes).digest('hex') !== sha256) return null;
    const raw = JSON.parse(utf8Text(bytes)) as { version?: number; key?: string } & PlanIndex;
    if (raw.version !== 3 || raw.key !== key || typeof raw.names !== 'string' || !Array.isArray(raw.candidates) || !Number.isInteger(raw.mainCount) || !Array.isArray(raw.pages) || !Number.isSafeInteger(raw.nextPlace)) return null;
    return { names: raw.names, candidates: raw.candidates, mainCount: raw.mainCount, pages: raw.pages, nextPlace: raw.nextPlace };
  } catch {
    return null;
  }
}

export async function savePlanIndex(fs: PublishFs, files: { plan: string }, text: string): Promise<void> {
  await writeCacheFile(fs, files.plan, text);
}

export interface PublishCache<R> {
  version: 1;
  /** wirefeed's version and the config's hash: either changing voids everything below. */
  key: string;
  /** mtime of the run file when it was loaded: entries at least that new are not trusted. */
  loadedMtimeMs: number;
  articles: ArticleCache<R>;
  run: RunFingerprint | null;
}

/**
 * The small run fingerprint, read first (all an "unchanged" run needs); the per-article results
 * in brief, read only when something changed; and some articles whole, by group, read only when
 * a run renders that group: the main feeds' candidates (every run with work renders them), and
 * the articles of the last few archive pages a run rendered by reading their files again (an
 * edited page is often edited again) or made from the candidates (the newest page gains a link
 * when the next is made). The run file is written last, so its mtime is later than every
 * article stat it vouches for.
 */
export function cacheFiles(root: string): CacheFiles {
  const dir = path.join(root, '.wirefeed', 'cache');
  return { run: path.join(dir, 'run.json'), articles: path.join(dir, 'articles.json'), whole: path.join(dir, 'whole'), plan: path.join(dir, 'plan.json') };
}

export interface CacheFiles {
  run: string;
  articles: string;
  /** The last plan's pages, by file (PlanIndex). */
  plan: string;
  /** The folder of whole articles: one file per group (the main feeds' candidates, a page). */
  whole: string;
}

/** The file of one group of whole articles (`main`, `page-12`). */
export function wholeFile(files: CacheFiles, group: string): string {
  return path.join(files.whole, `${group}.json`);
}

/** The run fingerprint and the time it was written (0 when there is none usable). */
export async function loadRun(fs: PublishFs, files: { run: string }, key: string): Promise<{ run: RunFingerprint | null; mtimeMs: number }> {
  try {
    const [bytes, st] = await Promise.all([fs.readFile(files.run), fs.stat(files.run)]);
    const raw = JSON.parse(utf8Text(bytes)) as { version?: number; key?: string; run?: RunFingerprint };
    if (raw.version !== 1 || raw.key !== key || !raw.run) return { run: null, mtimeMs: 0 };
    return { run: raw.run, mtimeMs: st.mtimeMs };
  } catch {
    return { run: null, mtimeMs: 0 };
  }
}

/** Writes the articles file (as encodeArticles made it). */
export async function saveArticles(fs: PublishFs, files: { articles: string }, articles: readonly Uint8Array[]): Promise<void> {
  await writeCacheFile(fs, files.articles, articles);
}

/** Writes the run file: last, once every file it vouches for is written (see cacheFiles). */
export async function saveRun(fs: PublishFs, files: { run: string }, cache: { key: string; run: RunFingerprint | null }): Promise<void> {
  await writeCacheFile(fs, files.run, JSON.stringify({ version: 1, key: cache.key, run: cache.run }));
}

/** An article kept whole: its ingest result for these bytes and this first-seen time. */
export interface WholeArticle<A> {
  sha256: string;
  firstSeen: string;
  article: A;
}

/** A file of whole articles, by path. Empty when missing, damaged or made for other settings. */
export async function loadWhole<A>(fs: PublishFs, file: string, key: string): Promise<Map<string, WholeArticle<A>>> {
  const out = new Map<string, WholeArticle<A>>();
  try {
    const raw = JSON.parse(utf8Text(await fs.readFile(file))) as { version?: number; key?: string; articles?: unknown };
    if (raw.version !== 1 || raw.key !== key || !Array.isArray(raw.articles)) return out;
    for (const e of raw.articles as unknown[]) {
      if (!Array.isArray(e) || e.length !== 4) continue;
      const [rel, sha256, firstSeen, article] = e as [string, string, string, A];
      if (typeof rel === 'string' && typeof sha256 === 'string' && typeof firstSeen === 'string' && article && typeof article === 'object') out.set(rel, { sha256, firstSeen, article });
    }
  } catch {
    // unreadable or damaged: those articles are read again
  }
  return out;
}

export async function saveWhole<A>(fs: PublishFs, file: string, key: string, articles: Map<string, WholeArticle<A>>): Promise<void> {
  const list = [...articles].map(([rel, w]) => [rel, w.sha256, w.firstSeen, w.article]);
  await writeCacheFile(fs, file, JSON.stringify({ version: 1, key, articles: list }));
}

/**
 * Removes the groups of pages beyond the `keep` written last (the main feeds' group stays): a
 * page's group is ~0.5 MB at 100 articles, and a site makes a page every so many articles, so
 * the folder would otherwise grow with the archive.
 */
export async function pruneWholeGroups(fs: PublishFs, files: Pick<CacheFiles, 'whole'>, keep: number): Promise<void> {
  let entries;
  try {
    entries = await fs.readdir(files.whole);
  } catch {
    return;
  }
  const pages = entries.filter((e) => e.isFile && /^page-\d+\.json$/.test(e.name)).map((e) => path.join(files.whole, e.name));
  if (pages.length <= keep) return;
  const stats = await fs.statMany(pages);
  const newestFirst = pages.map((file, i) => ({ file, mtimeMs: stats[i]?.mtimeMs ?? 0 })).sort((a, b) => b.mtimeMs - a.mtimeMs);
  for (const { file } of newestFirst.slice(keep)) await fs.remove(file).catch(() => undefined);
}

/** Replaced atomically and fsynced like the ledger: the run file is renamed into place only once
 *  the articles file it vouches for is on disk (see statMatches). */
async function writeCacheFile(fs: PublishFs, file: string, data: FileData): Promise<void> {
  await writeFileAtomic(fs, file, data);
}

/**
 * Whether a file's stat can be trusted to mean "same bytes as cached". As in git's index, a file
 * modified in the same clock tick as the cache was written could have changed again unseen, so
 * an entry at least as new as the cache file is checked by hash instead.
 */
export function statMatches(cached: FileFingerprint | undefined, now: FileFingerprint, cacheMtimeMs: number): boolean {
  return !!cached && cached.size === now.size && cached.mtimeMs === now.mtimeMs && now.mtimeMs < cacheMtimeMs;
}

let version: string | undefined;
/** wirefeed's own version: a new version may read or write articles differently. */
export function toolVersion(): string {
  if (version === undefined) {
    try {
      // src/publish/ and dist/publish/ both sit two levels under the package root. (Read as a
      // file: require() of JSON would start the CommonJS loader on every run for one field.)
      version = String((JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version);
    } catch {
      version = 'unknown';
    }
  }
  return version;
}
