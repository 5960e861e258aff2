// The publish job: articles/ → ledger → render → validate (the gate) → staging → atomic swap.
//
//   config → list articles → cache ("unchanged" when nothing moved) → ingest each (one bad
//   article never stops the others) → ledger (ids, first-seen, `updated` only on real change)
//   → embargo → render → validate every file → write the changed ones into staging → fsync
//   → ledger → rename each into output/ → fsync output/ → cache
//
// Nothing here reads the real clock (`now` is passed in) or touches the disk but through `fs`.
// If validation fails or any write fails, nothing moves: the last good files stay in output/.
// (Validation errors that all lie in some articles' items leave those articles out instead: the
// run is made again without them; see runPublish and culprit.ts.)
import path from 'node:path';
import { isArticleFile } from '../ingest/files.js';
import type { Article, Diagnostic, Site } from '../model/index.js';
import type { ValidationReport } from '../validate/report.js';
import type { IngestedFile, IngestFilesOptions, IngestInput } from './pool-ingest.js';
import type { Config } from './config.js';
import { removeStaleTemps } from './atomic.js';
import { briefResult, decodeBrief, encodeBrief, isBrief } from './brief.js';
import { emptyArticleCache, encodeArticles, encodeArticlesReplacing, loadArticles, positionIn, type CachedArticle, type ResultCodec } from './article-cache.js';
import { cacheFiles, loadPlanIndex, loadRun, listingHashes, loadWhole, namesHash, planIndexText, pruneWholeGroups, saveArticles, savePlanIndex, saveRun, saveWhole, statMatches, wholeFile, type PlanIndex, toolVersion, type FileFingerprint, type PublishCache, type RunFingerprint, type WholeArticle } from './cache.js';
import { describeFsError, errCode, nodeFs, utf8Bytes, type FileData, type FileTimes, type PublishFs } from './fsio.js';
import { sha256Hex } from './hash.js';
import { applyLedgerEntry, emptyLedger, entriesOf, ledgerBlocks, LedgerError, matchLedger, readLedger, saveLedgerText, serializeLedger, type FileKey, type Ledger, type LedgerEntry } from './ledger.js';
import { acquireLock, LockedError } from './lock.js';
import { phaseTimer, type PhaseTimer } from './timings.js';
import { displayPath, displayPathsIn, failedReport, type EmbargoedArticle, type PublishReport } from './report.js';
import { createStaging, discardStaging, removeStaleStaging, stageFile, swapIntoPlace, syncStaged, type Staging } from './staging.js';
import { itemIdAt } from './culprit.js';
import { nextPlaceAfter, placeArrivals, type Arrival } from './places.js';

/** What ingest returns for one file (src/ingest's contract). */
export type IngestResult =
  | {
      ok: true;
      article: Article;
      warnings: Diagnostic[];
      origin: { id: 'frontmatter' | 'minted'; published: 'frontmatter' | 'dateline' | 'firstSeen'; updated: 'frontmatter' | 'published' };
    }
  | { ok: false; error: Diagnostic; warnings: Diagnostic[] };

/** The pure stages the job strings together; tests may put their own in place. */
export interface PublishStages {
  /** Loads what the stages need; called once, and only when the run has work to do (an
   *  "unchanged" run then starts in a fraction of the time). */
  prepare?(): Promise<void>;
  ingest(input: { path: string; bytes: Uint8Array }, opts: { site: Site; firstSeen: string; maxBytes: number }): IngestResult;
  /** Reads, hashes and ingests many files at once (e.g. spread over worker threads); results
   *  in order. Optional: without it, each file is read here and given to `ingest`. */
  ingestFiles?(files: IngestInput[], opts: IngestFilesOptions, signal?: AbortSignal): Promise<IngestedFile[]>;
  /** Told, as a run with no last run lists the articles folder, how many names it holds: each
   *  file will be ingested, and the stages may start now what that needs. Called after prepare(). */
  expectIngest?(files: number): void;
  /** Every output file by name (`archive/` names included). A file with a key is rendered only
   *  when the key differs from the one its published copy was written with. Null only when
   *  `opts.only.main` was asked for and cannot be given (the run then takes the full way). */
  render(site: Site, articles: Article[], opts: RenderOptions): Promise<Record<string, RenderedFile> | null>;
  /** The validator's report on a feed's bytes. One of `validate` and `encodeAndValidate` is needed. */
  validate?(bytes: Uint8Array, opts?: { contentType?: string | null }): ValidationReport;
  /** A feed's UTF-8 bytes and the validator's report on them, possibly made on another thread
   *  while this one renders the next file. Used rather than `validate` when there is one.
   *  `bytes`: the text's bytes when the caller has them already (then only the report is made). */
  encodeAndValidate?(text: string, opts: { contentType?: string | null }, bytes?: Uint8Array | null): Promise<{ bytes: Uint8Array; report: ValidationReport }>;
  /** Called when every file is rendered: validate here what still waits for another thread. */
  flushValidation?(): Promise<void>;
  /** Called once when the run is over, whatever its outcome (e.g. to end worker threads). */
  release?(): Promise<void>;
  /** True when `render` honours RenderOptions.only (without it, every run plans the archive). */
  rendersOnly?: boolean;
  /**
   * The compressed copies to publish beside a new file, by their names (`rss.xml.gz`), or null
   * for a file that gets none. Called before the file is validated, so that compressing (on
   * another thread) overlaps the validation; the copies are staged only if the file passes.
   * `bytes`: the text's UTF-8 bytes when the caller has them already.
   */
  precompress?(name: string, text: string, bytes?: Uint8Array | null): Promise<Record<string, Uint8Array>> | null;
  /** After a swap that changed feeds: tell the WebSub hubs. */
  notify?(site: Site, changedFeedUrls: string[]): Promise<void>;
}

export interface RenderOptions {
  /** Items per archive page (config feed.archivePageSize). */
  pageSize: number;
  /** Byte budget of each main feed (config feed.maxBytes). */
  maxBytes: number;
  fallbackUpdated?: string;
  /** Each article's place in the ledger (places.ts): the archive's order and blocks go by it
   *  (ArchiveSettings.placeOf). */
  placeOf?: (a: Article) => number | undefined;
  /**
   * The articles given to render are in brief (see brief.ts: ids, dates and source only); this
   * gives them whole, for the ones a file being rendered shows. `keep` names the group they
   * form (`main` for the main feeds' candidates, which every run asks for; `page-N`): the cache
   * may keep a group whole, so that the next run asking for it need not read them again.
   */
  hydrate(articles: Article[], opts?: { keep?: string }): Promise<Article[]>;
  /** Whether output `name` is, untouched since, the file the last run wrote from content `key`. */
  isCurrent?(name: string, key: string): Promise<boolean>;
  /** Names the key of a file the stage gives as text (so that a later run knows it by its key). */
  textKey?(name: string, key: string): void;
  /** What the render stage left for this run at the end of the last one (see `leave`). */
  left?: unknown;
  /** Leaves a note (plain JSON) for the next run's render stage, kept only if this run succeeds. */
  leave?(note: unknown): void;
  /** Tells the job which articles each archive page holds (newest first, page 1 first), which are
   *  the main feeds' candidates and how many of them the main feeds hold: a later run that only
   *  edits articles in place then renders their pages (and the main feeds) with `only`, without
   *  planning anew. Without `pages`, the pages are the last plan's (new articles joined the
   *  candidates), followed by `newPage` when a block of the candidates left the main feeds. */
  index?(plan: { pages?: readonly (readonly Article[])[]; newPage?: readonly Article[]; candidates: readonly Article[]; mainCount: number }): void;
  /**
   * Render only these archive pages, each file with its key, from their articles in brief (the
   * articles given to render are then none): for a run whose pages hold the same articles as the
   * last run's (see `index`), some only edited in place. Nothing is planned.
   */
  only?: PagesToRender;
}

/** What RenderOptions.only asks for: archive pages by number, their articles in brief, newest
 *  first; and the main feeds (with index.html) when some of their candidates were edited. */
export interface PagesToRender {
  pages: { number: number; articles: Article[] }[];
  /** How many archive pages there are (for the links). */
  pageCount: number;
  /** The main feeds' candidates in brief, newest first, all of them in the main feeds as the last
   *  run left them; `total`: how many articles the feeds hold in all (new ones included). New
   *  articles (`added`, placed after every other) join them if the feeds' block-aligned cut
   *  moves with them, or leaves one whole block behind, which becomes the next page (else the
   *  stage declines). `newestPage`: the last page's articles (none when there is no page), asked
   *  for when a block leaves: that page then gains its next-archive link. */
  main?: { candidates: Article[]; total: number; added?: Article[]; newestPage?: () => Article[] };
}

/** A rendered file, or one rendered on demand: `key` names its content (same key, same bytes). */
export type RenderedFile = string | { key: string; render(): Promise<string> };

/** How the cache stores each article's result: in brief (see brief.ts). */
const BRIEF_CODEC: ResultCodec<IngestResult> = { encode: encodeBrief, check: isBrief, decode: decodeBrief };

