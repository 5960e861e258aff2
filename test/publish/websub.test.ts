import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { loadConfig } from '../../src/publish/config.js';
import { runPublish } from '../../src/publish/job.js';
import { defaultStages } from '../../src/publish/stages.js';
import { datedArticle, fixedClock, makeProject } from '../helpers/project.js';

test('a publish that changed the feeds pings the hub once per feed; an unchanged one pings nothing', async (t) => {
  const pings: string[] = [];
  const hub = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      pings.push(new URLSearchParams(body).get('hub.url') ?? '');
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => hub.listen(0, '127.0.0.1', r));
  t.after(() => new Promise<void>((r) => hub.close(() => r())));
  const hubUrl = `http://127.0.0.1:${(hub.address() as AddressInfo).port}/`;

  const p = await makeProject({ config: { hubs: [hubUrl] }, articles: { 'a.txt': datedArticle(1, '2024-02-01T09:00:00Z') } });
  t.after(() => p.cleanup());
  const clock = fixedClock('2024-03-01T00:00:00Z');
  const publish = async () =>
    runPublish({ config: await loadConfig(p.configFile), articlesDir: p.articlesDir, outputDir: p.outputDir, now: clock.now, stages: defaultStages() });

  const first = await publish();
  assert.equal(first.exitCode, 0);
  assert.deepEqual(first.notices, []);
  assert.deepEqual(pings.sort(), ['https://wire.example.org/atom.xml', 'https://wire.example.org/feed.json', 'https://wire.example.org/rss.xml']);

  pings.length = 0;
  assert.equal((await publish()).outcome, 'unchanged');
  assert.deepEqual(pings, []);
});
