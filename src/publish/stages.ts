// The real stages of a publish run: our ingest, render and validator, the serve module's
// precompression and the WebSub pings. Tests replace single stages through PublishStages.
import type { FeedFormat } from '../render/archive.js';
import type { PublishStages, RenderedFile } from './job.js';

/** The stages' code, loaded on the first run that has something to do. */
async function load() {
  const [ingest, archive, render, page, compress, validate] = await Promise.all([
    import('../ingest/index.js'),
    import('../render/archive.js'),
    import('../render/index.js'),
    import('../render/page.js'),
    import('../serve/precompress.js'),
    import('../validate/index.js'),
  ]);
  return { ingest, archive, render, page, compress, validate };
}

export function defaultStages(opts: { log?: (line: string) => void } = {}): PublishStages {
  let code: Awaited<ReturnType<typeof load>> | null = null;
  const loaded = (): Awaited<ReturnType<typeof load>> => {
    if (!code) throw new Error('publish stages used before prepare()');
    return code;
  };
  return {
    async prepare() {
      code ??= await load();
    },
    ingest: (input, o) => loaded().ingest.ingestArticle(input, o),
    render(site, articles, o) {
      const { archive, render, page } = loaded();
      // The main feeds and the RFC 5005 archive pages; pages are rendered only when asked for.
      const plan = archive.planArchive(site, articles, { itemLimit: site.itemLimit, pageSize: o.pageSize, maxBytes: o.maxBytes, fallbackUpdated: o.fallbackUpdated });
      const files: Record<string, RenderedFile> = {};
      for (const f of archive.archiveFiles(plan)) {
        files[f.name] = f.page === 0 ? plan.mainFeeds[f.format as FeedFormat] : { key: f.key, render: () => archive.renderArchiveFile(plan, f) };
      }
      const url = (file: string): string => site.feedBaseUrl + file;
      const { FEED_FILES } = render;
      files['index.html'] = page.renderIndexPage(site, articles, { rss: url(FEED_FILES.rss), atom: url(FEED_FILES.atom), json: url(FEED_FILES.json) });
      return files;
    },
    validate: (bytes, o) => loaded().validate.validateFeed(bytes, o),
    // Only the files readers poll (main feeds, index.html): Brotli over every archive page would
    // cost more than the rest of a run, and pages are fetched once if ever.
    precompress: (dir, files) => loaded().compress.precompress(dir, files.filter((f) => !f.includes('/'))),
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
