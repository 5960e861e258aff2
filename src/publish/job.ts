// The publish job: articles/ → ledger → render → validate (the gate) → staging → atomic swap.
//
//   config → list articles → cache ("unchanged" when nothing moved) → ingest each (one bad
//   article never stops the others) → ledger (ids, first-seen, `updated` only on real change)
//   → embargo → render → validate every file → write the changed ones into staging → fsync
//   → ledger → rename each into output/ → fsync output/ → cache
//
// Nothing here reads the real clock (`now` is passed in) or touches the disk but through `fs`.
// If validation fails or any write fails, nothing moves: the last good files stay in output/.
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { isArticleFile } from '../ingest/files.js';
import type { Article, Diagnostic, Site } from '../model/index.js';
import type { ValidationReport } from '../validate/report.js';
import type { Config } from './config.js';
import { removeStaleTemps } from './atomic.js';
import { briefResult, decodeBrief, encodeBrief } from './brief.js';
import { cacheFiles, loadArticles, loadRun, loadWhole, saveCache, saveWhole, statMatches, toolVersion, type CachedArticle, type FileFingerprint, type PublishCache, type ResultCodec, type RunFingerprint, type WholeArticle } from './cache.js';
import { describeFsError, errCode, nodeFs, type PublishFs } from './fsio.js';
import { sha256Hex } from './hash.js';
import { applyLedgerEntry, LedgerError, loadLedger, matchLedger, saveLedger, serializeLedger, emptyLedger, type FileKey, type LedgerEntry } from './ledger.js';
import { acquireLock, LockedError } from './lock.js';
import { phaseTimer, type PhaseTimer } from './timings.js';
import { displayPath, failedReport, type EmbargoedArticle, type PublishReport } from './report.js';
import { createStaging, discardStaging, removeStaleStaging, stageFile, swapIntoPlace, syncStaged, syncStagingFolders, type Staging } from './staging.js';

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
  /** Every output file by name (`archive/` names included). A file with a key is rendered only
   *  when the key differs from the one its published copy was written with. */
  render(site: Site, articles: Article[], opts: RenderOptions): Promise<Record<string, RenderedFile>>;
  validate(bytes: Uint8Array, opts?: { contentType?: string | null }): ValidationReport;
  /** After validation, before the swap: may add files (e.g. `rss.xml.gz`) beside the staged ones. */
  precompress?(stagingDir: string, files: string[]): Promise<void>;
  /** After a swap that changed feeds: tell the WebSub hubs. */
  notify?(site: Site, changedFeedUrls: string[]): Promise<void>;
}

export interface RenderOptions {
  /** Items per archive page (config feed.archivePageSize). */
  pageSize: number;
  /** Byte budget of each main feed (config feed.maxBytes). */
  maxBytes: number;
  fallbackUpdated?: string;
  /**
   * The articles given to render are in brief (see brief.ts: ids, dates and source only); this
   * gives them whole, for the ones a file being rendered shows. `keep`: these are asked for on
   * every run (the main feeds' candidates), so the cache keeps them whole.
   */
  hydrate(articles: Article[], opts?: { keep?: boolean }): Promise<Article[]>;
}

/** A rendered file, or one rendered on demand: `key` names its content (same key, same bytes). */
export type RenderedFile = string | { key: string; render(): Promise<string> };

/** How the cache stores each article's result: in brief (see brief.ts). */
const BRIEF_CODEC: ResultCodec<IngestResult> = { encode: encodeBrief, decode: decodeBrief };

/** Whole articles kept in memory from their ingest, at most; the others are read again to render. */
const KEEP_WHOLE = 20_000;
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

