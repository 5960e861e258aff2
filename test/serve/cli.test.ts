import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { request } from 'undici';
import { makeOutput, RSS } from './helpers.js';

const ROOT = path.resolve(fileURLToPath(import.meta.url), '../../..');
const CLI = path.join(ROOT, 'src/cli.ts');

function wirefeed(args: string[]) {
  return spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
}

test('wirefeed serve prints its URL first, logs each request, reads the config, and stops cleanly on SIGTERM', async () => {
  const fx = await makeOutput();
  const config = path.join(fx.base, 'wirefeed.config.json');
  await writeFile(
    config,
    JSON.stringify({
      site: { title: 'Serve Test News', url: 'https://news.test/', feedUrl: 'https://news.test/feeds/' },
      serve: { maxAge: 42 },
      hubs: ['https://hub.test/'],
    }),
  );
  const child = wirefeed(['serve', '--output', fx.out, '--port', '0', '--config', config]);
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  try {
    const first = (await lines.next()).value as string;
    assert.match(first, /^http:\/\/127\.0\.0\.1:\d+\/$/, `first line: ${first} ${stderr}`);
    const res = await request(first + 'rss.xml');
    assert.equal(await res.body.text(), RSS);
    assert.equal(res.headers['cache-control'], 'public, max-age=42');
    assert.equal(res.headers.link, '<https://news.test/feeds/rss.xml>; rel="self", <https://hub.test/>; rel="hub"');
    assert.equal((await lines.next()).value, `GET /rss.xml 200 ${Buffer.byteLength(RSS)}`);

    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  } finally {
    child.kill('SIGKILL');
    await fx.cleanup();
  }
});

test('wirefeed serve refuses a bad port or a broken config with exit code 2', async () => {
  const fx = await makeOutput();
  try {
    const exitOf = (args: string[]) =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = wirefeed(args);
        let stderr = '';
        child.stderr.on('data', (d) => (stderr += d));
        child.on('exit', (code) => resolve({ code, stderr }));
      });
    const badPort = await exitOf(['serve', '--output', fx.out, '--port', 'eighty']);
    assert.equal(badPort.code, 2);
    assert.match(badPort.stderr, /--port/);
    const config = path.join(fx.base, 'bad.json');
    await writeFile(config, JSON.stringify({ site: { title: 'x', url: 'not a url' } }));
    const badConfig = await exitOf(['serve', '--output', fx.out, '--port', '0', '--config', config]);
    assert.equal(badConfig.code, 2);
    assert.match(badConfig.stderr, /site\.url: not an absolute URL/);
  } finally {
    await fx.cleanup();
  }
});
