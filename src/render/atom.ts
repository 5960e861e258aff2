// Atom 1.0 (RFC 4287). Titles and summaries are type="text" so a headline such as
// `Why <blink> died` reads exactly so; the body is type="html". Media RSS and dc:coverage as in RSS.
import type { Article, Person } from '../model/index.js';
import { newestUpdated, toRfc3339 } from './dates.js';
import { articleHtmlForXml } from './html.js';
import type { FeedPage } from './index.js';
import { mediaRssLines } from './mediarss.js';
import { NS, XML_DECLARATION, attrs, el, emptyEl } from './xml.js';

/** 1970 rather than the clock: an empty feed must still say "updated", and must stay byte-stable. */
const EPOCH = '1970-01-01T00:00:00Z';

function person(tag: 'author', p: Person, indent: string): string {
  let s = `${indent}<${tag}>${el('name', p.name)}`;
  if (p.email) s += el('email', p.email);
  if (p.url) s += el('uri', p.url);
  return s + `</${tag}>`;
}

function entry(a: Article): string {
  const i = '    ';
  const lines: string[] = [
    `  <entry${attrs({ 'xml:lang': a.language })}>`,
    i + el('id', a.id),
    i + el('title', a.headline, { type: 'text' }),
    i + emptyEl('link', { rel: 'alternate', type: 'text/html', href: a.url }),
    i + el('published', toRfc3339(a.published)),
    i + el('updated', toRfc3339(a.updated)),
  ];
  for (const p of a.byline) lines.push(person('author', p, i));
  for (const t of a.tags) if (t) lines.push(i + emptyEl('category', { term: t }));
  if (a.summary) lines.push(i + el('summary', a.summary, { type: 'text' }));
  lines.push(`${i}<content type="html">${articleHtmlForXml(a)}</content>`);
  if (a.dateline?.place) lines.push(i + el('dc:coverage', a.dateline.place));
  lines.push(...mediaRssLines(a.media, i), '  </entry>');
  return lines.join('\n');
}

export function renderAtom(page: FeedPage): string {
  const { site } = page;
  const f = '  ';
  const links = page.links ?? {};
  const lines: string[] = [
    `<feed xmlns="${NS.atom}" xmlns:dc="${NS.dc}" xmlns:media="${NS.media}"` +
      (page.archive ? ` xmlns:fh="${NS.fh}"` : '') +
      `${attrs({ 'xml:lang': site.language })}>`,
    // RFC 5005: archive pages keep the subscription feed's id.
    f + el('id', links.current ?? page.selfUrl),
    f + el('title', site.title, { type: 'text' }),
    f + el('subtitle', site.description, { type: 'text' }),
    f + el('updated', toRfc3339(newestUpdated(page.articles, page.fallbackUpdated) ?? EPOCH)),
    // Every entry needs an author; entries without a byline inherit this one.
    person('author', site.author ?? { name: site.title }, f),
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
  for (const a of page.articles) lines.push(entry(a));
  lines.push('</feed>', '');
  return XML_DECLARATION + lines.join('\n');
}
