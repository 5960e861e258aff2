// Articles and readers for the archive tests: articles an hour apart (so "newest" is plain), and
// each format's documents read back with xml2js / JSON.parse — not with the chain checker under
// test — into what a reader would see: the item ids and the archive links.
import { createHash } from 'node:crypto';
import { parseStringPromise } from 'xml2js';
import type { Article, Site } from '../../src/model/index.js';

export function site(over: Partial<Site> = {}): Site {
  return {
    title: 'Archive Wire',
    url: 'https://wire.example.org/',
    description: 'Stories for the archive tests.',
    language: 'en',
    author: { name: 'Archive Desk', email: 'desk@wire.example.org' },
    icon: null,
    timezone: 'UTC',
    feedBaseUrl: 'https://wire.example.org/feeds/',
    itemLimit: 50,
    hubs: [],
    copyright: null,
    ...over,
  };
}

const START = Date.parse('2020-01-01T00:00:00Z');

/** Article number n, published n hours after the start; `bodyBytes` pads the body to about that size. */
export function article(n: number, opts: { bodyBytes?: number; edit?: number } = {}): Article {
  const published = new Date(START + n * 3_600_000).toISOString().replace('.000Z', 'Z');
  const paragraphs = [`The harbour council approved budget number ${n} after a long debate.`, `Officials said item ${n} followed months of talks.`];
  if (opts.edit) paragraphs.push(`Correction ${opts.edit}: an earlier version misstated the vote.`);
  if (opts.bodyBytes) {
    const filler = 'Residents crowded the hall as engineers explained the repairs to the flood walls. ';
    while (paragraphs.join('').length < opts.bodyBytes) paragraphs.push(filler.repeat(40).trim());
  }
  const updated = opts.edit ? new Date(START + (100_000 + opts.edit) * 3_600_000).toISOString().replace('.000Z', 'Z') : published;
  const source = `${n}\n${paragraphs.join('\n')}`;
  return {
    id: `tag:wire.example.org,2020:story-${n}`,
    slug: `story-${n}`,
    url: `https://wire.example.org/stories/${n}/`,
    headline: `Council approves budget number ${n}`,
    dateline: { place: 'OSLO', date: null, agency: 'Reuters', raw: 'OSLO (Reuters) —' },
    byline: [{ name: 'Ana Ruiz' }],
    published,
    updated,
    summary: `Budget number ${n} passed.`,
    body: paragraphs,
    media: [{ title: 'The council hall', caption: 'Members vote on the budget.', credit: 'Tom Okafor/Reuters', url: null, type: null }],
    tags: ['council'],
    language: 'en',
    source: { path: `articles/story-${n}.txt`, sha256: createHash('sha256').update(source).digest('hex') },
  };
}

export function articles(count: number, opts: { bodyBytes?: number } = {}): Article[] {
  return Array.from({ length: count }, (_, n) => article(n, opts));
}

/** What a reader takes from one document: its item ids and its archive links. */
export interface ReadBack {
  ids: string[];
  self?: string;
  current?: string;
  prevArchive?: string;
  nextArchive?: string;
  nextUrl?: string;
  archive: boolean;
}

type XmlNode = { $?: Record<string, string>; _?: string } & Record<string, unknown>;

function links(nodes: XmlNode[] | undefined, into: ReadBack): void {
  for (const l of nodes ?? []) {
    const rel = l.$?.rel ?? 'alternate';
    const href = l.$?.href;
    if (rel === 'self') into.self = href;
    if (rel === 'current') into.current = href;
    if (rel === 'prev-archive') into.prevArchive = href;
    if (rel === 'next-archive') into.nextArchive = href;
  }
}

const textOf = (n: unknown): string => (typeof n === 'string' ? n : String((n as XmlNode)._ ?? ''));

export async function readBack(name: string, text: string): Promise<ReadBack> {
  if (name.endsWith('.json')) {
    const doc = JSON.parse(text) as { feed_url?: string; next_url?: string; items: { id: string }[] };
    return { ids: doc.items.map((i) => i.id), self: doc.feed_url, nextUrl: doc.next_url, archive: false };
  }
  const doc = await parseStringPromise(text);
  if (doc.rss) {
    const ch = doc.rss.channel[0] as Record<string, XmlNode[]>;
    const out: ReadBack = { ids: (ch.item ?? []).map((i) => textOf((i as Record<string, unknown[]>).guid[0])), archive: 'fh:archive' in ch };
    links(ch['atom:link'], out);
    return out;
  }
  const feed = doc.feed as Record<string, XmlNode[]>;
  const out: ReadBack = { ids: (feed.entry ?? []).map((e) => textOf((e as Record<string, unknown[]>).id[0])), archive: 'fh:archive' in feed };
  links(feed.link, out);
  return out;
}
