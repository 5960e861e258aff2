// The request headers that decide what to send: Accept-Encoding (which coding), and the
// conditional headers If-None-Match and If-Modified-Since (whether to send a body at all).
import type { Coding } from './precompress.js';

/**
 * The codings the client accepts, best first, among those we can serve precompressed.
 * Follows RFC 9110 §12.5.3: q=0 refuses a coding, `*` stands for any coding not named,
 * and on equal weight br is preferred over gzip (it is the smaller one). `x-gzip` is gzip.
 */
export function acceptedCodings(header: string | undefined): Coding[] {
  if (!header) return [];
  const weights = new Map<string, number>();
  for (const item of header.split(',')) {
    const [rawName, ...params] = item.split(';');
    let name = rawName.trim().toLowerCase();
    if (!name) continue;
    if (name === 'x-gzip') name = 'gzip';
    let q = 1;
    for (const p of params) {
      const m = /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(p);
      if (m) q = Number(m[1]);
    }
    if (!Number.isFinite(q) || q < 0 || q > 1) q = 0;
    weights.set(name, Math.max(q, weights.get(name) ?? 0));
  }
  const star = weights.get('*');
  const weightOf = (c: Coding) => weights.get(c) ?? star ?? 0;
  const order: Coding[] = ['br', 'gzip'];
  return order.filter((c) => weightOf(c) > 0).sort((a, b) => weightOf(b) - weightOf(a));
}

/**
 * True when If-None-Match names `etag` (or is `*`). The comparison is the weak one RFC 9110
 * prescribes for If-None-Match, so a `W/` prefix added by a proxy still matches.
 */
export function noneMatchHits(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const want = etag.replace(/^W\//, '');
  for (const tag of header.split(',')) {
    const t = tag.trim();
    if (t === '*') return true;
    if (t.replace(/^W\//, '') === want) return true;
  }
  return false;
}

/** True when the file (modified at `mtimeMs`) is not newer than the If-Modified-Since date. */
export function notModifiedSince(header: string | undefined, mtimeMs: number): boolean {
  if (!header) return false;
  const since = Date.parse(header);
  if (Number.isNaN(since)) return false;
  // HTTP dates have whole seconds; the file's sub-second part must not make it look newer.
  return Math.floor(mtimeMs / 1000) <= Math.floor(since / 1000);
}