/** A failure that ends the run with exit 2 and this message, nothing published. */
class RunFailed extends Error {}

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
  const report = failedReport(nowIso);
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
    changedUrls = await runLocked(opts, fs, nowDate, nowIso, report, (s) => (staging = s), timer);
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
): Promise<string[]> {
  // Returns the URLs of the feeds this run changed.
  const { config, articlesDir, outputDir, stages, signal } = opts;
  const root = config.root;
  const ledgerPath = path.join(wirefeedDir(config), 'ledger.json');
  const cachePaths = cacheFiles(root);

  for (const p of await removeStaleStaging(fs, outputDir)) report.notices.push(`removed stale staging folder ${displayPath(p)}`);
  await removeStaleTemps(fs, path.dirname(ledgerPath));
  await removeStaleTemps(fs, path.dirname(cachePaths.run));

  timer.mark('stale sweep');
  const files = await listArticles(fs, articlesDir, root);
  report.articles.seen = files.length;
  timer.mark('list articles');

  const cacheKey = sha256Hex(JSON.stringify([toolVersion(), config.site, config.maxArticleBytes, config.maxFeedBytes, config.archivePageSize]));
  const lastRun = await loadRun(fs, cachePaths, cacheKey);
  const cache: PublishCache<IngestResult> = { version: 1, key: cacheKey, loadedMtimeMs: lastRun.mtimeMs, articles: {}, run: lastRun.run };
  const ledgerStat = await statOrNull(fs, ledgerPath);
  timer.mark('load run');

  // ---- the "unchanged" fast path: no article body read, nothing rendered, nothing written
  const listing = sha256Hex(files.map((f) => `${f.rel}\t${f.stat.size}\t${f.stat.mtimeMs}`).join('\n'));
  if (!opts.rebuildLedger && (await nothingMoved(fs, cache, { articlesDir, outputDir, listing, ledger: ledgerStat }, files, nowDate))) {
    const last = cache.run as RunFingerprint & { summary?: Summary };
    if (last.summary) restoreSummary(report, last.summary);
    report.files.unchanged = Object.keys(last.outputs).map((n) => displayPath(path.join(outputDir, n)));
    report.outcome = 'unchanged';
    timer.mark('unchanged check');
    return [];
  }
  timer.mark('unchanged check');

  // ---- there is work: the ledger (not needed to tell "unchanged"), the stages' code, the cache
  const { ledger, text: ledgerText } = opts.rebuildLedger ? { ledger: emptyLedger(), text: null } : await loadLedger(fs, ledgerPath);
  timer.mark('load ledger');
  await stages.prepare?.();
  timer.mark('prepare');

  // ---- read (or recall) each article's bytes hash
  if (!opts.rebuildLedger) cache.articles = await loadArticles(fs, cachePaths, cacheKey, BRIEF_CODEC);
  timer.mark('load cache');
  const readBytes = async (f: ArticleFile): Promise<Uint8Array> => {
    try {
      return await fs.readFile(f.abs);
    } catch (err) {
      throw new RunFailed(`${f.rel}: cannot be read: ${describeFsError(err)}`);
    }
  };
  const bytesOf = new Map<string, Uint8Array>();
  let bytesKept = 0;
  const keys: FileKey[] = [];
  const toRead = files.filter((f) => !statMatches(cache.articles[f.rel], f.stat, cache.loadedMtimeMs));
  const shaRead = new Map<string, string>();
  await inBatches(toRead, async (f) => {
    const bytes = await readBytes(f);
    shaRead.set(f.rel, sha256Hex(bytes));
    if (bytesKept + bytes.length <= KEEP_BYTES) {
      bytesOf.set(f.rel, bytes);
      bytesKept += bytes.length;
    }
  });
  for (const f of files) keys.push({ path: f.rel, sha256: shaRead.get(f.rel) ?? cache.articles[f.rel].sha256, frontMatterId: null });
  const shaOf = new Map(keys.map((k) => [k.path, k.sha256]));
  timer.mark('read+hash');

  // ---- ingest: the first-seen time comes from the ledger entry the file most likely is
  const guess = matchLedger(ledger.entries, keys).matched;
  const newCache: Record<string, Cached> = {};
  const wholeOf = new Map<string, Article>(); // by file: articles ingested this run, whole (before the ledger)
  let ingested = 0;
  const ingestOne = async (f: ArticleFile, firstSeen: string): Promise<IngestResult> => {
    const sha = shaOf.get(f.rel)!;
    const c = cache.articles[f.rel];
    wholeOf.delete(f.rel);
    if (c && c.sha256 === sha && c.firstSeen === firstSeen) {
      c.size = f.stat.size;
      c.mtimeMs = f.stat.mtimeMs;
      newCache[f.rel] = c;
      return c.result;
    }
    const bytes = bytesOf.get(f.rel) ?? (await readBytes(f));
    const result = stages.ingest({ path: f.rel, bytes }, { site: config.site, firstSeen, maxBytes: config.maxArticleBytes });
    if (result.ok && wholeOf.size < KEEP_WHOLE) wholeOf.set(f.rel, result.article);
    const brief = briefResult(result);
    newCache[f.rel] = { size: f.stat.size, mtimeMs: f.stat.mtimeMs, sha256: sha, firstSeen, result: brief };
    if (++ingested % 64 === 0) await yieldToEvents(signal);
    return brief;
  };
  const results = new Map<string, { result: IngestResult; firstSeen: string }>();
  for (let i = 0; i < files.length; i++) {
    const f = files[i];
    const firstSeen = guess.get(f.rel)?.firstSeen ?? nowIso;
    results.set(f.rel, { result: await ingestOne(f, firstSeen), firstSeen });
  }
  bytesOf.clear();
  timer.mark('ingest');

  // ---- ledger: now with the front matter ids known (the rule is documented in ledger.ts)
  for (const k of keys) {
    const r = results.get(k.path)!.result;
    k.frontMatterId = r.ok && r.origin.id === 'frontmatter' ? r.article.id : null;
  }
  const { matched, unmatched } = matchLedger(ledger.entries, keys);
  const accepted: { file: ArticleFile; article: Article; entry: LedgerEntry | undefined }[] = [];
  const nextEntries: LedgerEntry[] = [];
  for (const f of files) {
    const entry = matched.get(f.rel);
    const sha = shaOf.get(f.rel)!;
    let { result, firstSeen } = results.get(f.rel)!;
    const wantFirstSeen = entry?.firstSeen ?? nowIso;
    if (wantFirstSeen !== firstSeen) result = await ingestOne(f, (firstSeen = wantFirstSeen));
    report.warnings.push(...result.warnings);
    if (!result.ok) {
      report.rejected.push(result.error);
      // A broken edit keeps its article's place in the ledger, so fixing it keeps the id.
      if (entry) nextEntries.push({ ...entry, path: f.rel });
      continue;
    }
    // A known article keeps its id; `updated` moves only when its bytes did.
    const article = applyLedgerEntry(result.article, result.origin, entry, sha, nowIso);
    if (!entry || entry.sha256 !== sha) report.articles.changed++;
    accepted.push({ file: f, article, entry });
  }
  report.articles.removed = unmatched.length;

  // Two files with one id would be one item twice: the article the ledger knows by that id
  // keeps it, then the first in path order; the others are rejected, naming the holder.
  const holder = new Map<string, string>();
  for (const a of accepted) if (a.entry && a.entry.id === a.article.id) holder.set(a.article.id, a.file.rel);
  const published: Article[] = [];
  const embargoed: EmbargoedArticle[] = [];
  for (const a of accepted) {
    const owner = holder.get(a.article.id);
    if (owner !== undefined && owner !== a.file.rel) {
      report.rejected.push({ code: 'DuplicateId', message: `id ${a.article.id} is already used by ${owner}`, file: a.file.rel, line: null });
      if (a.entry) nextEntries.push({ ...a.entry, path: a.file.rel });
      continue;
    }
    holder.set(a.article.id, a.file.rel);
    nextEntries.push({ path: a.file.rel, id: a.article.id, firstSeen: a.entry?.firstSeen ?? nowIso, sha256: shaOf.get(a.file.rel)!, updated: a.article.updated });
    // Embargo: dated in the future, it stays out of every feed (and so out of lastBuildDate).
    if (Date.parse(a.article.published) > nowDate.getTime()) embargoed.push({ file: a.file.rel, id: a.article.id, until: a.article.published });
    else published.push(a.article);
  }
  embargoed.sort((x, y) => Date.parse(x.until) - Date.parse(y.until) || (x.file < y.file ? -1 : 1));
  report.embargoed = embargoed;
  report.articles.embargoed = embargoed.length;
  report.articles.rejected = report.rejected.length;
  timer.mark('ledger match');

  // ---- render and the gate: every file valid, or nothing moves. Files are made one at a time
  // and go straight to staging (an archive of 100k articles is gigabytes of feeds). A file whose
  // key matches its published copy is not rendered; one whose bytes match it is not validated
  // again (it passed the gate when it was written); only changed files are staged.
  signal?.throwIfAborted();
  // Whole articles for rendering: kept from this run's ingest, or read and ingested again (and
  // checked to be the bytes this run saw).
  const sourceOf = new Map<string, ArticleFile>();
  for (const a of accepted) if (holder.get(a.article.id) === a.file.rel) sourceOf.set(a.article.id, a.file);
  // Whole articles: from this run's ingest, from the cache's whole articles (the main feeds'
  // candidates of the last run), or read and ingested again (checked to be the bytes this run saw).
  let storedWhole: Map<string, WholeArticle<Article>> | null = null;
  let storedWholeLoad: Promise<Map<string, WholeArticle<Article>>> | null = null;
  const keptWhole = new Map<string, WholeArticle<Article>>();
  const wholeArticle = async (f: ArticleFile): Promise<Article> => {
    const mine = wholeOf.get(f.rel);
    if (mine) return mine;
    const sha = shaOf.get(f.rel)!;
    const { firstSeen } = results.get(f.rel)!;
    // (Loaded once, by the first of the many calls in flight that needs it.)
    storedWholeLoad ??= (opts.rebuildLedger ? Promise.resolve(new Map()) : loadWhole<Article>(fs, cachePaths, cacheKey)).then((m) => (storedWhole = m));
    const stored = (await storedWholeLoad).get(f.rel);
    if (stored && stored.sha256 === sha && stored.firstSeen === firstSeen) return stored.article;
    const bytes = await readBytes(f);
    if (sha256Hex(bytes) !== sha) throw new RunFailed(`${f.rel}: changed while publishing; run again`);
    const r = stages.ingest({ path: f.rel, bytes }, { site: config.site, firstSeen, maxBytes: config.maxArticleBytes });
    if (!r.ok) throw new RunFailed(`${f.rel}: could not be read again: ${r.error.message}`);
    return r.article;
  };
  const hydrate = async (list: Article[], how: { keep?: boolean } = {}): Promise<Article[]> => {
    const files = list.map((a) => {
      const f = sourceOf.get(a.id);
      if (!f) throw new Error(`no source file for article ${a.id}`);
      return f;
    });
    const wholes = await inBatches(files, wholeArticle);
    if (how.keep) files.forEach((f, i) => keptWhole.set(f.rel, { sha256: shaOf.get(f.rel)!, firstSeen: results.get(f.rel)!.firstSeen, article: wholes[i] }));
    // The ledger's id and `updated` (applyLedgerEntry) are the brief article's.
    return list.map((a, i) => ({ ...wholes[i], id: a.id, updated: a.updated }));
  };
  const rendered = await stages.render(config.site, published, { pageSize: config.archivePageSize, maxBytes: config.maxFeedBytes, hydrate });
  timer.mark('plan+main feeds');
  const lastOutputs = cache.run?.outputs ?? {};
  const contentKeys = new Map<string, string>();
  const problems: string[] = [];
  const changedNames: string[] = [];
  let staging: Staging | null = null;
  const stage = async (name: string, bytes: Uint8Array): Promise<void> => {
    if (!staging) {
      try {
        await fs.mkdir(outputDir);
        await fs.checkWritable(outputDir);
      } catch (err) {
        throw new RunFailed(`${displayPath(outputDir)}: cannot write there: ${describeFsError(err)}`);
      }
      staging = await createStaging(fs, outputDir);
      setStaging(staging);
    }
    await stageFile(fs, staging, name, bytes);
  };
  try {
    for (const [name, file] of Object.entries(rendered)) {
      signal?.throwIfAborted();
      const target = path.join(outputDir, name);
      if (typeof file !== 'string') {
        contentKeys.set(name, file.key);
        const last = lastOutputs[name];
        if (last?.key === file.key && sameStat(last, await statOrNull(fs, target))) {
          report.files.unchanged.push(displayPath(target));
          continue;
        }
      }
      const bytes = Buffer.from(typeof file === 'string' ? file : await file.render(), 'utf8');
      const current = await fs.readFile(target).catch(() => null);
      if (current && Buffer.compare(current, bytes) === 0) {
        report.files.unchanged.push(displayPath(target));
        continue;
      }
      if (isFeedFile(name)) {
        const v = stages.validate(bytes, { contentType: CONTENT_TYPES[path.extname(name)] ?? null });
        for (const e of v.errors) {
          const where = e.line != null ? `:${e.line}${e.column != null ? `:${e.column}` : ''}` : e.path ? ` ${e.path}` : '';
          problems.push(`${name}${where}: ${e.code}: ${e.message} (the new ${name} failed validation; the last good files stay)`);
        }
      }
      if (problems.length) continue; // the run fails; the rest is only checked
      await stage(name, bytes);
      changedNames.push(name);
    }
    if (problems.length) {
      report.problems.push(...problems);
      throw new RunFailed(`${problems.length} validation error${problems.length === 1 ? '' : 's'}: nothing published`);
    }
    timer.mark('render+validate+stage');
    if (staging) {
      await syncStagingFolders(fs, staging);
      if (stages.precompress) {
        await stages.precompress((staging as Staging).dir, changedNames);
        await syncStaged(fs, staging, changedNames);
      }
    }
  } catch (err) {
    if (isAbort(err) || err instanceof RunFailed) throw err;
    throw new RunFailed(`cannot write the new files beside ${displayPath(outputDir)}: ${describeFsError(err)}; nothing moved`);
  }
  timer.mark('precompress');
  const nextLedgerText = serializeLedger({ version: 1, entries: nextEntries });

  if (staging) {
    signal?.throwIfAborted();
    // The ledger goes first: killed between the two, the next run publishes what the ledger says.
    if (nextLedgerText !== ledgerText) await writeLedger(fs, ledgerPath, nextEntries);
    signal?.throwIfAborted(); // the last moment an abort leaves output/ untouched
    try {
      await swapIntoPlace(fs, staging);
    } catch (err) {
      throw new RunFailed(`cannot move the new files into ${displayPath(outputDir)}: ${describeFsError(err)}`);
    }
    report.files.written = changedNames.map((n) => displayPath(path.join(outputDir, n)));
    timer.mark('ledger+swap');
  } else if (nextLedgerText !== ledgerText) {
    await writeLedger(fs, ledgerPath, nextEntries);
  }
  // Archive pages the new feeds no longer link to (articles were deleted): gone with the swap.
  const stale = await staleArchivePages(fs, outputDir, rendered);
  for (const gone of stale) await fs.remove(path.join(outputDir, gone)).catch(() => undefined);
  if (stale.length) report.notices.push(`removed ${stale.length} archive file${stale.length === 1 ? '' : 's'} the feeds no longer link to`);
  report.outcome = changedNames.length ? 'published' : 'unchanged';
  timer.mark('stale pages');

  // ---- remember this run, so that the next one can say "unchanged" without reading anything
  const outputs: Record<string, FileFingerprint> = {};
  const names = Object.keys(rendered);
  const stats = await fs.statMany(names.map((name) => path.join(outputDir, name))).catch(() => names.map(() => null));
  names.forEach((name, i) => {
    const st = stats[i];
    if (st) outputs[name] = contentKeys.has(name) ? { size: st.size, mtimeMs: st.mtimeMs, key: contentKeys.get(name) } : { size: st.size, mtimeMs: st.mtimeMs };
  });
  const fingerprint: RunFingerprint & { summary: Summary } = {
    articlesDir,
    outputDir,
    listing,
    ledger: await statOrNull(fs, ledgerPath),
    outputs,
    embargoUntil: embargoed[0]?.until ?? null,
    summary: takeSummary(report),
  };
  timer.mark('output stats');
  const cacheSaved = (async () => {
    if (keptWhole.size && !sameWhole(keptWhole, storedWhole)) await saveWhole(fs, cachePaths, cacheKey, keptWhole);
    await saveCache(fs, cachePaths, { ...cache, articles: newCache, run: fingerprint }, BRIEF_CODEC);
  })();
  await cacheSaved.catch((err) => {
    report.notices.push(`cache not saved (${describeFsError(err)}): the next run reads every article again`);
  });
  timer.mark('save cache');
  // Hubs are told about the main feeds; archive pages are not subscribed to.
  return changedNames.filter((n) => isFeedFile(n) && !n.includes('/')).map((n) => config.site.feedBaseUrl + n);
}

