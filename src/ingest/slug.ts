// Slugs, article URLs and RFC 4151 tag ids: the names an article keeps for life.
import { memo } from './dates.js';
import { isUtcZone, readRfc3339, utcDay } from './instants.js';
import { luxon } from './luxon.js';

const MAX_SLUG = 80;
const ASCII = /^[\x00-\x7f]*$/;

/**
 * `Trump, Putin Release Joint Statement on Syria` → `trump-putin-release-joint-statement-on-syria`.
 * Accents are folded to ASCII, apostrophes vanish (`Putin’s` → `putins`), anything else that is
 * not a letter or digit separates words. Cut at a word boundary. Empty when nothing Latin is left
 * (a Japanese headline): the caller then picks a fallback.
 */
export function slugify(text: string): string {
  // ASCII is its own decomposition and holds none of the letters folded here.
  const folded = ASCII.test(text)
    ? text
    : text
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/ß/g, 'ss')
        .replace(/[æÆ]/g, 'ae')
        .replace(/[øØ]/g, 'o')
        .replace(/[łŁ]/g, 'l');
  // The words (runs of a-z0-9) joined by dashes: each run of anything else is one dash.
  const dashed = folded.toLowerCase().replace(/['’‘`]/g, '').replace(/[^a-z0-9]+/g, '-');
  const from = dashed.charCodeAt(0) === 0x2d ? 1 : 0;
  const to = dashed.length > from && dashed.charCodeAt(dashed.length - 1) === 0x2d ? dashed.length - 1 : dashed.length;
  const words = from === 0 && to === dashed.length ? dashed : dashed.slice(from, to);
  if (words.length <= MAX_SLUG) return words;
  // As many whole words as fit; the first word alone, cut, when even it does not.
  if (words.charCodeAt(MAX_SLUG) === 0x2d) return words.slice(0, MAX_SLUG);
  const cut = words.lastIndexOf('-', MAX_SLUG);
  return words.slice(0, cut > 0 ? cut : MAX_SLUG);
}

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** site.url + `YYYY/MM/DD/slug/`, the date read in the site's zone. */
export function articleUrl(siteUrl: string, published: string, slug: string, timezone: string): string {
  const base = siteUrl.endsWith('/') ? siteUrl : siteUrl + '/';
  // `yyyy/MM/dd` is the ISO day's digits when the year has four.
  const quick = utcDayOf(published, timezone);
  const path =
    quick !== null
      ? lastDay.path
      : urlDays(`${published}\n${timezone}`, () => luxon().DateTime.fromISO(published, { setZone: true }).setZone(timezone).toFormat('yyyy/MM/dd'));
  return `${base}${path}/${slug}/`;
}
const urlDays = memo<string>();

/** A publication time's UTC day, and the day as an url's path (`2017/11/11`). */
interface UtcDay {
  published: string | null;
  day: string | null;
  path: string;
}

/**
 * The UTC day of an RFC 3339 timestamp when the site's zone is UTC; null leaves it to luxon. Its
 * path is lastDay.path after the call.
 */
function utcDayOf(published: string, timezone: string): string | null {
  if (!isUtcZone(timezone)) return null;
  // The id and the url of every article ask in turn, and a run's articles share a few publication times.
  if (published !== lastDay.published) {
    let known = utcDays.get(published);
    if (known === undefined) {
      const t = readRfc3339(published);
      const day = t && utcDay(t.ms);
      known = { published, day, path: day === null ? '' : day.replaceAll('-', '/') };
      if (utcDays.size >= 4096) utcDays.clear();
      utcDays.set(published, known);
    }
    lastDay = known;
  }
  return lastDay.day;
}
const utcDays = new Map<string, UtcDay>();
let lastDay: UtcDay = { published: null, day: null, path: '' };

/**
 * RFC 4151 tag URI: `tag:news.example.com,2017-11-11:slug`. The authority is the site's host, the
 * date is the first-publish day in the site's zone, so the id never depends on the server's zone.
 */
export function mintTagId(siteUrl: string, published: string, slug: string, timezone: string): string {
  if (siteUrl !== lastHost.siteUrl) lastHost = { siteUrl, host: hosts(siteUrl, () => new URL(siteUrl).hostname.toLowerCase()) };
  const host = lastHost.host;
  const day = utcDayOf(published, timezone) ?? idDays(`${published}\n${timezone}`, () => luxon().DateTime.fromISO(published, { setZone: true }).setZone(timezone).toISODate());
  return `tag:${host},${day}:${slug}`;
}
// Each run mints ids and urls from a few hundred publication times and one site: remembered.
const hosts = memo<string>(16);
/** A run has one site: its host, without a key to look up. */
let lastHost: { siteUrl: string | null; host: string } = { siteUrl: null, host: '' };
const idDays = memo<string | null>();
