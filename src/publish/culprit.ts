// Which article a validation error is in. When a rendered feed fails the gate, the publish job
// asks this for each error: an error inside one item (an RSS <item>, an Atom <entry>, a JSON
// Feed item) is that article's, and the job leaves the article out and publishes the rest. An
// error anywhere else (the channel, the feed's own fields) belongs to no article: the run fails.
import type { Message } from '../validate/report.js';

/** The id of the feed item holding `error` in the feed `text`, or null when it is in no item. */
export function itemIdAt(text: string, error: Message): string | null {
  if (error.path !== undefined) return jsonItemId(text, error.path);
  if (error.line === null) return null;
  const at = offsetOf(text, error.line, error.column ?? 1);
  return at < 0 ? null : (xmlItemId(text, at, 'item', 'guid') ?? xmlItemId(text, at, 'entry', 'id'));
}

/** `items[3].content_html` → the id of items[3]. */
function jsonItemId(text: string, path: string): string | null {
  const m = /^items\[(\d+)\]/.exec(path);
  if (!m) return null;
  try {
    const id = (JSON.parse(text) as { items?: Array<{ id?: unknown }> }).items?.[Number(m[1])]?.id;
    return typeof id === 'string' ? id : null;
  } catch {
    return null; // not JSON at all: no item to blame
  }
}

/** The offset of (line, column), both 1-based; -1 past the end. */
function offsetOf(text: string, line: number, column: number): number {
  let start = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) return -1;
    start = nl + 1;
  }
  return Math.min(text.length, start + Math.max(0, column - 1));
}

/** The text of the first <idTag> of the <tag> element that encloses offset `at`, or null. */
function xmlItemId(text: string, at: number, tag: string, idTag: string): string | null {
  const open = `<${tag}`;
  const close = `</${tag}>`;
  let start = text.lastIndexOf(open, at);
  // `<item>` or `<entry xml:lang="…">`, not a longer name that starts the same.
  while (start >= 0 && !/[\s>]/.test(text[start + open.length] ?? '')) start = text.lastIndexOf(open, start - 1);
  if (start < 0) return null;
  const end = text.indexOf(close, start);
  if (end < 0 || at > end + close.length) return null;
  const idOpen = text.indexOf(`<${idTag}`, start);
  if (idOpen < 0 || idOpen > end) return null;
  const valueStart = text.indexOf('>', idOpen) + 1;
  const valueEnd = text.indexOf(`</${idTag}>`, valueStart);
  if (valueStart <= 0 || valueEnd < 0 || valueEnd > end) return null;
  return unescapeXml(text.slice(valueStart, valueEnd).trim());
}

function unescapeXml(s: string): string {
  return s.replace(/&(?:#x([0-9a-fA-F]+)|#(\d+)|(amp|lt|gt|quot|apos));/g, (_, hex: string, dec: string, name: string) => {
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    if (dec) return String.fromCodePoint(parseInt(dec, 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[name as 'amp']!;
  });
}
