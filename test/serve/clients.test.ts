// Real clients against the real server: newsboat (a terminal feed reader, Debian package) and
// headless Chromium. Each test skips, saying why, when its program is not installed.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { request } from 'undici';
import { parseStringPromise } from 'xml2js';
import { renderFeeds } from '../../src/render/index.js';
import { renderIndexPage } from '../../src/render/page.js';
import { precompress } from '../helpers/precompress.js';
import { startServer, type RunningServer } from '../../src/serve/server.js';
import { FEEDS, SEED, SITE, WIRE } from '../page/fixtures.js';

const run = promisify(execFile);
const ARTIFACTS = path.resolve(fileURLToPath(import.meta.url), '../../../test-artifacts');

/** Absolute path of an installed program, or null. */
function findTool(name: string, extra: string[] = []): string | null {
  for (const dir of [...(process.env.PATH ?? '').split(':'), ...extra]) {
    const p = path.join(dir, name);
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      // not here
    }
  }
  return null;
}

interface FeedItem {
  guid: string;
  title: string;
  url: string;
}

/** The items of the served RSS and Atom files, read back with xml2js. */
async function itemsOf(rss: string, atom: string): Promise<{ rss: FeedItem[]; atom: FeedItem[] }> {
  const r = await parseStringPromise(rss);
  const a = await parseStringPromise(atom);
  const text = (v: unknown): string => (typeof v === 'string' ? v : (v as { _: string })._);
  return {
    rss: (r.rss.channel[0].item as Record<string, unknown[]>[]).map((i) => ({
      guid: text(i.guid[0]),
      title: text(i.title[0]),
      url: text(i.link[0]),
    })),
    atom: (a.feed.entry as Record<string, unknown[]>[]).map((e) => ({
      guid: text(e.id[0]),
      title: text(e.title[0]),
      url: (e.link as { $: { rel: string; href: string } }[]).find((l) => l.$.rel === 'alternate')!.$.href,
    })),
  };
}

