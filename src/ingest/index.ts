// Ingest: one article file (path + bytes) → the canonical Article, or a rejection that names the
// file, the line (or byte offset) and the reason. Pure: no disk, no clock — the caller passes the
// bytes and the time wirefeed first saw the file.
import type { Article, Diagnostic, Site } from '../model/index.js';
import { assemble, sha256Hex, type Authored, type Origin } from './assemble.js';
import { parseInstant } from './dates.js';
import { diag, Rejection, REJECT } from './diagnostics.js';
import { splitFrontMatter } from './frontmatter.js';
import { MAYBE_UNCLEAN, NOT_ASCII, scanArticleBytes, SPACE_RUN } from './byte-scan.js';
import { cleanText, decodeUtf8, decodeUtf8Between } from './hygiene.js';
import { readJsonArticle } from './json.js';
import { readWireText, type TextHints } from './text.js';
import { JSON_EXTENSIONS } from './files.js';

export { mintTagId, slugify } from './slug.js';
export { REJECT as IngestErrors, WARN as IngestWarnings } from './diagnostics.js';

export interface IngestInput {
  path: string;
  bytes: Uint8Array;
}

export interface IngestOptions {
  /** From the config: timezone, url and language are used here. */
  site: Site;
  /** RFC 3339: when wirefeed first saw this file (from the ledger, or the caller's clock). */
  firstSeen: string;
  /** Larger files are rejected (Config.maxArticleBytes). */
  maxBytes: number;
}

export type IngestResult =
  | { ok: true; article: Article; warnings: Diagnostic[]; origin: Origin }
  | { ok: false; error: Diagnostic; warnings: Diagnostic[] };

export { isArticleFile } from './files.js';

/** Reads one article. Never throws: every problem comes back as a Diagnostic. */
export function ingestArticle(input: IngestInput, opts: IngestOptions): IngestResult {
  const warnings: Diagnostic[] = [];
  const file = input.path;
  try {
    if (input.bytes.length > opts.maxBytes)
      return fail(diag(REJECT.ArticleTooLarge, file, `file is ${input.bytes.length} bytes, over the ${opts.maxBytes}-byte limit (ingest.maxArticleBytes)`), warnings);
    const zone = opts.site.timezone;
    const firstSeen = parseInstant(opts.firstSeen, zone);
    if (!firstSeen.ok) return fail(diag(REJECT.ImpossibleDate, file, `first-seen time: ${firstSeen.reason}`), warnings);

    // What the bytes may hold, in one look: ASCII needs no UTF-8 decoder, and most files have
    // nothing to clean and no runs of spaces.
    const { found, markedLines, firstWide, lastWide } = scanArticleBytes(input.bytes);
    const decoded = !(found & NOT_ASCII)
      ? asciiText(input.bytes)
      : firstWide >= 0
        ? decodeUtf8Between(input.bytes, file, firstWide, lastWide)
        : decodeUtf8(input.bytes, file);
    const cleaned = found & MAYBE_UNCLEAN ? cleanText(decoded, file) : { text: decoded, warnings: [] };
    if (cleaned.warnings.length) warnings.push(...cleaned.warnings);
    if (cleaned.text.trim() === '') return fail(diag(REJECT.EmptyArticle, file, input.bytes.length ? 'the file holds only blank space' : 'the file is empty', { line: 1 }), warnings);

    const lower = file.toLowerCase();
    let authored: Authored;
    if (JSON_EXTENSIONS.some((e) => lower.endsWith(e))) {
      const r = readJsonArticle(cleaned.text, file, zone);
      if (r.warnings.length) warnings.push(...r.warnings);
      authored = r.authored;
    } else {
      // The scan read the text as it is unless cleaning changed it.
      const scanned = cleaned.text === decoded;
      const hints: TextHints = { spaceRuns: scanned ? (found & SPACE_RUN) !== 0 : undefined, markedLines: scanned ? markedLines : null };
      authored = readText(cleaned.text, file, zone, warnings, hints);
    }
    const sha256 = sha256Hex(input.bytes);
    const done = assemble(authored, { site: opts.site, firstSeen: firstSeen.at, path: file, sha256 });
    if (done.warnings.length) warnings.push(...done.warnings);
    return { ok: true, article: done.article, warnings, origin: done.origin };
  } catch (err) {
    if (err instanceof Rejection) return fail(err.diagnostic, warnings);
    // A bug of ours must not stop the other articles from publishing: report it as this file's.
    return fail(diag(REJECT.UnknownInputKind, file, `could not read the article: ${(err as Error).message}`), warnings);
  }
}

function readText(text: string, file: string, zone: string, warnings: Diagnostic[], hints: TextHints): Authored {
  const split = splitFrontMatter(text, file, zone);
  if (split.warnings.length) warnings.push(...split.warnings);
  const fm = split.frontMatter ?? {};
  if (split.body.trim() === '' && fm.headline === undefined)
    throw new Rejection(diag(split.frontMatter ? REJECT.MissingHeadline : REJECT.EmptyArticle, file, 'no headline: the file has front matter but no story text', { line: split.bodyLine }));
  const wire = readWireText(split.body, split.bodyLine, file, fm.headline, hints);
  const c = wire.classified;
  return {
    headline: wire.headline,
    id: fm.id,
    slug: fm.slug,
    url: fm.url,
    date: fm.date,
    updated: fm.updated,
    authors: fm.authors,
    tags: fm.tags,
    language: fm.language,
    summary: fm.summary,
    mediaSettings: fm.media,
    dateline: c.dateline ? { place: c.dateline.place, agency: c.dateline.agency, raw: c.dateline.raw } : null,
    datelineWhen: c.dateline?.when ?? null,
    byline: c.byline,
    dek: c.dek,
    body: c.body,
    headings: c.headings,
    media: c.media,
    notes: c.notes,
  };
}

/** Bytes all below 0x80: each is its character (what the UTF-8 decoder gives, without its checks). */
function asciiText(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

function fail(error: Diagnostic, warnings: Diagnostic[]): IngestResult {
  return { ok: false, error, warnings };
}
