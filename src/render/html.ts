// An article's body as HTML, shared by RSS content:encoded, Atom content and JSON Feed content_html.
// Every piece of the model is text, so every piece is escaped: a `<script>` in a headline or caption
// reaches readers as those characters, never as markup.
//
// The feeds carry the body in three forms: as HTML; as HTML escaped once more for an XML text node
// (`&lt;p&gt;…`: content:encoded, Atom content); and as the inside of a JSON string (content_html).
// One pass writes all three: each piece of text is scanned once, and text that needs no escaping
// of any kind (nearly all of it) goes into every form as it is; only our own markup differs, and
// its forms are worked out in advance. A test holds the forms to `escapeText(html)` and
// `JSON.stringify(html)`.
import type { Article, MediaItem } from '../model/index.js';
import { escapeAttr, escapeAttrTwice, escapeText, escapeTextTwice } from './xml.js';

/** An article's body in the three forms the feeds carry. */
export interface ArticleBody {
  /** The HTML. */
  html: string;
  /** The same HTML escaped as the text of an XML element (content:encoded, Atom content). */
  xml: string;
  /** The same HTML as the inside of a JSON string: `JSON.stringify(html)` without its quotes. */
  json: string;
}

/** Only web URLs become `src`: a `javascript:` or `data:` URL in an article is not ours to run. */
export function isWebUrl(url: string | null | undefined): url is string {
  return typeof url === 'string' && /^https?:\/\/[^\s]/i.test(url);
}

/** Markup of our own (no model text in it), in the three forms. */
interface Markup {
  html: string;
  xml: string;
  json: string;
}
const markup = (html: string): Markup => ({ html, xml: escapeText(html), json: jsonInside(html) });
/** A block's opening tag as the first block, and after another (one a line). */
const opening = (tag: string): [Markup, Markup] => [markup(tag), markup('\n' + tag)];
const P = opening('<p>');
const END_P = markup('</p>');
/** The commonest seam, one piece rather than three: a paragraph ending and the next beginning. */
const END_P_NEXT_P = markup('</p>\n<p>');
const NOTE = opening('<p class="note"><em>');
const END_NOTE = markup('</em></p>');
const H2 = opening('<h2>');
const END_H2 = markup('</h2>');
const DATELINE = markup('<span class="dateline">');
const END_DATELINE = markup('</span> ');
const END_DATELINE_ALONE = markup('</span>');
const FIGURE = opening('<figure>');
const END_FIGURE = markup('</figure>');
const FIGCAPTION = markup('<figcaption>');
const END_FIGCAPTION = markup('</figcaption>');
const CREDIT = markup('<small class="credit">');
const END_CREDIT = markup('</small>');
const SPACE = markup(' ');
const IMG = markup('<img src="');
const ALT = markup('" alt="');
const VIDEO = markup('<video src="');
const AUDIO = markup('<audio src="');
const CONTROLS = markup('" controls=""');
const END_VIDEO = markup('</video>');
const END_AUDIO = markup('</audio>');

/** JSON's own escaping, without the quotes around the string. */
function jsonInside(s: string): string {
  return JSON.stringify(s).slice(1, -1);
}

// Text holding none of these characters is the same in all three forms: the XML specials, the
// characters XML cannot carry (both as in xml.ts), and what JSON escapes (`"`, `\`, tab, LF).
// Written as the characters that may pass, which scans faster than listing the others. Attribute
// values also escape `'`.
const TEXT_NEEDS_WORK = /[^\x20\x21\x23-\x25\x27-\x3b\x3d\x3f-\x5b\x5d-\ud7ff\ue000-\ufffd]/;
const ATTR_NEEDS_WORK = /[^\x20\x21\x23-\x25\x28-\x3b\x3d\x3f-\x5b\x5d-\ud7ff\ue000-\ufffd]/;

/** Whether `s` reads the same in every form the feeds write text in: XML text, an XML attribute
 *  value, HTML carried in XML, and the inside of a JSON string (nothing to escape or drop). */
export function isPlain(s: string): boolean {
  return !ATTR_NEEDS_WORK.test(s);
}

/** Writes the same HTML in the three forms at once, as pieces: model text and shared constants,
 *  nothing copied until a feed joins them. The plain HTML form only when asked (the feeds carry
 *  the other two). */
class BodyWriter {
  readonly html: string[] | null;
  readonly xml: string[] = [];
  readonly json: string[] = [];

  constructor(withHtml: boolean) {
    this.html = withHtml ? [] : null;
  }

  mark(m: Markup): void {
    this.html?.push(m.html);
    this.xml.push(m.xml);
    this.json.push(m.json);
  }

  /** Text content. */
  text(s: string): void {
    if (!TEXT_NEEDS_WORK.test(s)) return this.same(s);
    // (Quotes, backslashes, tabs and line breaks need JSON's escaping only.)
    const once = escapeText(s);
    this.html?.push(once);
    this.xml.push(once === s ? s : escapeTextTwice(s));
    this.json.push(jsonInside(once));
  }

  /** An attribute value (inside quotes we write). */
  attr(s: string): void {
    if (!ATTR_NEEDS_WORK.test(s)) return this.same(s);
    const once = escapeAttr(s);
    this.html?.push(once);
    this.xml.push(once === s ? s : escapeAttrTwice(s));
    this.json.push(jsonInside(once));
  }

  /** Blocks written so far; whether the last paragraph's `</p>` is still to be written (so that it
   *  can go out together with the next paragraph's `<p>`). */
  private blocks = 0;
  private paragraphOpen = false;

