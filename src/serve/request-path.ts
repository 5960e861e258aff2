// Turns a request target into path segments under the served folder, or refuses it.
// Everything that could climb out of the folder or reach a hidden file is refused here,
// before the file system is touched: `..` and `.` segments (plain or percent-encoded),
// backslashes, NUL and other control characters, encoded slashes, empty segments, dotfiles.

export type RequestPath =
  | { ok: true; segments: string[]; trailingSlash: boolean }
  | { ok: false; status: 400 | 404 | 414; reason: string };

/** Longer targets are refused with 414: no file we publish has a name anywhere near this. */
export const MAX_TARGET_LENGTH = 2048;

const CONTROL = /[\u0000-\u001f\u007f]/;

export function parseRequestPath(target: string): RequestPath {
  if (target.length > MAX_TARGET_LENGTH) return { ok: false, status: 414, reason: 'request target too long' };
  // Absolute-form (`GET http://host/rss.xml`), which HTTP/1.1 servers must accept: its path is
  // checked like any other, raw as sent (the URL parser would resolve `..` before we saw it).
  const absolute = /^https?:\/\/[^/?#]*/i.exec(target);
  const origin = absolute ? target.slice(absolute[0].length) || '/' : target;
  const q = origin.indexOf('?');
  const raw = q >= 0 ? origin.slice(0, q) : origin;
  if (!raw.startsWith('/')) return { ok: false, status: 400, reason: 'request target is not a path' };
  if (raw.includes('\\') || raw.includes('#') || CONTROL.test(raw)) {
    return { ok: false, status: 400, reason: 'bad character in path' };
  }
  const parts = raw.split('/').slice(1);
  const trailingSlash = parts[parts.length - 1] === '';
  if (trailingSlash) parts.pop();
  const segments: string[] = [];
  for (const part of parts) {
    if (part === '') return { ok: false, status: 400, reason: 'empty path segment' };
    let name: string;
    try {
      name = decodeURIComponent(part);
    } catch {
      return { ok: false, status: 400, reason: 'bad percent-encoding' };
    }
    if (name === '.' || name === '..') return { ok: false, status: 400, reason: 'dot segment' };
    if (name.includes('/') || name.includes('\\') || CONTROL.test(name)) {
      return { ok: false, status: 400, reason: 'bad character in path' };
    }
    // Hidden files (the ledger, caches, staging folders) are never served; answer as if absent.
    if (name.startsWith('.')) return { ok: false, status: 404, reason: 'hidden file' };
    segments.push(name);
  }
  return { ok: true, segments, trailingSlash };
}
