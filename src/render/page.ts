// index.html: the page people open in a browser. The site's title, the latest articles (headline,
// dateline, date, byline, summary, photos with captions and credits), autodiscovery links for the
// three feeds and subscribe links with a word on how to use them. No JavaScript, no XSLT; the CSS
// is inline and fits a phone and a desktop. Every piece of text goes through render/xml.ts, the
// same escaping as the feeds, and void elements are closed (`<meta/>`), so the page is also
// well-formed XML: one hostile headline can't break it for any parser.
import { createHash } from 'node:crypto';
import type { Article, Person, Site } from '../model/index.js';
import { figureHtml, isWebUrl } from './html.js';
import { sortNewestFirst } from './index.js';
import { escapeAttr, escapeText } from './xml.js';

/**
 * URLs of the three feeds, normally absolute. The page is published beside the feeds, so links to
 * feeds under `site.feedBaseUrl` are written relative to it: they then work wherever the folder is
 * served (a local `wirefeed serve` as well as the public site), while the address shown for
 * copying and the `feed:` link keep the public URL. Relative URLs are taken as they are (no `feed:` link).
 */
export interface PageFeeds {
  rss: string;
  atom: string;
  json: string;
}

const FORMATS = [
  { key: 'rss', name: 'RSS 2.0', type: 'application/rss+xml', note: 'works in every feed reader' },
  { key: 'atom', name: 'Atom 1.0', type: 'application/atom+xml', note: 'works in every feed reader' },
  { key: 'json', name: 'JSON Feed 1.1', type: 'application/feed+json', note: 'for readers that support JSON Feed' },
] as const;

const CSS = `
:root{color-scheme:light dark;--fg:#1d1d1f;--muted:#5f6368;--bg:#fff;--rule:#d9d9de;--accent:#b3261e;--box:#f5f5f7}
@media (prefers-color-scheme:dark){:root{--fg:#ececf0;--muted:#a6a6ad;--bg:#141416;--rule:#3a3a40;--accent:#ff8a80;--box:#1f1f23}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:1.0625rem/1.55 Georgia,"Times New Roman",serif}
.wrap{max-width:46rem;margin:0 auto;padding:1rem 1.125rem 3rem}
header.site{border-bottom:3px double var(--rule);margin-bottom:1.5rem}
header.site h1{font-size:clamp(1.75rem,6vw,2.5rem);margin:.5rem 0 .25rem;line-height:1.15}
header.site h1 a{color:inherit;text-decoration:none}
header.site p{margin:0 0 .5rem;color:var(--muted)}
header.site .follow{font:.875rem/1.4 system-ui,sans-serif;margin-bottom:1rem}
article{padding:0 0 1.5rem;margin:0 0 1.5rem;border-bottom:1px solid var(--rule)}
article h2{font-size:clamp(1.25rem,4.5vw,1.6rem);line-height:1.2;margin:0 0 .4rem}
article h2 a{color:inherit;text-decoration:none}
article h2 a:hover,article h2 a:focus{text-decoration:underline}
.meta{font:.875rem/1.4 system-ui,sans-serif;color:var(--muted);margin:0 0 .6rem}
.meta .dateline{color:var(--accent);font-weight:600}
.meta>*+*::before{content:"\\00B7";margin:0 .4em;color:var(--muted);font-weight:400}
.summary{margin:0 0 .75rem}
figure{margin:1rem 0}
figure img,figure video{display:block;max-width:100%;height:auto}
figcaption{font:.875rem/1.45 system-ui,sans-serif;color:var(--muted);margin-top:.35rem}
figcaption .credit{display:block;font-size:.75rem;letter-spacing:.02em;margin-top:.15rem}
.subscribe{background:var(--box);border-radius:.5rem;padding:1rem 1.125rem;font:.9375rem/1.5 system-ui,sans-serif}
.subscribe h2{font-size:1.125rem;margin:0 0 .5rem}
.subscribe ul{list-style:none;padding:0;margin:.75rem 0}
.subscribe li{margin:.5rem 0;display:flex;flex-wrap:wrap;gap:.25rem .75rem;align-items:baseline}
.subscribe .format{font-weight:600;min-width:8.5rem}
.subscribe code{font-size:.8125rem;word-break:break-all}
.subscribe small{color:var(--muted)}
a{color:var(--accent)}
footer{margin-top:2rem;font:.8125rem/1.4 system-ui,sans-serif;color:var(--muted)}
`;