/**
 * A run keeps the articles it ingests whole, for rendering, when their files come to at most this
 * many bytes (a whole article takes about twice its file's size in memory: its text is UTF-16);
 * otherwise it keeps them in brief only and reads each page's articles again to render it (on
 * two threads). All or none: keeping some would save reading only those again, for memory a
 * large run cannot spare. 10,000 articles of the benchmark (~50 MB) are kept; 100,000 are not.
 */
const KEEP_WHOLE_BYTES = 64 * 1024 * 1024;
/** Files given to the ingest stage at once: its results are whole articles, held until taken. */
const INGEST_BATCH = 4000;
/** Article bytes kept between hashing and ingesting, at most; beyond, files are read again. */
const KEEP_BYTES = 64 * 1024 * 1024;

export interface PublishOptions {
  config: Config;
  /** Absolute paths. */
  articlesDir: string;
  outputDir: string;
  now: () => Date;
  stages: PublishStages;
  /** Start a new ledger, ignoring (and replacing) the one on disk. */
  rebuildLedger?: boolean;
  fs?: PublishFs;
  /** Aborting discards the staging folder and leaves output/ untouched (checked up to the swap). */
  signal?: AbortSignal;
}

/** The files the gate validates: every feed (rss.xml, atom.xml, feed.json, archive pages). */
function isFeedFile(name: string): boolean {
  return name.endsWith('.xml') || name.endsWith('.json');
}

const CONTENT_TYPES: Record<string, string> = {
  '.xml': 'application/xml',
  '.json': 'application/feed+json',
};

/** The render stage's name for the main feeds' candidates, kept whole on every run. */
const MAIN_GROUP = 'main';
/** Pages whose articles a run keeps whole, at most, and page groups the cache keeps (see
 *  saveWholeGroups). */
const MAX_PAGE_GROUPS = 8;

/** Files rendered but not yet validated and staged, at most (each holds its text and bytes). */
const MAX_IN_FLIGHT = 4;

/** Edited files a run may render by their pages alone, at most (see quickFront). */
const QUICK_MAX_EDITS = 20;

