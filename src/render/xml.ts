// The one place where text becomes XML. Every writer in render/ (and the HTML page) goes through
// these functions, so a headline, a caption or a URL can never turn into markup or break a file.
//
// XML 1.0 cannot carry some characters at all, not even as character references: C0 controls other
// than tab/LF/CR, unpaired UTF-16 surrogates, U+FFFE and U+FFFF. They are dropped here. Because `>`
// is always escaped, `]]>` never appears in our output, so no CDATA section is needed anywhere.

/** Characters XML 1.0 forbids. Without the `u` flag the pattern sees UTF-16 code units, which is
 *  what lets it tell a lone surrogate from a proper pair. */
const INVALID_XML_CHARS =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// Quick screens (one test that stops at the first hit): most text needs no work at all and is
// returned as is. Surrogates are screened broadly here and checked precisely by INVALID_XML_CHARS.
// (Stripping and escaping in two simple passes measured ~2× faster than one pass with lookarounds.)
const SCREEN_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
const SCREEN_TEXT = /[&<>\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
const SCREEN_ATTR = /[&<>"'\t\n\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

// A literal CR would come back as LF (XML end-of-line handling), so it travels as a reference;
// in attributes, literal tab/LF/CR would also be normalised to spaces by every XML parser.
const TEXT_SPECIALS = /[&<>\r]/g;
const ATTR_SPECIALS = /[&<>"'\t\n\r]/g;

const ENTITY: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  // &#39; rather than &apos;: the same string is also read as HTML (content:encoded, content_html).
  "'": '&#39;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};
const entity = (ch: string): string => ENTITY[ch];
// HTML carried inside XML text (content:encoded, Atom content) is escaped twice; doing it in one
// step spares re-scanning the whole body: `&` → `&amp;amp;`.
const entityTwice = (ch: string): string => '&amp;' + ENTITY[ch].slice(1);

/** Removes the characters XML 1.0 cannot carry; returns the very same string when there are none. */
export function stripInvalidXmlChars(s: string): string {
  if (!SCREEN_FORBIDDEN.test(s)) return s;
  return s.replace(INVALID_XML_CHARS, '');
}

/** Text content: escapes `&`, `<`, `>` (and CR) and drops forbidden characters. */
export function escapeText(s: string): string {
  if (!SCREEN_TEXT.test(s)) return s;
  return stripInvalidXmlChars(s).replace(TEXT_SPECIALS, entity);
}

/** Attribute values (either quote style): also `"`, `'`, and tab/LF/CR as character references. */
export function escapeAttr(s: string): string {
  if (!SCREEN_ATTR.test(s)) return s;
  return stripInvalidXmlChars(s).replace(ATTR_SPECIALS, entity);
}

/** `escapeText(escapeText(s))` in one pass: HTML text that will itself sit in an XML text node. */
export function escapeTextTwice(s: string): string {
  if (!SCREEN_TEXT.test(s)) return s;
  return stripInvalidXmlChars(s).replace(TEXT_SPECIALS, entityTwice);
}

/** `escapeText(escapeAttr(s))` in one pass: an HTML attribute value inside an XML text node. */
export function escapeAttrTwice(s: string): string {
  if (!SCREEN_ATTR.test(s)) return s;
  return stripInvalidXmlChars(s).replace(ATTR_SPECIALS, entityTwice);
}

/** Attribute values by name; null/undefined values are left out. Order is the object's order. */
export type Attrs = Record<string, string | number | null | undefined>;

export function attrs(a: Attrs | undefined): string {
  if (!a) return '';
  let out = '';
  for (const name in a) {
    const v = a[name];
    if (v === null || v === undefined) continue;
    out += ` ${name}="${escapeAttr(typeof v === 'number' ? String(v) : v)}"`;
  }
  return out;
}

/** `<name a="…">text</name>`, text escaped. */
export function el(name: string, text: string, a?: Attrs): string {
  return `<${name}${attrs(a)}>${escapeText(text)}</${name}>`;
}

/** `<name a="…"/>`. */
export function emptyEl(name: string, a?: Attrs): string {
  return `<${name}${attrs(a)}/>`;
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** Namespaces the writers use, declared once on each root element. */
export const NS = {
  atom: 'http://www.w3.org/2005/Atom',
  content: 'http://purl.org/rss/1.0/modules/content/',
  dc: 'http://purl.org/dc/elements/1.1/',
  media: 'http://search.yahoo.com/mrss/',
  fh: 'http://purl.org/syndication/history/1.0',
} as const;
