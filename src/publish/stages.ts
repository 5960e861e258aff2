// The real stages of a publish run: our ingest, render and validator, the serve module's
// precompression and the WebSub pings. Tests replace single stages through PublishStages.
import type { Article, Site } from '../model/index.js';
import type { FeedFormat } from '../render/archive.js';
import type { PagesToRender, PublishStages, RenderedFile, RenderOptions } from './job.js';
import type { PublishPool } from './pool.js';
import { utf8Bytes } from './fsio.js';

/**
 * The stages' code, loaded on the first run that has something to do. Not the validator: the
 * pool loads it where feeds are validated (in a worker, or here on the first feed), nor the
 * compressors, loaded when a feed changed, nor the index page's, loaded when it is rendered.
 */
async function load() {
  const [ingest, archive, render, pool] = await Promise.all([
    import('../ingest/index.js'),
    import('../render/archive.js'),
    import('../render/index.js'),
    import('./pool.js'),
  ]);
  return { ingest, archive, render, pool };
}


/** What the render stage leaves for the next run: the split it made, the main feeds' key and
 *  index.html's (indexPageKey: what the page shows). */
interface RenderNote {
  split: { candidatesKey: string; mainCount: number; overBudget: boolean };
  mainKey: string;
  indexKey: string;
}

function renderNote(v: unknown): RenderNote | null {
  const n = v as Partial<RenderNote> | null | undefined;
  const split = n?.split;
  if (!split || typeof split.candidatesKey !== 'string' || !Number.isInteger(split.mainCount) || typeof split.overBudget !== 'boolean') return null;
  return typeof n.mainKey === 'string' && typeof n.indexKey === 'string' ? (n as RenderNote) : null;
}

/** RenderOptions.only: those archive pages, each file with its key, rendered when asked for. */
function renderPages(archive: typeof import('../render/archive.js'), site: Site, { pages, pageCount }: PagesToRender, o: RenderOptions): Record<string, RenderedFile> {
  const files: Record<string, RenderedFile> = {};
  for (const { number: n, articles } of pages) {
    const key = archive.archivePageKey(site, { pageSize: o.pageSize }, n, pageCount, articles);
    let whole: Promise<Article[]> | null = null;
    const prepared = new archive.PreparedArticles();
    for (const format of archive.FEED_FORMATS) {
      files[archive.archiveFileName(format, n)] = {
        key,
        render: async () => archive.renderPageOf(site, n, pageCount, format, await (whole ??= o.hydrate(articles, { keep: `page-${n}` })), prepared),
      };
    }
  }
  return files;
}

export interface DefaultStagesOptions {
  log?: (line: string) => void;
  /** Called once a run turns out to have work to do (never by a run that finds nothing
   *  changed), when its stages' code has loaded: the command line tunes its own process there. */
  beforeWork?: () => void;
}

