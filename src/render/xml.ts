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

/** Quick screen: anything a text node would need to change (surrogates are checked precisely later). */
const TEXT_NEEDS_WORK = /[&<>\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
/** Same for attribute values, which also change quotes and whitespace that would be normalised. */
const ATTR_NEEDS_WORK = /[&<>"'\t\n\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
const FORBIDDEN_SCREEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

// A literal CR would come back as LF (XML end-of-line handling), so it travels as a reference.
const TEXT_SPECIALS = /[&<>\r]/g;
const ATTR_SPECIALS = /[&<>"'\t\n\r]/g;
const ENTITY: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  // &#39; rather than &apos;: the same string is also read as HTML (content:encoded, content_html).
  "'": '&#39;',
  // Literal tab/LF/CR in an attribute would be normalised to spaces by every XML parser.
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};
const toEntity = (ch: string): string => ENTITY[ch];

/** Removes the characters XML 1.0 cannot carry; returns the very same string when there are none. */
export function stripInvalidXmlChars(s: string): string {
  if (!FORBIDDEN_SCREEN.test(s)) return s;
  return s.replace(INVALID_XML_CHARS, '');
}

/** Text content: escapes `&`, `<`, `>` (and CR) and drops forbidden characters. */
export function escapeText(s: string): string {
  if (!TEXT_NEEDS_WORK.test(s)) return s;
  return stripInvalidXmlChars(s).replace(TEXT_SPECIALS, toEntity);
}

/** Attribute values (either quote style): also `"`, `'`, and tab/LF/CR as character references. */
export function escapeAttr(s: string): string {
  if (!ATTR_NEEDS_WORK.test(s)) return s;
  return stripInvalidXmlChars(s).replace(ATTR_SPECIALS, toEntity);
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
