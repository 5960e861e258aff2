import assert from 'node:assert/strict';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { feedErrors } from '../helpers/feeds.js';
import { datedArticle, makeProject, TEST_SITE } from '../helpers/project.js';

test('wirefeed publish: summary, exit 0, then "unchanged"; --json gives the report', { timeout: 60_000 }, async (t) => {
  const p = await makeProject({ articles: { 'a.txt': datedArticle(1, '2024-02-01T09:00:00Z'), 'b.txt': datedArticle(2, '2024-02-02T09:00:00Z') } });
  t.after(() => p.cleanup());
  const first = await runCli(['publish', '--config', p.configFile]);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /^published — 2 articles seen, 2 changed, 0 removed, 0 rejected, 0 embargoed$/m);
  assert.match(first.stdout, /wrote .*rss\.xml/);
  assert.deepEqual(feedErrors(await p.outputs()), { 'rss.xml': [], 'atom.xml': [], 'feed.json': [] });

  const second = await runCli(['publish', '--config', p.configFile]);
  assert.equal(second.code, 0);
  assert.match(second.stdout, /^unchanged — 2 articles seen/m);
  assert.match(second.stdout, /files unchanged/);

  const json = await runCli(['publish', '--config', p.configFile, '--json']);
  const report = JSON.parse(json.stdout);
  assert.equal(report.outcome, 'unchanged');
  assert.equal(report.exitCode, 0);
  assert.equal(report.articles.seen, 2);
  // Files outside the working folder are named in full (inside it, relative: see --output below).
  assert.deepEqual([...report.files.unchanged].sort(), ['atom.xml', 'feed.json', 'index.html', 'rss.xml'].map((n) => path.join(p.outputDir, n)));
});

test('wirefeed publish: a rejected article is named with file:line and reason, exit 1', { timeout: 60_000 }, async (t) => {
  const p = await makeProject({ articles: { 'a.txt': datedArticle(1, '2024-02-01T09:00:00Z'), 'blank.txt': '\n \n' } });
  t.after(() => p.cleanup());
  const r = await runCli(['publish', '--config', p.configFile]);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, /^ {2}rejected articles\/blank\.txt:1: .+/m);
  assert.match(r.stdout, /1 rejected/);
});

test('wirefeed publish: a bad config or a missing articles folder is exit 2 with the reason', { timeout: 60_000 }, async (t) => {
  const p = await makeProject();
  t.after(() => p.cleanup());
  await writeFile(p.configFile, JSON.stringify({ site: { ...TEST_SITE, url: 'not a url' } }));
  const bad = await runCli(['publish', '--config', p.configFile]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /site\.url: not an absolute URL/);

  await writeFile(p.configFile, JSON.stringify({ site: TEST_SITE }));
  await rm(p.articlesDir, { recursive: true });
  const missing = await runCli(['publish', '--config', p.configFile]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /articles folder not found/);
  assert.match(missing.stderr, /nothing published/);
});

test('wirefeed publish: --articles and --output are taken relative to the working folder', { timeout: 60_000 }, async (t) => {
  const p = await makeProject({ articles: { 'a.txt': datedArticle(1, '2024-02-01T09:00:00Z') } });
  t.after(() => p.cleanup());
  const r = await runCli(['publish', '--config', 'wirefeed.config.json', '--articles', 'articles', '--output', 'public'], { cwd: p.root });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /wrote public\/rss\.xml, public\/atom\.xml/);
});

test('wirefeed publish: an unknown flag is exit 2 with the help', { timeout: 60_000 }, async () => {
  const r = await runCli(['publish', '--frobnicate']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /frobnicate/);
  assert.match(r.stderr, /Usage: wirefeed publish/);
});