/** The last run's warnings with those of some files replaced, in file order as a full run gives them. */
function mergeWarnings(last: readonly Diagnostic[], replaced: Map<string, Diagnostic[]>): Diagnostic[] {
  const out = last.filter((w) => !replaced.has(w.file));
  for (const list of replaced.values()) out.push(...list);
  // Stable: a file's warnings keep their order.
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** What the first half of a run leaves for rendering: the published articles (in brief) to plan
 *  the feeds from, or, for a run that only edited archived articles in place, the pages to render. */
interface Front {
  published: Article[] | null;
  pages: PagesToRender | null;
}

/** A failure that ends the run with exit 2 and this message, nothing published. */
class RunFailed extends Error {}

/** The render stage could not make the main feeds from their candidates alone (an edit took one
 *  over its byte budget, or the last split was another): the run is made again the full way. */
class QuickWayDeclined extends Error {}

/** Feeds failed the gate, every error inside the item of one of these articles (by file: why). */
class ArticlesBreakFeeds extends RunFailed {
  constructor(
    message: string,
    readonly culprits: ReadonlyMap<string, string>,
  ) {
    super(message);
  }
}

/** Runs a publish may make: the first, then one more each time it left out the articles whose
 *  items made a feed fail the gate. */
const MAX_ATTEMPTS = 3;
/** Articles a run may leave out that way, at most: beyond, the fault is more likely the writer's
 *  or the validator's than the articles', and leaving them out would empty the feeds. */
const MAX_LEFT_OUT = 10;

/** An article left out of the feeds because its item made one fail the gate: for as long as its
 *  file keeps these bytes (kept in the run fingerprint, so later runs need not find out again). */
interface LeftOut {
  sha256: string;
  reason: string;
}

type Cached = CachedArticle<IngestResult>;

export function wirefeedDir(config: Config): string {
  return path.join(config.root, '.wirefeed');
}

export async function runPublish(opts: PublishOptions): Promise<PublishReport> {
  const t0 = performance.now();
  const timer = phaseTimer();
  const fs = opts.fs ?? nodeFs;
  const nowDate = opts.now();
  const nowIso = toIso(nowDate);
  let report = failedReport(nowIso);
  const finish = (): PublishReport => {
    report.durationMs = Math.round(performance.now() - t0);
    if (report.outcome !== 'failed') report.exitCode = report.rejected.length ? 1 : 0;
    return report;
  };

  let lock;
  try {
    lock = await acquireLock(fs, path.join(wirefeedDir(opts.config), 'publish.lock'), nowDate);
  } catch (err) {
    report.problems.push(err instanceof LockedError ? err.message : `cannot take the publish lock: ${describeFsError(err)}`);
    return finish();
  }
  let staging: Staging | null = null;
  let changedUrls: string[] = [];
  try {
    timer.mark('lock');
    // One article must not hold back every other: when feeds fail the gate only inside some
    // articles' items, the run is made again without those articles (reported as rejected).
    const leftOut = new Map<string, string>();
    let quickWay = true;
    for (let attempt = 1; ; attempt++) {
      try {
        changedUrls = await runLocked(opts, fs, nowDate, nowIso, report, (s) => (staging = s), timer, leftOut, quickWay);
        break;
      } catch (err) {
        const declined = err instanceof QuickWayDeclined && quickWay;
        if (!declined && (!(err instanceof ArticlesBreakFeeds) || attempt >= MAX_ATTEMPTS)) throw err;
        const failedStaging = staging as Staging | null;
        staging = null;
        if (failedStaging) await discardStaging(fs, failedStaging);
        if (declined) {
          quickWay = false;
          attempt--;
        } else for (const [rel, why] of (err as ArticlesBreakFeeds).culprits) leftOut.set(rel, why);
        report = failedReport(nowIso);
      }
    }
  } catch (err) {
    if (err instanceof RunFailed) report.problems.push(err.message);
    else if (err instanceof LedgerError) report.problems.push(err.message);
    else if (errCode(err) && !isAbort(err)) {
      // An I/O failure we did not expect at that step: still a clear "nothing published".
      const file = (err as NodeJS.ErrnoException).path;
      report.problems.push(`${file ? `${displayPath(file)}: ` : ''}${describeFsError(err)}`);
    } else throw err; // aborted, or a bug: the caller decides
  } finally {
    if (staging) await discardStaging(fs, staging).catch(() => undefined);
    await lock.release().catch(() => undefined);
    await opts.stages.release?.().catch(() => undefined);
    timer.mark('release');
    timer.flush();
  }
  // After the swap and outside the lock: a slow hub must not hold up the next run.
  if (changedUrls.length && opts.stages.notify) {
    await opts.stages.notify(opts.config.site, changedUrls).catch((err) => report.notices.push(`WebSub ping failed: ${(err as Error).message}`));
  }
  return finish();
}

async function runLocked(
  opts: PublishOptions,
  fs: PublishFs,
  nowDate: Date,
  nowIso: string,
  report: PublishReport,
  setStaging: (s: Staging) => void,
  timer: PhaseTimer,
  /** Article files to leave out (why), found by an earlier attempt of this run. */
  leftOut: ReadonlyMap<string, string>,
  /** Whether an edit in place may take the quick way (quickFront); false after it was declined. */
  quickWay: boolean,
): Promise<string[]> {
  // Returns the URLs of the feeds this run changed.
  const { config, articlesDir, outputDir, stages, signal } = opts;
  const root = config.root;
  const ledgerPath = path.join(wirefeedDir(config), 'ledger.json');
  const cachePaths = cacheFiles(root);
  const outputPath = outputPaths(outputDir);

  for (const p of await removeStaleStaging(fs, outputDir)) report.notices.push(`removed stale staging folder ${displayPath(p)}`);
  await removeStaleTemps(fs, path.dirname(ledgerPath));
  await removeStaleTemps(fs, path.dirname(cachePaths.run));

  timer.mark('stale sweep');
  const cacheKey = sha256Hex(JSON.stringify([toolVersion(), config.site, config.maxArticleBytes, config.maxFeedBytes, config.archivePageSize]));
  const lastRun = await loadRun(fs, cachePaths, cacheKey);
  const cache: PublishCache<IngestResult> = { version: 1, key: cacheKey, loadedMtimeMs: lastRun.mtimeMs, articles: emptyArticleCache(), run: lastRun.run };
  const ledgerStat = await statOrNull(fs, ledgerPath);
  timer.mark('load run');

  // With no last run every article will be ingested: the stages' code loads now, and the stages
  // hear how many names the folder holds before its files are stat'ed, so that a worker thread
  // can start and load ingest's code meanwhile (cold 10k, alternating runs: the ingest phase
  // ~40 ms shorter in each of three series).
  let expectIngest: ((names: number) => void) | undefined;
  if (!cache.run && stages.expectIngest) {
    await stages.prepare?.();
    expectIngest = (names) => stages.expectIngest!(names);
  }
  const files = await listArticles(fs, articlesDir, root, expectIngest);
  report.articles.seen = files.length;
  timer.mark('list articles');

  // ---- the "unchanged" fast path: no article body read, nothing rendered, nothing written
  // (names: namesHash of the listing, what the plan index and the cache's stat index were made for)
  const { listing, names } = listingHashes(files);
  if (!opts.rebuildLedger && (await nothingMoved(fs, cache, { articlesDir, outputDir, listing, ledger: ledgerStat }, files, nowDate))) {
    const last = cache.run as RunFingerprint & { summary?: Summary };
    if (last.summary) restoreSummary(report, last.summary);
    report.files.unchanged = Object.keys(last.outputs).map(outputPath.shown);
    report.outcome = 'unchanged';
    timer.mark('unchanged check');
    return [];
  }
  timer.mark('unchanged check');

  // ---- there is work: the ledger (not needed to tell "unchanged"), the stages' code, the cache
  // (Read and hashed here; its entries are parsed only by a run that needs them all.)
  const loadedLedger = opts.rebuildLedger ? null : await readLedger(fs, ledgerPath, lastRun.run?.ledgerSha256);
  const ledgerText = loadedLedger?.text ?? null;
  let parsedLedger: Ledger | null = null;
  const ledgerEntries = (): LedgerEntry[] => (parsedLedger ??= loadedLedger ? entriesOf(loadedLedger, ledgerPath) : emptyLedger()).entries;
  timer.mark('load ledger');
  await stages.prepare?.();
  timer.mark('prepare');

  // ---- which articles must be read: those whose stat the cache cannot vouch for
  if (!opts.rebuildLedger) cache.articles = await loadArticles(fs, cachePaths, cacheKey, BRIEF_CODEC);
  timer.mark('load cache');
  const readBytes = async (f: ArticleFile): Promise<Uint8Array> => {
    try {
      return await fs.readFile(f.abs);
    } catch (err) {
      throw new RunFailed(`${f.rel}: cannot be read: ${describeFsError(err)}`);
    }
  };
  /** Content hashes of the files this run read. */
  const shaRead = new Map<string, string>();
  /** A file's content hash: as read, else its cache entry's (a file not read is one whose stat
   *  matched its entry's). */
  const shaOf = (rel: string): string | undefined => shaRead.get(rel) ?? cache.articles.get(rel)?.sha256;
  const unknown: ArticleFile[] = []; // not in the cache: read, hashed and ingested in one go
  const touched: ArticleFile[] = []; // in the cache, but its stat moved: maybe the same bytes
  // With the cache's stat index: the stats of the files it knows, walked beside the listing, no
  // entry read (a correction reads only the lines of the entries it needs). Else every entry.
  const rels = files.map((f) => f.rel);
  const indexed = cache.articles.statsOf({ names, rels });
  files.forEach((f, i) => {
    const c = indexed ? (indexed[3 * i + 2] < 0 ? undefined : { size: indexed[3 * i], mtimeMs: indexed[3 * i + 1] }) : cache.articles.get(f.rel);
    if (!c) unknown.push(f);
    else if (!statMatches(c, f.stat, cache.loadedMtimeMs)) touched.push(f);
  });
  const bytesOf = new Map<string, Uint8Array>();
  let bytesKept = 0;
  await inBatches(touched, async (f) => {
    const bytes = await readBytes(f);
    shaRead.set(f.rel, sha256Hex(bytes));
    if (bytesKept + bytes.length <= KEEP_BYTES) {
      bytesOf.set(f.rel, bytes);
      bytesKept += bytes.length;
    }
  });
  timer.mark('read+hash');

  // ---- ingest, with the first-seen time of the ledger entry each file most likely is: the one
  // its cached result was made with, else the ledger's for its path (rule 2 in ledger.ts), else
  // now. The match with the ledger below has the last word: a file it gives another time is
  // ingested again (a renamed file, one with a front matter id).
  let ledgerAt: Map<string, LedgerEntry> | null = null;
  const firstSeenGuess = (f: ArticleFile): string => {
    const c = cache.articles.get(f.rel);
    if (c) return c.firstSeen;
    ledgerAt ??= new Map(ledgerEntries().map((e) => [e.path, e]));
    return ledgerAt.get(f.rel)?.firstSeen ?? nowIso;
  };
  const newCache = new Map<string, Cached>();
  const wholeOf = new Map<string, Article>(); // by file: articles ingested this run, whole (before the ledger)
  let keepWhole = true; // (decided below, once the run knows how much it ingests)
  /** Set by the quick way: every file it took no new entry for is the cache's entry as loaded (it
   *  checked their stats), so `results` and the cache's next file go by those without a pass
   *  over all of them. */
  let othersAsLoaded = false;
  /** By file: the result this run goes by and the first-seen time it was ingested with (its
   *  cache entry: one the cache loaded gives its result when first asked). */
  const results = {
    get: (rel: string): Cached | undefined => newCache.get(rel) ?? (othersAsLoaded ? cache.articles.get(rel) : undefined),
    has: (rel: string): boolean => newCache.has(rel) || (othersAsLoaded && cache.articles.get(rel) !== undefined),
  };
  /** Takes an ingest result: the run keeps it in brief, and whole (for rendering) up to a limit. */
  const took = (f: ArticleFile, sha: string, firstSeen: string, result: IngestResult): IngestResult => {
    wholeOf.delete(f.rel);
    if (result.ok && keepWhole) wholeOf.set(f.rel, result.article);
    const brief = briefResult(result);
    newCache.set(f.rel, { rel: f.rel, size: f.stat.size, mtimeMs: f.stat.mtimeMs, sha256: sha, firstSeen, result: brief });
    return brief;
  };
  /** The cache's entry for the file, taken as this run's, when its result was ingested from these
   *  bytes with this first-seen time; else null. */
  const recall = (f: ArticleFile, firstSeen: string): Cached | null => {
    const c = cache.articles.get(f.rel);
    if (!c || c.sha256 !== shaOf(f.rel) || c.firstSeen !== firstSeen) return null;
    // The same entry when nothing moved (the cache then writes its line as it read it).
    const taken = c.size === f.stat.size && c.mtimeMs === f.stat.mtimeMs ? c : { rel: c.rel, size: f.stat.size, mtimeMs: f.stat.mtimeMs, sha256: c.sha256, firstSeen: c.firstSeen, result: c.result };
    newCache.set(f.rel, taken);
    wholeOf.delete(f.rel);
    return taken;
  };
  let ingested = 0;
  /** Ingests one file here, from the bytes read above or read now. */
  const ingestHere = async (f: ArticleFile, firstSeen: string): Promise<IngestResult> => {
    const bytes = bytesOf.get(f.rel) ?? (await readBytes(f));
    const sha = sha256Hex(bytes);
    shaRead.set(f.rel, sha);
    const result = stages.ingest({ path: f.rel, bytes }, { site: config.site, firstSeen, maxBytes: config.maxArticleBytes });
    if (++ingested % 64 === 0) await yieldToEvents(signal);
    return took(f, sha, firstSeen, result);
  };
  /** Output files' stats, each taken once a run (a run checks them before and after rendering). */
  const outputStatOf = new Map<string, FileTimes | null>();
  const statOutputs = async (names: string[]): Promise<Array<FileTimes | null>> => {
    const missing = names.filter((n) => !outputStatOf.has(n));
    if (missing.length) {
      const got = await fs.statMany(missing.map(outputPath.abs)).catch(() => missing.map(() => null));
      missing.forEach((n, i) => outputStatOf.set(n, got[i]));
    }
    return names.map((n) => outputStatOf.get(n) ?? null);
  };
  const nextEntries: LedgerEntry[] = [];
  // Articles left out because their items failed the gate: the last run's (while their files
  // keep the same bytes) and this one's.
  const lastLeftOut: Record<string, LeftOut> = cache.run?.leftOut ?? {};
  const nowLeftOut: Record<string, LeftOut> = {};
  let quickLedgerBytes: Uint8Array[] | null = null; // the next ledger's file, when quickFront made it
  const embargoed: EmbargoedArticle[] = [];
  /** When the first update held back by holdFutureUpdate comes (the next run then takes the full way). */
  let heldUntil: string | null = null;
  /**
   * An update dated after this run (a front matter `updated` to come) of an article already
   * published: until that time the feeds say it was updated when it was published. Readers sort
   * by these dates, and many hide, re-date or distrust a date to come (the validator's
   * FutureDate), so it would read differently in each; the first run at or after that time
   * gives the date as written.
   */
  const holdFutureUpdate = (article: Article, file: string, { warn = true } = {}): Article => {
    const now = nowDate.getTime();
    if (Date.parse(article.updated) <= now || Date.parse(article.published) > now) return article;
    if (warn) report.warnings.push({ code: 'UpdatedInFuture', file, line: null, message: `updated ${article.updated} is after this run (${nowIso}): the feeds give the publication date, ${article.published}, until then` });
    if (heldUntil === null || Date.parse(article.updated) < Date.parse(heldUntil)) heldUntil = article.updated;
    return { ...article, updated: article.published };
  };
  const sourceOf = new Map<string, ArticleFile>(); // by article id: the file that holds it
  let lastPlan: PlanIndex | null = null; // the last run's plan index, when quickFront read it
  /** By article id: each published article's place (places.ts), the archive's order. */
  const placeById = new Map<string, number>();
  /** The place the next article to arrive gets (after this run's). */
  let nextPlace = 1;
  // ---- a run that only edited articles in place (a correction): the pages that hold them, and the
  // main feeds when one of their candidates was edited, are rendered again and nothing is planned,
  // when the last run's plan index says where those articles are and nothing else can have moved.
  // New articles too, when each is new to the ledger (no rename, copy or id it knows): placed
  // after every other, whatever their dates, the main feeds take them and the pages stay, or a
  // whole block of the candidates becomes the next page (as the full way would have it; the
  // render stage declines otherwise).
  // Anything else: null, and the full way below (which redoes whatever this did).
  const quickFront = async (): Promise<Front | null> => {
    const run = cache.run as (RunFingerprint & { summary?: Summary }) | null;
    if (!quickWay || opts.rebuildLedger || !stages.rendersOnly || !run?.summary || !run.planSha256 || !loadedLedger?.ours) return null;
    const blocks = ledgerBlocks(ledgerText!, loadedLedger.bytes ?? undefined);
    if (!blocks) return null;
    // New files up to a page of them (so that at most one block can leave the main feeds; the
    // render stage declines otherwise): each is ingested here, as the full way would.
    if (touched.length > QUICK_MAX_EDITS || unknown.length > config.archivePageSize) return null;
    // Articles left out of the feeds take the full way (this run's, and edits of earlier ones).
    if (leftOut.size || touched.some((f) => Object.hasOwn(lastLeftOut, f.rel))) return null;
    if (run.embargoUntil && nowDate.getTime() >= Date.parse(run.embargoUntil)) return null;
    // Every output as the last run left it, each with its key (else the full way makes them again).
    const outputs = Object.entries(run.outputs);
    if (!outputs.length || outputs.some(([, o]) => !o.key)) return null;
    const outStats = await statOutputs(outputs.map(([name]) => name));
    if (outputs.some(([, o], i) => !sameStat(o, outStats[i]))) return null;
    const plan = await loadPlanIndex(fs, cachePaths, cacheKey, run.planSha256);
    // (The last run's files are this run's but for the new ones.)
    const isNew = new Set(unknown.map((f) => f.rel));
    if (!plan || plan.names !== (isNew.size ? namesHash(rels.filter((r) => !isNew.has(r))) : names)) return null;
    lastPlan = plan;
    const candidates = new Set(plan.candidates);
    // A candidate may be edited this way only when the main feeds held every candidate (so no
    // page holds one); the render stage declines if the edit takes a main feed over its budget.
    const mainHeldAll = plan.mainCount === plan.candidates.length;
    const pageOf = (rel: string): number => plan.pages.findIndex((p) => p.includes(rel)) + 1;
    let mainEdited = false;

    const newEntries = new Map<string, LedgerEntry>();
    const warningsOf = new Map<string, Diagnostic[]>();
    const pageNumbers = new Set<number>();
    for (const f of touched) {
      const c = cache.articles.get(f.rel);
      if (!c) return null; // (its line of the cache was damaged)
      const sha = shaOf(f.rel)!;
      if (sha === c.sha256) continue; // touched, not changed
      const entry = blocks.entryAt(f.rel);
      const inMain = candidates.has(f.rel);
      const n = inMain ? 0 : pageOf(f.rel);
      const old = c.result;
      if (!entry || entry.place === undefined || entry.firstSeen !== c.firstSeen || entry.sha256 !== c.sha256 || !old.ok || (inMain ? !mainHeldAll : !n)) return null;
      const result = await ingestHere(f, c.firstSeen);
      // Its place in the feeds stays the same only with the same id and dates' origins and the
      // same publication time (the order of the items), and it must still be published.
      if (!result.ok || result.origin.id !== old.origin.id || result.origin.published !== old.origin.published || result.origin.updated !== old.origin.updated) return null;
      if (result.article.published !== old.article.published || Date.parse(result.article.published) > nowDate.getTime()) return null;
      if (Date.parse(result.article.updated) > nowDate.getTime()) return null; // held back: see holdFutureUpdate
      if (result.origin.id === 'frontmatter' && result.article.id !== old.article.id) return null;
      const article = applyLedgerEntry(result.article, result.origin, entry, sha, nowIso);
      if (article.id !== entry.id) return null;
      newEntries.set(f.rel, { path: f.rel, id: article.id, firstSeen: entry.firstSeen, sha256: sha, updated: article.updated, place: entry.place });
      warningsOf.set(f.rel, result.warnings);
      if (inMain) mainEdited = true;
      else pageNumbers.add(n);
    }
    // New files, each an article new to the ledger (not another's bytes, path or id) and
    // published by now, for the main feeds (which must have held every candidate).
    const added: string[] = [];
    const arrivals: Arrival[] = [];
    const addedIds = new Set<string>();
    if (unknown.length && !mainHeldAll) return null;
    for (const f of unknown) {
      const result = await ingestHere(f, nowIso);
      const sha = shaOf(f.rel)!;
      if (!result.ok || blocks.entryAt(f.rel) || blocks.knowsSha256(sha)) return null;
      const article = applyLedgerEntry(result.article, result.origin, undefined, sha, nowIso);
      if (blocks.knowsId(article.id) || addedIds.has(article.id)) return null;
      if (Date.parse(article.published) > nowDate.getTime() || Date.parse(article.updated) > nowDate.getTime()) return null;
      addedIds.add(article.id);
      newEntries.set(f.rel, { path: f.rel, id: article.id, firstSeen: nowIso, sha256: sha, updated: article.updated });
      warningsOf.set(f.rel, result.warnings);
      added.push(f.rel);
      arrivals.push({ article, firstSeen: nowIso });
      mainEdited = true;
    }
    // Placed after every article the last run placed, as the full way would place them.
    const places = placeArrivals(arrivals, plan.nextPlace);
    added.forEach((rel, i) => newEntries.set(rel, { ...newEntries.get(rel)!, place: places[i] }));
    nextPlace = plan.nextPlace + added.length;
    // It applies: every other article as the cache has it (a touched file whose bytes are the same
    // takes its new stat; the others' stats matched, and so are their entries as loaded).
    for (const f of touched) if (!newCache.has(f.rel)) recall(f, cache.articles.get(f.rel)!.firstSeen);
    // (Each one's entry found, for its file as it stands: the stat index vouched for the stats, this
    // for the entries, which a damaged line of the cache would have lost.)
    const asLoaded = (rel: string): boolean => {
      if (newCache.has(rel)) return true;
      const c = cache.articles.get(rel);
      const f = files[positionIn(rels, rel)];
      return !!c && !!f && statMatches(c, f.stat, cache.loadedMtimeMs);
    };
    const others = [...pageNumbers].flatMap((n) => plan.pages[n - 1]).concat(mainEdited ? plan.candidates : []);
    if (!others.every(asLoaded)) return null;
    othersAsLoaded = true;
    quickLedgerBytes = blocks.withEntries(newEntries);
    /** An article the feeds hold, in brief, as this run publishes it. */
    const published = (rel: string): Article => {
      const f = files[positionIn(rels, rel)];
      const { result } = results.get(rel)!;
      if (!result.ok) throw new Error(`${rel}: not an article, though the feeds hold it`);
      const entry = newEntries.get(rel) ?? blocks.entryAt(rel);
      // (Its warning, if it has one, is in the last run's summary, restored below.)
      const article = holdFutureUpdate(applyLedgerEntry(result.article, result.origin, entry, shaOf(rel)!, nowIso), rel, { warn: false });
      // (Every article the last plan published has its place; one without is a ledger this
      // quick way cannot go by.)
      if (entry?.place === undefined) throw new QuickWayDeclined();
      sourceOf.set(article.id, f);
      placeById.set(article.id, entry.place);
      return article;
    };
    const pages = [...pageNumbers].sort((a, b) => a - b).map((n) => ({ number: n, articles: plan.pages[n - 1].map(published) }));
    const total = plan.pages.reduce((sum, p) => sum + p.length, plan.candidates.length) + added.length;
    const main = mainEdited
      ? {
          candidates: plan.candidates.map(published),
          total,
          // (The newest page, asked for only when a block leaves: it gains its next-archive link.)
          ...(added.length
            ? {
                added: added.map(published),
                newestPage: () => {
                  const newest = plan.pages.at(-1) ?? [];
                  if (!newest.every(asLoaded)) throw new QuickWayDeclined();
                  return newest.map(published);
                },
              }
            : {}),
        }
      : undefined;
    restoreSummary(report, run.summary);
    report.articles.seen = files.length;
    // Nothing else moved: the last run's deadlines stand (see the fingerprint's embargoUntil).
    heldUntil = run.embargoUntil ?? null;
    report.articles.changed = newEntries.size;
    report.warnings = mergeWarnings(report.warnings, warningsOf);
    embargoed.push(...run.summary.embargoed);
    timer.mark('edits only');
    return { published: null, pages: { pages, pageCount: plan.pages.length, ...(main ? { main } : {}) } };
  };
  // ---- the articles, ingested where needed, matched with the ledger: the full way, for any change
  const fullFront = async (): Promise<Front> => {
    const published: Article[] = [];
    const toIngest: ArticleFile[] = [...unknown];
    for (const f of touched) if (!recall(f, firstSeenGuess(f))) toIngest.push(f);
    keepWhole = toIngest.reduce((sum, f) => sum + f.stat.size, 0) <= KEEP_WHOLE_BYTES;
    if (toIngest.length > 1 && stages.ingestFiles) {
      // Many at once: the stage may spread them over worker threads; each is read, hashed and
      // ingested there. (In a function of its own, so that the whole list of results is garbage
      // once taken: an async function's frame may keep its locals alive to its end.)
      // A batch at a time: the stage returns its results (whole articles) all at once.
      const ingestFiles = stages.ingestFiles.bind(stages);
      const ingestMany = async (batch: ArticleFile[]): Promise<void> => {
        const inputs = batch.map((f) => ({ rel: f.rel, abs: f.abs, firstSeen: firstSeenGuess(f), size: f.stat.size }));
        const done = await ingestFiles(inputs, { site: config.site, maxBytes: config.maxArticleBytes }, signal);
        batch.forEach((f, i) => {
          const d = done[i];
          if (!d.ok) throw new RunFailed(`${f.rel}: cannot be read: ${d.readError}`);
          shaRead.set(f.rel, d.sha256);
          took(f, d.sha256, inputs[i].firstSeen, d.result);
        });
      };
      for (let i = 0; i < toIngest.length; i += INGEST_BATCH) await ingestMany(toIngest.slice(i, i + INGEST_BATCH));
    } else {
      for (const f of toIngest) await ingestHere(f, firstSeenGuess(f));
    }
    for (const f of files) if (!results.has(f.rel)) recall(f, firstSeenGuess(f)) ?? (await ingestHere(f, firstSeenGuess(f)));
    bytesOf.clear();
    timer.mark('ingest');

    // ---- ledger: now with the front matter ids known (the rule is documented in ledger.ts)
    const keys: FileKey[] = files.map((f) => {
      const r = results.get(f.rel)!.result;
      return { path: f.rel, sha256: shaOf(f.rel)!, frontMatterId: r.ok && r.origin.id === 'frontmatter' ? r.article.id : null };
    });
    const { matched, unmatched } = matchLedger(ledgerEntries(), keys);
    const accepted: { file: ArticleFile; article: Article; entry: LedgerEntry | undefined }[] = [];
    /** Published articles without a place yet (new, released from an embargo, or in a ledger
     *  written before places were kept), with their entries' index in nextEntries. */
    const arrivals: (Arrival & { at: number })[] = [];
    for (const f of files) {
      const entry = matched.get(f.rel);
      const sha = shaOf(f.rel)!;
      let { result, firstSeen } = results.get(f.rel)!;
      const wantFirstSeen = entry?.firstSeen ?? nowIso;
      if (wantFirstSeen !== firstSeen) result = recall(f, (firstSeen = wantFirstSeen))?.result ?? (await ingestHere(f, firstSeen));
      report.warnings.push(...result.warnings);
      if (!result.ok) {
        report.rejected.push(result.error);
        // A broken edit keeps its article's ledger entry, so fixing it keeps the id and brings it
        // back to its place in the archive.
        if (entry) nextEntries.push({ ...entry, path: f.rel });
        continue;
      }
      // Its item made a feed fail the gate (in this run, or before and the file is the same):
      // rejected like a broken article, until its file changes.
      const last = Object.hasOwn(lastLeftOut, f.rel) ? lastLeftOut[f.rel] : undefined;
      const why = leftOut.get(f.rel) ?? (last?.sha256 === sha ? last.reason : undefined);
      if (why !== undefined) {
        report.rejected.push({ code: 'BreaksFeed', message: why, file: f.rel, line: null });
        nowLeftOut[f.rel] = { sha256: sha, reason: why };
        if (entry) nextEntries.push({ ...entry, path: f.rel });
        continue;
      }
      // A known article keeps its id; `updated` moves only when its bytes did.
      const article = applyLedgerEntry(result.article, result.origin, entry, sha, nowIso);
      accepted.push({ file: f, article, entry });
    }
    report.articles.removed = unmatched.length;

    // Two files with one id would be one item twice: the article the ledger knows by that id
    // keeps it, then the first in path order; the others are rejected, naming the holder.
    const holder = new Map<string, string>();
    for (const a of accepted) if (a.entry && a.entry.id === a.article.id) holder.set(a.article.id, a.file.rel);
    for (const a of accepted) {
      const owner = holder.get(a.article.id);
      if (owner !== undefined && owner !== a.file.rel) {
        report.rejected.push({ code: 'DuplicateId', message: `id ${a.article.id} is already used by ${owner}`, file: a.file.rel, line: null });
        if (a.entry) nextEntries.push({ ...a.entry, path: a.file.rel });
        continue;
      }
      holder.set(a.article.id, a.file.rel);
      const e = a.entry;
      const sha = shaOf(a.file.rel)!;
      // (Counted here, past the last reason to reject it: a rejected copy is not news each run.)
      if (!e || e.sha256 !== sha) report.articles.changed++;
      a.article = holdFutureUpdate(a.article, a.file.rel);
      // Embargo: dated in the future, it stays out of every feed (and so out of lastBuildDate),
      // and has no place in the archive until it arrives.
      const held = Date.parse(a.article.published) > nowDate.getTime();
      const place = held ? undefined : e?.place;
      const firstSeen = e?.firstSeen ?? nowIso;
      // (The ledger's own entry when nothing in it moved: most of them, on most runs. An arrival's
      // is a new one, its place filled in below.)
      const arriving = !held && place === undefined;
      if (!arriving && e && e.path === a.file.rel && e.id === a.article.id && e.sha256 === sha && e.updated === a.article.updated && e.place === place) nextEntries.push(e);
      else nextEntries.push({ path: a.file.rel, id: a.article.id, firstSeen, sha256: sha, updated: a.article.updated, place });
      if (held) embargoed.push({ file: a.file.rel, id: a.article.id, until: a.article.published });
      else {
        published.push(a.article);
        if (arriving) arrivals.push({ article: a.article, firstSeen, at: nextEntries.length - 1 });
        else placeById.set(a.article.id, place!);
      }
    }
    // The arrivals take the places after every one the ledger keeps (rejected articles' too, so
    // that one fixed comes back to its page).
    nextPlace = nextPlaceAfter(nextEntries);
    const places = placeArrivals(arrivals, nextPlace);
    for (let i = 0; i < arrivals.length; i++) {
      nextEntries[arrivals[i].at].place = places[i];
      placeById.set(arrivals[i].article.id, places[i]);
    }
    nextPlace += arrivals.length;
    embargoed.sort((x, y) => Date.parse(x.until) - Date.parse(y.until) || (x.file < y.file ? -1 : 1));
    report.embargoed = embargoed;
    report.articles.embargoed = embargoed.length;
    report.articles.rejected = report.rejected.length;
    for (const a of accepted) if (holder.get(a.article.id) === a.file.rel) sourceOf.set(a.article.id, a.file);
    timer.mark('ledger match');
    return { published, pages: null };
  };
  const front = (await quickFront()) ?? (await fullFront());

  // ---- render and the gate: every file valid, or nothing moves. Files are made one at a time
  // and go straight to staging (an archive of 100k articles is gigabytes of feeds). A file whose
  // key matches its published copy is not rendered; one whose bytes match it is not validated
  // again (it passed the gate when it was written); only changed files are staged.
  signal?.throwIfAborted();
  // Whole articles: from this run's ingest, from the cache's group of whole articles the render
  // stage names (the main feeds' candidates, a page), or read and ingested again (checked to be
  // the bytes this run saw).
  interface WholeGroup {
    stored: Promise<Map<string, WholeArticle<Article>>>;
    kept: Map<string, WholeArticle<Article>>;
    /** Some of its articles had to be read again, or came from the main feeds' group, which keeps
     *  them no longer: keeping the group saves reading them next time. */
    worthKeeping: boolean;
  }
  const groups = new Map<string, WholeGroup>();
  let pageGroups = 0;
  const groupOf = (name: string): WholeGroup | null => {
    let g = groups.get(name);
    if (!g) {
      // A run that renders more pages than it would keep (see saveWholeGroups) keeps none: a
      // cold run would otherwise hold every article whole until its end.
      if (name !== MAIN_GROUP && ++pageGroups > MAX_PAGE_GROUPS) {
        for (const [other] of groups) if (other !== MAIN_GROUP) groups.delete(other);
        return null;
      }
      const stored = opts.rebuildLedger ? Promise.resolve(new Map()) : loadWhole<Article>(fs, wholeFile(cachePaths, name), cacheKey);
      groups.set(name, (g = { stored, kept: new Map(), worthKeeping: false }));
    }
    return g;
  };
  /** The article as this run's ingest or the group's stored copy has it, or null. */
  const wholeAtHand = async (f: ArticleFile, group: WholeGroup | null): Promise<Article | null> => {
    const mine = wholeOf.get(f.rel);
    // Each article is rendered in one group: let it go as the run goes (asked again, it is read again).
    wholeOf.delete(f.rel);
    if (mine) return mine;
    // The group's stored copy; else the last run's main feeds' candidates, when a page is made of
    // some of them (a block that left the main feeds, or that deletions gave back to them).
    const main = group && group !== groups.get(MAIN_GROUP) ? groups.get(MAIN_GROUP) : undefined;
    const own = group && (await group.stored).get(f.rel);
    const stored = own || (main && (await main.stored).get(f.rel));
    if (!stored || stored.sha256 !== shaOf(f.rel) || stored.firstSeen !== results.get(f.rel)!.firstSeen) return null;
    if (!own) group!.worthKeeping = true;
    return stored.article;
  };
  const readAgain = (f: ArticleFile, sha: string, r: IngestResult): Article => {
    if (sha !== shaOf(f.rel)) throw new RunFailed(`${f.rel}: changed while publishing; run again`);
    if (!r.ok) throw new RunFailed(`${f.rel}: could not be read again: ${r.error.message}`);
    return r.article;
  };
  const hydrate = async (list: Article[], how: { keep?: string } = {}): Promise<Article[]> => {
    const files = list.map((a) => {
      const f = sourceOf.get(a.id);
      if (!f) throw new Error(`no source file for article ${a.id}`);
      return f;
    });
    const group = how.keep ? groupOf(how.keep) : null;
    const wholes = await Promise.all(files.map((f) => wholeAtHand(f, group)));
    const missing = files.flatMap((_, i) => (wholes[i] ? [] : [i]));
    if (missing.length && group) group.worthKeeping = true;
    if (missing.length > 1 && stages.ingestFiles) {
      // A page's worth: the stage may share them with a worker thread.
      const inputs = missing.map((i) => ({ rel: files[i].rel, abs: files[i].abs, firstSeen: results.get(files[i].rel)!.firstSeen }));
      const done = await stages.ingestFiles(inputs, { site: config.site, maxBytes: config.maxArticleBytes }, signal);
      missing.forEach((i, k) => {
        const d = done[k];
        if (!d.ok) throw new RunFailed(`${files[i].rel}: cannot be read: ${d.readError}`);
        wholes[i] = readAgain(files[i], d.sha256, d.result);
      });
    } else {
      for (const i of missing) {
        const f = files[i];
        const bytes = await readBytes(f);
        const r = stages.ingest({ path: f.rel, bytes }, { site: config.site, firstSeen: results.get(f.rel)!.firstSeen, maxBytes: config.maxArticleBytes });
        wholes[i] = readAgain(f, sha256Hex(bytes), r);
      }
    }
    if (group) files.forEach((f, i) => group.kept.set(f.rel, { sha256: shaOf(f.rel)!, firstSeen: results.get(f.rel)!.firstSeen, article: wholes[i]! }));
    // The ledger's id and `updated` (applyLedgerEntry) are the brief article's.
    return list.map((a, i) => ({ ...wholes[i]!, id: a.id, updated: a.updated }));
  };
  const lastOutputs = cache.run?.outputs ?? {};
  const contentKeys = new Map<string, string>();
  const lastRenderNote = (cache.run as RunFingerprint & { renderNote?: unknown })?.renderNote;
  let renderNote: unknown = null;
  let planIndex: PlanIndex | null = null;
  const renderOptions: RenderOptions = {
    pageSize: config.archivePageSize,
    maxBytes: config.maxFeedBytes,
    placeOf: (a) => placeById.get(a.id),
    hydrate,
    async isCurrent(name, key) {
      const last = lastOutputs[name];
      return last?.key === key && sameStat(last, await statOrNull(fs, outputPath.abs(name)));
    },
    textKey: (name, key) => void contentKeys.set(name, key),
    left: lastRenderNote,
    leave: (note) => void (renderNote = note),
    index: (plan) => {
      const rels = (list: readonly Article[]): string[] => list.map((a) => a.source.path);
      // (No pages: the last plan's, which new articles that joined the main feeds left as they
      // were, and the page a block of the candidates made, if one did.)
      const pages = plan.pages?.map(rels) ?? (plan.newPage ? [...lastPlan!.pages, rels(plan.newPage)] : lastPlan!.pages);
      planIndex = { names, candidates: rels(plan.candidates), mainCount: plan.mainCount, pages, nextPlace };
    },
  };
  let rendered: Record<string, RenderedFile>;
  if (front.pages) {
    // Only articles edited in place: their pages (and the main feeds, for a candidate), and every
    // other file as it stands (each is current: quickFront checked; one that changes meanwhile
    // stops the run).
    renderNote = lastRenderNote; // (the stage leaves a new one when it makes the main feeds)
    const made = await stages.render(config.site, [], { ...renderOptions, only: front.pages });
    if (!made) throw new QuickWayDeclined();
    rendered = {};
    for (const name of withNewNames(Object.keys(lastOutputs), Object.keys(made))) {
      rendered[name] = made[name] ?? {
        key: lastOutputs[name].key!,
        render: async () => {
          throw new RunFailed(`${outputPath.shown(name)}: changed while publishing; run again`);
        },
      };
    }
  } else {
    const made = await stages.render(config.site, front.published!, renderOptions);
    if (!made) throw new Error('publish stages: render declined a full render');
    rendered = made;
  }
  timer.mark('plan+main feeds');
  const fileNames = Object.keys(rendered);
  const problemsOf: string[][] = fileNames.map(() => []); // by file, so they are reported in file order
  const culprits = new Map<string, string>(); // article file → why its item fails the gate
  let blameless = false; // some error is in no article's item
  const changed: boolean[] = fileNames.map(() => false);
  let failed = false;
  const changedNames = (): string[] => fileNames.filter((_, i) => changed[i]);
  let staging: Staging | null = null;
  let stagingMade: Promise<Staging> | null = null;
  const stage = async (name: string, bytes: Uint8Array): Promise<void> => {
    stagingMade ??= (async () => {
      try {
        await fs.mkdir(outputDir);
        await fs.checkWritable(outputDir);
      } catch (err) {
        throw new RunFailed(`${displayPath(outputDir)}: cannot write there: ${describeFsError(err)}`);
      }
      staging = await createStaging(fs, outputDir);
      setStaging(staging);
      return staging;
    })();
    await stageFile(fs, await stagingMade, name, bytes);
  };
  /** Validates one new file (when it is a feed) and, if all is well so far, stages it. */
  const check = async (i: number, text: string, given: Uint8Array | null): Promise<void> => {
    const name = fileNames[i];
    let bytes = given;
    // (A file whose published copy has its size comes with its bytes: encoded once, not per use.)
    const copies = stages.precompress?.(name, text, bytes) ?? null;
    if (copies) compressing.push(copies.then(() => undefined)); // awaited (and its failure seen) in any case
    if (isFeedFile(name)) {
      const contentType = CONTENT_TYPES[path.extname(name)] ?? null;
      let v: ValidationReport;
      if (stages.encodeAndValidate) {
        const done = await stages.encodeAndValidate(text, { contentType }, bytes);
        v = done.report;
        bytes ??= done.bytes;
      } else if (stages.validate) v = stages.validate((bytes ??= utf8Bytes(text)), { contentType });
      else throw new Error('publish stages: no validator');
      for (const e of v.errors) {
        const where = e.line != null ? `:${e.line}${e.column != null ? `:${e.column}` : ''}` : e.path ? ` ${e.path}` : '';
        problemsOf[i].push(`${name}${where}: ${e.code}: ${e.message} (the new ${name} failed validation; the last good files stay)`);
        const id = itemIdAt(text, e);
        const file = id === null ? undefined : sourceOf.get(id);
        if (!file) blameless = true;
        else if (!culprits.has(file.rel)) culprits.set(file.rel, `left out of the feeds until the file changes: its item fails validation in ${name}${where}: ${e.code}: ${e.message}`);
      }
      if (v.errors.length) failed = true;
    }
    if (failed) return; // the run fails; the rest is only checked
    await stage(name, (bytes ??= utf8Bytes(text)));
    changed[i] = true;
    if (copies) for (const [copy, copyBytes] of Object.entries(await copies)) {
      await stage(copy, copyBytes);
      stagedCopies.push(copy);
    }
  };
  /** Compressed copies being made, and those staged (fsynced like the files they belong to). */
  const compressing: Promise<void>[] = [];
  const stagedCopies: string[] = [];
  // The published copies, stat'ed at once: a file whose key and stat match is not even rendered.
  const outputStats = await statOutputs(fileNames);
  // A few files are validated and written at a time while the next is rendered (the validator may
  // run on another thread); a few, so that memory holds only a few files.
  const inFlight = new Set<Promise<void>>();
  let firstError: unknown = null;
  /** The next ledger's text, its sha256, and whether it differs from the one read. */
  let nextLedger: { data: FileData; sha256: string; moved: boolean } | null = null;
  let articlesBytes: Uint8Array[] | null = null;
  try {
    for (let i = 0; i < fileNames.length; i++) {
      signal?.throwIfAborted();
      if (firstError) break;
      const name = fileNames[i];
      const file = rendered[name];
      const target = outputPath.abs(name);
      if (typeof file !== 'string') {
        contentKeys.set(name, file.key);
        const last = lastOutputs[name];
        if (last?.key === file.key && sameStat(last, outputStats[i])) {
          report.files.unchanged.push(outputPath.shown(name));
          continue;
        }
      }
      const text = typeof file === 'string' ? file : await file.render();
      let bytes: Uint8Array | null = null;
      const published = outputStats[i];
      if (published) {
        // The same bytes as the published file: nothing to check or write (it passed the gate).
        // Read only when the sizes agree: an edit nearly always changes a file's size, and the
        // published copy of an old page is often no longer in memory (reading a page's three
        // files back from the disk took 20–50 ms of a one-change run).
        bytes = utf8Bytes(text);
        const current = bytes.byteLength === published.size ? await fs.readFile(target).catch(() => null) : null;
        if (current && Buffer.compare(current, bytes) === 0) {
          report.files.unchanged.push(outputPath.shown(name));
          continue;
        }
      }
      const job = check(i, text, bytes).then(
        () => void inFlight.delete(job),
        (err: unknown) => {
          inFlight.delete(job);
          firstError ??= err;
        },
      );
      inFlight.add(job);
      if (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight);
    }
    // While the last files are validated (maybe on another thread): what the run writes next.
    const nextLedgerData = quickLedgerBytes ?? serializeLedger({ version: 1, entries: nextEntries }, loadedLedger?.ours ? { ledger: { version: 1, entries: ledgerEntries() }, text: ledgerText! } : null);
    // Told apart from the ledger read by hash (that one's is known): comparing the two texts of
    // 10,000 entries, which differ in one, took longer than hashing the new one. (A text's bytes
    // are made when it is written, not held through the last validations: 32 MB at 100k articles.)
    const sha256 = sha256Hex(nextLedgerData);
    nextLedger = { data: nextLedgerData, sha256, moved: loadedLedger?.text == null || sha256 !== loadedLedger.sha256 };
    // (With a stat index for this listing; lines of entries follow the plan's groups.)
    const cacheListing = { names, rels };
    const plan = planIndex as PlanIndex | null;
    articlesBytes = othersAsLoaded
      ? encodeArticlesReplacing(cache.articles, newCache, cacheKey, BRIEF_CODEC, cacheListing)
      : encodeArticles(newCache.values(), cache.articles, cacheKey, BRIEF_CODEC, { listing: cacheListing, groups: plan ? [plan.candidates, ...plan.pages] : [] });
    await stages.flushValidation?.();
    await Promise.all(inFlight);
    if (firstError) throw firstError;
    const problems = problemsOf.flat();
    if (problems.length) {
      report.problems.push(...problems);
      const failure = `${problems.length} validation error${problems.length === 1 ? '' : 's'}: nothing published`;
      // Every error in some article's item: the caller may run again without those articles.
      const fewCulprits = culprits.size > 0 && leftOut.size + culprits.size <= MAX_LEFT_OUT;
      throw fewCulprits && !blameless ? new ArticlesBreakFeeds(failure, culprits) : new RunFailed(failure);
    }
    timer.mark('render+validate+stage');
    await Promise.all(compressing);
    if (staging) await syncStaged(fs, staging, [...changedNames(), ...stagedCopies]);
  } catch (err) {
    // Nothing may still be writing into staging when it is removed.
    await Promise.allSettled([...inFlight, ...compressing]);
    if (isAbort(err) || err instanceof RunFailed) throw err;
    throw new RunFailed(`cannot write the new files beside ${displayPath(outputDir)}: ${describeFsError(err)}; nothing moved`);
  }
  timer.mark('precompress');

  // ---- the cache: what this run read (ingest results, whole articles, the plan) holds whether
  // or not the swap below happens, so it is written meanwhile (each file is fsynced: the disk
  // takes them together with the ledger's). Only the run file, which vouches for it, waits.
  /** The groups of whole articles that changed (pages only when the run rendered few: groupOf). */
  const saveWholeGroups = async (): Promise<void> => {
    let pagesSaved = false;
    for (const [name, g] of groups) {
      const stored = await g.stored;
      if (!g.kept.size || sameWhole(g.kept, stored)) continue;
      // A page is worth keeping when its articles had to be read again or left the main feeds'
      // group, or when it was kept before: the last few such pages (an edited page is often
      // edited again; the newest page gains a link when the next one is made).
      if (name !== MAIN_GROUP && !g.worthKeeping && !stored.size) continue;
      await saveWhole(fs, wholeFile(cachePaths, name), cacheKey, g.kept);
      pagesSaved ||= name !== MAIN_GROUP;
    }
    if (pagesSaved) await pruneWholeGroups(fs, cachePaths, MAX_PAGE_GROUPS);
  };
  // The plan index is written when it changed (a run that only edited pages keeps the last one).
  const index = planIndex as PlanIndex | null;
  const planText = index ? planIndexText(cacheKey, index) : null;
  const planSha256 = planText ? sha256Hex(planText) : front.pages ? cache.run?.planSha256 : undefined;
  /** Settles with the error that stopped it, or null. */
  const cacheWritten: Promise<unknown> = (async () => {
    await saveWholeGroups();
    // (Also when its file went missing: a later edit in place needs it to take the quick way.)
    if (planText && (planSha256 !== cache.run?.planSha256 || !(await statOrNull(fs, cachePaths.plan)))) await savePlanIndex(fs, cachePaths, planText);
    await saveArticles(fs, cachePaths, articlesBytes!);
  })().then(() => null, (err: unknown) => err);
  try {
    if (staging) {
      signal?.throwIfAborted();
      // The ledger goes first: killed between the two, the next run publishes what the ledger says.
      if (nextLedger!.moved) await writeLedger(fs, ledgerPath, nextLedger!.data);
      signal?.throwIfAborted(); // the last moment an abort leaves output/ untouched
      try {
        await swapIntoPlace(fs, staging);
      } catch (err) {
        throw new RunFailed(`cannot move the new files into ${displayPath(outputDir)}: ${describeFsError(err)}`);
      }
      report.files.written = changedNames().map(outputPath.shown);
      timer.mark('ledger+swap');
    } else if (nextLedger!.moved) {
      await writeLedger(fs, ledgerPath, nextLedger!.data);
    }
    // Archive pages the new feeds no longer link to (articles were deleted): gone with the swap.
    const stale = await staleArchivePages(fs, outputDir, rendered);
    for (const gone of stale) await fs.remove(outputPath.abs(gone)).catch(() => undefined);
    if (stale.length) report.notices.push(`removed ${stale.length} archive file${stale.length === 1 ? '' : 's'} the feeds no longer link to`);
    report.outcome = changedNames().length ? 'published' : 'unchanged';
    timer.mark('stale pages');

    // ---- remember this run, so that the next one can say "unchanged" without reading anything
    const outputs: Record<string, FileFingerprint> = {};
    const names = Object.keys(rendered);
    for (const name of changedNames()) outputStatOf.delete(name); // (the others did not move)
    const stats = await statOutputs(names);
    names.forEach((name, i) => {
      const st = stats[i];
      if (st) outputs[name] = contentKeys.has(name) ? { size: st.size, mtimeMs: st.mtimeMs, key: contentKeys.get(name) } : { size: st.size, mtimeMs: st.mtimeMs };
    });
    const fingerprint: RunFingerprint & { summary: Summary; renderNote?: unknown } = {
      articlesDir,
      outputDir,
      listing,
      ledger: await statOrNull(fs, ledgerPath),
      outputs,
      // The first time a run must do more than an unchanged one: an embargo ends, or a held update comes.
      embargoUntil: earliest(embargoed[0]?.until ?? null, heldUntil),
      // The ledger now holds these bytes: the next run may read it without checking it again.
      ledgerSha256: nextLedger!.sha256,
      ...(planSha256 ? { planSha256 } : {}),
      summary: takeSummary(report),
      ...(renderNote === null ? {} : { renderNote }),
    };
    // (A run that only rendered edited pages left the same articles out as the last one.)
    const keptLeftOut = front.pages ? lastLeftOut : nowLeftOut;
    if (Object.keys(keptLeftOut).length) fingerprint.leftOut = keptLeftOut;
    timer.mark('output stats');
    // The run file last, and only over the files it vouches for (written above).
    const cacheError = (await cacheWritten) ?? (await saveRun(fs, cachePaths, { key: cacheKey, run: fingerprint }).then(() => null, (err: unknown) => err));
    if (cacheError) report.notices.push(`cache not saved (${describeFsError(cacheError)}): the next run reads every article again`);
    timer.mark('save cache');
    // Hubs are told about the main feeds; archive pages are not subscribed to.
    return changedNames().filter((n) => isFeedFile(n) && !n.includes('/')).map((n) => config.site.feedBaseUrl + n);
  } finally {
    await cacheWritten; // nothing of this run's may still be writing once it has ended
  }
}

async function writeLedger(fs: PublishFs, file: string, text: FileData): Promise<void> {
  try {
    await saveLedgerText(fs, file, text);
  } catch (err) {
    throw new RunFailed(`${displayPath(file)}: cannot write the ledger: ${describeFsError(err)}; nothing moved`);
  }
}

/** The counts and lists an "unchanged" run repeats from the last full run. */
type Summary = Pick<PublishReport, 'articles' | 'rejected' | 'warnings' | 'embargoed'>;

function takeSummary(r: PublishReport): Summary {
  return { articles: { ...r.articles, changed: 0, removed: 0 }, rejected: r.rejected, warnings: r.warnings, embargoed: r.embargoed };
}

function restoreSummary(r: PublishReport, s: Summary): void {
  r.articles = { ...s.articles, changed: 0, removed: 0 };
  r.rejected = s.rejected;
  r.warnings = s.warnings;
  r.embargoed = s.embargoed;
}

async function nothingMoved(
  fs: PublishFs,
  cache: PublishCache<IngestResult>,
  now: { articlesDir: string; outputDir: string; listing: string; ledger: FileFingerprint | null },
  files: ArticleFile[],
  nowDate: Date,
): Promise<boolean> {
  const last = cache.run;
  if (!last || last.articlesDir !== now.articlesDir || last.outputDir !== now.outputDir || last.listing !== now.listing) return false;
  if (!sameStat(last.ledger, now.ledger)) return false;
  if (last.embargoUntil && nowDate.getTime() >= Date.parse(last.embargoUntil)) return false;
  if (files.some((f) => f.stat.mtimeMs >= cache.loadedMtimeMs)) return false; // racy: see statMatches
  const outputs = Object.entries(last.outputs);
  const stats = await fs.statMany(outputs.map(([name]) => path.join(now.outputDir, name))).catch(() => null);
  if (!stats || outputs.some(([, fp], i) => !sameStat(fp, stats[i]))) return false;
  return outputs.length > 0;
}

/** Whether the whole articles to keep are the ones the cache holds already (then it is not rewritten). */
function sameWhole(kept: Map<string, WholeArticle<Article>>, stored: Map<string, WholeArticle<Article>>): boolean {
  if (stored.size !== kept.size) return false;
  for (const [rel, k] of kept) {
    const s = stored.get(rel);
    if (!s || s.sha256 !== k.sha256 || s.firstSeen !== k.firstSeen) return false;
  }
  return true;
}

/** `fn` over every item, up to 64 at a time (file-system calls wait on the thread pool). */
async function inBatches<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += 64) out.push(...(await Promise.all(items.slice(i, i + 64).map(fn))));
  return out;
}