async function writeLedger(fs: PublishFs, file: string, entries: LedgerEntry[]): Promise<void> {
  try {
    await saveLedger(fs, file, { version: 1, entries });
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
function sameWhole(kept: Map<string, WholeArticle<Article>>, stored: Map<string, WholeArticle<Article>> | null): boolean {
  if (!stored || stored.size !== kept.size) return false;
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

/** Every article file (*.txt, *.md, *.json…) under the articles folder, subfolders too, dot-names skipped; sorted. */
async function listArticles(fs: PublishFs, dir: string, root: string): Promise<ArticleFile[]> {
  const out: ArticleFile[] = [];
  const walk = async (d: string): Promise<void> => {
    let entries;
    try {
      entries = await fs.readdir(d);
    } catch (err) {
      const what = errCode(err) === 'ENOENT' ? 'folder not found' : errCode(err) === 'ENOTDIR' ? 'not a folder' : `cannot be read: ${describeFsError(err)}`;
      throw new RunFailed(`${displayPath(d)}: articles ${what}`);
    }
    // Every file here is named `${relDir}${name}`: one path.relative per folder, not per file.
    const relDir = toPosix(path.relative(root, d));
    const prefix = relDir === '' ? '' : relDir + '/';
    const names: string[] = [];
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      let isDir = e.isDirectory;
      let isFile = e.isFile;
      if (!isDir && !isFile) {
        // A symbolic link: follow it.
        const st = await statFull(fs, d + path.sep + e.name);
        isDir = !!st?.isDirectory;
        isFile = !!st?.isFile;
      }
      if (isDir) await walk(d + path.sep + e.name);
      else if (isFile && isArticleFile(e.name)) names.push(e.name);
    }
    // In name order, so that a folder without subfolders needs no sorting below. Stats in one
    // call: in line, the kernel answers from its cache in a few µs, less than a round trip
    // through the thread pool (or a promise per file) would cost; 10,000 articles: ~35 ms.
    names.sort();
    const abs = names.map((name) => d + path.sep + name);
    let stats;
    try {
      stats = await fs.statMany(abs);
    } catch (err) {
      throw new RunFailed(`${displayPath((err as NodeJS.ErrnoException).path ?? d)}: cannot be read: ${describeFsError(err)}`);
    }
    for (let i = 0; i < names.length; i++) {
      const st = stats[i]; // null: deleted while we listed
      if (st) out.push({ abs: abs[i], rel: prefix + names[i], stat: { size: st.size, mtimeMs: st.mtimeMs } });
    }
  };
  await walk(dir);
  const byRel = (a: ArticleFile, b: ArticleFile): number => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0);
  for (let i = 1; i < out.length; i++) if (byRel(out[i - 1], out[i]) > 0) return out.sort(byRel);
  return out;
}

async function statFull(fs: PublishFs, p: string) {
  try {
    return await fs.stat(p);
  } catch (err) {
    if (errCode(err) === 'ENOENT') return null; // deleted while we listed
    throw new RunFailed(`${displayPath(p)}: cannot be read: ${describeFsError(err)}`);
  }
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

function isAbort(err: unknown): boolean {
  return (err as Error | null)?.name === 'AbortError';
}

/** Lets signals and timers through during a long run, and stops here if the run was aborted. */
async function yieldToEvents(signal?: AbortSignal): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  signal?.throwIfAborted();
}
