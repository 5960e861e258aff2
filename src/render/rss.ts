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

/** Pushes one item onto the feed's parts: its text before the body, the body's pieces, its text
 *  after. (Each of the two texts is concatenated rather than pushed part by part: the feed's
 *  join spends more on a part, ~130 instructions besides the copy, than a concatenation costs;
 *  counted on 10,000 articles, fewer parts made rendering cheaper than either a part per line or
 *  every piece a part.) */
function item(a: Article, p: PreparedArticle, out: string[]): void {
  let s = '\n    <item>\n      <title>' + p.xmlTitle + '</title>\n      <link>' + p.xmlUrl + '</link>';
  if (p.xmlSummary !== null) s += '\n      <description>' + p.xmlSummary + '</description>';
  out.push(s + '\n      <content:encoded>');
  pushAll(out, p.bodyXml);
  s = '</content:encoded>';
  for (const person of a.byline) s += '\n      <dc:creator>' + escapeText(person.name) + '</dc:creator>';
  for (const t of a.tags) if (t) s += '\n      <category>' + escapeText(t) + '</category>';
  s += '\n      <guid isPermaLink="false">' + p.xmlId + '</guid>\n      <pubDate>' + p.published822 + '</pubDate>';
  if (p.xmlPlace !== null) s += '\n      <dc:coverage>' + p.xmlPlace + '</dc:coverage>';
  out.push(s + mediaRss(a.media, '      ') + '\n    </item>');
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
