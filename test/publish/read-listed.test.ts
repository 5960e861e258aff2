import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { readListed } from '../../src/publish/pool-ingest.js';
import { createPublishPool } from '../../src/publish/pool.js';
import { sha256Hex } from '../../src/publish/hash.js';
import { SITE } from '../ingest/helpers.js';

function folder(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wirefeed-read-listed-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Bytes that differ at every position, so a misplaced or stale byte shows. */
function bytesOf(length: number, seed: number): Buffer {
  const b = Buffer.alloc(length);
  for (let i = 0; i < length; i++) b[i] = (i * 31 + seed * 7) & 0xff;
  return b;
}

test('readListed gives the whole file whatever the listing said its size was', (t) => {
  const dir = folder(t);
  const file = path.join(dir, 'a.txt');
  const content = bytesOf(5000, 1);
  writeFileSync(file, content);
  for (const listed of [5000, 0, 1, 4999, 5001, 100_000]) {
    assert.deepEqual(Buffer.from(readListed(file, listed)), content, `listed as ${listed} bytes`);
  }
});

test('readListed reads a file larger than any before it, and an empty one', (t) => {
  const dir = folder(t);
  const big = bytesOf(3 * 1024 * 1024 + 17, 2);
  writeFileSync(path.join(dir, 'big.txt'), big);
  writeFileSync(path.join(dir, 'empty.txt'), '');
  // Listed smaller than it is: the read goes on to the end, past its first buffer.
  assert.deepEqual(Buffer.from(readListed(path.join(dir, 'big.txt'), 10)), big);
  assert.deepEqual(Buffer.from(readListed(path.join(dir, 'big.txt'), big.length)), big);
  assert.equal(readListed(path.join(dir, 'empty.txt'), 0).length, 0);
  assert.throws(() => readListed(path.join(dir, 'missing.txt'), 10), { code: 'ENOENT' });
});

test('ingestFiles with sizes from an older listing still hashes and ingests each whole file', async (t) => {
  const dir = folder(t);
  const files = [];
  for (let i = 0; i < 6; i++) {
    const text = `Headline number ${i}\n\nLONDON (Reuters) — ${'Body words follow here. '.repeat(20 + 40 * i)}\n`;
    const abs = path.join(dir, `${i}.txt`);
    writeFileSync(abs, text);
    // Sizes as a listing taken before each file was rewritten: too small, too large, right.
    const size = [0, 10, Buffer.byteLength(text), Buffer.byteLength(text) + 500, 3, 100_000][i];
    files.push({ rel: `${i}.txt`, abs, firstSeen: '2024-04-01T08:00:00Z', size, text });
  }
  const pool = createPublishPool({ workers: 0 });
  t.after(() => pool.close());
  const got = await pool.ingestFiles(files, { site: SITE, maxBytes: 1024 * 1024 });
  got.forEach((g, i) => {
    assert.ok(g.ok, files[i].rel);
    if (!g.ok) return;
    assert.equal(g.sha256, sha256Hex(Buffer.from(files[i].text)), `${files[i].rel}: hash of the whole file`);
    assert.equal(g.size, Buffer.byteLength(files[i].text));
    assert.ok(g.result.ok && g.result.article.headline === `Headline number ${i}`, `${files[i].rel}: its own article, not another file's bytes`);
  });
});
