import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { precompress } from '../helpers/precompress.js';
import { contentTypeOf } from '../../src/serve/content-type.js';
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