describe('real clients', () => {
  let base: string;
  let out: string;
  let server: RunningServer;
  let feeds: Record<string, string>;
  const log: string[] = [];

  before(async () => {
    base = await mkdtemp(path.join(os.tmpdir(), 'wirefeed-clients-'));
    out = path.join(base, 'out');
    await mkdir(out);
    feeds = renderFeeds(SITE, [SEED, WIRE]);
    for (const [name, body] of Object.entries(feeds)) await writeFile(path.join(out, name), body);
    await writeFile(path.join(out, 'index.html'), renderIndexPage(SITE, [SEED, WIRE], FEEDS));
    await precompress(out, [...Object.keys(feeds), 'index.html']);
    server = await startServer({ outputDir: out, port: 0, log: (l) => log.push(l) });
  });
  after(async () => {
    await server.close();
    await rm(base, { recursive: true, force: true });
  });

  test('newsboat subscribes to RSS and Atom, gets the feeds’ items, and a reload of unchanged feeds is a 304', async (t) => {
    const newsboat = findTool('newsboat');
    if (!newsboat) return t.skip('newsboat not installed');
    const home = path.join(base, 'newsboat-home');
    await mkdir(home);
    const config = path.join(home, 'config');
    await writeFile(config, '');
    const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), XDG_DATA_HOME: path.join(home, '.local') };
    const expected = await itemsOf(feeds['rss.xml'], feeds['atom.xml']);
    assert.deepEqual(expected.rss.map((i) => i.title).sort(), [SEED.headline, WIRE.headline].sort(), 'the feeds hold the stories');
    const sqlite3 = findTool('sqlite3');
    if (!sqlite3) t.diagnostic('sqlite3 not installed: comparing item counts only');

    // One cache per feed: newsboat keys its cache by item guid across all feeds, and our RSS and
    // Atom items share their ids, so in one cache the second feed's items would replace the first's.
    for (const feed of ['rss.xml', 'atom.xml'] as const) {
      const urls = path.join(home, `${feed}.urls`);
      const cache = path.join(home, `${feed}.db`);
      await writeFile(urls, `${server.url}${feed}\n`);
      const newsboatRun = (command: string) => run(newsboat, ['-u', urls, '-c', cache, '-C', config, '-x', command], { env, timeout: 60_000 });

      await newsboatRun('reload');
      // newsboat 2.x stores a feed's validators only once the feed is in its cache, i.e. from the
      // second fetch on; the third reload is the first one that can be conditional.
      await newsboatRun('reload');
      const mark = log.length;
      await newsboatRun('reload');
      const third = log.slice(mark);
      assert.deepEqual(third, [`GET /${feed} 304 0`], `server log of the third reload of ${feed}`);

      const want = feed === 'rss.xml' ? expected.rss : expected.atom;
      if (sqlite3) {
        const { stdout } = await run(sqlite3, ['-separator', '\t', cache, 'SELECT feedurl, guid, title, url FROM rss_item']);
        const got = stdout
          .trim()
          .split('\n')
          .map((l) => l.split('\t'))
          .map(([feedurl, guid, title, url]) => ({ feedurl, guid, title, url }));
        const sort = <T extends { guid: string }>(items: T[]) => [...items].sort((a, b) => a.guid.localeCompare(b.guid));
        assert.deepEqual(sort(got), sort(want.map((i) => ({ feedurl: server.url + feed, ...i }))), `newsboat's items of ${feed}`);
      } else {
        const { stdout } = await newsboatRun('print-unread');
        assert.equal(stdout.trim(), `${want.length} unread articles`);
      }
    }
  });

  test('Chromium renders the page: the seed’s headline and credits, feed discovery links that work', async (t) => {
    const chromium = findTool('chromium', ['/usr/bin']);
    if (!chromium) return t.skip('chromium not installed');
    const profile = await mkdtemp(path.join(os.tmpdir(), 'wirefeed-chromium-'));
    const flags = [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${profile}`,
    ];
    try {
      const { stdout: dom } = await run(chromium, [...flags, '--dump-dom', server.url], { timeout: 120_000, maxBuffer: 16 * 1024 * 1024 });
      assert.ok(dom.includes('Trump, Putin Release Joint Statement on Syria'));
      assert.ok(dom.includes('MIKHAIL KLIMENTYEV/SPUTNIK/KREML / EPA'));
      assert.ok(dom.includes('AFP PHOTO / APEC 2017 National Committee / AFP – Getty Images'));
      assert.ok(dom.includes('DA’NANG, Vietnam'));
      assert.ok(!/<script/i.test(dom));
      for (const [type, feed] of [
        ['application/rss+xml', 'rss.xml'],
        ['application/atom+xml', 'atom.xml'],
        ['application/feed+json', 'feed.json'],
      ]) {
        const link = new RegExp(`<link rel="alternate" type="${type.replace('+', '\\+')}"[^>]*href="([^"]+)"`).exec(dom);
        assert.ok(link, `discovery link for ${type}`);
        // The link, resolved against the page as a reader would, reaches the served feed.
        const res = await request(new URL(link[1], server.url));
        assert.equal(res.statusCode, 200);
        assert.equal(res.headers['content-type'], `${type}; charset=utf-8`);
        assert.equal(await res.body.text(), feeds[feed]);
      }

      await mkdir(ARTIFACTS, { recursive: true });
      for (const [name, size] of [
        ['index-phone.png', '412,1600'],
        ['index-desktop.png', '1280,1000'],
      ]) {
        const shot = path.join(ARTIFACTS, name);
        await rm(shot, { force: true });
        await run(chromium, [...flags, `--screenshot=${shot}`, `--window-size=${size}`, '--hide-scrollbars', server.url], { timeout: 120_000 });
        const png = await readFile(shot);
        assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], `${name} is a PNG`);
        t.diagnostic(`screenshot kept at ${path.relative(process.cwd(), shot)} (${png.length} bytes)`);
      }
      assert.ok(log.some((l) => l.startsWith('GET / 200 ')), 'the browser fetched the page from our server');
    } finally {
      await rm(profile, { recursive: true, force: true });
    }
  });
});
