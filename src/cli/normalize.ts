// `wirefeed normalize FILE... [--json] [--config FILE]`: prints the canonical model of each
// article, one JSON object per line with --json (a rejected file prints {source, error}).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ingestArticle, isArticleFile, type IngestResult } from '../ingest/index.js';
import type { Article, Diagnostic } from '../model/index.js';
import { ConfigError, DEFAULT_CONFIG_FILE, loadConfig, parseConfig, type Config } from '../publish/config.js';
import { nodeFs } from '../publish/fsio.js';
import { wirefeedDir } from '../publish/job.js';
import { applyLedgerEntry, loadLedger, matchLedger, type LedgerEntry } from '../publish/ledger.js';
import { parseFlags, UsageError, type Command } from './command.js';

const HELP = `Usage: wirefeed normalize FILE|DIR... [--json] [--config FILE]

Reads article files (.txt/.md wire text with optional YAML front matter, or .json models) and
prints what wirefeed understood: headline, dateline, byline, dates, paragraphs, photos.
A folder stands for the article files in it.

Options:
  --json           one JSON object per line, in argument order (the canonical model);
                   a rejected file prints {"source": {...}, "error": {"code", "message", "line"}}
  --config FILE    site settings (default: ${DEFAULT_CONFIG_FILE} when it exists, else a
                   placeholder site at https://example.invalid/ in UTC)

Exit codes: 0 every file normalized; 1 some files were rejected; 2 usage error or a file
could not be read.
`;

/**
 * What the ledger remembers of the articles publish has seen (first-seen times, ids, updated
 * times), so normalize prints the same model publish writes. Read-only: a missing ledger is an
 * empty one; an unreadable one is reported once and ignored (normalize never changes it).
 */
async function ledgerEntries(config: Config, warn: (line: string) => void): Promise<LedgerEntry[]> {
  if (!config.file) return [];
  try {
    return (await loadLedger(nodeFs, path.join(wirefeedDir(config), 'ledger.json'))).ledger.entries;
  } catch (err) {
    warn(`warning: ${(err as Error).message}; dates and ids below are as if the articles were new`);
    return [];
  }
}

/** The ingested article as publish would see it: first sight and id from its ledger entry. */
function normalizeOne(file: string, bytes: Uint8Array, config: Config, entries: LedgerEntry[], nowIso: string): IngestResult {
  const opts = { site: config.site, maxBytes: config.maxArticleBytes };
  const first = ingestArticle({ path: file, bytes }, { ...opts, firstSeen: nowIso });
  if (!entries.length) return first;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const key = {
    path: path.relative(config.root, path.resolve(file)).split(path.sep).join('/'),
    sha256,
    frontMatterId: first.ok && first.origin.id === 'frontmatter' ? first.article.id : null,
  };
  const entry = matchLedger(entries, [key]).matched.get(key.path);
  if (!entry) return first;
  const r = entry.firstSeen === nowIso ? first : ingestArticle({ path: file, bytes }, { ...opts, firstSeen: entry.firstSeen });
  return r.ok ? { ...r, article: applyLedgerEntry(r.article, r.origin, entry, sha256, nowIso) } : r;
}

async function siteConfig(file: string | undefined): Promise<Config> {
  if (file !== undefined) return loadConfig(file);
  try {
    return await loadConfig(DEFAULT_CONFIG_FILE);
  } catch (err) {
    if (err instanceof ConfigError && err.problems.length === 1 && err.problems[0] === 'file not found')
      return parseConfig({ site: { title: 'wirefeed', url: 'https://example.invalid/' } }, '');
    throw err;
  }
}

/** Files in argument order; a folder contributes its article files, sorted, subfolders too. */
function expand(args: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (isArticleFile(p)) out.push(p);
    }
  };
  for (const a of args) {
    let isDir = false;
    try {
      isDir = statSync(a).isDirectory();
    } catch {
      // Unreadable paths are reported per file below.
    }
    if (isDir) walk(a);
    else out.push(a);
  }
  return out;
}

