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

function mediaRecord(m: MediaItem) {
  return {
    title: m.title === null ? null : clean(m.title),
    caption: m.caption === null ? null : clean(m.caption),
    credit: m.credit === null ? null : clean(m.credit),
    url: m.url === null ? null : clean(m.url),
    type: m.type === null ? null : clean(m.type),
    size: m.size ?? undefined,
    width: m.width ?? undefined,
    height: m.height ?? undefined,
  };
}

/** Pushes one item's JSON text onto the feed's parts. The body arrives already escaped as JSON (it
 *  is built that way with the XML forms, see html.ts), so its pieces are spliced in rather than
 *  stringified again: the same text JSON.stringify would write for the whole item, without
 *  copying and scanning the body twice. */
function item(a: Article, p: PreparedArticle, out: string[]): void {
  const withUrl = a.media.filter((m) => isWebUrl(m.url));
  const lead = withUrl.find((m) => !m.type || m.type.startsWith('image/'));
  // Attachments need a MIME type, so only photos whose type is known are listed.
  const attachments = withUrl
    .filter((m) => m.type)
    .map((m) => ({
      url: clean(m.url as string),
      mime_type: clean(m.type as string),
      title: opt(m.title ?? m.caption),
      size_in_bytes: m.size ?? undefined,
    }));
  const d = a.dateline;
  // Before the body: id, url and title are always there, so the object never prints as `{}`.
  const before = JSON.stringify({
    id: clean(a.id),
    url: clean(a.url),
    title: clean(a.headline),
    summary: opt(a.summary),
  });
  // content_html only: JSON Feed 1.1 asks for one or both, and a plain-text copy of the same
  // body would be a third of the file's bytes again for readers that already render HTML.
  const after = JSON.stringify({
    date_published: p.published3339,
    date_modified: p.updated3339,
    authors: a.byline.length ? a.byline.map(author) : undefined,
    tags: a.tags.some(Boolean) ? a.tags.filter(Boolean).map(clean) : undefined,
    language: clean(a.language),
    image: lead ? clean(lead.url as string) : undefined,
    attachments: attachments.length ? attachments : undefined,
    _wirefeed: {
      about: WIREFEED_EXTENSION_ABOUT,
      dateline: d
        ? { place: d.place === null ? null : clean(d.place), date: d.date === null ? null : clean(d.date), agency: d.agency === null ? null : clean(d.agency), raw: clean(d.raw) }
        : null,
      media: a.media.map(mediaRecord),
    },
  });
  out.push(before.slice(0, -1), ',"content_html":"');
  pushAll(out, p.bodyJson);
  out.push('",', after.slice(1));
}

export function renderJsonFeed(page: FeedPage): string {
  const { site } = page;
  const prepared = page.prepared ?? new PreparedArticles();
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
    item(page.articles[i], prepared.of(page.articles[i]), parts);
  }
  parts.push(']}\n');
  return parts.join('');
}