/**
 * The last run's file names in their order, with the names only `made` has (a page a block of new
 * articles made) each placed after the name `made` gives before it: where a full run, which
 * renders files in that order, would list them (the report lists files in this order).
 */
function withNewNames(last: readonly string[], made: readonly string[]): string[] {
  const out = [...last];
  let at = -1;
  for (const name of made) {
    const i = out.indexOf(name);
    if (i >= 0) at = i;
    else out.splice(++at, 0, name);
  }
  return out;
}

/** Archive pages (and their compressed siblings) in output/ that this run's files do not include. */
async function staleArchivePages(fs: PublishFs, outputDir: string, keep: Record<string, unknown>): Promise<string[]> {
  // Loaded here, not at the top: an "unchanged" run never needs the renderer's code.
  const { ARCHIVE_DIR, parseArchiveFileName } = await import('../render/archive.js');
  let entries;
  try {
    entries = await fs.readdir(path.join(outputDir, ARCHIVE_DIR));
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const e of entries) {
    const name = `${ARCHIVE_DIR}/${e.name}`;
    const page = name.replace(/\.(?:gz|br)$/, '');
    if (e.isFile && parseArchiveFileName(page) && !(page in keep)) out.push(name);
  }
  return out;
}

function sameStat(a: FileFingerprint | null | undefined, b: FileFingerprint | null): boolean {
  return (!a && !b) || (!!a && !!b && a.size === b.size && a.mtimeMs === b.mtimeMs);
}

