import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ingestArticle } from '../../src/ingest/index.js';
import { sha256Hex } from '../../src/publish/hash.js';
import { createPublishPool, type IngestInput, type PublishPoolOptions } from '../../src/publish/pool.js';
import { validateFeed } from '../../src/validate/index.js';
import { FIRST_SEEN, SITE } from '../ingest/helpers.js';
import { atom, rss } from '../validate/helpers.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ARTICLES = path.join(ROOT, 'test/fixtures/articles');
const MAX_BYTES = 5 * 1024 * 1024;
const OPTS = { site: SITE, maxBytes: MAX_BYTES };

/** Every article fixture (good and bad), `times` over: enough files for the workers to take a share. */
function fixtureList(times: number): IngestInput[] {
  const files = readdirSync(ARTICLES, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath ?? e.path, e.name))
    .sort();
  const out: IngestInput[] = [];
  for (let k = 0; k < times; k++) {
    for (const abs of files) {
      // Different first-seen times and names per copy: each result is its own.
      const day = String(1 + (k % 28)).padStart(2, '0');
      out.push({ rel: `copy${k}/${path.relative(ARTICLES, abs)}`, abs, firstSeen: `2024-04-${day}T08:00:00Z` });
    }
  }
  return out;
}

/** What the calling thread alone gives for each file. */
function inline(files: IngestInput[]) {
  return files.map((f) => {
    const bytes = readFileSync(f.abs);
    return { rel: f.rel, ok: true, sha256: sha256Hex(bytes), size: bytes.length, result: ingestArticle({ path: f.rel, bytes }, { site: SITE, firstSeen: f.firstSeen, maxBytes: MAX_BYTES }) };
  });
}

/** A pool that uses its worker for any amount of work, with the worker already started. */
async function forcedPool(t: { after(fn: () => Promise<void>): void }, extra: PublishPoolOptions = {}) {
  const pool = createPublishPool({ workers: 1, minFilesForWorkers: 0, minBytesForWorkers: 0, ...extra });
  t.after(() => pool.close());
  await pool.warm();
  return pool;
}

test('ingestFiles gives what ingest gives on the calling thread, in input order, with the worker taking a share', async (t) => {
  const files = fixtureList(60);
  const pool = await forcedPool(t);
  const got = await pool.ingestFiles(files, OPTS);
  assert.deepEqual(got, inline(files));
  const s = pool.stats();
  assert.ok(s.filesInWorkers > 0, 'the worker ingested some files');
  assert.ok(s.filesHere > 0, 'the calling thread ingested some files');
  assert.equal(s.filesHere + s.filesInWorkers, files.length);
  // Bad articles come back as ingest's rejections, not as read errors.
  assert.ok(got.some((r) => r.ok && !r.result.ok));
});

test('a small list stays on the calling thread: no worker is started', async (t) => {
  const pool = createPublishPool({ workers: 1 });
  t.after(() => pool.close());
  const files = fixtureList(1);
  assert.deepEqual(await pool.ingestFiles(files, OPTS), inline(files));
  assert.equal(pool.stats().workersStarted, 0);
  assert.equal(pool.stats().filesInWorkers, 0);
});

test('an ingest announced as large starts the worker at once, and the call then shares the work with it; one announced as small starts none', async (t) => {
  const small = createPublishPool({ workers: 1, minFilesForWorkers: 500 });
  t.after(() => small.close());
  small.expectIngest(499);
  assert.equal(small.stats().workersStarted, 0);

  const pool = createPublishPool({ workers: 1, minFilesForWorkers: 500 });
  t.after(() => pool.close());
  pool.expectIngest(500);
  assert.equal(pool.stats().workersStarted, 1, 'started before any call');
  await pool.warm(['ingest']); // (the same worker, its ingest code loaded)
  const files = fixtureList(60);
  const got = await pool.ingestFiles(files, OPTS);
  assert.deepEqual(got, inline(files));
  assert.equal(pool.stats().workersStarted, 1, 'no second worker');
  assert.ok(pool.stats().filesInWorkers > 0, 'the worker started ahead ingested some files');
  // After a large ingest the worker loads the validator: let it, before the pool is closed.
  await pool.warm(['validate']);
});

test('WIREFEED_WORKERS=0 keeps all the work on the calling thread', async (t) => {
  const before = process.env.WIREFEED_WORKERS;
  process.env.WIREFEED_WORKERS = '0';
  t.after(() => (before === undefined ? delete process.env.WIREFEED_WORKERS : (process.env.WIREFEED_WORKERS = before)));
  const pool = createPublishPool({ minFilesForWorkers: 0, minBytesForWorkers: 0 });
  t.after(() => pool.close());
  const files = fixtureList(10);
  assert.deepEqual(await pool.ingestFiles(files, OPTS), inline(files));
  await pool.warm();
  assert.equal(pool.stats().workersStarted, 0);
});

