import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { randomBytes } from 'node:crypto';
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync, gzipSync } from 'node:zlib';
import { precompress } from '../helpers/precompress.js';
import { contentTypeOf } from '../../src/serve/content-type.js';
import { compressedCopies } from '../../src/serve/precompress.js';
import { ATOM, JSON_FEED, RSS } from './helpers.js';

test('precompress writes .gz and .br siblings that decode to the file, with the same bytes every time', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'wirefeed-precompress-'));
  try {
    await writeFile(path.join(dir, 'rss.xml'), RSS);
    await writeFile(path.join(dir, 'atom.xml'), ATOM);
    await precompress(dir, ['rss.xml', path.join(dir, 'atom.xml')]);
    const firstGz = await readFile(path.join(dir, 'rss.xml.gz'));
    const firstBr = await readFile(path.join(dir, 'rss.xml.br'));
    assert.equal(gunzipSync(firstGz).toString('utf8'), RSS);
    assert.equal(brotliDecompressSync(firstBr).toString('utf8'), RSS);
    assert.equal(brotliDecompressSync(await readFile(path.join(dir, 'atom.xml.br'))).toString('utf8'), ATOM);
    assert.ok(firstBr.length < Buffer.byteLength(RSS) && firstGz.length < Buffer.byteLength(RSS));

    await precompress(dir, ['rss.xml']);
    assert.deepEqual(await readFile(path.join(dir, 'rss.xml.gz')), firstGz, 'gzip output is deterministic');
    assert.deepEqual(await readFile(path.join(dir, 'rss.xml.br')), firstBr, 'brotli output is deterministic');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('the copies of a large feed, and of bytes that do not compress, are the bytes zlib makes with its own buffer size', async () => {
  // Copies written by an earlier version must not change (a cache holding one keeps its ETag):
  // the output buffer the copies are made with is a matter of speed, never of bytes.
  const large = Buffer.from(RSS.repeat(Math.ceil(600_000 / RSS.length)), 'utf8');
  for (const data of [large, randomBytes(300_000)]) {
    const copies = Object.fromEntries(await compressedCopies(data));
    assert.deepEqual(copies['.gz'], gzipSync(data, { level: 6, memLevel: 9 }));
    const params = { [constants.BROTLI_PARAM_QUALITY]: 8, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_SIZE_HINT]: data.byteLength };
    assert.deepEqual(copies['.br'], brotliCompressSync(data, { params }));
    assert.deepEqual(gunzipSync(copies['.gz']), data);
    assert.deepEqual(brotliDecompressSync(copies['.br']), data);
  }
});

test('feeds are told apart by their root element and version, whatever the file name', () => {
  const bytes = (s: string) => Buffer.from(s, 'utf8');
  assert.equal(contentTypeOf('archive-2024-01.xml', bytes(RSS)), 'application/rss+xml; charset=utf-8');
  assert.equal(contentTypeOf('page-2.xml', bytes('\uFEFF<?xml version="1.0"?><!-- x --><feed xmlns="http://www.w3.org/2005/Atom"/>')), 'application/atom+xml; charset=utf-8');
  assert.equal(contentTypeOf('old.json', bytes(JSON_FEED)), 'application/feed+json; charset=utf-8');
  assert.equal(contentTypeOf('data.json', bytes('{"version": 2}')), 'application/json; charset=utf-8');
  assert.equal(contentTypeOf('sitemap.xml', bytes('<urlset/>')), 'application/xml; charset=utf-8');
  assert.equal(contentTypeOf('index.html', bytes('<!DOCTYPE html>')), 'text/html; charset=utf-8');
  assert.equal(contentTypeOf('blob', bytes('x')), 'application/octet-stream');
});