export function defaultStages(opts: DefaultStagesOptions = {}): PublishStages {
  let code: Awaited<ReturnType<typeof load>> | null = null;
  const loaded = (): Awaited<ReturnType<typeof load>> => {
    if (!code) throw new Error('publish stages used before prepare()');
    return code;
  };
  // Ingest and validation spread over a worker thread and this one, for runs with enough of
  // either to pay for starting one (the pool decides; it starts nothing until then). Not
  // started ahead: a run that edits a page or two has too little for one (measured: the same
  // time with a worker as without, and more CPU taken from the machine).
  let pool: PublishPool | null = null;
  const workers = (): PublishPool => (pool ??= loaded().pool.createPublishPool());
  return {
    async prepare() {
      if (code) return;
      code = await load();
      opts.beforeWork?.();
    },
    expectIngest: (files) => workers().expectIngest(files),
    ingest: (input, o) => loaded().ingest.ingestArticle(input, o),
    ingestFiles: (files, o, signal) => workers().ingestFiles(files, o, signal),
    encodeAndValidate: (text, o, bytes) => (bytes ? workers().validate(text, o).then((report) => ({ bytes, report })) : workers().encodeAndValidate(text, o)),
    flushValidation: async () => pool?.flush(),
    async release() {
      await pool?.close();
    },
    rendersOnly: true,
    async render(site, articles, o) {
      const { archive, render } = loaded();
      const url = (file: string): string => site.feedBaseUrl + file;
      const { FEED_FILES } = render;
      const links = { rss: url(FEED_FILES.rss), atom: url(FEED_FILES.atom), json: url(FEED_FILES.json) };
      const page = (): Promise<typeof import('../render/page.js')> => import('../render/page.js');
      // index.html shows the newest itemLimit of the main feeds' candidates, by date, and is made
      // only when what it shows changed: a correction further down a story leaves it.
      const indexFile = async (list: Article[]): Promise<{ key: string; render: () => Promise<string> }> => ({
        key: (await page()).indexPageKey(site, list, links),
        render: async () => (await page()).renderIndexPage(site, list, links),
      });
      const settings = { itemLimit: site.itemLimit, pageSize: o.pageSize, maxBytes: o.maxBytes, fallbackUpdated: o.fallbackUpdated, placeOf: o.placeOf };
      if (o.only) {
        const main = o.only.main;
        if (!main) return renderPages(archive, site, o.only, o);
        // The main feeds from their candidates alone, for the split the last run left (every
        // candidate in the main feeds): declined when the last split was another, or when an
        // edit took a main feed over the byte budget.
        const note = renderNote(o.left);
        if (!note || note.split.overBudget || note.split.mainCount !== main.candidates.length) return null;
        let candidates = main.candidates;
        let { pages, pageCount } = o.only;
        if (main.added?.length) {
          // New articles, placed after every other, join the candidates: the block-aligned cut
          // moves with them and the pages stay as they are; or the oldest block of the
          // candidates has left the main feeds and becomes the next page, and the page before it
          // gains its next-archive link. Anything else (more than one block, a block all of
          // whose articles were deleted): declined.
          const joined = render.sortNewestFirst([...main.candidates, ...main.added], o.placeOf);
          const slots = archive.slotsOf(joined, settings, main.total - joined.length);
          const aligned = archive.alignedCount(slots, settings);
          candidates = joined.slice(0, aligned);
          let newPage: Article[] | undefined;
          if (aligned !== joined.length) {
            const block = Math.floor(slots[aligned] / o.pageSize);
            if (block !== pageCount || Math.floor(slots[joined.length - 1] / o.pageSize) !== block || !main.newestPage) return null;
            newPage = joined.slice(aligned);
            const before = pages.find((p) => p.number === pageCount) ?? (pageCount > 0 ? { number: pageCount, articles: main.newestPage() } : null);
            pages = [...pages.filter((p) => p !== before), ...(before ? [before] : []), { number: pageCount + 1, articles: newPage }];
            pageCount++;
          }
          o.index?.({ candidates, mainCount: candidates.length, ...(newPage ? { newPage } : {}) });
        }
        const whole = await o.hydrate(candidates, { keep: 'main' });
        const made = archive.renderMainFeeds(site, whole, settings, { pageCount, total: main.total });
        if (!made.fits) return null;
        const index = await indexFile(whole);
        o.leave?.({ split: { candidatesKey: made.candidatesKey, mainCount: whole.length, overBudget: false }, mainKey: made.mainKey, indexKey: index.key } satisfies RenderNote);
        // (In a full run's order: the main feeds, the pages, index.html.)
        const files: Record<string, RenderedFile> = {};
        for (const format of archive.FEED_FORMATS) {
          const name = archive.mainFileName(format);
          files[name] = made.mainFeeds[format];
          o.textKey?.(name, made.mainKey);
        }
        Object.assign(files, renderPages(archive, site, { pages, pageCount }, o));
        files['index.html'] = index;
        return files;
      }
      // The main feeds and the RFC 5005 archive pages, planned from the articles in brief; whole
      // articles are fetched for the main feeds' candidates and for each page when it is rendered.
      // The same candidates as the last run: the same split, and the same main feeds and page.
      // If those are still published as written, they are neither rendered nor made whole.
      const note = renderNote(o.left);
      const candidatesKey = archive.candidatesKey(site, articles, settings);
      const known = note?.split.candidatesKey === candidatesKey ? note : null;
      const mainNames = archive.FEED_FORMATS.map((f) => archive.mainFileName(f));
      let current = !!known && !!o.isCurrent && (await o.isCurrent('index.html', known.indexKey));
      for (const name of mainNames) current &&= await o.isCurrent!(name, known!.mainKey);

      // (Every run with work asks for these but for that case: the cache keeps them whole, so a
      // run that changes none of them reads none of them. A page's too, when the job finds it
      // worth it.)
      let newest: Promise<Article[]> | null = null;
      const whole = new Map<string, Article>();
      const candidates = (): Promise<Article[]> =>
        (newest ??= o.hydrate(archive.mainCandidates(articles, settings), { keep: 'main' }).then((list) => {
          for (const a of list) whole.set(a.id, a);
          return list;
        }));
      // (The same candidates, whole or not: the same page. Else its key is worked out from them.)
      const index = current ? { key: known!.indexKey, render: async () => (await page()).renderIndexPage(site, await candidates(), links) } : await indexFile(await candidates());
      const full = (a: Article): Article => {
        const w = whole.get(a.id);
        if (!w) throw new Error(`article ${a.id} was not made whole before rendering`);
        return w;
      };
      const plan = archive.planArchive(site, articles, { ...settings, full, knownSplit: known?.split });
      o.leave?.({ split: { candidatesKey: plan.candidatesKey, mainCount: plan.mainCount, overBudget: plan.overBudget }, mainKey: plan.mainKey, indexKey: index.key } satisfies RenderNote);
      o.index?.({ pages: plan.pages.map((p) => p.articles), candidates: archive.mainCandidates(articles, settings), mainCount: plan.mainCount });
      // A page's three formats are rendered one after the other: its articles are fetched once.
      let last: { page: number; articles: Promise<Article[]> } | null = null;
      const pageArticles = (n: number): Promise<Article[]> => {
        if (last?.page !== n) last = { page: n, articles: o.hydrate(plan.pages[n - 1].articles, { keep: `page-${n}` }) };
        return last.articles;
      };
      const files: Record<string, RenderedFile> = {};
      for (const f of archive.archiveFiles(plan)) {
        if (f.page !== 0) files[f.name] = { key: f.key, render: async () => archive.renderArchiveFile(plan, f, await pageArticles(f.page)) };
        else if (current) files[f.name] = { key: f.key, render: async () => (await candidates(), plan.mainFeeds[f.format as FeedFormat]) };
        else {
          files[f.name] = plan.mainFeeds[f.format as FeedFormat];
          o.textKey?.(f.name, f.key);
        }
      }
      files['index.html'] = index;
      return files;
    },
    // Only the files readers poll (main feeds, index.html): Brotli over every archive page would
    // cost more than the rest of a run, and pages are fetched once if ever.
    precompress(name, text, given) {
      if (name.includes('/')) return null;
      const bytes = given ?? utf8Bytes(text);
      return import('../serve/precompress.js').then(async ({ compressedCopies }) => Object.fromEntries((await compressedCopies(bytes)).map(([suffix, copy]) => [name + suffix, copy])));
    },
    async notify(site, urls) {
      if (!site.hubs.length) return;
      // undici alone takes ~90 ms to load: only runs that ping pay for it.
      const { pingHubs } = await import('../websub/ping.js');
      const results = await pingHubs(site.hubs, urls, { log: opts.log });
      const failed = results.filter((r) => !r.ok);
      if (failed.length) throw new Error(failed.map((r) => `${r.hub} (${r.url}): ${r.error ?? 'failed'}`).join('; '));
    },
  };
}