test('a file that cannot be read comes back as that file’s read error, whichever thread read it', async (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wirefeed-pool-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const good = fixtureList(30);
  const missing = { rel: 'gone.txt', abs: path.join(dir, 'gone.txt'), firstSeen: FIRST_SEEN };
  const folder = { rel: 'folder.txt', abs: dir, firstSeen: FIRST_SEEN };
  // Bad ones at both ends: the first chunk is the calling thread's, the last is anyone's.
  const files = [missing, ...good, folder, missing];
  for (const pool of [createPublishPool({ workers: 0 }), await forcedPool(t)]) {
    const got = await pool.ingestFiles(files, OPTS);
    assert.equal(got.length, files.length);
    assert.deepEqual(got[0], { rel: 'gone.txt', ok: false, readError: 'not found (ENOENT)' });
    assert.deepEqual(got.at(-1), got[0]);
    assert.deepEqual(got.at(-2), { rel: 'folder.txt', ok: false, readError: 'is a folder (EISDIR)' });
    assert.deepEqual(got.slice(1, -2), inline(good));
  }
});

for (const how of ['throw', 'crash', 'exit', 'hang'] as const) {
  test(`a worker that fails (${how}) mid-list loses nothing: its share is done on the calling thread`, async (t) => {
    const files = fixtureList(40);
    const pool = await forcedPool(t, { fault: { during: 'ingest', how, afterFiles: 30 }, stallMs: 300 });
    const got = await pool.ingestFiles(files, OPTS);
    assert.deepEqual(got, inline(files));
    const s = pool.stats();
    assert.ok(s.workerFailures >= 1, 'the failure was seen');
    assert.ok(s.filesRedone > 0, 'what the worker held was redone');
    assert.equal(s.filesHere + s.filesInWorkers, files.length);
  });
}

test('after a worker died, the next call starts a new one', async (t) => {
  const files = fixtureList(40);
  const pool = await forcedPool(t, { fault: { during: 'ingest', how: 'exit', afterFiles: 0 } });
  assert.deepEqual(await pool.ingestFiles(files, OPTS), inline(files));
  await pool.ingestFiles(files.slice(0, 100), OPTS);
  assert.equal(pool.stats().workersStarted, 2);
});

test('an aborted signal stops the work: the call rejects with the abort', async (t) => {
  const pool = await forcedPool(t);
  const files = fixtureList(100);
  const already = new AbortController();
  already.abort();
  await assert.rejects(pool.ingestFiles(files, OPTS, already.signal), { name: 'AbortError' });

  const midway = new AbortController();
  const call = pool.ingestFiles(files, OPTS, midway.signal);
  setImmediate(() => midway.abort());
  await assert.rejects(call, { name: 'AbortError' });
  assert.ok(pool.stats().filesHere < files.length, 'stopped before the end');
  // The pool still works afterwards.
  const some = files.slice(0, 50);
  assert.deepEqual(await pool.ingestFiles(some, OPTS), inline(some));
});

/** Feeds with and without errors, XML and JSON. */
function sampleFeeds(): Array<{ name: string; bytes: Uint8Array; contentType: string }> {
  const big = rss(Array.from({ length: 400 }, (_, i) => `<item><title>Story ${i} — “quoted”</title><link>https://example.com/${i}</link><guid>https://example.com/${i}</guid><pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate></item>`).join('\n'));
  const feeds = [
    { name: 'big.xml', text: big, contentType: 'application/xml' },
    { name: 'bad-date.xml', text: rss('<item><title>x</title><pubDate>2017-11-11</pubDate></item>'), contentType: 'application/xml' },
    { name: 'atom.xml', text: atom('<entry><title>x</title><id>tag:example.com,2024:1</id><updated>2024-03-05T10:00:00Z</updated></entry>'), contentType: 'application/xml' },
    { name: 'broken.xml', text: '<rss version="2.0"><channel><title>x</channel>', contentType: 'application/xml' },
  ].map((f) => ({ name: f.name, bytes: new TextEncoder().encode(f.text), contentType: f.contentType }));
  const jsonDir = path.join(ROOT, 'test/fixtures/jsonfeed');
  for (const name of readdirSync(jsonDir).sort().slice(0, 12)) feeds.push({ name, bytes: readFileSync(path.join(jsonDir, name)), contentType: 'application/feed+json' });
  return feeds;
}

test('validate() gives validateFeed()’s report, for bytes and for text, spread over the worker and the calling thread', async (t) => {
  const pool = await forcedPool(t);
  const feeds = sampleFeeds();
  const expected = feeds.map((f) => validateFeed(f.bytes, { contentType: f.contentType }));
  assert.ok(expected.some((r) => !r.valid) && expected.some((r) => r.valid), 'the samples hold valid and invalid feeds');
  // Asked for all at once, the worker takes them one after the other.
  const fromBytes = await Promise.all(feeds.map((f) => pool.validate(f.bytes, { contentType: f.contentType })));
  assert.deepEqual(fromBytes, expected);
  assert.equal(pool.stats().validationsInWorkers, feeds.length);
  // After asking, the calling thread takes what the worker has not.
  const asked = feeds.map((f) => pool.validate(Buffer.from(f.bytes).toString('utf8'), { contentType: f.contentType }));
  await pool.flush();
  assert.deepEqual(await Promise.all(asked), expected);
  const s = pool.stats();
  assert.ok(s.validationsHere > 0, 'the calling thread validated some');
  assert.equal(s.validationsHere + s.validationsInWorkers, feeds.length * 2);
  // The caller's bytes are copied to the worker, not taken from it.
  assert.ok(feeds.every((f) => f.bytes.byteLength > 0));
});

