// Which Content-Type a served file gets. Feeds are told apart by content, not only by name,
// so archive pages (any name ending in .xml or .json) get the same type as the main feeds.

const BY_EXTENSION: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.rss': 'application/rss+xml; charset=utf-8',
  '.atom': 'application/atom+xml; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xsl': 'application/xslt+xml; charset=utf-8',
  '.svg': 'image/svg+xml; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.gz': 'application/gzip',
  '.br': 'application/octet-stream',
};

export const RSS_TYPE = 'application/rss+xml; charset=utf-8';
export const ATOM_TYPE = 'application/atom+xml; charset=utf-8';
export const JSON_FEED_TYPE = 'application/feed+json; charset=utf-8';

/** True for the three feed types: the ones that get CORS and WebSub Link headers. */
export function isFeedType(contentType: string): boolean {
  return contentType === RSS_TYPE || contentType === ATOM_TYPE || contentType === JSON_FEED_TYPE;
}

/**
 * The Content-Type of a file named `name` holding `data`. `.xml` files whose root element is
 * `rss` or Atom's `feed`, and `.json` files whose `version` is a JSON Feed version URL, get the
 * feed types; everything else goes by extension, unknown ones as application/octet-stream.
 */
export function contentTypeOf(name: string, data: Uint8Array): string {
  const dot = name.lastIndexOf('.');
  const ext = dot >= 0 ? name.slice(dot).toLowerCase() : '';
  const byExt = BY_EXTENSION[ext] ?? 'application/octet-stream';
  if (ext === '.xml') {
    const root = xmlRootName(data);
    if (root === 'rss') return RSS_TYPE;
    if (root === 'feed') return ATOM_TYPE;
  }
  if (ext === '.json' && isJsonFeed(data)) return JSON_FEED_TYPE;
  return byExt;
}

/**
 * The local name of the first element, skipping the XML declaration, comments, processing
 * instructions and a doctype. Only the head of the file is looked at: the root comes early.
 */
export function xmlRootName(data: Uint8Array): string | null {
  let text = Buffer.from(data.subarray(0, 4096)).toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let i = 0;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    if (lt < 0) return null;
    if (text.startsWith('<?', lt)) i = skipPast(text, lt, '?>');
    else if (text.startsWith('<!--', lt)) i = skipPast(text, lt, '-->');
    else if (text.startsWith('<!', lt)) i = skipPast(text, lt, '>');
    else {
      const m = /^<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)/.exec(text.slice(lt, lt + 256));
      return m ? m[2] : null;
    }
    if (i < 0) return null;
  }
  return null;
}

function skipPast(text: string, from: number, end: string): number {
  const at = text.indexOf(end, from);
  return at < 0 ? -1 : at + end.length;
}

function isJsonFeed(data: Uint8Array): boolean {
  try {
    const doc = JSON.parse(Buffer.from(data).toString('utf8')) as unknown;
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return false;
    const version = (doc as { version?: unknown }).version;
    return typeof version === 'string' && version.startsWith('https://jsonfeed.org/version/');
  } catch {
    return false;
  }
}
