// JSON Feed 1.1 (https://jsonfeed.org/version/1.1). What the format has no field for (the dateline,
// photo captions and credits) travels in one `_wirefeed` extension object per item.
// Strings lose the same characters the XML formats must drop, so all three feeds say the same thing.
import type { Article, MediaItem, Person } from '../model/index.js';
import { isWebUrl } from './html.js';
import type { FeedPage } from './index.js';
import { PreparedArticles, pushAll, type PreparedArticle } from './prepared.js';
import { stripInvalidXmlChars as clean } from './xml.js';

export const JSON_FEED_VERSION = 'https://jsonfeed.org/version/1.1';
/** Where the `_wirefeed` extension is described (JSON Feed asks each extension for an `about` URL). */
export const WIREFEED_EXTENSION_ABOUT = 'https://www.npmjs.com/package/wirefeed#json-feed-extension';

const opt = (s: string | null | undefined): string | undefined => (s ? clean(s) : undefined);

interface JsonAuthor {
  name: string;
  url?: string;
}

function author(p: Person): JsonAuthor {
  // JSON Feed authors have no e-mail field; its spec allows a mailto: URL instead.
  const url = p.url ? p.url : p.email ? `mailto:${p.email}` : undefined;
  return { name: clean(p.name), url: opt(url) };
}

// Items are written as text rather than built as objects for JSON.stringify: the same bytes, without
// some twenty objects an item and a second walk over them. Every string still gets JSON.stringify's
// own escaping whenever it has anything to escape (see str).

/** Characters JSON escapes, and those XML cannot carry (dropped in all three formats alike). */
const JSON_NEEDS_WORK = /[\x00-\x1f"\\\ud800-\udfff\ufffe\uffff]/;

/** JSON.stringify(clean(s)); a string with nothing to escape or drop is quoted as it is, which is
 *  what JSON.stringify would write. */
function str(s: string): string {
  return JSON_NEEDS_WORK.test(s) ? JSON.stringify(clean(s)) : `"${s}"`;
}

/** `,"name":value` as JSON.stringify writes an object member: left out when undefined. */
function member(name: string, value: string | null | undefined): string {
  return value === undefined ? '' : value === null ? `,"${name}":null` : `,"${name}":${str(value)}`;
}

/** A number member; null leaves it out too (the model's `size ?? undefined`). */
function numberMember(name: string, value: number | null | undefined): string {
  return value === null || value === undefined ? '' : `,"${name}":${JSON.stringify(value)}`;
}

/** An object from its members (each written with its leading comma). */
const object = (members: string): string => `{${members.slice(1)}}`;

function authorJson(p: Person): string {
  // JSON Feed authors have no e-mail field; its spec allows a mailto: URL instead.
  const url = p.url ? p.url : p.email ? `mailto:${p.email}` : undefined;
  return object(member('name', p.name) + member('url', url || undefined));
}

function mediaJson(m: MediaItem): string {
  return object(
    member('title', m.title) +
      member('caption', m.caption) +
      member('credit', m.credit) +
      member('url', m.url) +
      member('type', m.type) +
      numberMember('size', m.size) +
      numberMember('width', m.width) +
      numberMember('height', m.height),
  );
}

/** Pushes one item's JSON text onto the feed's parts. The body arrives already escaped as JSON (it
 *  is built that way with the XML forms, see html.ts), so its pieces are spliced in. */
function item(a: Article, p: PreparedArticle, out: string[]): void {
  const head = member('id', a.id) + member('url', a.url) + member('title', a.headline) + member('summary', a.summary || undefined);
  // content_html only: JSON Feed 1.1 asks for one or both, and a plain-text copy of the same
  // body would be a third of the file's bytes again for readers that already render HTML.
  out.push(`{${head.slice(1)}${head ? ',' : ''}"content_html":"`);
  pushAll(out, p.bodyJson);
  let rest = `","date_published":${str(p.published3339)},"date_modified":${str(p.updated3339)}`;
  if (a.byline.length) rest += `,"authors":[${a.byline.map(authorJson).join(',')}]`;
  if (a.tags.some(Boolean)) rest += `,"tags":[${a.tags.filter(Boolean).map(str).join(',')}]`;
  rest += member('language', a.language);
  const withUrl = a.media.filter((m) => isWebUrl(m.url));
  const lead = withUrl.find((m) => !m.type || m.type.startsWith('image/'));
  if (lead) rest += member('image', lead.url);
  // Attachments need a MIME type, so only photos whose type is known are listed.
  const attachments = withUrl.filter((m) => m.type);
  if (attachments.length) {
    const list = attachments.map((m) =>
      object(member('url', m.url) + member('mime_type', m.type) + member('title', (m.title ?? m.caption) || undefined) + numberMember('size_in_bytes', m.size)),
    );
    rest += `,"attachments":[${list.join(',')}]`;
  }
  const d = a.dateline;
  const dateline = d ? object(member('place', d.place) + member('date', d.date) + member('agency', d.agency) + member('raw', d.raw)) : 'null';
  rest += `,"_wirefeed":{"about":${str(WIREFEED_EXTENSION_ABOUT)},"dateline":${dateline},"media":[${a.media.map(mediaJson).join(',')}]}}`;
  out.push(rest);
}

export function renderJsonFeed(page: FeedPage): string {
  const { site } = page;
  const prepared = (page.prepared ?? new PreparedArticles()).ofAll(page.articles);
  const feed = {
    version: JSON_FEED_VERSION,
    title: clean(site.title),
    home_page_url: clean(site.url),
    feed_url: clean(page.selfUrl),
    description: clean(site.description),
    icon: opt(site.icon),
    language: clean(site.language),
    authors: site.author ? [author(site.author)] : undefined,
    hubs: site.hubs.length ? site.hubs.map((url) => ({ type: 'WebSub', url: clean(url) })) : undefined,
    next_url: opt(page.nextUrl),
  };
  // Compact: feeds are read by programs; indenting 10,000 items costs ~12% more bytes.
  // `items` is the last member: the feed's own members, then the items joined once.
  const parts = [JSON.stringify(feed).slice(0, -1), ',"items":['];
  for (let i = 0; i < page.articles.length; i++) {
    if (i > 0) parts.push(',');
    item(page.articles[i], prepared[i], parts);
  }
  parts.push(']}\n');
  return parts.join('');
}
