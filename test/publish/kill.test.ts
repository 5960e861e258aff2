// kill -9 at many moments of publish runs over a 1,500-article folder: after each, every file in
// output/ must be complete and valid, and the ledger readable. The kill moments are spread over
// a whole run (measured first), from process start to the last rename.
import assert from 'node:assert/strict';
import { appendFile, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { parseLedger } from '../../src/publish/ledger.js';
import { validateFeed } from '../../src/validate/index.js';
import { writeSyntheticArticles } from '../../bench/synthetic.mjs';
import { finished, runCli, startCli } from '../helpers/cli.js';
import { datedArticle, makeProject, type TempProject } from '../helpers/project.js';

const ARTICLES = 1500;
const RUNS = 50;

/** Every problem with output/ and the ledger as a kill may have left them; empty when all is well. */
async function damage(p: TempProject): Promise<string[]> {
  const problems: string[] = [];
  // Archive pages live in output/archive/: every file, at any depth.
  const names = ((await readdir(p.outputDir, { recursive: true, withFileTypes: true }).catch(() => [])) as import('node:fs').Dirent[])
    .filter((e) => e.isFile())
    .map((e) => path.relative(p.outputDir, path.join(e.parentPath ?? e.path, e.name)));
  for (const name of names) {
    const bytes = await readFile(path.join(p.outputDir, name));
    if (bytes.length === 0) {
      problems.push(`${name}: empty`);
      continue;
    }
    let plain: Buffer = bytes;
    try {
      if (name.endsWith('.gz')) plain = gunzipSync(bytes);
      else if (name.endsWith('.br')) plain = brotliDecompressSync(bytes);
    } catch (err) {
      problems.push(`${name}: torn (${(err as Error).message})`);
      continue;
    }
    const base = name.replace(/\.(gz|br)$/, '');
    if (base === 'index.html') {
      if (!plain.toString().trimEnd().endsWith('</html>')) problems.push(`${name}: cut short`);
    } else if (/\.(xml|json)$/.test(base)) {
      const r = validateFeed(new Uint8Array(plain));
      if (!r.valid) problems.push(`${name}: ${r.errors.map((e) => e.code).join(', ')}`);
    } else {
      problems.push(`${name}: a stray file in output/`);
    }
  }
  const ledger = await readFile(p.ledgerFile).catch(() => null);
  if (ledger) {
    try {
      parseLedger(new Uint8Array(ledger), p.ledgerFile);
    } catch (err) {
      problems.push(`ledger: ${(err as Error).message}`);
    }
  }
  return problems;
}

async function timedRun(p: TempProject): Promise<number> {
  const t0 = performance.now();
  const r = await runCli(['publish', '--config', p.configFile]);
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  return performance.now() - t0;
}

test(`kill -9 at ${RUNS} moments of publishing ${ARTICLES} articles never leaves a torn or invalid file`, { timeout: 600_000 }, async (t) => {
  const p = await makeProject();
  t.after(() => p.cleanup());
  writeSyntheticArticles(p.articlesDir, ARTICLES);
  const files = (await readdir(p.articlesDir)).sort();

  // How long a run takes, cold (every article read) and warm (a few edited), to spread the kills.
  const cold = await timedRun(p);
  await p.writeArticle('live-start.txt', datedArticle(0, new Date().toISOString()));
  const warm = await timedRun(p);
  t.diagnostic(`uninterrupted run: ${Math.round(cold)} ms with every article read, ${Math.round(warm)} ms with one new`);

  let killed = 0;
  let live = 0;
  for (let i = 0; i < RUNS; i++) {
    // Every tenth run forgets the cache, so it reads every article again.
    // A new story dated now goes to the top of the feeds, so every run that lives long
    // enough rewrites and swaps every feed; an older story is edited too.
    await p.writeArticle(`live-${i}.txt`, datedArticle(i + 1, new Date().toISOString()));
    await appendFile(path.join(p.articlesDir, files[(i * 37) % files.length]), `\nUpdate ${i}: officials said more.\n`);
    if (i % 10 === 0) await rm(path.join(p.root, '.wirefeed', 'cache'), { recursive: true, force: true });
    // Kills are spread over a whole cold run: a run after a kill redoes the killed run's work,
    // so spreading them over a warm run only ever hit the time before the swap.
    const delay = (((i * 29) % RUNS) / RUNS) * cold * 1.2;
    const child = startCli(['publish', '--config', p.configFile]);
    const done = finished(child);
    await new Promise((r) => setTimeout(r, delay));
    if (child.exitCode === null) {
      child.kill('SIGKILL');
    }
    const r = await done;
    if (r.signal === 'SIGKILL') killed++;
    assert.deepEqual(await damage(p), [], `after run ${i} (killed at ${Math.round(delay)} ms: ${r.signal ?? `exit ${r.code}`})`);
    // Did this run's new story go live before the kill (the swap happened)?
    const rss = await readFile(path.join(p.outputDir, 'rss.xml'), 'utf8').catch(() => '');
    if (rss.includes(`budget number ${i + 1}<`)) live++;
  }
  t.diagnostic(`${killed} of ${RUNS} runs were killed before they exited; ${live} had swapped their new feeds in by then or finished`);
  // How many kills fall before or after the swap depends on the machine's speed; the property
  // under test is the one checked after every run above. A kill at 0 ms always interrupts.
  assert.ok(killed > 0, 'runs were really interrupted');
  assert.ok(live > 0, 'some runs got as far as the swap before the kill (or finished)');

  // The next run cleans up after the killed ones and publishes everything.
  const last = await runCli(['publish', '--config', p.configFile, '--json']);
  const report = JSON.parse(last.stdout);
  assert.ok(last.code === 0 || last.code === 1, last.stderr);
  assert.equal(report.articles.seen, ARTICLES + RUNS + 1);
  assert.deepEqual(await damage(p), []);
  assert.deepEqual((await readdir(p.root)).filter((n) => n.includes('staging')), [], 'no staging folder left behind');
  assert.ok(!(await readdir(path.join(p.root, '.wirefeed'))).includes('publish.lock'), 'no lock left behind');
});
