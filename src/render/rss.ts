// RSS 2.0 per the RSS Advisory Board's Best Practices Profile, with content:encoded for the body,
// one dc:creator per byline person, dc:coverage for the dateline place and Media RSS for photos.
import type { Article, Person } from '../model/index.js';
import { toRfc822 } from './dates.js';
import type { FeedPage } from './index.js';
import { mediaRss } from './mediarss.js';
import { PreparedArticles, newestChange, pushAll, type PreparedArticle } from './prepared.js';
import { NS, XML_DECLARATION, el, emptyEl, escapeText } from './xml.js';

/** managingEditor must be an e-mail address, optionally followed by the name in parentheses. */
function emailForm(p: Person | null): string | null {
  if (!p || !p.email) return null;
  return p.name ? `${p.email} (${p.name})` : p.email;
}

/** Pushes one item onto the feed's parts, each line with the newline before it. Text and markup
 *  go in as separate parts, never concatenated here: the feed is joined once, at the end, and
 *  that join is the only copy (the body goes in as its pieces). */
function item(a: Article, p: PreparedArticle, out: string[]): void {
  out.push('\n    <item>\n      <title>', p.xmlTitle, '</title>\n      <link>', p.xmlUrl, '</link>');
  if (p.xmlSummary !== null) out.push('\n      <description>', p.xmlSummary, '</description>');
  out.push('\n      <content:encoded>');
  pushAll(out, p.bodyXml);
  out.push('</content:encoded>');
  for (const person of a.byline) out.push('\n      <dc:creator>', escapeText(person.name), '</dc:creator>');
  for (const t of a.tags) if (t) out.push('\n      <category>', escapeText(t), '</category>');
  out.push('\n      <guid isPermaLink="false">', p.xmlId, '</guid>\n      <pubDate>', p.published822, '</pubDate>');
  if (p.xmlPlace !== null) out.push('\n      <dc:coverage>', p.xmlPlace, '</dc:coverage>');
  mediaRss(a.media, '      ', out);
  out.push('\n    </item>');
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
  const prepared = (page.prepared ?? new PreparedArticles()).ofAll(page.articles);
  const updated = newestChange(page.articles, prepared, page.fallbackUpdated);
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
  const out = [XML_DECLARATION, lines.join('\n')];
  for (let k = 0; k < page.articles.length; k++) item(page.articles[k], prepared[k], out);
  out.push('\n  </channel>\n</rss>\n');
  return out.join('');
}
