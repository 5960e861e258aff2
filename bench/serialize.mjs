// Child process of bench/run.mjs: reads the first N articles of a corpus folder through wirefeed's
// own ingest (not timed), then times serializing the same items into RSS, Atom and JSON Feed —
// with npm `feed` 6 (the reference), or with wirefeed's renderers (the main feeds and every
// archive page). Prints one JSON line: {"ms": [per run], "bytes": output size}.
//
//   node bench/serialize.mjs feed6|wirefeed CORPUS_DIR N RUNS
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const [which, dir, n, runs] = process.argv.slice(2);
const dist = new URL('../dist/', import.meta.url);
const { ingestArticle } = await import(new URL('ingest/index.js', dist).href);
const { parseConfig } = await import(new URL('publish/config.js', dist).href);
const { articleHtml, sortNewestFirst } = await import(new URL('render/index.js', dist).href);
const { planArchive, archiveFiles, renderArchiveFile } = await import(new URL('render/archive.js', dist).href);

const config = parseConfig(JSON.parse(readFileSync(path.join(dir, '..', 'bench.config.json'), 'utf8')), '');
const site = config.site;
const names = readdirSync(dir).sort().slice(0, Number(n));
const articles = [];
for (const name of names) {
  const r = ingestArticle(
    { path: name, bytes: readFileSync(path.join(dir, name)) },
    { site, firstSeen: '2024-06-01T00:00:00Z', maxBytes: config.maxArticleBytes },
  );
  if (r.ok) articles.push(r.article);
}
const newest = sortNewestFirst(articles);

async function feed6() {
  const { Feed } = await import('feed');
  // The body HTML is ours (feed takes HTML as given); computing it is not part of serializing.
  const html = newest.map((a) => articleHtml(a));
  return () => {
    const f = new Feed({
      title: site.title,
      id: site.url,
      link: site.url,
      description: site.description,
      language: site.language,
      copyright: site.copyright ?? '',
      updated: new Date(newest[0].updated),
      feedLinks: { rss: site.feedBaseUrl + 'rss.xml', atom: site.feedBaseUrl + 'atom.xml', json: site.feedBaseUrl + 'feed.json' },
    });
    newest.forEach((a, i) =>
      f.addItem({
        title: a.headline,
        id: a.id,
        link: a.url,
        date: new Date(a.published),
        description: a.summary ?? undefined,
        content: html[i],
        // feed 6's JSON writer throws on an empty author list.
        author: a.byline.length ? a.byline.map((p) => ({ name: p.name })) : undefined,
        category: a.tags.map((t) => ({ name: t })),
      }),
    );
    return f.rss2().length + f.atom1().length + f.json1().length;
  };
}

function wirefeed() {
  return () => {
    const plan = planArchive(site, newest, { itemLimit: site.itemLimit, pageSize: config.archivePageSize, maxBytes: config.maxFeedBytes });
    let size = 0;
    for (const f of archiveFiles(plan)) size += renderArchiveFile(plan, f).length;
    return size;
  };
}

const run = which === 'feed6' ? await feed6() : wirefeed();
const ms = [];
let bytes = 0;
for (let i = 0; i < Number(runs); i++) {
  globalThis.gc?.();
  const t0 = performance.now();
  bytes = run();
  ms.push(performance.now() - t0);
}
process.stdout.write(JSON.stringify({ ms, bytes, items: newest.length }) + '\n');
