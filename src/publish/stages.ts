// The real stages of a publish run: our ingest, render and validator, the serve module's
// precompression and the WebSub pings. Tests replace single stages through PublishStages.
import { ingestArticle } from '../ingest/index.js';
import { archiveFiles, planArchive, renderArchiveFile } from '../render/archive.js';
import { FEED_FILES } from '../render/index.js';
import { renderIndexPage } from '../render/page.js';
import { precompress } from '../serve/precompress.js';
import { validateFeed } from '../validate/index.js';
import { pingHubs } from '../websub/ping.js';
import type { PublishStages, RenderedFile } from './job.js';

export function defaultStages(opts: { log?: (line: string) => void } = {}): PublishStages {
  return {
    ingest: ingestArticle,
    render(site, articles, opts) {
      // The main feeds and the RFC 5005 archive pages; pages are rendered only when asked for.
      const plan = planArchive(site, articles, { itemLimit: site.itemLimit, pageSize: opts.pageSize, maxBytes: opts.maxBytes, fallbackUpdated: opts.fallbackUpdated });
      const files: Record<string, RenderedFile> = {};
      for (const f of archiveFiles(plan)) files[f.name] = f.page === 0 ? plan.mainFeeds[f.format] : { key: f.key, render: () => renderArchiveFile(plan, f) };
      const url = (file: string): string => site.feedBaseUrl + file;
      files['index.html'] = renderIndexPage(site, articles, { rss: url(FEED_FILES.rss), atom: url(FEED_FILES.atom), json: url(FEED_FILES.json) });
      return files;
    },
    validate: validateFeed,
    // Only the files readers poll (main feeds, index.html): Brotli at its best setting over every
    // archive page would cost more than the rest of a run, and pages are fetched once if ever.
    precompress: (dir, files) => precompress(dir, files.filter((f) => !f.includes('/'))),
    async notify(site, urls) {
      if (!site.hubs.length) return;
      const results = await pingHubs(site.hubs, urls, { log: opts.log });
      const failed = results.filter((r) => !r.ok);
      if (failed.length) throw new Error(failed.map((r) => `${r.hub} (${r.url}): ${r.error ?? 'failed'}`).join('; '));
    },
  };
}