interface ArticleFile {
  abs: string;
  /** Relative to the config's folder, `/`-separated: the ledger's and the diagnostics' name. */
  rel: string;
  stat: FileFingerprint;
}

/** Every article file (*.txt, *.md, *.json…) under the articles folder, subfolders too, dot-names
 *  skipped; sorted. `onTopNames` hears how many names the folder itself holds, before any stat. */
async function listArticles(fs: PublishFs, dir: string, root: string, onTopNames?: (count: number) => void): Promise<ArticleFile[]> {
  const out: ArticleFile[] = [];
  const walk = async (d: string): Promise<void> => {
    let names;
    try {
      names = await fs.readdirNames(d);
    } catch (err) {
      const what = errCode(err) === 'ENOENT' ? 'folder not found' : errCode(err) === 'ENOTDIR' ? 'not a folder' : `cannot be read: ${describeFsError(err)}`;
      throw new RunFailed(`${displayPath(d)}: articles ${what}`);
    }
    // Every file here is named `${relDir}${name}`: one path.relative per folder, not per file.
    const relDir = toPosix(path.relative(root, d));
    const prefix = relDir === '' ? '' : relDir + '/';
    // In name order, so that a folder without subfolders needs no sorting below. One stat per
    // entry gives its kind (links followed) with its size and mtime, in one call: in line, the
    // kernel answers from its cache in a few µs, less than a round trip through the thread pool
    // (or a promise per file) would cost; 10,000 articles: ~40–55 ms.
    names = names.filter((name) => !name.startsWith('.')).sort();
    if (d === dir) onTopNames?.(names.length);
    const abs = names.map((name) => d + path.sep + name);
    let stats;
    try {
      stats = await fs.statEntries(abs);
    } catch (err) {
      throw new RunFailed(`${displayPath((err as NodeJS.ErrnoException).path ?? d)}: cannot be read: ${describeFsError(err)}`);
    }
    for (let i = 0; i < names.length; i++) {
      const st = stats[i]; // null: deleted while we listed
      if (!st) continue;
      if (st.isDirectory) await walk(abs[i]);
      else if (st.isFile && isArticleFile(names[i])) out.push({ abs: abs[i], rel: prefix + names[i], stat: st });
    }
  };
  await walk(dir);
  const byRel = (a: ArticleFile, b: ArticleFile): number => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0);
  for (let i = 1; i < out.length; i++) if (byRel(out[i - 1], out[i]) > 0) return out.sort(byRel);
  return out;
}

