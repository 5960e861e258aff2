// Range requests (RFC 9110 §14): a client that lost a download part-way asks for the rest.
// One range of bytes of the representation being sent (the precompressed body when one is
// chosen: its ETag is its own). Several ranges at once are answered with the whole body, which
// the RFC allows and no feed reader needs more than.

export type RangeAnswer =
  /** No Range header, one we do not serve (other units, several ranges, unreadable), or an If-Range that no longer holds: send everything. */
  | { kind: 'whole' }
  /** The range lies outside the body: 416, with `Content-Range: bytes *\/size`. */
  | { kind: 'unsatisfiable' }
  /** Send bytes start..end (inclusive) with 206. */
  | { kind: 'part'; start: number; end: number };

/** What to send for a Range header on a body of `size` bytes. */
export function rangeOf(header: string | undefined, size: number): RangeAnswer {
  if (header === undefined) return { kind: 'whole' };
  const m = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!m || (m[1] === '' && m[2] === '')) return { kind: 'whole' };
  if (m[1] === '') {
    // bytes=-N: the last N bytes.
    const n = Number(m[2]);
    if (n === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'part', start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (m[2] !== '' && Number(m[2]) < start) return { kind: 'whole' }; // not a valid range: ignored
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'part', start, end };
}

/**
 * Whether an If-Range header lets the Range apply (RFC 9110 §13.1.5): it must name the current
 * strong ETag exactly (a weak one never matches), or be exactly the Last-Modified date.
 */
export function ifRangeHolds(header: string | undefined, etag: string, mtimeMs: number): boolean {
  if (header === undefined) return true;
  const v = header.trim();
  if (v.startsWith('"') || v.startsWith('W/')) return v === etag;
  const date = Date.parse(v);
  return !Number.isNaN(date) && Math.floor(mtimeMs / 1000) === Math.floor(date / 1000);
}
