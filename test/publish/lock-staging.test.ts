import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { writeFileAtomic } from '../../src/publish/atomic.js';
import { nodeFs } from '../../src/publish/fsio.js';
import { sha256Hex } from '../../src/publish/hash.js';
import { acquireLock, LockedError } from '../../src/publish/lock.js';
import { createStaging, discardStaging, removeStaleStaging, stageFiles, swapIntoPlace } from '../../src/publish/staging.js';
import { makeProject } from '../helpers/project.js';

/** The pid of a process that has exited: what a kill -9 leaves behind. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(r.stdout.toString());
}

test('a second publish cannot take the lock while the first holds it', async (t) => {
  const p = await makeProject();
  t.after(() => p.cleanup());
  const file = path.join(p.root, '.wirefeed', 'publish.lock');
  // A live process (not this one) holds it.
  const holder = JSON.stringify({ pid: process.ppid, host: (await import('node:os')).hostname(), since: 'x' });
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, holder);
  await assert.rejects(acquireLock(nodeFs, file, new Date()), (err: unknown) => err instanceof LockedError && err.message.includes(String(process.ppid)));
  assert.equal(await readFile(file, 'utf8'), holder, 'the holder keeps its lock');
});

test('a lock left by a dead process is taken over, and released afterwards', async (t) => {
  const p = await makeProject();
  t.after(() => p.cleanup());
  const file = path.join(p.root, '.wirefeed', 'publish.lock');
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify({ pid: deadPid(), host: (await import('node:os')).hostname(), since: 'x' }));
  const lock = await acquireLock(nodeFs, file, new Date());
  assert.equal(JSON.parse(await readFile(file, 'utf8')).pid, process.pid);
  await lock.release();
  assert.deepEqual(await readdir(path.dirname(file)), []);
});

test('staged files reach output/ whole; stale staging of a dead run is removed, a live one kept', async (t) => {
  const p = await makeProject();
  t.after(() => p.cleanup());
  await mkdir(p.outputDir, { recursive: true });
  await writeFile(path.join(p.outputDir, 'rss.xml'), 'old');
  const staging = await createStaging(nodeFs, p.outputDir);
  assert.equal(path.dirname(staging.dir), p.root, 'staging sits beside output/');
  await stageFiles(nodeFs, staging, { 'rss.xml': new TextEncoder().encode('new'), 'rss.xml.gz': new Uint8Array([1, 2]) });
  assert.equal(await readFile(path.join(p.outputDir, 'rss.xml'), 'utf8'), 'old', 'nothing moves before the swap');
  const moved = await swapIntoPlace(nodeFs, staging);
  assert.deepEqual(moved, ['rss.xml.gz', 'rss.xml'], 'the compressed sibling goes first');
  assert.equal(await readFile(path.join(p.outputDir, 'rss.xml'), 'utf8'), 'new');
  await discardStaging(nodeFs, staging);

  const dead = path.join(p.root, `.output.staging-${deadPid()}`);
  const live = path.join(p.root, `.output.staging-${process.ppid}`);
  await mkdir(dead);
  await writeFile(path.join(dead, 'rss.xml'), '<rss');
  await mkdir(live);
  const removed = await removeStaleStaging(nodeFs, p.outputDir);
  assert.deepEqual(removed, [dead]);
  const left = await readdir(p.root);
  assert.ok(!left.includes(path.basename(dead)));
  assert.ok(left.includes(path.basename(live)));
});

test('a file given in pieces is written whole, in order, and hashes as the joined bytes', async (t) => {
  const p = await makeProject();
  t.after(() => p.cleanup());
  const file = path.join(p.root, '.wirefeed', 'cache', 'pieces.json');
  const big = Buffer.alloc(3 * 1024 * 1024 + 7, 'x');
  const pieces = [Buffer.from('{"head":1}\n'), new Uint8Array(0), big.subarray(0, 1024 * 1024), big.subarray(1024 * 1024), Buffer.from('é\n', 'utf8')];
  const joined = Buffer.concat(pieces);
  await writeFileAtomic(nodeFs, file, pieces);
  assert.deepEqual(await readFile(file), joined);
  assert.equal(sha256Hex(pieces), sha256Hex(joined));
  assert.equal(sha256Hex(joined.toString('utf8')), sha256Hex(joined));
  // More pieces than one writev takes (IOV_MAX is 1024 on Linux): the cache of a large archive.
  const many = Array.from({ length: 3000 }, (_, i) => Buffer.from(`line ${i}\n`));
  await writeFileAtomic(nodeFs, file, many);
  assert.deepEqual(await readFile(file), Buffer.concat(many));
  // Written again, shorter: nothing of the longer file is left.
  await writeFileAtomic(nodeFs, file, [Buffer.from('a'), Buffer.from('b')]);
  assert.equal(await readFile(file, 'utf8'), 'ab');
});

test('a lock with our own pid that this process does not hold (a restarted container) is stale', async (t) => {
  const p = await makeProject();
  t.after(() => p.cleanup());
  const file = path.join(p.root, '.wirefeed', 'publish.lock');
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify({ pid: process.pid, host: (await import('node:os')).hostname(), since: 'x', token: 'earlier-life' }));
  const lock = await acquireLock(nodeFs, file, new Date());
  // while we hold it, a second attempt from this same process is refused
  await assert.rejects(acquireLock(nodeFs, file, new Date()), LockedError);
  await lock.release();
});
