// The real stages of a publish run: our ingest, render and validator, the serve module's
// precompression and the WebSub pings. Tests replace single stages through PublishStages.
import { ingestArticle } from '../ingest/index.js';
import { FEED_FILES, renderFeeds } from '../render/index.js';
import { renderIndexPage } from '../render/page.js';
import { precompress } from '../serve/precompress.js';
import { validateFeed } from '../validate/index.js';
import { pingHubs } from '../websub/ping.js';
import type { PublishStages } from './job.js';

export function defaultStages(opts: { log?: (line: string) => void } = {}): PublishStages {
  return {
    ingest: ingestArticle,
    render(site, articles) {
      const feeds = renderFeeds(site, articles);
      const url = (file: string): string => site.feedBaseUrl + file;
      const page = renderIndexPage(site, articles, { rss: url(FEED_FILES.rss), atom: url(FEED_FILES.atom), json: url(FEED_FILES.json) });
      return { ...feeds, 'index.html': page };
    },
    validate: validateFeed,
    precompress,
    async notify(site, urls) {
      if (!site.hubs.length) return;
      const results = await pingHubs(site.hubs, urls, { log: opts.log });
      const failed = results.filter((r) => !r.ok);
      if (failed.length) throw new Error(failed.map((r) => `${r.hub} (${r.url}): ${r.error ?? 'failed'}`).join('; '));
    },
  };
}
