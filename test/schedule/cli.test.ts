import assert from 'node:assert/strict';
import { access, readdir } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { writeSyntheticArticles } from '../../bench/synthetic.mjs';
import { finished, lines, runCli, startCli, waitFor } from '../helpers/cli.js';
import { feedErrors } from '../helpers/feeds.js';
import { datedArticle, makeProject } from '../helpers/project.js';

const events = (out: string[], kind: string) =>
  out.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l)).filter((e) => e.event === kind);

test('wirefeed schedule: a bad --cron is refused at start, naming it; exit 2', { timeout: 60_000 }, async (t) => {
  const p = await makeProject();
  t.after(() => p.cleanup());
  const r = await runCli(['schedule', '--config', p.configFile, '--cron', '61 * * * *']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /cron expression "61 \* \* \* \*" is not valid/);
  assert.match(r.stderr, /--cron/);
  const tz = await runCli(['schedule', '--config', p.configFile, '--tz', 'Nowhere/Land']);
  assert.equal(tz.code, 2);
  assert.match(tz.stderr, /time zone "Nowhere\/Land"/);
});

test('wirefeed schedule every second: publishes, then "unchanged"; SIGTERM stops it with exit 0', { timeout: 60_000 }, async (t) => {
  const p = await makeProject({ articles: { 'a.txt': datedArticle(1, '2024-02-01T09:00:00Z') } });
  t.after(() => p.cleanup());
  const child = startCli(['schedule', '--config', p.configFile, '--cron', '*/1 * * * * *', '--log-format', 'json']);
  const out = lines(child);
  const done = finished(child);
  await waitFor(() => events(out, 'run').length >= 2);
  child.kill('SIGTERM');
  const r = await done;
  assert.equal(r.code, 0, r.stderr);
  const [scheduled] = events(out, 'scheduled');
  assert.ok(Date.parse(scheduled.nextRun) > 0, 'the next run time is printed at start');
  const runs = events(out, 'run');
  assert.equal(runs[0].outcome, 'published');
  assert.equal(runs[1].outcome, 'unchanged');
  for (const run of runs) {
    for (const key of ['startedAt', 'articles', 'files', 'durationMs', 'nextRun']) assert.ok(key in run, `the run line has ${key}`);
  }
  assert.equal(events(out, 'stopped')[0].exitCode, 0);
});

test('wirefeed schedule, human log: one readable line per run', { timeout: 60_000 }, async (t) => {
  const p = await makeProject({ articles: { 'a.txt': datedArticle(1, '2024-02-01T09:00:00Z') } });
  t.after(() => p.cleanup());
  const child = startCli(['schedule', '--config', p.configFile, '--cron', '*/1 * * * * *']);
  const out = lines(child);
  const done = finished(child);
  await waitFor(() => out.some((l) => / unchanged; /.test(l)));
  child.kill('SIGINT');
  assert.equal((await done).code, 0);
  assert.match(out[0], /scheduled "\*\/1 \* \* \* \* \*" \(UTC\); next run \d{4}-/);
  const published = out.find((l) => / published; /.test(l))!;
  assert.match(published, /1 seen, 1 changed, 0 removed, 0 rejected, 0 embargoed; wrote .*rss\.xml.*; \d+ ms; next run \d{4}-/);
  assert.match(out.find((l) => / unchanged; /.test(l))!, /files unchanged; \d+ ms; next run/);
});

test('wirefeed schedule: SIGTERM in the middle of a run lets it finish; output/ complete and valid', { timeout: 120_000 }, async (t) => {
  const p = await makeProject();
  t.after(() => p.cleanup());
  writeSyntheticArticles(p.articlesDir, 1500);
  const child = startCli(['schedule', '--config', p.configFile, '--cron', '0 0 1 1 *', '--run-now', '--log-format', 'json']);
  const out = lines(child);
  const done = finished(child);
  // The run is in flight while it holds the publish lock.
  const lock = path.join(p.root, '.wirefeed', 'publish.lock');
  await waitFor(() => access(lock).then(() => true, () => false), 5);
  child.kill('SIGTERM');
  const r = await done;
  assert.equal(r.code, 0, r.stderr);
  assert.equal(events(out, 'stopping')[0].inFlight, true, 'the signal came during the run');
  const [run] = events(out, 'run');
  assert.equal(run.outcome, 'published', 'the run in flight finished');
  assert.equal(run.articles.seen, 1500);
  assert.deepEqual(feedErrors(await p.outputs()), { 'rss.xml': [], 'atom.xml': [], 'feed.json': [] });
  assert.ok(!(await readdir(p.root)).some((n) => n.includes('staging')));
});

test('wirefeed schedule --serve: serves what each run publishes', { timeout: 60_000 }, async (t) => {
  const p = await makeProject({ articles: { 'a.txt': datedArticle(1, '2024-02-01T09:00:00Z') } });
  t.after(() => p.cleanup());
  const child = startCli(['schedule', '--config', p.configFile, '--cron', '0 0 1 1 *', '--run-now', '--serve', '--port', '0', '--log-format', 'json']);
  const out = lines(child);
  const done = finished(child);
  await waitFor(() => events(out, 'run').length >= 1);
  const [serving] = events(out, 'serving');
  const { request } = await import('undici');
  const res = await request(new URL('rss.xml', serving.url));
  assert.equal(res.statusCode, 200);
  assert.equal(await res.body.text(), (await p.outputs())['rss.xml'].toString());
  child.kill('SIGTERM');
  assert.equal((await done).code, 0);
});
