// What one publish run did, for the CLI summary, the schedule's log line and status.json.
import path from 'node:path';
import type { Diagnostic } from '../model/index.js';

export type PublishOutcome = 'published' | 'unchanged' | 'failed';

export interface EmbargoedArticle {
  file: string;
  id: string;
  /** RFC 3339: the article enters the feeds on the first run at or after this time. */
  until: string;
}

export interface PublishReport {
  outcome: PublishOutcome;
  /** 0 all published; 1 some articles rejected but the feeds are current; 2 nothing published. */
  exitCode: 0 | 1 | 2;
  /** RFC 3339, from the run's clock. */
  startedAt: string;
  durationMs: number;
  articles: {
    /** Article files found. */
    seen: number;
    /** Taken into the feeds new, or edited since the ledger last saw them (a rejected file is
     *  counted as rejected alone). */
    changed: number;
    /** Known to the ledger, whose file is gone: they left the feeds. */
    removed: number;
    rejected: number;
    embargoed: number;
  };
  /** Each rejected article: file, line (or byte offset) and reason. */
  rejected: Diagnostic[];
  /** Problems repaired while reading articles (e.g. characters XML cannot carry, removed). */
  warnings: Diagnostic[];
  embargoed: EmbargoedArticle[];
  files: {
    /** Output files replaced by this run (paths as given to the run). */
    written: string[];
    /** Output files whose bytes were already right. */
    unchanged: string[];
  };
  /** Why nothing was published (exit 2), one line each. */
  problems: string[];
  /** Things worth knowing that changed nothing: stale staging removed, a hub not answering. */
  notices: string[];
}

/** A path as a user would type it: relative to the working folder when inside it. */
/**
 * A report that starts as a failure (exit 2, nothing published): the shape every run fills in,
 * and the whole answer for a run that could not start (bad config).
 */
export function failedReport(startedAt: string, problems: string[] = []): PublishReport {
  return {
    outcome: 'failed',
    exitCode: 2,
    startedAt,
    durationMs: 0,
    articles: { seen: 0, changed: 0, removed: 0, rejected: 0, embargoed: 0 },
    rejected: [],
    warnings: [],
    embargoed: [],
    files: { written: [], unchanged: [] },
    problems,
    notices: [],
  };
}

export function displayPath(p: string): string {
  return shownAs(path.relative(process.cwd(), p), p);
}

/** displayPath for many files of one folder (`dir`, absolute and normalized), each given by its
 *  path under it: one path.relative for the folder rather than one for each file. */
export function displayPathsIn(dir: string): (under: string, abs: string) => string {
  const relDir = path.relative(process.cwd(), dir);
  return (under, abs) => shownAs(relDir === '' ? under : relDir + path.sep + under, abs);
}

/** A file as reports name it: relative to the working folder when inside it, else in full. */
function shownAs(rel: string, abs: string): string {
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : abs;
}

export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line != null ? `:${d.line}` : d.offset != null ? ` (byte ${d.offset})` : '';
  return `${d.file}${where}: ${d.message}`;
}

const MAX_WARNINGS = 20;

/** The human summary `wirefeed publish` prints. */
export function formatSummary(r: PublishReport): string {
  const out: string[] = [];
  const a = r.articles;
  const counts = `${a.seen} article${a.seen === 1 ? '' : 's'} seen, ${a.changed} changed, ${a.removed} removed, ${a.rejected} rejected, ${a.embargoed} embargoed`;
  if (r.outcome === 'failed') {
    out.push(`nothing published (exit 2)${a.seen ? ` — ${counts}` : ''}`);
    for (const p of r.problems) out.push(`  error: ${p}`);
  } else {
    out.push(`${r.outcome} — ${counts}`);
  }
  for (const d of r.rejected) out.push(`  rejected ${formatDiagnostic(d)}`);
  for (const e of r.embargoed) out.push(`  embargoed ${e.file} until ${e.until}`);
  for (const w of r.warnings.slice(0, MAX_WARNINGS)) out.push(`  warning ${formatDiagnostic(w)}`);
  if (r.warnings.length > MAX_WARNINGS) out.push(`  … and ${r.warnings.length - MAX_WARNINGS} more warnings (--json lists them all)`);
  for (const n of r.notices) out.push(`  note: ${n}`);
  if (r.outcome !== 'failed') {
    out.push(r.files.written.length ? `  wrote ${r.files.written.join(', ')}` : '  files unchanged');
  }
  return out.join('\n') + '\n';
}