function where(d: Diagnostic): string {
  return d.line ? `${d.file}:${d.line}` : d.offset != null ? `${d.file} (byte ${d.offset})` : d.file;
}

function summary(a: Article): string {
  const dl = a.dateline ? `${a.dateline.place ?? '—'}${a.dateline.agency ? ` (${a.dateline.agency})` : ''}${a.dateline.date ? `, ${a.dateline.date}` : ''}` : '—';
  const people = a.byline.length ? a.byline.map((p) => (p.role ? `${p.name} (${p.role})` : p.name)).join(', ') : '—';
  const lines = [
    a.source.path,
    `  headline   ${a.headline}`,
    `  dateline   ${dl}`,
    `  byline     ${people}`,
    `  published  ${a.published}${a.updated !== a.published ? `  (updated ${a.updated})` : ''}`,
    `  id         ${a.id}`,
    `  url        ${a.url}`,
    `  body       ${a.body.length} paragraph${a.body.length === 1 ? '' : 's'}, ${a.media.length} photo${a.media.length === 1 ? '' : 's'}` +
      `${a.headings?.length ? `, ${a.headings.length} sub-headings` : ''}${a.notes?.length ? `, ${a.notes.length} notes` : ''}`,
  ];
  if (a.summary) lines.push(`  summary    ${a.summary.length > 100 ? a.summary.slice(0, 99) + '…' : a.summary}`);
  for (const m of a.media) lines.push(`  photo      ${m.caption ?? m.title ?? '(no caption)'}${m.credit ? ` — ${m.credit}` : ''}`);
  return lines.join('\n') + '\n';
}

export const command: Command = {
  help: HELP,
  async run(argv) {
    let values: { json?: boolean; config?: string };
    let files: string[];
    try {
      const parsed = parseFlags(argv, { json: { type: 'boolean' }, config: { type: 'string' } });
      values = parsed.values;
      files = parsed.positionals;
      if (files.length === 0) throw new UsageError('give at least one article file');
    } catch (err) {
      if (!(err instanceof UsageError)) throw err;
      process.stderr.write(`wirefeed normalize: ${err.message}\n\n${HELP}`);
      return 2;
    }
    let config: Config;
    try {
      config = await siteConfig(values.config);
    } catch (err) {
      process.stderr.write(`wirefeed normalize: ${(err as Error).message}\n`);
      return 2;
    }

    const nowIso = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const entries = await ledgerEntries(config, (line) => process.stderr.write(line + '\n'));
    const out: string[] = [];
    const err: string[] = [];
    let rejected = 0;
    let unreadable = 0;
    for (const file of expand(files)) {
      let bytes: Uint8Array;
      try {
        bytes = readFileSync(file);
      } catch (e) {
        unreadable++;
        const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
        if (values.json) out.push(JSON.stringify({ source: { path: file, sha256: null }, error: { code: 'Unreadable', message: `${file}: ${reason}`, line: null } }));
        err.push(`${file}: cannot read: ${reason}`);
        continue;
      }
      const r = normalizeOne(file, bytes, config, entries, nowIso);
      for (const w of r.warnings) err.push(`${where(w)}: warning ${w.code}: ${w.message}`);
      if (r.ok) {
        out.push(values.json ? JSON.stringify(r.article) : summary(r.article));
      } else {
        rejected++;
        const e = r.error;
        if (values.json) {
          const error: Record<string, unknown> = { code: e.code, message: e.message, line: e.line ?? null };
          if (e.offset != null) error.offset = e.offset;
          out.push(JSON.stringify({ source: { path: file, sha256: sha256Of(bytes) }, error }));
        } else out.push(`${where(e)}: rejected ${e.code}: ${e.message}\n`);
      }
    }
    if (out.length) process.stdout.write(out.join('\n') + '\n');
    if (err.length) process.stderr.write(err.join('\n') + '\n');
    return unreadable ? 2 : rejected ? 1 : 0;
  },
};

function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
