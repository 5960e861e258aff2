// Shared by the serve tests: a throwaway output folder with small hand-written feeds, and a raw
// socket client for requests no well-behaved HTTP client would send.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>Serve Test News</title>
<link>https://news.test/</link>
<description>Feeds for the server tests, long enough that compression pays off: ${'lorem ipsum dolor sit amet '.repeat(20)}</description>
<atom:link rel="self" href="https://news.test/rss.xml" type="application/rss+xml"/>
<item><title>First story &amp; its caption</title><link>https://news.test/2024/01/01/first/</link><guid isPermaLink="false">tag:news.test,2024-01-01:first</guid><pubDate>Mon, 01 Jan 2024 10:00:00 +0000</pubDate><description>One.</description></item>
<item><title>Second story</title><link>https://news.test/2024/01/02/second/</link><guid isPermaLink="false">tag:news.test,2024-01-02:second</guid><pubDate>Tue, 02 Jan 2024 10:00:00 +0000</pubDate><description>Two.</description></item>
</channel>
</rss>
`;

export const ATOM = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title type="text">Serve Test News</title>
<id>https://news.test/</id>
<updated>2024-01-03T10:00:00Z</updated>
<link rel="self" href="https://news.test/atom.xml"/>
<author><name>Desk</name></author>
<entry><title type="text">Third story</title><id>tag:news.test,2024-01-03:third</id><link rel="alternate" type="text/html" href="https://news.test/2024/01/03/third/"/><updated>2024-01-03T10:00:00Z</updated><summary type="text">Three.</summary></entry>
<entry><title type="text">Fourth story</title><id>tag:news.test,2024-01-04:fourth</id><link rel="alternate" type="text/html" href="https://news.test/2024/01/04/fourth/"/><updated>2024-01-04T10:00:00Z</updated><summary type="text">Four.</summary></entry>
</feed>
`;

export const JSON_FEED = JSON.stringify({
  version: 'https://jsonfeed.org/version/1.1',
  title: 'Serve Test News',
  home_page_url: 'https://news.test/',
  feed_url: 'https://news.test/feed.json',
  items: [{ id: 'tag:news.test,2024-01-01:first', url: 'https://news.test/2024/01/01/first/', title: 'First story', content_text: 'One.' }],
});

export const PAGE = '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Serve Test News</title></head><body><h1>Serve Test News</h1></body></html>\n';

export interface Fixture {
  /** Holds `out/` (the served folder) and `secret.txt` beside it. */
  base: string;
  out: string;
  cleanup(): Promise<void>;
}

export async function makeOutput(): Promise<Fixture> {
  const base = await mkdtemp(path.join(os.tmpdir(), 'wirefeed-serve-'));
  const out = path.join(base, 'out');
  await mkdir(path.join(out, '.wirefeed'), { recursive: true });
  await mkdir(path.join(out, 'archive'), { recursive: true });
  await mkdir(path.join(out, 'empty'), { recursive: true });
  await writeFile(path.join(out, 'rss.xml'), RSS);
  await writeFile(path.join(out, 'atom.xml'), ATOM);
  await writeFile(path.join(out, 'feed.json'), JSON_FEED);
  await writeFile(path.join(out, 'index.html'), PAGE);
  await writeFile(path.join(out, 'archive', 'index.html'), PAGE);
  await writeFile(path.join(out, '.wirefeed', 'ledger.json'), '{"secret":"ledger"}');
  await writeFile(path.join(out, '.env'), 'SECRET=dotfile');
  await writeFile(path.join(base, 'secret.txt'), 'SECRET outside the folder');
  return { base, out, cleanup: () => rm(base, { recursive: true, force: true }) };
}

/** Sends `text` as-is on a fresh connection and returns everything the server sent back. */
export function rawRequest(port: number, text: string | Buffer): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = net.connect(port, '127.0.0.1', () => socket.write(text));
    socket.on('data', (d) => chunks.push(d));
    // A server that refuses may reset the connection while we still write: what arrived counts.
    socket.on('error', () => resolve(Buffer.concat(chunks).toString('latin1')));
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
  });
}

export function statusOf(response: string): number {
  const m = /^HTTP\/1\.1 (\d{3})/.exec(response);
  return m ? Number(m[1]) : 0;
}
