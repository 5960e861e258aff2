// RSS 2.0 per the RSS Advisory Board's Best Practices Profile, with content:encoded for the body,
// one dc:creator per byline person, dc:coverage for the dateline place and Media RSS for photos.
import type { Article, Person } from '../model/index.js';
import { newestUpdated, toRfc822 } from './dates.js';
import { articleHtmlForXml } from './html.js';
import type { FeedPage } from './index.js';
import { mediaRssLines } from './mediarss.js';
import { NS, XML_DECLARATION, el, emptyEl } from './xml.js';

/** managingEditor must be an e-mail address, optionally followed by the name in parentheses. */
function emailForm(p: Person | null): string | null {
  if (!p || !p.email) return null;
  return p.name ? `${p.email} (${p.name})` : p.email;
}

function item(a: Article): string {
  const i = '      ';
  const lines: string[] = ['    <item>', i + el('title', a.headline), i + el('link', a.url)];
  if (a.summary) lines.push(i + el('description', a.summary));
  lines.push(`${i}<content:encoded>${articleHtmlForXml(a)}</content:encoded>`);
  for (const p of a.byline) lines.push(i + el('dc:creator', p.name));
  for (const t of a.tags) if (t) lines.push(i + el('category', t));
  lines.push(i + el('guid', a.id, { isPermaLink: 'false' }), i + el('pubDate', toRfc822(a.published)));
  if (a.dateline?.place) lines.push(i + el('dc:coverage', a.dateline.place));
  lines.push(...mediaRssLines(a.media, i), '    </item>');
  return lines.join('\n');
}

export function renderRss(page: FeedPage): string {
  const { site } = page;
  const c = '    ';
  const lines: string[] = [
    `<rss version="2.0" xmlns:content="${NS.content}" xmlns:dc="${NS.dc}" xmlns:atom="${NS.atom}" xmlns:media="${NS.media}"` +
      (page.archive ? ` xmlns:fh="${NS.fh}">` : '>'),
    '  <channel>',
    c + el('title', site.title),
    c + el('link', site.url),
    c + el('description', site.description),
    c + el('language', site.language),
  ];
  if (site.copyright) lines.push(c + el('copyright', site.copyright));
  const editor = emailForm(site.author);
  if (editor) lines.push(c + el('managingEditor', editor));
  const updated = newestUpdated(page.articles, page.fallbackUpdated);
  if (updated) lines.push(c + el('lastBuildDate', toRfc822(updated)));
  lines.push(c + el('generator', 'wirefeed'), c + el('docs', 'https://www.rssboard.org/rss-specification'));
  if (site.icon) {
    // The profile asks the image's title and link to match the channel's.
    lines.push(`${c}<image>`, `${c}  ${el('url', site.icon)}`, `${c}  ${el('title', site.title)}`, `${c}  ${el('link', site.url)}`, `${c}</image>`);
  }
  lines.push(c + emptyEl('atom:link', { href: page.selfUrl, rel: 'self', type: 'application/rss+xml' }));
  for (const hub of site.hubs) lines.push(c + emptyEl('atom:link', { href: hub, rel: 'hub' }));
  const links = page.links ?? {};
  if (links.current) lines.push(c + emptyEl('atom:link', { href: links.current, rel: 'current', type: 'application/rss+xml' }));
  if (links.prevArchive) lines.push(c + emptyEl('atom:link', { href: links.prevArchive, rel: 'prev-archive', type: 'application/rss+xml' }));
  if (links.nextArchive) lines.push(c + emptyEl('atom:link', { href: links.nextArchive, rel: 'next-archive', type: 'application/rss+xml' }));
  if (page.archive) lines.push(c + '<fh:archive/>');
  for (const a of page.articles) lines.push(item(a));
  lines.push('  </channel>', '</rss>', '');
  return XML_DECLARATION + lines.join('\n');
}
