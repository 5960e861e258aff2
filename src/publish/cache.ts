// The publish cache (.wirefeed/cache/ beside the config; never committed, safe to
// delete). It lets a run skip work that cannot have changed:
//  - per article: keyed by path, size, mtime and content hash, it keeps the ingested result, so
//    an article whose size and mtime did not move is not even read; one whose mtime moved but
//    whose bytes hash the same is read but not parsed again;
//  - per run: a fingerprint of everything the feeds depend on (article listing, config, ledger,
//    output files, the next embargo to lift). When it matches, the run is "unchanged": no article
//    body is read, nothing is rendered, no file is written.
// A cache that cannot be read is ignored (the run just does the full work), never an error.
import path from 'node:path';
import { createRequire } from 'node:module';
import type { PublishFs } from './fsio.js';
import { writeFileAtomic } from './atomic.js';

export interface CachedArticle<R> {
  size: number;
  mtimeMs: number;
  sha256: string;
  /** The first-seen time the result was ingested with (it can decide a dateline's year). */
  firstSeen: string;
  result: R;
}

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
}

export interface PublishCache<R> {
  version: 1;
  /** wirefeed's version and the config's hash: either changing voids everything below. */
  key: string;
  /** mtime of the run file when it was loaded: entries at least that new are not trusted. */
  loadedMtimeMs: number;
  articles: Record<string, CachedArticle<R>>;
  run: RunFingerprint | null;
}

/**
 * Two files: the small run fingerprint, read first (all an "unchanged" run needs), and the
 * per-article results, read only when something changed. The run file is written last, so its
 * mtime is later than every article stat it vouches for.
 */
export function cacheFiles(root: string): { run: string; articles: string } {
  const dir = path.join(root, '.wirefeed', 'cache');
  return { run: path.join(dir, 'run.json'), articles: path.join(dir, 'articles.json') };
}

export function emptyCache<R>(key: string): PublishCache<R> {
  return { version: 1, key, loadedMtimeMs: 0, articles: {}, run: null };
}

/** The run fingerprint and the time it was written (0 when there is none usable). */
export async function loadRun(fs: PublishFs, files: { run: string }, key: string): Promise<{ run: RunFingerprint | null; mtimeMs: number }> {
  try {
    const [bytes, st] = await Promise.all([fs.readFile(files.run), fs.stat(files.run)]);
    const raw = JSON.parse(new TextDecoder().decode(bytes)) as { version?: number; key?: string; run?: RunFingerprint };
    if (raw.version !== 1 || raw.key !== key || !raw.run) return { run: null, mtimeMs: 0 };
    return { run: raw.run, mtimeMs: st.mtimeMs };
  } catch {
    return { run: null, mtimeMs: 0 };
  }
}

export async function loadArticles<R>(fs: PublishFs, files: { articles: string }, key: string): Promise<Record<string, CachedArticle<R>>> {
  try {
    const raw = JSON.parse(new TextDecoder().decode(await fs.readFile(files.articles))) as { version?: number; key?: string; articles?: Record<string, CachedArticle<R>> };
    if (raw.version !== 1 || raw.key !== key || !raw.articles || typeof raw.articles !== 'object') return {};
    return raw.articles;
  } catch {
    return {};
  }
}

export async function saveCache<R>(fs: PublishFs, files: { run: string; articles: string }, cache: PublishCache<R>): Promise<void> {
  await writeFileAtomic(fs, files.articles, articlesJson(cache));
  await writeFileAtomic(fs, files.run, JSON.stringify({ version: 1, key: cache.key, run: cache.run }));
}

/**
 * The articles file's JSON, built as bytes a thousand entries at a time: as one string, the
 * cache of 100,000 articles is a 120-million-character string (and its copy as bytes) at once.
 */
function articlesJson<R>(cache: PublishCache<R>): Uint8Array {
  const parts: Buffer[] = [Buffer.from(`{"version":1,"key":${JSON.stringify(cache.key)},"articles":{`)];
  const entries = Object.entries(cache.articles);
  for (let i = 0; i < entries.length; i += 1000) {
    const chunk = entries.slice(i, i + 1000).map(([rel, entry]) => `${JSON.stringify(rel)}:${JSON.stringify(entry)}`);
    parts.push(Buffer.from((i ? ',' : '') + chunk.join(','), 'utf8'));
  }
  parts.push(Buffer.from('}}'));
  return Buffer.concat(parts);
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
      // src/publish/ and dist/publish/ both sit two levels under the package root.
      version = String((createRequire(import.meta.url)('../../package.json') as { version: string }).version);
    } catch {
      version = 'unknown';
    }
  }
  return version;
}