/** Changes whenever the page's markup changes: keys made before then never match. */
const PAGE_KEY_VERSION = 'wirefeed-page-1';

/** What the page shows of an article: everything articleBlock reads, and nothing else. */
type Shown = ReturnType<typeof shownOf>;

function shownOf(a: Article) {
  const d = a.dateline;
  return {
    language: a.language,
    headline: a.headline,
    url: a.url,
    dateline: d ? { place: d.place, agency: d.agency, raw: d.raw } : null,
    published: a.published,
    byline: a.byline,
    summary: a.summary ?? a.body[0] ?? null,
    media: a.media,
  };
}

/**
 * Same key ⇒ same page: a hash of the site, the feeds' links and what the page shows of each of
 * its articles. A correction further down a story (or to its date of update) leaves the page as
 * it was, so a publisher that remembers the key need not make the page, or its copies, again.
 */
export function indexPageKey(site: Site, articles: Article[], feeds: PageFeeds): string {
  const shown = sortNewestFirst(articles).slice(0, site.itemLimit).map(shownOf);
  return createHash('sha256').update(JSON.stringify([PAGE_KEY_VERSION, site, feeds, shown])).digest('hex');
}

/** The page for `site` and its articles (newest `site.itemLimit` shown). Pure: the same input gives the same bytes. */
export function renderIndexPage(site: Site, articles: Article[], feeds: PageFeeds): string {
  const newest = sortNewestFirst(articles).slice(0, site.itemLimit).map(shownOf);
  const alternates = FORMATS.map((f) => {
    const href = besideThePage(safeHref(feeds[f.key]), site);
    return href ? `<link rel="alternate" type="${f.type}" title="${escapeAttr(`${site.title} (${f.name})`)}" href="${escapeAttr(href)}"/>` : '';
  }).filter(Boolean);
  const homeHref = safeHref(site.url);
  const title = escapeText(site.title);
  const icon = isWebUrl(site.icon) ? [`<link rel="icon" href="${escapeAttr(site.icon)}"/>`] : [];
  const lines = [
    '<!DOCTYPE html>',
    `<html lang="${escapeAttr(site.language)}">`,
    '<head>',
    '<meta charset="utf-8"/>',
    '<meta name="viewport" content="width=device-width, initial-scale=1"/>',
    `<title>${title}</title>`,
    `<meta name="description" content="${escapeAttr(site.description)}"/>`,
    ...alternates,
    ...icon,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    '<div class="wrap">',
    '<header class="site">',
    `<h1>${homeHref ? `<a href="${escapeAttr(homeHref)}">${title}</a>` : title}</h1>`,
    `<p>${escapeText(site.description)}</p>`,
    '<p class="follow"><a href="#subscribe">Follow in a feed reader</a></p>',
    '</header>',
    '<main>',
    ...(newest.length ? newest.map((a) => articleBlock(a, site)) : ['<p>No articles yet.</p>']),
    '</main>',
    subscribeBlock(site, feeds),
    site.copyright ? `<footer><p>${escapeText(site.copyright)}</p></footer>` : '',
    '</div>',
    '</body>',
    '</html>',
    '',
  ];
  return lines.filter((l) => l !== '').join('\n') + '\n';
}

function articleBlock(a: Shown, site: Site): string {
  const lang = a.language && a.language !== site.language ? ` lang="${escapeAttr(a.language)}"` : '';
  const headline = escapeText(a.headline);
  const href = safeHref(a.url);
  const meta: string[] = [];
  const place = datelineText(a);
  if (place) meta.push(`<span class="dateline">${escapeText(place)}</span>`);
  meta.push(`<time datetime="${escapeAttr(a.published)}">${escapeText(displayDate(a.published, site))}</time>`);
  if (a.byline.length) meta.push(`<span class="byline">${escapeText(bylineText(a.byline, site.language))}</span>`);
  const summary = a.summary;
  const figures = a.media.map(figureHtml).filter(Boolean);
  return [
    `<article${lang}>`,
    `<h2>${href ? `<a href="${escapeAttr(href)}">${headline}</a>` : headline}</h2>`,
    `<p class="meta">${meta.join('')}</p>`,
    summary ? `<p class="summary">${escapeText(summary)}</p>` : '',
    ...figures,
    '</article>',
  ]
    .filter(Boolean)
    .join('\n');
}

