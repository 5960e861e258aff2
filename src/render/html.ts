// An article's body as HTML, shared by RSS content:encoded, Atom content and JSON Feed content_html.
// Every piece of the model is text, so every piece is escaped: a `<script>` in a headline or caption
// reaches readers as those characters, never as markup.
//
// The XML formats carry this HTML as escaped text. Rather than build the HTML and escape all of it
// again, the same builder writes it directly in its escaped form (`&lt;p&gt;…`): on 10,000 articles
// that halves the work. articleHtmlForXml(a) is exactly escapeText(articleHtml(a)); a test holds it to that.
import type { Article, MediaItem } from '../model/index.js';
import { escapeAttr, escapeAttrTwice, escapeText, escapeTextTwice } from './xml.js';

/** How markup and text are written: as HTML, or as HTML already escaped for an XML text node. */
interface Dialect {
  text(s: string): string;
  attr(s: string): string;
  lt: string;
  gt: string;
}
const HTML: Dialect = { text: escapeText, attr: escapeAttr, lt: '<', gt: '>' };
const HTML_IN_XML: Dialect = { text: escapeTextTwice, attr: escapeAttrTwice, lt: '&lt;', gt: '&gt;' };

/** Only web URLs become `src`: a `javascript:` or `data:` URL in an article is not ours to run. */
export function isWebUrl(url: string | null | undefined): url is string {
  return typeof url === 'string' && /^https?:\/\/[^\s]/i.test(url);
}

function mediaElement(m: MediaItem & { url: string }, d: Dialect): string {
  const alt = d.attr(m.title ?? m.caption ?? '');
  const size = (m.width ? ` width="${m.width}"` : '') + (m.height ? ` height="${m.height}"` : '');
  const src = d.attr(m.url);
  const type = m.type ?? '';
  const { lt, gt } = d;
  if (type.startsWith('video/')) return `${lt}video src="${src}" controls=""${size}${gt}${alt}${lt}/video${gt}`;
  if (type.startsWith('audio/')) return `${lt}audio src="${src}" controls=""${gt}${alt}${lt}/audio${gt}`;
  return `${lt}img src="${src}" alt="${alt}"${size}/${gt}`;
}

function figure(m: MediaItem, d: Dialect): string {
  const { lt, gt } = d;
  const web = isWebUrl(m.url);
  // Without a caption the title is the best description a reader gets.
  const caption = m.caption ?? (web ? null : m.title);
  if (!web && !caption && !m.credit) return ''; // nothing to show
  let out = `${lt}figure${gt}`;
  if (web) out += mediaElement(m as MediaItem & { url: string }, d);
  if (caption || m.credit) {
    out += `${lt}figcaption${gt}`;
    if (caption) out += d.text(caption);
    if (caption && m.credit) out += ' ';
    if (m.credit) out += `${lt}small class="credit"${gt}${d.text(m.credit)}${lt}/small${gt}`;
    out += `${lt}/figcaption${gt}`;
  }
  return out + `${lt}/figure${gt}`;
}

function datelineText(article: Article): string {
  return article.dateline ? article.dateline.raw || article.dateline.place || '' : '';
}

function build(article: Article, d: Dialect): string {
  const { lt, gt } = d;
  const parts: string[] = [];
  const p = `${lt}p${gt}`;
  const endP = `${lt}/p${gt}`;
  const body = article.body;
  // Photos and sub-headings stand where the source had them: before body[before]. A photo the
  // source did not place (front matter only) leads the article.
  const inserts: string[][] = Array.from({ length: body.length + 1 }, () => []);
  for (const h of article.headings ?? []) {
    inserts[Math.min(h.before, body.length)].push(`${lt}h2${gt}${d.text(h.text)}${lt}/h2${gt}`);
  }
  for (const m of article.media) {
    const fig = figure(m, d);
    if (fig) inserts[Math.min(m.before ?? 0, body.length)].push(fig);
  }
  const dateline = datelineText(article);
  const lead = dateline ? `${lt}span class="dateline"${gt}${d.text(dateline)}${lt}/span${gt}` : '';
  if (body.length === 0 && lead) parts.push(p + lead + endP);
  for (let i = 0; i < body.length; i++) {
    parts.push(...inserts[i]);
    const text = d.text(body[i]);
    parts.push(i === 0 && lead ? `${p}${lead} ${text}${endP}` : p + text + endP);
  }
  parts.push(...inserts[body.length]);
  for (const note of article.notes ?? []) {
    parts.push(`${lt}p class="note"${gt}${lt}em${gt}${d.text(note)}${lt}/em${gt}${endP}`);
  }
  return parts.join('\n');
}

/** `<figure>` for one photo: the image when it has a web URL, its caption, its credit apart. */
export function figureHtml(m: MediaItem): string {
  return figure(m, HTML);
}

/** Body HTML: `<p>` paragraphs with the dateline opening the first one in
 *  `<span class="dateline">`, photos and `<h2>` sub-headings where the source had them, then
 *  editor's notes. */
export function articleHtml(article: Article): string {
  return build(article, HTML);
}

/** The same HTML escaped as the text of an XML element: `escapeText(articleHtml(article))`. */
export function articleHtmlForXml(article: Article): string {
  return build(article, HTML_IN_XML);
}

/** The same article as plain text (JSON Feed content_text): dateline, paragraphs with their
 *  sub-headings, notes. */
export function articleText(article: Article): string {
  const dateline = datelineText(article);
  const body = article.body;
  const headingsBefore: string[][] = Array.from({ length: body.length + 1 }, () => []);
  for (const h of article.headings ?? []) headingsBefore[Math.min(h.before, body.length)].push(h.text);
  const paras: string[] = [];
  if (body.length === 0 && dateline) paras.push(dateline);
  for (let i = 0; i < body.length; i++) {
    paras.push(...headingsBefore[i]);
    paras.push(i === 0 && dateline ? `${dateline} ${body[i]}` : body[i]);
  }
  paras.push(...headingsBefore[body.length]);
  if (article.notes) paras.push(...article.notes);
  return paras.join('\n\n');
}