  /** Opens a block (one a line): `tag` is its opening in both placements (see `opening`). */
  open(tag: readonly [Markup, Markup]): void {
    if (this.paragraphOpen) {
      this.paragraphOpen = false;
      this.mark(tag === P ? END_P_NEXT_P : END_P);
      if (tag === P) return void this.blocks++;
    }
    this.mark(this.blocks++ === 0 ? tag[0] : tag[1]);
  }

  /** Ends a paragraph opened with open(P). */
  closeParagraph(): void {
    this.paragraphOpen = true;
  }

  /** Writes what is still pending; the pieces are complete after this. */
  finish(): void {
    if (this.paragraphOpen) this.mark(END_P);
    this.paragraphOpen = false;
  }

  private same(s: string): void {
    this.html?.push(s);
    this.xml.push(s);
    this.json.push(s);
  }
}

function mediaElement(m: MediaItem & { url: string }, w: BodyWriter): void {
  const alt = m.title ?? m.caption ?? '';
  const size = (m.width ? ` width="${m.width}"` : '') + (m.height ? ` height="${m.height}"` : '');
  const type = m.type ?? '';
  if (type.startsWith('video/') || type.startsWith('audio/')) {
    const video = type.startsWith('video/');
    w.mark(video ? VIDEO : AUDIO);
    w.attr(m.url);
    w.mark(video ? markup(CONTROLS.html + size + '>') : markup(CONTROLS.html + '>'));
    w.attr(alt); // element content, written as an attribute value is (quotes escaped)
    w.mark(video ? END_VIDEO : END_AUDIO);
    return;
  }
  w.mark(IMG);
  w.attr(m.url);
  w.mark(ALT);
  w.attr(alt);
  w.mark(markup(`"${size}/>`));
}

/** Whether a photo has anything to show (a figure is written for it). */
function shows(m: MediaItem): boolean {
  return isWebUrl(m.url) || !!(m.caption ?? m.title) || !!m.credit;
}

function figure(m: MediaItem, w: BodyWriter): void {
  const web = isWebUrl(m.url);
  // Without a caption the title is the best description a reader gets.
  const caption = m.caption ?? (web ? null : m.title);
  w.open(FIGURE);
  if (web) mediaElement(m as MediaItem & { url: string }, w);
  if (caption || m.credit) {
    w.mark(FIGCAPTION);
    if (caption) w.text(caption);
    if (caption && m.credit) w.mark(SPACE);
    if (m.credit) {
      w.mark(CREDIT);
      w.text(m.credit);
      w.mark(END_CREDIT);
    }
    w.mark(END_FIGCAPTION);
  }
  w.mark(END_FIGURE);
}

function datelineText(article: Article): string {
  return article.dateline ? article.dateline.raw || article.dateline.place || '' : '';
}

function write(article: Article, w: BodyWriter): void {
  const body = article.body;
  const n = body.length;
  // Photos and sub-headings stand where the source had them: before body[before] (sub-headings
  // first, each kind in its order). A photo the source did not place (front matter only) leads.
  const inserts: { slot: number; write: () => void }[] = [];
  for (const h of article.headings ?? []) {
    inserts.push({ slot: Math.min(h.before, n), write: () => heading(h.text, w) });
  }
  for (const m of article.media) {
    if (shows(m)) inserts.push({ slot: Math.min(m.before ?? 0, n), write: () => figure(m, w) });
  }
  if (inserts.length > 1) inserts.sort((x, y) => x.slot - y.slot); // stable: keeps that order within a slot
  let next = 0;
  const insertsAt = (slot: number): void => {
    while (next < inserts.length && inserts[next].slot <= slot) inserts[next++].write();
  };
  const dateline = datelineText(article);
  if (n === 0 && dateline) {
    w.open(P);
    w.mark(DATELINE);
    w.text(dateline);
    w.mark(END_DATELINE_ALONE);
    w.closeParagraph();
  }
  for (let i = 0; i < n; i++) {
    if (next < inserts.length) insertsAt(i);
    w.open(P);
    if (i === 0 && dateline) {
      w.mark(DATELINE);
      w.text(dateline);
      w.mark(END_DATELINE);
    }
    w.text(body[i]);
    w.closeParagraph();
  }
  insertsAt(n);
  for (const note of article.notes ?? []) {
    w.open(NOTE);
    w.text(note);
    w.mark(END_NOTE);
  }
  w.finish();
}

function heading(text: string, w: BodyWriter): void {
  w.open(H2);
  w.text(text);
  w.mark(END_H2);
}

/** The body in the two forms the feeds carry (XML text, JSON string), each as the pieces that
 *  joined make it (a feed pushes them into its own parts and joins once: the body is never copied
 *  into a string of its own). */
export function articleBodyPieces(article: Article): { xml: readonly string[]; json: readonly string[] } {
  const w = new BodyWriter(false);
  write(article, w);
  return w;
}

/** The body in the three forms: `<p>` paragraphs with the dateline opening the first one in
 *  `<span class="dateline">`, photos and `<h2>` sub-headings where the source had them, then
 *  editor's notes; one block a line. */
export function articleBody(article: Article): ArticleBody {
  const w = new BodyWriter(true);
  write(article, w);
  return { html: w.html!.join(''), xml: w.xml.join(''), json: w.json.join('') };
}

/** `<figure>` for one photo: the image when it has a web URL, its caption, its credit apart. */
export function figureHtml(m: MediaItem): string {
  if (!shows(m)) return '';
  const w = new BodyWriter(true);
  figure(m, w);
  w.finish();
  return w.html!.join('');
}

/** The body as HTML (articleBody(article).html). */
export function articleHtml(article: Article): string {
  return articleBody(article).html;
}

/** The same HTML escaped as the text of an XML element: `escapeText(articleHtml(article))`. */
export function articleHtmlForXml(article: Article): string {
  return articleBody(article).xml;
}