function subscribeBlock(site: Site, feeds: PageFeeds): string {
  const items = FORMATS.flatMap((f) => {
    const url = safeHref(feeds[f.key]);
    if (!url) return [];
    const href = besideThePage(url, site);
    // feed: asks the system to hand the address to the reader registered for it.
    const open = isWebUrl(url) ? ` <a href="${escapeAttr('feed:' + url)}" type="${f.type}">open in your reader</a>` : '';
    return [
      `<li><span class="format">${escapeText(f.name)}</span>` +
        `<a href="${escapeAttr(href!)}" type="${f.type}"><code>${escapeText(url)}</code></a>${open}` +
        ` <small>${escapeText(f.note)}</small></li>`,
    ];
  });
  return [
    '<section class="subscribe" id="subscribe">',
    '<h2>Follow in a feed reader</h2>',
    `<p>Copy one of these addresses into your feed reader to get every new story from ${escapeText(site.title)} as it is published. ` +
      'Readers that registered for <code>feed:</code> links take the “open in your reader” link directly. ' +
      'Many readers also find the feeds by themselves when you give them this page’s address.</p>',
    '<ul>',
    ...items,
    '</ul>',
    '</section>',
  ].join('\n');
}

/** `DA’NANG, Vietnam (AP)`: the place and agency, without the dash that ends the raw dateline. */
function datelineText(a: Shown): string {
  const d = a.dateline;
  if (!d) return '';
  const parts = [d.place, d.agency ? `(${d.agency})` : null].filter(Boolean);
  if (parts.length) return parts.join(' ');
  return d.raw.replace(/\s*[—–-]+\s*$/, '').trim();
}

/** `11 November 2017 at 14:05 UTC`, in the site's language and time zone. */
function displayDate(iso: string, site: Site): string {
  const when = new Date(iso);
  if (Number.isNaN(when.getTime())) return iso;
  const { date, zone } = dateFormats(site.language, site.timezone || 'UTC');
  const name = zone ? zone.formatToParts(when).find((p) => p.type === 'timeZoneName')?.value : 'UTC';
  return `${date.format(when)}${name ? ' ' + name : ''}`;
}

/** The formatters of one language and zone, made once: making an Intl.DateTimeFormat costs far
 *  more than formatting with it (two per date made a page of 50 items take ~20 ms). */
const formatsOf = new Map<string, { date: Intl.DateTimeFormat; zone: Intl.DateTimeFormat | null }>();
function dateFormats(language: string, timeZone: string): { date: Intl.DateTimeFormat; zone: Intl.DateTimeFormat | null } {
  const key = `${language}\u0000${timeZone}`;
  let formats = formatsOf.get(key);
  if (!formats) {
    try {
      formats = {
        date: new Intl.DateTimeFormat(language, { dateStyle: 'long', timeStyle: 'short', timeZone }),
        zone: new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'short' }),
      };
    } catch {
      // An unknown language or zone: English in UTC, said so (zone null: the name is 'UTC').
      formats = { date: new Intl.DateTimeFormat('en', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }), zone: null };
    }
    formatsOf.set(key, formats);
  }
  return formats;
}

/** `By Jane Doe and John Roe (Photographer)`. */
function bylineText(people: Person[], language: string): string {
  const names = people.map((p) => (p.role ? `${p.name} (${p.role})` : p.name));
  let list: string;
  try {
    list = new Intl.ListFormat(language, { type: 'conjunction' }).format(names);
  } catch {
    list = names.join(', ');
  }
  return `By ${list}`;
}

/** A feed URL under the feed base becomes relative to it (the page's own folder); others stay. */
function besideThePage(url: string | null, site: Site): string | null {
  if (url === null || !site.feedBaseUrl || !url.startsWith(site.feedBaseUrl)) return url;
  const rest = url.slice(site.feedBaseUrl.length);
  // `./` keeps a name with a colon (`a:b.xml`) from reading as a scheme.
  return rest === '' || rest.startsWith('/') || rest.startsWith('?') || rest.startsWith('#') ? url : './' + rest;
}

/** http(s) URLs and scheme-less relative ones; anything else (javascript:, data:) is dropped. */
function safeHref(url: string | null | undefined): string | null {
  if (typeof url !== 'string') return null;
  const s: string = url.trim();
  if (s === '') return null;
  const hasScheme = /^[a-z][a-z0-9+.-]*:/i.test(s);
  if (!hasScheme) return s.startsWith('//') ? null : s;
  return isWebUrl(s) ? s : null;
}
