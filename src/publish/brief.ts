// Articles in brief: what a run keeps of every article it is not rendering. Matching the ledger,
// planning the archive (its split and page keys) and the report need only an article's id, dates,
// dateline date and source, so a run holds (and the cache stores) just those for all articles,
// and makes an article whole (from this run's ingest, the cache, or its file read again) only to
// render it. 10,000 whole articles are ~90 MB in memory and ~50 MB of cache; in brief, ~2 MB.
import type { Article } from '../model/index.js';
import type { IngestResult } from './job.js';

type Origin = Extract<IngestResult, { ok: true }>['origin'];

/**
 * The article in brief: the fields above filled in, every other one empty (no text, no body).
 * Only the render stage's planning sees such an article; it asks for whole ones to render.
 */
export function briefArticle(a: Article): Article {
  return skeleton(copyString(a.id), a.published, a.updated, a.dateline?.date ?? null, a.source.path, a.source.sha256);
}

/** One empty list shared by every brief article (100,000 articles: ~6 MB less). Frozen: no one
 *  may fill a brief article's lists. */
const NONE = Object.freeze([]) as unknown as never[];

function skeleton(id: string, published: string, updated: string, datelineDate: string | null, path: string, sha256: string): Article {
  return {
    id,
    slug: '',
    url: '',
    headline: '',
    dateline: datelineDate === null ? null : { place: null, date: datelineDate, agency: null, raw: '' },
    byline: NONE,
    published,
    updated,
    summary: null,
    body: NONE,
    media: NONE,
    tags: NONE,
    language: '',
    source: { path, sha256 },
  };
}

export function briefResult(r: IngestResult): IngestResult {
  return r.ok ? { ok: true, article: briefArticle(r.article), warnings: r.warnings, origin: r.origin } : r;
}

/**
 * A copy of a string that shares no memory with the one it came from. A front matter id may be
 * a slice of the article's whole text, and a slice keeps all of that text alive: kept for every
 * article of a large archive, that is the size of the archive again. Other brief fields are
 * made by wirefeed (dates, hashes, minted ids), or are short enough to be copies already.
 */
function copyString(s: string): string {
  return s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
}

/** A brief result as plain JSON values, for the cache: a flat array (cheap to parse back). */
export function encodeBrief(r: IngestResult): unknown[] {
  if (!r.ok) return [0, r.error, r.warnings];
  const a = r.article;
  return [1, a.id, a.published, a.updated, a.dateline?.date ?? null, r.origin.id, r.origin.published, r.origin.updated, r.warnings];
}

/** Whether a value is one `encodeBrief` wrote (else, from a damaged or older cache, the file is
 *  read again). */
export function isBrief(v: unknown): boolean {
  if (!Array.isArray(v)) return false;
  if (v[0] === 0) return v.length === 3 && isObject(v[1]) && Array.isArray(v[2]);
  if (v[0] !== 1 || v.length !== 9) return false;
  const [, id, published, updated, datelineDate, idFrom, publishedFrom, updatedFrom, warnings] = v;
  if (typeof id !== 'string' || typeof published !== 'string' || typeof updated !== 'string') return false;
  if (datelineDate !== null && typeof datelineDate !== 'string') return false;
  return Array.isArray(warnings) && ORIGINS.id.has(idFrom) && ORIGINS.published.has(publishedFrom) && ORIGINS.updated.has(updatedFrom);
}

/** The brief result `encodeBrief` wrote (isBrief), for the file at `path` with bytes hashing to `sha256`. */
export function decodeBrief(v: unknown, path: string, sha256: string): IngestResult {
  const a = v as unknown[];
  if (a[0] === 0) return { ok: false, error: a[1] as Extract<IngestResult, { ok: false }>['error'], warnings: a[2] as IngestResult['warnings'] };
  const [, id, published, updated, datelineDate, idFrom, publishedFrom, updatedFrom, warnings] = a as [1, string, string, string, string | null, string, string, string, IngestResult['warnings']];
  const origin = { id: idFrom, published: publishedFrom, updated: updatedFrom } as Origin;
  return { ok: true, article: skeleton(id, published, updated, datelineDate, path, sha256), warnings, origin };
}

const ORIGINS = {
  id: new Set<unknown>(['frontmatter', 'minted']),
  published: new Set<unknown>(['frontmatter', 'dateline', 'firstSeen']),
  updated: new Set<unknown>(['frontmatter', 'published']),
};

function isObject(v: unknown): boolean {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}
