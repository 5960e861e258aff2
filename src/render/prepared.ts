// What the three formats of a page write alike for each article, worked out once: the body HTML in
// the forms the feeds carry, the dates in both notations, and the text fields RSS and Atom escape
// the same way. An archive page is rendered as RSS, Atom and JSON Feed one after the other from the
// same articles; with one PreparedArticles passed to the three writers (FeedPage.prepared), the
// body of each article is built once instead of three times and each date is parsed once.
import type { Article } from '../model/index.js';
import { parseTimestamp, rfc3339Of, rfc822Of } from './dates.js';
import { articleBodyPieces, isPlain } from './html.js';
import { escapeAttr, escapeText } from './xml.js';

export interface PreparedArticle {
  /** The body HTML escaped for an XML text node (RSS content:encoded, Atom content), as pieces
   *  for the feed to push into its own parts. */
  bodyXml: readonly string[];
  /** The body HTML as the inside of a JSON string (JSON Feed content_html), as pieces. */
  bodyJson: readonly string[];
  /** `published` in RFC 822 (RSS pubDate) and RFC 3339 (Atom, JSON Feed). */
  published822: string;
  published3339: string;
  updated3339: string;
  /** The instant of `updated`: a feed's own date is its newest item change. */
  updatedMs: number;
  /** Escaped as XML text: the id, headline, summary, URL and dateline place. */
  xmlId: string;
  xmlTitle: string;
  xmlSummary: string | null;
  xmlUrl: string;
  xmlPlace: string | null;
  /** The URL as an XML attribute value (Atom's link href). */
  attrUrl: string;
  /** Whether the id, URL, headline and summary need no escaping in any format (isPlain): JSON Feed
   *  then writes them between quotes as they are. One look at each serves all three formats. */
  plainId: boolean;
  plainUrl: boolean;
  plainTitle: boolean;
  plainSummary: boolean;
}

/** Prepares each article once, however many feeds it is written into. Entries live as long as
 *  their articles do (a WeakMap), so one instance can serve a whole archive plan. */
export class PreparedArticles {
  readonly #done = new WeakMap<Article, PreparedArticle>();

  of(a: Article): PreparedArticle {
    let p = this.#done.get(a);
    if (!p) this.#done.set(a, (p = prepare(a)));
    return p;
  }

  /** The articles last asked for together, and theirs: a page's three formats ask for the same
   *  ones, which are then checked one by one rather than looked up again (two lookups an article
   *  of three). */
  #lastArticles: readonly Article[] = [];
  #lastPrepared: PreparedArticle[] = [];

  /** ofAll(list)[i] is of(list[i]). */
  ofAll(list: readonly Article[]): PreparedArticle[] {
    if (sameArticles(list, this.#lastArticles)) return this.#lastPrepared;
    const out: PreparedArticle[] = [];
    for (let i = 0; i < list.length; i++) out.push(this.of(list[i]));
    this.#lastArticles = list.slice();
    this.#lastPrepared = out;
    return out;
  }
}

function sameArticles(a: readonly Article[], b: readonly Article[]): boolean {
  if (a.length !== b.length || a.length === 0) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function prepare(a: Article): PreparedArticle {
  const body = articleBodyPieces(a);
  const published = parseTimestamp(a.published);
  const updated = a.updated === a.published ? published : parseTimestamp(a.updated);
  const plainId = isPlain(a.id);
  const plainUrl = isPlain(a.url);
  const plainTitle = isPlain(a.headline);
  const plainSummary = a.summary ? isPlain(a.summary) : true;
  return {
    bodyXml: body.xml,
    bodyJson: body.json,
    published822: rfc822Of(published),
    published3339: rfc3339Of(published),
    updated3339: rfc3339Of(updated),
    updatedMs: updated.ms,
    xmlId: plainId ? a.id : escapeText(a.id),
    xmlTitle: plainTitle ? a.headline : escapeText(a.headline),
    xmlSummary: a.summary ? (plainSummary ? a.summary : escapeText(a.summary)) : null,
    xmlUrl: plainUrl ? a.url : escapeText(a.url),
    xmlPlace: a.dateline?.place ? escapeText(a.dateline.place) : null,
    attrUrl: plainUrl ? a.url : escapeAttr(a.url),
    plainId,
    plainUrl,
    plainTitle,
    plainSummary,
  };
}

/** Pushes every piece onto `parts` (a loop: a body may have more pieces than a call takes arguments). */
export function pushAll(parts: string[], pieces: readonly string[]): void {
  for (let i = 0; i < pieces.length; i++) parts.push(pieces[i]);
}

/** The `updated` of the page's newest item change (the first such item on a tie), or the
 *  caller's stable fallback, or null. `prepared[i]` is the prepared articles[i]. */
export function newestChange(articles: readonly Article[], prepared: readonly PreparedArticle[], fallback?: string): string | null {
  if (articles.length === 0) return fallback ?? null;
  let best = 0;
  for (let i = 1; i < articles.length; i++) if (prepared[i].updatedMs > prepared[best].updatedMs) best = i;
  return articles[best].updated;
}
