// wirefeed as a library: what `import … from 'wirefeed'` gives a user, and that it works.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as wirefeed from '../src/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  main: string;
  types: string;
  exports: Record<string, string | { types: string; import: string }>;
};

/** The source file the build compiles to a given dist/ file (tsconfig: rootDir src, outDir dist). */
function sourceOf(distFile: string): string {
  return path.join(ROOT, distFile.replace(/^\.?\/?dist\//, 'src/').replace(/\.d\.ts$|\.js$/, '.ts'));
}

test("the package's entry points are the library's built files", () => {
  const entry = pkg.exports['.'];
  assert.ok(typeof entry === 'object', 'exports["."] names the import and types files');
  for (const file of [entry.import, entry.types, pkg.main, pkg.types]) {
    assert.ok(existsSync(sourceOf(file)), `${file} is built from ${path.relative(ROOT, sourceOf(file))}, which must exist`);
  }
  assert.equal(path.normalize(entry.import), path.normalize(pkg.main));
  assert.equal(path.normalize(entry.types), path.normalize(pkg.types));
});

test('a round trip through the library: config, an article, the three feeds, each valid', () => {
  const config = wirefeed.parseConfig({ site: { title: 'Example News', url: 'https://news.example.com/' } }, 'inline config');
  const text = 'Harbour council approves budget\n\nOSLO (Reuters) — The harbour council approved the budget on Tuesday.\n\nOfficials said the vote followed months of talks.\n';
  const r = wirefeed.ingestArticle({ path: 'articles/budget.txt', bytes: Buffer.from(text) }, { site: config.site, firstSeen: '2024-04-02T08:00:00Z', maxBytes: 1 << 20 });
  assert.ok(r.ok, 'the article is read');
  if (!r.ok) return;
  assert.equal(r.article.headline, 'Harbour council approves budget');
  assert.equal(r.article.dateline?.place, 'OSLO');
  const feeds = wirefeed.renderFeeds(config.site, [r.article]);
  assert.deepEqual(Object.keys(feeds).sort(), Object.values(wirefeed.FEED_FILES).sort());
  for (const [name, feed] of Object.entries(feeds)) {
    const report = wirefeed.validateFeedText(feed);
    assert.deepEqual(report.errors, [], name);
    assert.equal(report.valid, true, name);
    assert.ok(feed.includes('Harbour council approves budget'), `${name} holds the headline`);
  }
  // A bad article comes back as a Diagnostic naming the file, not as an exception.
  const bad = wirefeed.ingestArticle({ path: 'articles/empty.txt', bytes: Buffer.from('  \n') }, { site: config.site, firstSeen: '2024-04-02T08:00:00Z', maxBytes: 1 << 20 });
  assert.ok(!bad.ok && bad.error.file === 'articles/empty.txt' && bad.error.code in wirefeed.IngestErrors);
});

test('the built package, imported by its name, offers what the sources do', async (t) => {
  const built = path.join(ROOT, 'dist', 'index.js');
  if (!existsSync(built) || statSync(built).mtimeMs < statSync(path.join(ROOT, 'src', 'index.ts')).mtimeMs) {
    t.skip('dist/index.js is missing or older than src/index.ts: run `npm run build` (npm ci does)');
    return;
  }
  // A package may import itself by its name through its own "exports".
  const lib = (await import(pkg.name)) as Record<string, unknown>;
  assert.deepEqual(Object.keys(lib).sort(), Object.keys(wirefeed).sort());
  const report = (lib.validateFeedText as typeof wirefeed.validateFeedText)('<rss version="2.0"><channel><title>t</title></channel></rss>');
  assert.equal(report.format, 'rss');
});
