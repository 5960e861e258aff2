import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { pingHubs } from '../../src/websub/ping.js';

interface Ping {
  contentType: string | undefined;
  form: Record<string, string>;
}

/** A hub on 127.0.0.1 that records each ping and answers with the next status of `statuses` (then 202). */
async function startHub(statuses: number[] = []) {
  const pings: Ping[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      pings.push({ contentType: req.headers['content-type'], form: Object.fromEntries(new URLSearchParams(body)) });
      res.statusCode = statuses.shift() ?? 202;
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hub`;
  return { url, pings, close: () => new Promise<void>((r) => server.close(() => r())) };
}

test('a hub receives one publish ping per changed feed', async () => {
  const hub = await startHub();
  try {
    const feeds = ['https://news.test/rss.xml', 'https://news.test/atom.xml', 'https://news.test/feed.json'];
    const results = await pingHubs([hub.url], feeds);
    assert.deepEqual(
      results.map((r) => [r.url, r.ok, r.status]),
      feeds.map((f) => [f, true, 202]),
    );
    assert.equal(hub.pings.length, 3);
    assert.deepEqual(hub.pings.map((p) => p.form['hub.url']).sort(), [...feeds].sort());
    for (const p of hub.pings) {
      assert.equal(p.form['hub.mode'], 'publish');
      assert.equal(p.contentType, 'application/x-www-form-urlencoded');
    }
  } finally {
    await hub.close();
  }
});

test('a hub answering 500 is retried with backoff until it accepts', async () => {
  const hub = await startHub([500, 503]);
  const log: string[] = [];
  try {
    const [result] = await pingHubs([hub.url], ['https://news.test/rss.xml'], { backoffMs: 5, log: (l) => log.push(l) });
    assert.equal(result.ok, true);
    assert.equal(hub.pings.length, 3, 'two failures, then the accepted ping');
    assert.equal(log.filter((l) => l.includes('retry')).length, 2);
  } finally {
    await hub.close();
  }
});

test('a failing hub (500, then connection refused) is retried 3 times, logged, and never throws', async () => {
  const hub = await startHub([500, 500, 500, 500]);
  const log: string[] = [];
  const [first] = await pingHubs([hub.url], ['https://news.test/rss.xml'], { backoffMs: 5, log: (l) => log.push(l) });
  assert.equal(first.ok, false);
  assert.equal(first.status, 500);
  assert.equal(hub.pings.length, 4, 'the first attempt and 3 retries');
  assert.ok(log.some((l) => l.startsWith('websub: gave up') && l.includes('500')), log.join('\n'));

  await hub.close(); // nothing listens on the port any more
  log.length = 0;
  const results = await pingHubs([hub.url, 'not a url'], ['https://news.test/rss.xml'], { backoffMs: 5, timeoutMs: 2000, log: (l) => log.push(l) });
  assert.equal(results.length, 2);
  assert.equal(results[0].ok, false);
  assert.match(results[0].error ?? '', /ECONNREFUSED/);
  assert.equal(results[0].status, undefined);
  assert.equal(log.filter((l) => l.includes('retry')).length, 3);
  assert.equal(results[1].ok, false);
});

test('a hub that rejects the request (400) is not retried', async () => {
  const hub = await startHub([400]);
  try {
    const [result] = await pingHubs([hub.url], ['https://news.test/rss.xml'], { backoffMs: 5 });
    assert.equal(result.ok, false);
    assert.equal(result.status, 400);
    assert.equal(hub.pings.length, 1);
  } finally {
    await hub.close();
  }
});

test('a hub that never answers times out instead of hanging the publish', async () => {
  const sockets = new Set<import('node:net').Socket>();
  const silent = http.createServer(() => {}); // accepts, never responds
  silent.on('connection', (s) => sockets.add(s));
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/`;
  try {
    const [result] = await pingHubs([url], ['https://news.test/rss.xml'], { timeoutMs: 100, retries: 1, backoffMs: 5 });
    assert.equal(result.ok, false);
    assert.equal(result.error, 'timed out');
  } finally {
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => silent.close(() => r()));
  }
});
