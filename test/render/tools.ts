// Outside readers the render tests check our output with: xmllint, Python's feedparser, xml2js.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { parseStringPromise } from 'xml2js';

function which(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;
}

export const HAVE_XMLLINT = which('xmllint');
/** Debian's python3-feedparser loads under /usr/bin/python3, not whatever python3 is first on PATH. */
export const HAVE_FEEDPARSER =
  existsSync('/usr/bin/python3') && spawnSync('/usr/bin/python3', ['-c', 'import feedparser']).status === 0;

/** `xmllint --noout -` on the text; returns its complaints ('' when well-formed). */
export function xmllint(xml: string): { ok: boolean; stderr: string } {
  const r = spawnSync('xmllint', ['--noout', '-'], { input: xml, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { ok: r.status === 0, stderr: r.stderr };
}

export interface ParsedFeed {
  bozo: number;
  bozo_exception: string | null;
  version: string;
  feed: { title: string; link: string };
  entries: { title: string; link: string; id: string; author: string | null; published: number | null }[];
}

const FEEDPARSER_SCRIPT = `
import calendar, json, sys, feedparser
d = feedparser.parse(sys.stdin.buffer.read())
print(json.dumps({
  "bozo": int(d.bozo),
  "bozo_exception": str(d.get("bozo_exception")) if d.bozo else None,
  "version": d.version,
  "feed": {"title": d.feed.get("title"), "link": d.feed.get("link")},
  "entries": [{
    "title": e.get("title"), "link": e.get("link"), "id": e.get("id"), "author": e.get("author"),
    "published": calendar.timegm(e.published_parsed) if e.get("published_parsed") else None,
  } for e in d.entries],
}))
`;

export function feedparser(xml: string): ParsedFeed {
  const r = spawnSync('/usr/bin/python3', ['-c', FEEDPARSER_SCRIPT], {
    input: xml,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`feedparser failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as ParsedFeed;
}

/** xml2js with nothing trimmed or normalised, so text compares exactly. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function parseXml(xml: string): Promise<any> {
  return parseStringPromise(xml, { trim: false, normalize: false, explicitArray: true, strict: true });
}

/** Text of an xml2js node: plain string, or `_` when the element had attributes. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function text(node: any): string {
  if (node === undefined) return '';
  if (typeof node === 'string') return node;
  return node._ ?? '';
}