test('when feeds queue up faster than the worker validates them, the calling thread takes some', async (t) => {
  const pool = await forcedPool(t, { maxQueuedBytes: 1 });
  const feeds = sampleFeeds();
  const got = await Promise.all(feeds.map((f) => pool.validate(f.bytes, { contentType: f.contentType })));
  assert.deepEqual(got, feeds.map((f) => validateFeed(f.bytes, { contentType: f.contentType })));
  const s = pool.stats();
  assert.ok(s.validationsHere > 0 && s.validationsInWorkers > 0, JSON.stringify(s));
});

test('encodeAndValidate() gives the text’s UTF-8 bytes and their report', async (t) => {
  const pool = await forcedPool(t);
  for (const f of sampleFeeds()) {
    const text = Buffer.from(f.bytes).toString('utf8');
    const got = await pool.encodeAndValidate(text, { contentType: f.contentType });
    assert.deepEqual(Buffer.from(got.bytes), Buffer.from(text, 'utf8'));
    assert.deepEqual(got.report, validateFeed(f.bytes, { contentType: f.contentType }));
  }
});

for (const how of ['throw', 'crash', 'hang'] as const) {
  test(`a worker that fails (${how}) while validating: the feed is validated on the calling thread`, async (t) => {
    const pool = await forcedPool(t, { fault: { during: 'validate', how }, stallMs: 300 });
    const feeds = sampleFeeds();
    const got = await Promise.all(feeds.map((f) => pool.validate(f.bytes, { contentType: f.contentType })));
    assert.deepEqual(got, feeds.map((f) => validateFeed(f.bytes, { contentType: f.contentType })));
    assert.ok(pool.stats().workerFailures >= 1);
  });
}

for (const how of ['throw', 'exit', 'hang'] as const) {
  test(`a worker that cannot load the validator (${how}): feeds waiting for it are validated here`, async (t) => {
    const pool = createPublishPool({ workers: 1, minFilesForWorkers: 0, minBytesForWorkers: 0, fault: { during: 'load', how }, loadMs: 1500 });
    t.after(() => pool.close());
    const feeds = sampleFeeds();
    const got = await Promise.all(feeds.map((f) => pool.validate(f.bytes, { contentType: f.contentType })));
    assert.deepEqual(got, feeds.map((f) => validateFeed(f.bytes, { contentType: f.contentType })));
    const s = pool.stats();
    assert.equal(s.validationsHere, feeds.length);
    assert.ok(s.workerFailures >= 1);
  });
}

test('closing the pool while the worker holds feeds: they are validated here, nothing is lost', async (t) => {
  const pool = await forcedPool(t);
  const feeds = sampleFeeds();
  const asked = feeds.map((f) => pool.validate(f.bytes, { contentType: f.contentType }));
  await pool.close();
  assert.deepEqual(await Promise.all(asked), feeds.map((f) => validateFeed(f.bytes, { contentType: f.contentType })));
  assert.equal(pool.stats().workersStarted, 1, 'no worker started while closing');
});

test('after a large ingest the worker loads the validator, and feeds go to it from the first', async (t) => {
  const pool = createPublishPool({ workers: 1, minFilesForWorkers: 0 });
  t.after(() => pool.close());
  await pool.ingestFiles(fixtureList(20), OPTS);
  const big = sampleFeeds()[0];
  assert.ok(big.bytes.length > 16 * 1024);
  assert.deepEqual(await pool.validate(big.bytes, { contentType: big.contentType }), validateFeed(big.bytes, { contentType: big.contentType }));
  assert.equal(pool.stats().validationsInWorkers, 1);
});

test('a run that validates a few feeds starts no worker', async (t) => {
  const pool = createPublishPool({ workers: 1 });
  t.after(() => pool.close());
  const feeds = sampleFeeds();
  const got = await Promise.all(feeds.map((f) => pool.validate(f.bytes, { contentType: f.contentType })));
  assert.deepEqual(got, feeds.map((f) => validateFeed(f.bytes, { contentType: f.contentType })));
  assert.equal(pool.stats().workersStarted, 0);
});

test('the workers never keep the process alive, even when the pool is not closed', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wirefeed-pool-'));
  try {
    const script = path.join(dir, 'run.mts');
    const pool = JSON.stringify(path.join(ROOT, 'src/publish/pool.ts'));
    const list = JSON.stringify(fixtureList(20));
    writeFileSync(
      script,
      `import { createPublishPool } from ${pool};
       const p = createPublishPool({ workers: 1, minFilesForWorkers: 0, minBytesForWorkers: 0 });
       await p.warm();
       const r = await p.ingestFiles(${list}, { site: ${JSON.stringify(SITE)}, maxBytes: 1e6 });
       console.log(r.length, p.stats().workersStarted);`,
    );
    const run = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    assert.equal(run.signal, null, 'exited by itself');
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout.trim(), `${fixtureList(20).length} 1`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