/**
 * The paths of output files (named with `/`, relative to the output folder), and as reports show
 * them (displayPath's rule), made without a path.join and a path.relative for each: a run goes
 * through ~300 of them at 10k articles, and in a one-change run's profile those calls took ~7 ms.
 * `outputDir` is absolute and normalized (resolved from the flags or the config).
 */
function outputPaths(outputDir: string): { abs(name: string): string; shown(name: string): string } {
  const native = path.sep === '/' ? (name: string): string => name : (name: string): string => name.split('/').join(path.sep);
  const abs = (name: string): string => outputDir + path.sep + native(name);
  const display = displayPathsIn(outputDir);
  return { abs, shown: (name) => display(native(name), abs(name)) };
}

async function statOrNull(fs: PublishFs, p: string): Promise<FileFingerprint | null> {
  try {
    const st = await fs.stat(p);
    return { size: st.size, mtimeMs: st.mtimeMs };
  } catch {
    return null;
  }
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** RFC 3339 in UTC, whole seconds: the run's time as the ledger records it. */
export function toIso(d: Date): string {
  return new Date(Math.floor(d.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** The earlier of two RFC 3339 times; null when neither is given. */
function earliest(a: string | null, b: string | null): string | null {
  if (a === null || b === null) return a ?? b;
  return Date.parse(b) < Date.parse(a) ? b : a;
}

function isAbort(err: unknown): boolean {
  return (err as Error | null)?.name === 'AbortError';
}

/** Lets signals and timers through during a long run, and stops here if the run was aborted. */
async function yieldToEvents(signal?: AbortSignal): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  signal?.throwIfAborted();
}
