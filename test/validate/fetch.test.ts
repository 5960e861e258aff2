// fetchFeed against servers started here on 127.0.0.1: redirects, compression, limits, timeouts
// and every failure a user can meet, each with a message that names the URL and the reason.
import assert from 'node:assert/strict';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { after, test } from 'node:test';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { contentTypeWarning, FetchError, fetchFeed } from '../../src/validate/fetch.js';

// A self-signed certificate for 127.0.0.1 and localhost, valid until 2126: a TLS server whose
// certificate no trusted authority issued.
const TLS_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg7EGMADUrLS76RsRT
bLltbEcNZ+NM3Y1lfCcQCOtqPdKhRANCAAQekKva09U7XpUcJBb6s55/qoeROOGh
BBxmXvi+Qhr/wXunn422RuJN4vbBfqYIrpKDb1FQdZz6pG7VWHbbHE66
-----END PRIVATE KEY-----
`;
const TLS_CERT = `-----BEGIN CERTIFICATE-----
MIIBmjCCAUGgAwIBAgIUNoLJxcEdMVjSiyyXZrjJcy+OY/8wCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTEyNjA0NDIyMloYDzIxMjYxMTAy
MDQ0MjIyWjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAAQekKva09U7XpUcJBb6s55/qoeROOGhBBxmXvi+Qhr/wXunn422RuJN
4vbBfqYIrpKDb1FQdZz6pG7VWHbbHE66o28wbTAdBgNVHQ4EFgQUKBmPwbxNhvGX
WC6KViwo7xPTBkswHwYDVR0jBBgwFoAUKBmPwbxNhvGXWC6KViwo7xPTBkswDwYD
VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARhwR/AAABgglsb2NhbGhvc3QwCgYIKoZI
zj0EAwIDRwAwRAIgVWmp478UuGQXWAFnOHpagFjFXSi/rL1qQ+i6+UgU9csCIAPD
nDSFO4SR6blNf2/TWsA+BR8A2qjWcCeDFXe0Exef
-----END CERTIFICATE-----
`;

const RSS = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>T</title><link>https://e.org/</link>' +
    '<description>D</description>' + '<item><title>Ünïcode ✓</title><guid isPermaLink="false">x</guid></item>'.repeat(200) +
    '</channel></rss>\n',
);

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
const servers: Server[] = [];
after(() => {
  for (const s of servers) {
    s.closeAllConnections();
    s.close();
  }
});

async function serve(handler: Handler, tls = false): Promise<string> {
  const server = tls ? createHttpsServer({ key: TLS_KEY, cert: TLS_CERT }, handler) : createHttpServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `${tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function readAll(body: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** Fetches and reads the whole body, returning the FetchError it fails with. */
async function failure(url: string, opts = {}): Promise<FetchError> {
  try {
    const res = await fetchFeed(url, opts);
    await readAll(res.body);
  } catch (err) {
    assert.ok(err instanceof FetchError, `expected a FetchError, got ${String(err)}`);
    return err;
  }
  assert.fail(`${url} was expected to fail`);
}

const feedHandler: Handler = (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
  res.end(RSS);
};

test('a plain response: body, content type, status and final URL', async () => {
  const base = await serve(feedHandler);
  const res = await fetchFeed(`${base}/feed.xml`);
  assert.equal(res.status, 200);
  assert.equal(res.contentType, 'application/rss+xml; charset=utf-8');
  assert.equal(res.finalUrl, `${base}/feed.xml`);
  assert.deepEqual(await readAll(res.body), RSS);
});

test('redirects are followed, relative Locations included, and the final URL reported', async () => {
  const base = await serve((req, res) => {
    if (req.url === '/a') res.writeHead(301, { location: `${base}/b` }).end();
    else if (req.url === '/b') res.writeHead(302, { location: '/c' }).end('moved');
    else if (req.url === '/c') res.writeHead(307, { location: 'd?x=1' }).end();
    else if (req.url === '/d?x=1') feedHandler(req, res);
    else res.writeHead(404).end();
  });
  const res = await fetchFeed(`${base}/a`);
  assert.equal(res.finalUrl, `${base}/d?x=1`);
  assert.deepEqual(await readAll(res.body), RSS);
});

test('a redirect loop, or a chain longer than the limit, stops with a clear error', async () => {
  let hops = 0;
  const base = await serve((req, res) => {
    hops++;
    const n = Number(req.url!.slice(1));
    if (n >= 3) return feedHandler(req, res);
    res.writeHead(302, { location: req.url === '/loop' ? '/loop' : `/${n + 1}` }).end();
  });
  const loop = await failure(`${base}/loop`);
  assert.equal(loop.code, 'FetchTooManyRedirects');
  assert.match(loop.message, new RegExp(`^${base}/loop: more than 5 redirects`));
  assert.equal(hops, 6, 'the first request and five redirects');

  assert.equal((await failure(`${base}/0`, { maxRedirects: 2 })).code, 'FetchTooManyRedirects');
  const within = await fetchFeed(`${base}/0`, { maxRedirects: 3 });
  assert.equal(within.finalUrl, `${base}/3`);
  await readAll(within.body);
});

test('gzip, br and deflate bodies (zlib-wrapped or raw) are decoded', async () => {
  const encoders: Record<string, (b: Buffer) => Buffer> = {
    gzip: gzipSync,
    br: brotliCompressSync,
    deflate: deflateSync,
    'raw-deflate': deflateRawSync,
  };
  const base = await serve((req, res) => {
    const name = req.url!.slice(1);
    res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': name === 'raw-deflate' ? 'deflate' : name });
    res.end(encoders[name](RSS));
  });
  for (const name of Object.keys(encoders)) {
    const res = await fetchFeed(`${base}/${name}`);
    assert.deepEqual(await readAll(res.body), RSS, name);
  }
});

test('a corrupt or unknown encoding is a read error', async () => {
  const base = await serve((req, res) => {
    if (req.url === '/corrupt') {
      res.writeHead(200, { 'content-encoding': 'gzip' });
      res.end(Buffer.concat([gzipSync(RSS).subarray(0, 40), Buffer.from('garbage garbage garbage')]));
    } else {
      res.writeHead(200, { 'content-encoding': 'compress' });
      res.end('x');
    }
  });
  const corrupt = await failure(`${base}/corrupt`);
  assert.equal(corrupt.code, 'FetchBadResponse');
  assert.match(corrupt.message, /corrupt/);
  const unknown = await failure(`${base}/compress`);
  assert.equal(unknown.code, 'FetchBadResponse');
  assert.match(unknown.message, /unsupported Content-Encoding "compress"/);
});

test('HTTP errors name the status and the URL', async () => {
  const base = await serve((req, res) => res.writeHead(req.url === '/gone' ? 404 : 503).end('<html>error page</html>'));
  const notFound = await failure(`${base}/gone`);
  assert.equal(notFound.code, 'FetchHttpError');
  assert.equal(notFound.message, `${base}/gone: the server answered HTTP 404 Not Found`);
  assert.match((await failure(`${base}/busy`)).message, /HTTP 503 Service Unavailable/);
});

test('a slow server runs into the total timeout, whether it stalls before or during the body', async () => {
  const base = await serve((req, res) => {
    if (req.url === '/stall-body') {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.write('<rss>');
    }
    // and otherwise: never answer at all
  });
  for (const path of ['/no-answer', '/stall-body']) {
    const err = await failure(`${base}${path}`, { timeoutMs: 300 });
    assert.equal(err.code, 'FetchTimeout', path);
    assert.match(err.message, /no complete response within 0\.3 s/);
  }
});

test('the size limit holds for a declared length, a chunked body and a gzip bomb', async () => {
  const big = Buffer.alloc(3 * 1024 * 1024, 'a');
  const base = await serve((req, res) => {
    if (req.url === '/declared') {
      res.writeHead(200, { 'content-length': big.length });
      res.end(big);
    } else if (req.url === '/chunked') {
      res.writeHead(200);
      for (let i = 0; i < 3; i++) res.write(big.subarray(i * 1024 * 1024, (i + 1) * 1024 * 1024));
      res.end();
    } else {
      res.writeHead(200, { 'content-encoding': 'gzip' });
      res.end(gzipSync(Buffer.alloc(64 * 1024 * 1024)));
    }
  });
  for (const path of ['/declared', '/chunked', '/bomb']) {
    const err = await failure(`${base}${path}`, { maxBytes: 1024 * 1024 });
    assert.equal(err.code, 'FetchTooLarge', path);
    assert.match(err.message, /larger than 1 MB/);
  }
  // Exactly at the limit is fine.
  const res = await fetchFeed(`${base}/declared`, { maxBytes: big.length });
  assert.equal((await readAll(res.body)).length, big.length);
});

test('a refused connection says so', async () => {
  const server = createHttpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  const err = await failure(`http://127.0.0.1:${port}/feed.xml`);
  assert.equal(err.code, 'FetchConnectionFailed');
  assert.equal(err.message, `http://127.0.0.1:${port}/feed.xml: connection refused by 127.0.0.1:${port}`);
});

test('TLS failures: a self-signed certificate, and https to a plain-HTTP port', async () => {
  const secure = await serve(feedHandler, true);
  const selfSigned = await failure(`${secure}/feed.xml`);
  assert.equal(selfSigned.code, 'FetchTlsError');
  assert.match(selfSigned.message, /TLS failure: the server certificate is self-signed/);

  const plain = await serve(feedHandler);
  const wrongPort = await failure(plain.replace('http:', 'https:') + '/feed.xml');
  assert.equal(wrongPort.code, 'FetchTlsError');
  assert.match(wrongPort.message, /does not speak TLS/);
});

test('only http and https URLs are fetched, also as redirect targets', async () => {
  assert.equal((await failure('ftp://127.0.0.1/feed.xml')).code, 'FetchBadUrl');
  assert.equal((await failure('feed.xml')).code, 'FetchBadUrl');
  const base = await serve((_req, res) => res.writeHead(301, { location: 'file:///etc/passwd' }).end());
  const err = await failure(`${base}/x`);
  assert.equal(err.code, 'FetchBadUrl');
  assert.match(err.message, /redirected to file:\/\/\/etc\/passwd/);
});

test('a reader may stop early without leaving the exchange hanging', async () => {
  const base = await serve((_req, res) => {
    res.writeHead(200);
    res.write(RSS);
    // never ends
  });
  const res = await fetchFeed(`${base}/endless`, { timeoutMs: 60_000 });
  for await (const chunk of res.body) {
    assert.ok(chunk.byteLength > 0);
    break;
  }
});

test('Content-Type is checked against the feed format', async () => {
  const base = await serve((req, res) => {
    res.writeHead(200, req.url === '/html' ? { 'content-type': 'text/html; charset=utf-8' } : {});
    res.end(RSS);
  });
  const html = await fetchFeed(`${base}/html`);
  await readAll(html.body);
  const warning = contentTypeWarning('rss', html.contentType);
  assert.equal(warning?.code, 'UnexpectedContentType');
  assert.equal(warning?.message, 'served as text/html; RSS feeds should be served as application/rss+xml');
  assert.deepEqual([warning?.line, warning?.column], [null, null]);

  const none = await fetchFeed(`${base}/none`);
  await readAll(none.body);
  assert.equal(none.contentType, null);
  assert.equal(contentTypeWarning('atom', none.contentType)?.code, 'MissingContentType');

  assert.equal(contentTypeWarning('rss', 'application/rss+xml'), null);
  assert.equal(contentTypeWarning('rss', 'text/xml; charset=iso-8859-1'), null);
  assert.equal(contentTypeWarning('atom', 'Application/Atom+XML'), null);
  assert.equal(contentTypeWarning('json', 'application/feed+json'), null);
  assert.equal(contentTypeWarning('json', 'application/json; charset=utf-8'), null);
  assert.equal(contentTypeWarning('json', 'text/plain')?.code, 'UnexpectedContentType');
  assert.equal(contentTypeWarning('atom', 'application/rss+xml')?.code, 'UnexpectedContentType');
  assert.equal(contentTypeWarning('unknown', 'text/html'), null);
});
