// Makes dist/wirefeed.bundle.cache, V8's code cache for the bundle (see src/launch.cts): loads
// the bundle as the launcher does, runs the command line in this process as users run it, then
// saves the bytecode of every function those runs compiled. The runs: a cold publish of a small
// synthetic corpus, an edit to an archived story, a correction to the newest one, an unchanged
// run, validation of each format, and normalize (of an article with front matter too). (Run by
// bundle.mjs in a process of its own; its output is not shown.)
import { mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { syntheticArticle, writeSyntheticArticles } from '../bench/synthetic.mjs';

const require = createRequire(import.meta.url);
const { loadBundle } = require('../dist/launch.cjs');

/** A corpus with some 2 pages of archive behind the main feeds, small enough to take ~1–2 s. */
const ARTICLES = 300;

// The publishing commands tune V8 once a run has work (src/cli/v8-settings.ts); V8 takes a cache
// only under the flags it was made with, and the launcher loads it under V8's defaults.
process.env.WIREFEED_V8_DEFAULTS = '1';

const bundle = loadBundle({ useCodeCache: false });
if (!bundle) throw new Error('dist/wirefeed.bundle.cjs is missing');

const tmp = mkdtempSync(path.join(os.tmpdir(), 'wirefeed-code-cache-'));
try {
  const articles = path.join(tmp, 'articles');
  writeSyntheticArticles(articles, ARTICLES);
  const config = path.join(tmp, 'wirefeed.config.json');
  const site = { title: 'Code Cache Wire', url: 'https://cache.example.org/', description: 'x', language: 'en', timezone: 'UTC', author: { name: 'Desk', email: 'desk@cache.example.org' } };
  writeFileSync(config, JSON.stringify({ site, feed: { itemLimit: 50, archivePageSize: 100 } }));
  const output = path.join(tmp, 'output');
  const publish = () => run(['publish', '--config', config, '--articles', articles, '--output', output]);
  const names = readdirSync(articles).sort();
  const edit = (i, run) => {
    const file = path.join(articles, names[i]);
    writeFileSync(file + '.tmp', syntheticArticle(i) + `\n\nCorrection ${run}: an earlier version of this story misstated the vote.\n`);
    renameSync(file + '.tmp', file);
  };

  await publish(); // cold
  edit(Math.floor(ARTICLES / 2), 1);
  await publish(); // an archived story edited: its page alone
  const newest = JSON.parse(readFileSync(path.join(output, 'feed.json'), 'utf8')).items[0].id;
  const ledger = JSON.parse(readFileSync(path.join(tmp, '.wirefeed', 'ledger.json'), 'utf8'));
  edit(names.indexOf(path.basename(ledger.articles.find((e) => e.id === newest).path)), 2);
  await publish(); // the newest story corrected: the main feeds
  await publish(); // unchanged
  for (const file of ['rss.xml', 'atom.xml', 'feed.json']) await run(['validate', path.join(output, file)]);
  await run(['normalize', path.join(articles, names[0])]);
  // An article with front matter (the YAML parser the bundle carries), beside the corpus.
  const dated = path.join(tmp, 'dated.md');
  writeFileSync(dated, `---\ndate: 2024-03-01T10:00:00+01:00\nauthors:\n  - name: Ann Lee\ntags: [harbour, local]\n---\n${syntheticArticle(1)}`);
  await run(['normalize', dated]);
  bundle.saveCodeCache();
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

async function run(argv) {
  const code = await bundle.main(argv);
  if (code !== 0) throw new Error(`wirefeed ${argv.join(' ')}: exit ${code}`);
}
