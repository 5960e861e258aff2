// An article's body as HTML, shared by RSS content:encoded, Atom content and JSON Feed content_html.
// Every piece of the model is text, so every piece goes through escapeText/escapeAttr: a `<script>`
// in a headline or caption reaches readers as those characters, never as markup.
import type { Article, MediaItem } from '../model/index.js';
import { escapeAttr, escapeText } from './xml.js';

/** Only web URLs become `src`: a `javascript:` or `data:` URL in an article is not ours to run. */
export function isWebUrl(url: string | null | undefined): url is string {
  return typeof url === 'string' && /^https?:\/\/[^\s]/i.test(url);
}

function mediaElement(m: MediaItem & { url: string }): string {
  const alt = escapeAttr(m.title ?? m.caption ?? '');
  const size =
    (m.width ? ` width="${m.width}"` : '') + (m.height ? ` height="${m.height}"` : '');
  const src = escapeAttr(m.url);
  const type = m.type ?? '';
  if (type.startsWith('video/')) return `<video src="${src}" controls=""${size}>${alt}</video>`;
  if (type.startsWith('audio/')) return `<audio src="${src}" controls="">${alt}</audio>`;
  return `<img src="${src}" alt="${alt}"${size}/>`;
}

/** `<figure>` for one photo: the image when it has a web URL, its caption, its credit apart. */
export function figureHtml(m: MediaItem): string {
  const parts: string[] = ['<figure>'];
  if (isWebUrl(m.url)) parts.push(mediaElement(m as MediaItem & { url: string }));
  // Without a caption the title is the best description a reader gets.
  const caption = m.caption ?? (isWebUrl(m.url) ? null : m.title);
  if (caption || m.credit) {
    parts.push('<figcaption>');
    if (caption) parts.push(escapeText(caption));
    if (caption && m.credit) parts.push(' ');
    if (m.credit) parts.push('<small class="credit">', escapeText(m.credit), '</small>');
    parts.push('</figcaption>');
  }
  if (parts.length === 1) return ''; // nothing to show
  parts.push('</figure>');
  return parts.join('');
}

/** Body HTML: photos first (lead photo on top), then `<p>` paragraphs with the dateline
 *  opening the first one in `<span class="dateline">`, then editor's notes. */
export function articleHtml(article: Article): string {
  const parts: string[] = [];
  for (const m of article.media) {
    const fig = figureHtml(m);
    if (fig) parts.push(fig);
  }
  const dateline = article.dateline ? article.dateline.raw || article.dateline.place || '' : '';
  const datelineHtml = dateline ? `<span class="dateline">${escapeText(dateline)}</span>` : '';
  if (article.body.length === 0 && datelineHtml) parts.push(`<p>${datelineHtml}</p>`);
  for (let i = 0; i < article.body.length; i++) {
    const text = escapeText(article.body[i]);
    parts.push(i === 0 && datelineHtml ? `<p>${datelineHtml} ${text}</p>` : `<p>${text}</p>`);
  }
  for (const note of article.notes ?? []) parts.push(`<p class="note"><em>${escapeText(note)}</em></p>`);
  return parts.join('\n');
}

/** The same article as plain text (JSON Feed content_text): dateline, paragraphs, notes. */
export function articleText(article: Article): string {
  const dateline = article.dateline ? article.dateline.raw || article.dateline.place || '' : '';
  const paras = article.body.slice();
  if (dateline) paras[0] = paras.length ? `${dateline} ${paras[0]}` : dateline;
  if (article.notes) paras.push(...article.notes);
  return paras.join('\n\n');
}
