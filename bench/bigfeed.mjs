// Child process of bench/run.mjs: writes one RSS or Atom file of about TARGET bytes, the corpus's
// articles rendered as a single feed by wirefeed's own writer (dist/), for timing the validator.
//
//   node bench/bigfeed.mjs rss|atom CORPUS_DIR OUT_FILE TARGET_BYTES
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const [format, dir, out, target] = process.argv.slice(2);
const dist = new URL('../dist/', import.meta.url);
const { ingestArticle } = await import(new URL('ingest/index.js', dist).href);
const { parseConfig } = await import(new URL('publish/config.js', dist).href);
const { renderAtom, renderRss, sortNewestFirst } = await import(new URL('render/index.js', dist).href);

const config = parseConfig(JSON.parse(readFileSync(path.join(dir, '..', 'bench.config.json'), 'utf8')), '');
const site = config.site;
const render = format === 'atom' ? renderAtom : renderRss;
const names = readdirSync(dir).sort();
const articles = [];
const read = (count) => {
  for (const name of names.slice(articles.length, count)) {
    const r = ingestArticle({ path: name, bytes: readFileSync(path.join(dir, name)) }, { site, firstSeen: '2024-06-01T00:00:00Z', maxBytes: config.maxArticleBytes });
    if (r.ok) articles.push(r.article);
  }
};
const page = () => ({ site, articles: sortNewestFirst(articles), selfUrl: `${site.feedBaseUrl}big-${format}.xml` });
// Size per item from the first thousand, then enough items to pass the target.
read(1000);
const perItem = Buffer.byteLength(render(page())) / articles.length;
read(Math.min(names.length, Math.ceil(Number(target) / perItem) + 20));
const text = render(page());
writeFileSync(out, text);
process.stdout.write(`${articles.length} items\n`);
