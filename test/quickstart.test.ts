// README's quick start on a fresh clone: `npm start` publishes the sample articles in articles/
// with the ledger the repository carries in .wirefeed/ (so their first-seen times, and the feeds,
// are the same on every machine), and leaves that ledger as it was committed: a fresh clone stays
// clean after its first publish.
import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { defaultStages, loadConfig, runPublish } from '../src/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

test("publishing the repository's own articles leaves its committed ledger byte for byte", async () => {
  const clone = await mkdtemp(path.join(os.tmpdir(), 'wirefeed-quickstart-'));
  try {
    await cp(path.join(ROOT, 'articles'), path.join(clone, 'articles'), { recursive: true });
    await cp(path.join(ROOT, 'wirefeed.config.json'), path.join(clone, 'wirefeed.config.json'));
    await mkdir(path.join(clone, '.wirefeed'));
    const committed = await readFile(path.join(ROOT, '.wirefeed', 'ledger.json'));
    await cp(path.join(ROOT, '.wirefeed', 'ledger.json'), path.join(clone, '.wirefeed', 'ledger.json'));

    const config = await loadConfig(path.join(clone, 'wirefeed.config.json'));
    const report = await runPublish({
      config,
      articlesDir: path.join(clone, 'articles'),
      outputDir: path.join(clone, 'output'),
      now: () => new Date(),
      stages: defaultStages(),
    });

    assert.equal(report.outcome, 'published', report.problems.join('\n'));
    assert.deepEqual(report.rejected, []);
    assert.equal(report.articles.seen, (await readdir(path.join(ROOT, 'articles'))).length);
    assert.equal(
      (await readFile(path.join(clone, '.wirefeed', 'ledger.json'))).toString(),
      committed.toString(),
      'the run rewrote .wirefeed/ledger.json: commit the ledger a fresh publish writes',
    );
  } finally {
    await rm(clone, { recursive: true, force: true });
  }
});
