// From what an input said (front matter / JSON fields + the classified text) to the canonical
// Article: names (slug, url, id), dates and their origin, summary, media with their urls.
// Shared by every input kind so they cannot drift apart.
import crypto from 'node:crypto';
import type { Article, Dateline, Diagnostic, MediaItem, Person, Site } from '../model/index.js';
import type { ClassifiedBody, PhotoBlock } from './blocks.js';
import type { DatelineParts } from './dateline.js';
import { diag, WARN } from './diagnostics.js';
import { dayIn, resolveDatelineDay, rfc3339Of, rfc3339In, type Instant } from './dates.js';
import { readRfc3339 } from './instants.js';
import { luxon } from './luxon.js';
import type { FrontMatterMedia } from './frontmatter.js';
import { articleUrl, mintTagId, slugify } from './slug.js';

/** Everything an input kind hands over, on top of what the text's blocks gave. */
export interface Authored extends Omit<ClassifiedBody, 'dateline'> {
  headline: string;
  id?: string;
  slug?: string;
  url?: string;
  date?: Instant;
  updated?: Instant;
  authors?: Person[];
  tags?: string[];
  language?: string;
  summary?: string | null;
  /** Front matter media entries, matched in order to the photo blocks. */
  mediaSettings?: FrontMatterMedia[];
  dateline: Omit<DatelineParts, 'when'> | null;
  datelineWhen: DatelineParts['when'];
}

export interface Origin {
  id: 'frontmatter' | 'minted';
  published: 'frontmatter' | 'dateline' | 'firstSeen';
  updated: 'frontmatter' | 'published';
}

/** How long a summary taken from the first paragraph may be. */
const SUMMARY_CHARS = 300;

/** crypto.hash (Node 20.12+) hashes in one call, without a Hash object; older Nodes make one. */
const oneShot = (crypto as { hash?: (algorithm: string, data: Uint8Array, encoding: 'hex') => string }).hash;

export function sha256Hex(bytes: Uint8Array): string {
  return oneShot ? oneShot('sha256', bytes, 'hex') : crypto.createHash('sha256').update(bytes).digest('hex');
}

export function assemble(
  a: Authored,
  ctx: { site: Site; firstSeen: Instant; path: string; sha256: string },
): { article: Article; origin: Origin; warnings: Diagnostic[] } {
  const { site } = ctx;
  const zone = site.timezone;
  const warnings: Diagnostic[] = [];

  // Dates: front matter > the dateline's date > first sight.
  const reference = a.date ?? ctx.firstSeen;
  const datelineDay = a.datelineWhen ? resolveDatelineDay(a.datelineWhen.month, a.datelineWhen.day, a.datelineWhen.year, reference, zone) : null;
  let published: string;
  let publishedOrigin: Origin['published'];
  if (a.date) {
    published = rfc3339Of(a.date);
    publishedOrigin = 'frontmatter';
  } else if (datelineDay) {
    // The dateline gives the day; the hour is the first sight's when it is the same day.
    published = dayIn(ctx.firstSeen, zone) === datelineDay.day ? rfc3339In(ctx.firstSeen, zone) : datelineDay.midnight;
    publishedOrigin = 'dateline';
  } else {
    published = rfc3339In(ctx.firstSeen, zone);
    publishedOrigin = 'firstSeen';
  }
  let updated = published;
  let updatedOrigin: Origin['updated'] = 'published';
  if (a.updated) {
    const publishedMs = readRfc3339(published)?.ms ?? luxon().DateTime.fromISO(published, { setZone: true }).toMillis();
    if (a.updated.ms < publishedMs) {
      warnings.push(diag(WARN.UpdatedBeforePublished, ctx.path, `updated (${rfc3339Of(a.updated)}) is before the publication date; using the publication date`));
    } else {
      updated = rfc3339Of(a.updated);
      updatedOrigin = 'frontmatter';
    }
  }

  const slug = own(a.slug ?? (slugify(a.headline) || `article-${ctx.sha256.slice(0, 12)}`));
  // Minted from the copied slug, the site's url and a day, an id or url shares nothing with the text.
  const id = a.id != null ? own(a.id) : mintTagId(site.url, published, slug, zone);
  const url = a.url != null ? own(a.url) : articleUrl(site.url, published, slug, zone);

  const dateline: Dateline | null = a.dateline
    ? { place: ownOrNull(a.dateline.place), date: datelineDay ? datelineDay.day : null, agency: ownOrNull(a.dateline.agency), raw: own(a.dateline.raw) }
    : null;

  if (a.body.length === 0) warnings.push(diag(WARN.EmptyBody, ctx.path, 'the article has a headline but no body paragraphs'));

  // The fields a run keeps of every article (see own) are copied off the text they were cut from.
  const article: Article = {
    id,
    slug,
    url,
    headline: own(a.headline),
    dateline,
    byline: (a.authors ?? a.byline).map(ownPerson),
    published,
    updated,
    summary: ownOrNull(a.summary ?? a.dek ?? (a.body[0] ? summarize(a.body[0]) : null)),
    body: a.body,
    media: mergeMedia(a.media, a.mediaSettings ?? [], ctx.path, warnings),
    tags: (a.tags ?? []).map(own),
    language: own(a.language ?? site.language),
    notes: a.notes,
    headings: a.headings,
    source: { path: ctx.path, sha256: ctx.sha256 },
  };
  return {
    article,
    origin: { id: a.id ? 'frontmatter' : 'minted', published: publishedOrigin, updated: updatedOrigin },
    warnings,
  };
}

