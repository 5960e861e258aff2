import assert from 'node:assert/strict';
import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { request } from 'undici';
import { precompress } from '../helpers/precompress.js';
import { startServer, type RunningServer } from '../../src/serve/server.js';
import { ATOM, JSON_FEED, makeOutput, rawRequest, RSS, statusOf, type Fixture } from './helpers.js';

async function get(url: string, headers: Record<string, string> = {}, method: 'GET' | 'HEAD' = 'GET') {
  const res = await request(url, { method, headers });
  const body = Buffer.from(await res.body.arrayBuffer());
  return { status: res.statusCode, headers: res.headers, body };
}

const header = (h: Record<string, string | string[] | undefined>, name: string): string => {
  const v = h[name];
  return Array.isArray(v) ? v.join(', ') : (v ?? '');
};

describe('wirefeed server', () => {
  let fx: Fixture;
  let server: RunningServer;
  const logLines: string[] = [];
  const port = () => Number(new URL(server.url).port);

  before(async () => {
    fx = await makeOutput();
    await precompress(fx.out, ['rss.xml', 'atom.xml', 'feed.json', 'index.html']);
    server = await startServer({
      outputDir: fx.out,
      port: 0,
      maxAge: 120,
      hubs: ['https://hub.test/websub'],
      selfBaseUrl: 'https://news.test/feeds/',
      log: (line) => logLines.push(line),
    });
  });
  after(async () => {
    await server.close();
    await fx.cleanup();
  });

  test('a feed comes with its type, a strong ETag, Last-Modified, max-age, Vary, WebSub links and CORS', async () => {
    const res = await get(server.url + 'rss.xml');
    assert.equal(res.status, 200);
    assert.equal(res.body.toString('utf8'), RSS);
    assert.equal(header(res.headers, 'content-type'), 'application/rss+xml; charset=utf-8');
    assert.match(header(res.headers, 'etag'), /^"[A-Za-z0-9_-]{20,}"$/, 'a strong ETag (no W/)');
    assert.ok(!Number.isNaN(Date.parse(header(res.headers, 'last-modified'))));
    assert.equal(header(res.headers, 'cache-control'), 'public, max-age=120');
    assert.equal(header(res.headers, 'vary'), 'Accept-Encoding');
    assert.equal(header(res.headers, 'access-control-allow-origin'), '*');
    const link = header(res.headers, 'link');
    assert.ok(link.includes('<https://news.test/feeds/rss.xml>; rel="self"'), link);
    assert.ok(link.includes('<https://hub.test/websub>; rel="hub"'), link);
  });

  test('the same ETag or a later If-Modified-Since is answered 304 with no body', async () => {
    const first = await get(server.url + 'atom.xml');
    assert.equal(first.status, 200);
    const etag = header(first.headers, 'etag');
    const again = await get(server.url + 'atom.xml', { 'if-none-match': etag });
    assert.equal(again.status, 304);
    assert.equal(again.body.length, 0);
    assert.equal(header(again.headers, 'etag'), etag);
    const lastModified = header(first.headers, 'last-modified');
    assert.equal((await get(server.url + 'atom.xml', { 'if-modified-since': lastModified })).status, 304);
    assert.equal((await get(server.url + 'atom.xml', { 'if-modified-since': 'Thu, 01 Jan 1970 00:00:00 GMT' })).status, 200);
    // If-None-Match wins over If-Modified-Since (RFC 9110): a stale tag means a full answer.
    assert.equal((await get(server.url + 'atom.xml', { 'if-none-match': '"stale"', 'if-modified-since': lastModified })).status, 200);
  });

  test('Atom, JSON Feed and the page get their own types; only feeds get CORS', async () => {
    const atom = await get(server.url + 'atom.xml');
    assert.equal(header(atom.headers, 'content-type'), 'application/atom+xml; charset=utf-8');
    assert.equal(atom.body.toString('utf8'), ATOM);
    const json = await get(server.url + 'feed.json');
    assert.equal(header(json.headers, 'content-type'), 'application/feed+json; charset=utf-8');
    assert.equal(json.body.toString('utf8'), JSON_FEED);
    assert.equal(header(json.headers, 'access-control-allow-origin'), '*');
    const page = await get(server.url);
    assert.equal(page.status, 200);
    assert.equal(header(page.headers, 'content-type'), 'text/html; charset=utf-8');
    assert.equal(header(page.headers, 'access-control-allow-origin'), '');
    assert.equal(header(page.headers, 'link'), '');
  });

  test('gzip and br bodies decode to the file’s bytes; without Accept-Encoding the file is sent as is', async () => {
    const bytes = await readFile(path.join(fx.out, 'rss.xml'));
    const gz = await get(server.url + 'rss.xml', { 'accept-encoding': 'gzip' });
    assert.equal(header(gz.headers, 'content-encoding'), 'gzip');
    assert.ok(gz.body.length < bytes.length);
    assert.deepEqual(gunzipSync(gz.body), bytes);
    const br = await get(server.url + 'rss.xml', { 'accept-encoding': 'gzip, deflate, br' });
    assert.equal(header(br.headers, 'content-encoding'), 'br');
    assert.deepEqual(brotliDecompressSync(br.body), bytes);
    const refusedBr = await get(server.url + 'rss.xml', { 'accept-encoding': 'br;q=0, gzip' });
    assert.equal(header(refusedBr.headers, 'content-encoding'), 'gzip');
    const plain = await get(server.url + 'rss.xml');
    assert.equal(header(plain.headers, 'content-encoding'), '');
    assert.deepEqual(plain.body, bytes);
    const tags = new Set([gz, br, plain].map((r) => header(r.headers, 'etag')));
    assert.equal(tags.size, 3, 'each coding is its own representation with its own ETag');
    const gz304 = await get(server.url + 'rss.xml', { 'accept-encoding': 'gzip', 'if-none-match': header(gz.headers, 'etag') });
    assert.equal(gz304.status, 304);
  });

  test('HEAD answers the GET headers without a body', async () => {
    const head = await get(server.url + 'feed.json', {}, 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.body.length, 0);
    assert.equal(header(head.headers, 'content-length'), String(Buffer.byteLength(JSON_FEED)));
    assert.match(header(head.headers, 'etag'), /^"/);
  });

  test('a file swapped in by rename is served at once, with a new ETag', async () => {
    const before = await get(server.url + 'feed.json');
    const next = JSON_FEED.replace('First story', 'First story, updated');
    const tmp = path.join(fx.out, '.feed.json.tmp');
    await writeFile(tmp, next);
    await rename(tmp, path.join(fx.out, 'feed.json'));
    const afterSwap = await get(server.url + 'feed.json', { 'if-none-match': header(before.headers, 'etag') });
    assert.equal(afterSwap.status, 200);
    assert.equal(afterSwap.body.toString('utf8'), next);
    assert.notEqual(header(afterSwap.headers, 'etag'), header(before.headers, 'etag'));
  });

  test('a stale .gz/.br sibling is never served: the client gets the current file uncompressed', async () => {
    const next = RSS.replace('Second story', 'Second story, corrected');
    await writeFile(path.join(fx.out, 'rss.xml'), next);
    const res = await get(server.url + 'rss.xml', { 'accept-encoding': 'br, gzip' });
    assert.equal(header(res.headers, 'content-encoding'), '');
    assert.equal(res.body.toString('utf8'), next);
    await precompress(fx.out, ['rss.xml']);
    const fresh = await get(server.url + 'rss.xml', { 'accept-encoding': 'br, gzip' });
    assert.equal(header(fresh.headers, 'content-encoding'), 'br');
    assert.equal(brotliDecompressSync(fresh.body).toString('utf8'), next);
  });

  test('traversal, encoded dots, backslashes, NUL and hidden files are refused', async () => {
    const targets = [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E/secret.txt',
      '/.%2e/secret.txt',
      '/archive/../../secret.txt',
      '/..%2fsecret.txt',
      '/..%2Fsecret.txt',
      '/%2e%2e%2fsecret.txt',
      '/..\\secret.txt',
      '/..%5csecret.txt',
      '/rss.xml%00.html',
      '/rss.xml%00',
      '/.wirefeed/ledger.json',
      '/%2ewirefeed/ledger.json',
      '/.env',
      '//etc/passwd',
      '/archive/%2e',
      'http://x/../secret.txt',
      'http://x/%2e%2e/secret.txt',
      'secret.txt',
    ];
    for (const target of targets) {
      const response = await rawRequest(port(), `GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      const status = statusOf(response);
      assert.ok(status === 400 || status === 404, `${target} → ${status}`);
      assert.ok(!response.includes('SECRET') && !response.includes('ledger"'), `${target} leaked a file`);
    }
  });

  test('an absolute-form request target is served like its path', async () => {
    const response = await rawRequest(port(), `GET http://news.test/atom.xml HTTP/1.1\r\nHost: news.test\r\nConnection: close\r\n\r\n`);
    assert.equal(statusOf(response), 200);
    assert.ok(response.endsWith(ATOM));
    assert.ok(response.includes('Link: <https://news.test/feeds/atom.xml>; rel="self"'), response);
  });

  test('folders are served by their index.html only, never listed', async () => {
    assert.equal((await get(server.url + 'empty/')).status, 404);
    assert.equal((await get(server.url + 'empty')).status, 404);
    const redirect = await get(server.url + 'archive');
    assert.equal(redirect.status, 301);
    assert.equal(header(redirect.headers, 'location'), '/archive/');
    assert.equal((await get(server.url + 'archive/')).status, 200);
    assert.equal((await get(server.url + 'rss.xml/')).status, 404);
    assert.equal((await get(server.url + 'missing.xml')).status, 404);
  });

  test('methods other than GET, HEAD and OPTIONS get 405 with Allow', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'TRACE']) {
      const res = await request(server.url + 'rss.xml', { method: method as 'POST' });
      await res.body.dump();
      assert.equal(res.statusCode, 405, method);
      assert.equal(header(res.headers, 'allow'), 'GET, HEAD, OPTIONS');
    }
  });

  test('OPTIONS says what is allowed; a CORS preflight for a conditional, ranged GET is allowed', async () => {
    const plainOptions = await request(server.url + 'rss.xml', { method: 'OPTIONS' });
    await plainOptions.body.dump();
    assert.equal(plainOptions.statusCode, 204);
    assert.equal(header(plainOptions.headers, 'allow'), 'GET, HEAD, OPTIONS');
    assert.equal(header(plainOptions.headers, 'access-control-allow-origin'), '', 'no CORS headers without a preflight');

    const preflight = await request(server.url + 'feed.json', {
      method: 'OPTIONS',
      headers: { origin: 'https://reader.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'if-none-match, range' },
    });
    await preflight.body.dump();
    assert.equal(preflight.statusCode, 204);
    assert.equal(header(preflight.headers, 'access-control-allow-origin'), '*');
    assert.equal(header(preflight.headers, 'access-control-allow-methods'), 'GET, HEAD');
    assert.equal(header(preflight.headers, 'access-control-allow-headers'), 'if-none-match, range');
    assert.ok(Number(header(preflight.headers, 'access-control-max-age')) > 0);

    const odd = await request(server.url + 'feed.json', {
      method: 'OPTIONS',
      headers: { origin: 'https://reader.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'x-a, <script>' },
    });
    await odd.body.dump();
    assert.equal(header(odd.headers, 'access-control-allow-headers'), '', 'only plain header names are echoed');
  });

  test('a byte range of a feed comes as 206 with Content-Range; a resumed download gets the rest', async () => {
    const whole = await get(server.url + 'rss.xml');
    assert.equal(header(whole.headers, 'accept-ranges'), 'bytes');
    const etag = header(whole.headers, 'etag');
    const text = whole.body.toString('utf8'); // (an earlier test may have published a new rss.xml)
    const size = whole.body.length;

    const first = await get(server.url + 'rss.xml', { range: 'bytes=0-99' });
    assert.equal(first.status, 206);
    assert.equal(header(first.headers, 'content-range'), `bytes 0-99/${size}`);
    assert.equal(first.body.toString('utf8'), text.slice(0, 100));
    const rest = await get(server.url + 'rss.xml', { range: 'bytes=100-', 'if-range': etag });
    assert.equal(rest.status, 206);
    assert.equal(Buffer.concat([first.body, rest.body]).toString('utf8'), text, 'the two parts make the file');
    const tail = await get(server.url + 'rss.xml', { range: 'bytes=-10' });
    assert.equal(tail.body.toString('utf8'), text.slice(-10));

    const stale = await get(server.url + 'rss.xml', { range: 'bytes=100-', 'if-range': '"an-older-version"' });
    assert.equal(stale.status, 200, 'If-Range names another version: the whole file');
    assert.equal(stale.body.toString('utf8'), text);
    const several = await get(server.url + 'rss.xml', { range: 'bytes=0-1,5-6' });
    assert.equal(several.status, 200, 'several ranges: the whole file');
    const beyond = await get(server.url + 'rss.xml', { range: `bytes=${size}-` });
    assert.equal(beyond.status, 416);
    assert.equal(header(beyond.headers, 'content-range'), `bytes */${size}`);
    const head = await get(server.url + 'rss.xml', { range: 'bytes=0-9' }, 'HEAD');
    assert.equal(head.status, 200, 'HEAD ignores Range');
  });

  test('a range of the gzip body is a range of the compressed bytes, under their own ETag', async () => {
    const gz = await get(server.url + 'atom.xml', { 'accept-encoding': 'gzip' });
    assert.equal(header(gz.headers, 'content-encoding'), 'gzip');
    const part = await get(server.url + 'atom.xml', { 'accept-encoding': 'gzip', range: 'bytes=10-', 'if-range': header(gz.headers, 'etag') });
    assert.equal(part.status, 206);
    assert.equal(header(part.headers, 'content-encoding'), 'gzip');
    assert.deepEqual(part.body, gz.body.subarray(10));
    const plainAtom = (await get(server.url + 'atom.xml')).body;
    assert.deepEqual(gunzipSync(Buffer.concat([gz.body.subarray(0, 10), part.body])), plainAtom);
  });

  test('a 1 MB header is refused with 431 and the server carries on', async () => {
    const huge = `GET /rss.xml HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(1024 * 1024)}\r\n\r\n`;
    const response = await rawRequest(port(), huge);
    // The server may close before reading it all; whatever came back must be the refusal.
    if (response) assert.equal(statusOf(response), 431);
    assert.ok(logLines.includes('- - 431 0'), 'the refusal is in the access log');
    assert.equal((await get(server.url + 'rss.xml')).status, 200);
  });

  test('one access line per request: method, path, status, bytes', async () => {
    logLines.length = 0;
    await get(server.url + 'atom.xml');
    await get(server.url + 'nope');
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(logLines, [`GET /atom.xml 200 ${Buffer.byteLength(ATOM)}`, 'GET /nope 404 10']);
  });
});
