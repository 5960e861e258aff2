// Atom 1.0 (RFC 4287). Titles and summaries are type="text" so a headline such as
// `Why <blink> died` reads exactly so; the body is type="html". Media RSS and dc:coverage as in RSS.
import type { Article, Person } from '../model/index.js';
import { toRfc3339 } from './dates.js';
import type { FeedPage } from './index.js';
import { mediaRss } from './mediarss.js';
import { PreparedArticles, newestChange, pushAll, type PreparedArticle } from './prepared.js';
import { NS, XML_DECLARATION, attrs, el, emptyEl, escapeAttr, escapeText } from './xml.js';

/** 1970 rather than the clock: an empty feed must still say "updated", and must stay byte-stable. */
const EPOCH = '1970-01-01T00:00:00Z';

function author(p: Person, indent: string): string {
  let s = `${indent}<author><name>${escapeText(p.name)}</name>`;
  if (p.email) s += `<email>${escapeText(p.email)}</email>`;
  if (p.url) s += `<uri>${escapeText(p.url)}</uri>`;
  return s + '</author>';
}

/** Pushes one entry onto the feed's parts: its text before the body, the body's pieces, its
 *  text after (each concatenated: see rss.ts). */
function entry(a: Article, p: PreparedArticle, out: string[]): void {
  let s =
    (a.language === null || a.language === undefined ? '\n  <entry>' : '\n  <entry xml:lang="' + escapeAttr(a.language) + '">') +
    '\n    <id>' +
    p.xmlId +
    '</id>\n    <title type="text">' +
    p.xmlTitle +
    '</title>\n    <link rel="alternate" type="text/html" href="' +
    p.attrUrl +
    '"/>\n    <published>' +
    p.published3339 +
    '</published>\n    <updated>' +
    p.updated3339 +
    '</updated>';
  for (const person of a.byline) s += '\n' + author(person, '    ');
  for (const t of a.tags) if (t) s += '\n    <category term="' + escapeAttr(t) + '"/>';
  if (p.xmlSummary !== null) s += '\n    <summary type="text">' + p.xmlSummary + '</summary>';
  out.push(s + '\n    <content type="html">');
  pushAll(out, p.bodyXml);
  s = '</content>';
  if (p.xmlPlace !== null) s += '\n    <dc:coverage>' + p.xmlPlace + '</dc:coverage>';
  out.push(s + mediaRss(a.media, '    ') + '\n  </entry>');
}

export function renderAtom(page: FeedPage): string {
  const { site } = page;
  const f = '  ';
  const links = page.links ?? {};
  const prepared = (page.prepared ?? new PreparedArticles()).ofAll(page.articles);
  const lines: string[] = [
    `<feed xmlns="${NS.atom}" xmlns:dc="${NS.dc}" xmlns:media="${NS.media}"` +
      (page.archive ? ` xmlns:fh="${NS.fh}"` : '') +
      `${attrs({ 'xml:lang': site.language })}>`,
    // RFC 5005: archive pages keep the subscription feed's id.
    f + el('id', links.current ?? page.selfUrl),
    f + el('title', site.title, { type: 'text' }),
    f + el('subtitle', site.description, { type: 'text' }),
    f + el('updated', toRfc3339(newestChange(page.articles, prepared, page.fallbackUpdated) ?? EPOCH)),
    // Every entry needs an author; entries without a byline inherit this one.
    author(site.author ?? { name: site.title }, f),
    f + emptyEl('link', { rel: 'alternate', type: 'text/html', href: site.url }),
    f + emptyEl('link', { rel: 'self', type: 'application/atom+xml', href: page.selfUrl }),
  ];
  for (const hub of site.hubs) lines.push(f + emptyEl('link', { rel: 'hub', href: hub }));
  if (links.current) lines.push(f + emptyEl('link', { rel: 'current', type: 'application/atom+xml', href: links.current }));
  if (links.prevArchive) lines.push(f + emptyEl('link', { rel: 'prev-archive', type: 'application/atom+xml', href: links.prevArchive }));
  if (links.nextArchive) lines.push(f + emptyEl('link', { rel: 'next-archive', type: 'application/atom+xml', href: links.nextArchive }));
  if (site.icon) lines.push(f + el('icon', site.icon));
  if (site.copyright) lines.push(f + el('rights', site.copyright, { type: 'text' }));
  lines.push(f + el('generator', 'wirefeed'));
  if (page.archive) lines.push(f + '<fh:archive/>');
  const out = [XML_DECLARATION, lines.join('\n')];
  for (let k = 0; k < page.articles.length; k++) entry(page.articles[k], prepared[k], out);
  out.push('\n</feed>\n');
  return out.join('');
}
