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
  return JSON_NEEDS_WORK.test(s) ? JSON.stringify(clean(s)) : '"' + s + '"';
}

/**
 * The members of one JSON object as JSON.stringify writes them (a member whose value is undefined
 * is left out), appended to `text`: `open` starts the object, `close` ends it.
 */
class Members {
  text = '';
  private first = true;

  open(): this {
    this.first = true;
    this.text += '{';
    return this;
  }

  /** `"name":` (with the comma before it unless first); `key` is the quoted name and colon. */
  private key(key: string): void {
    this.text += this.first ? key : ',' + key;
    this.first = false;
  }

  string(key: string, value: string | null | undefined): this {
    if (value === undefined) return this;
    this.key(key);
    this.text += value === null ? 'null' : str(value);
    return this;
  }

  /** A string member known to need no escaping (`plain`), or looked at as string() does. */
  plain(key: string, value: string, plain: boolean): this {
    if (!plain) return this.string(key, value);
    this.key(key);
    this.text += '"' + value + '"';
    return this;
  }

  /** A number member; null leaves it out too (the model's `size ?? undefined`). */
  number(key: string, value: number | null | undefined): this {
    if (value === null || value === undefined) return this;
    this.key(key);
    this.text += JSON.stringify(value);
    return this;
  }

  /** A member whose value the caller appends next. */
  raw(key: string): this {
    this.key(key);
    return this;
  }

  close(): this {
    this.text += '}';
    return this;
  }
}

function authorJson(p: Person): string {
  // JSON Feed authors have no e-mail field; its spec allows a mailto: URL instead.
  const url = p.url ? p.url : p.email ? `mailto:${p.email}` : undefined;
  return new Members().open().string('"name":', p.name).string('"url":', url || undefined).close().text;
}

function mediaJson(x: MediaItem): string {
  return new Members()
    .open()
    .string('"title":', x.title)
    .string('"caption":', x.caption)
    .string('"credit":', x.credit)
    .string('"url":', x.url)
    .string('"type":', x.type)
    .number('"size":', x.size)
    .number('"width":', x.width)
    .number('"height":', x.height)
    .close().text;
}

const isLead = (m: MediaItem): boolean => !m.type || m.type.startsWith('image/');
const EXTENSION_HEAD = `,"_wirefeed":{"about":${JSON.stringify(WIREFEED_EXTENSION_ABOUT)},"dateline":`;

/** Pushes one item onto the feed's parts: its JSON text before content_html's body, the body's
 *  pieces (built already escaped as JSON with the XML forms, see html.ts), its text after. */
function item(a: Article, p: PreparedArticle, out: string[]): void {
  const m = new Members().open().plain('"id":', a.id, p.plainId).plain('"url":', a.url, p.plainUrl).plain('"title":', a.headline, p.plainTitle);
  if (a.summary) m.plain('"summary":', a.summary, p.plainSummary);
  // content_html only: JSON Feed 1.1 asks for one or both, and a plain-text copy of the same
  // body would be a third of the file's bytes again for readers that already render HTML.
  m.raw('"content_html":');
  out.push(m.text + '"');
  pushAll(out, p.bodyJson);
  m.text = '"';
  // (Our own RFC 3339 text: digits and `-:.TZ+`, nothing to escape.)
  m.plain('"date_published":', p.published3339, true).plain('"date_modified":', p.updated3339, true);
  let s = m.text;
  if (a.byline.length) {
    s += ',"authors":[';
    for (let i = 0; i < a.byline.length; i++) s += (i > 0 ? ',' : '') + authorJson(a.byline[i]);
    s += ']';
  }
  let tags = 0;
  for (const t of a.tags) if (t) s += (tags++ === 0 ? ',"tags":[' : ',') + str(t);
  if (tags) s += ']';
  m.text = s;
  m.string('"language":', a.language);
  let lead: MediaItem | null = null;
  for (const x of a.media) if (isWebUrl(x.url) && !lead && isLead(x)) lead = x;
  if (lead) m.string('"image":', lead.url);
  s = m.text;
  // Attachments need a MIME type, so only photos whose type is known are listed.
  let attachments = 0;
  for (const x of a.media) {
    if (!isWebUrl(x.url) || !x.type) continue;
    s += attachments++ === 0 ? ',"attachments":[' : ',';
    s += new Members()
      .open()
      .string('"url":', x.url)
      .string('"mime_type":', x.type)
      .string('"title":', (x.title ?? x.caption) || undefined)
      .number('"size_in_bytes":', x.size)
      .close().text;
  }
  if (attachments) s += ']';
  s += EXTENSION_HEAD;
  const d = a.dateline;
  s += d ? new Members().open().string('"place":', d.place).string('"date":', d.date).string('"agency":', d.agency).string('"raw":', d.raw).close().text : 'null';
  s += ',"media":[';
  for (let i = 0; i < a.media.length; i++) s += (i > 0 ? ',' : '') + mediaJson(a.media[i]);
  out.push(s + ']}}');
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