/**
 * A copy of `s` that shares no memory with the text it was cut from. V8 makes a substring of 13 or
 * more characters a view of its parent, so a headline kept for the feeds would keep the whole
 * article text alive; joining one character on and cutting it off again makes a string of its own
 * (a short string is always one). For the fields a publish run keeps of every article — all of
 * them but body, media, notes and headings — so it need not copy them itself.
 */
function own(s: string): string {
  return s.length < 13 ? s : (s + ' ').slice(0, -1);
}

function ownOrNull(s: string | null): string | null {
  return s === null ? null : own(s);
}

function ownPerson(p: Person): Person {
  const q = { ...p, name: own(p.name) };
  if (typeof q.role === 'string') q.role = own(q.role);
  if (typeof q.email === 'string') q.email = own(q.email);
  if (typeof q.url === 'string') q.url = own(q.url);
  return q;
}

/** The first paragraph, or its first sentences when it is long. */
export function summarize(paragraph: string): string {
  if (paragraph.length <= SUMMARY_CHARS) return paragraph;
  const head = paragraph.slice(0, SUMMARY_CHARS);
  const sentence = /^(.*[.!?…]["”’]?)\s/s.exec(head);
  if (sentence && sentence[1].length >= SUMMARY_CHARS / 3) return sentence[1];
  return head.replace(/\s+\S*$/, '') + '…';
}

/** Photo blocks in order, each given the url/type/size of the front matter entry at its index. */
function mergeMedia(blocks: PhotoBlock[], settings: FrontMatterMedia[], path: string, warnings: Diagnostic[]): MediaItem[] {
  const out: MediaItem[] = [];
  const n = Math.max(blocks.length, settings.length);
  for (let i = 0; i < n; i++) {
    const b = blocks[i];
    const s = settings[i];
    if (!b && s && !s.url) {
      warnings.push(diag(WARN.ExtraMedia, path, `media[${i}] matches no photo block and has no url: ignored`));
      continue;
    }
    const item: MediaItem = {
      title: s?.title ?? b?.title ?? null,
      caption: s?.caption ?? b?.caption ?? null,
      credit: s?.credit ?? b?.credit ?? null,
      url: s?.url ?? null,
      type: s?.type ?? null,
    };
    if (s?.size != null) item.size = s.size;
    if (s?.width != null) item.width = s.width;
    if (s?.height != null) item.height = s.height;
    if (b?.before !== undefined) item.before = b.before;
    out.push(item);
  }
  return out;
}
