// `wirefeed validate FILE|URL|DIR... [--json] [--explain CODE]`: checks feeds and prints what is
// wrong, compiler-style (the offending line with a caret), or the JSON report. Files are streamed
// into the validator so large feeds stay within bounded memory.
import { createReadStream, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { chainBase, chainFacts, checkArchiveChain, hasArchiveLinks, type ChainFacts } from '../validate/archive-chain.js';
import { CODES, type Code } from '../validate/codes.js';
import { contentTypeWarning, FetchError, fetchFeed, FETCH_DEFAULTS } from '../validate/fetch.js';
import { createValidator, type ValidationReport } from '../validate/index.js';
import { makeMessage } from '../validate/message.js';
import type { Message } from '../validate/report.js';
import { parseFlags, UsageError, type Command } from './command.js';

const HELP = `Usage: wirefeed validate FILE|URL|DIR... [options]

Checks RSS 2.0 (and 0.9x), Atom 1.0 and JSON Feed 1.0/1.1 documents: XML well-formedness and
encoding, every element and value against its specification, and best-practice warnings.
A folder stands for the .xml, .rss, .atom and .json files in it. When they are archived feeds
(RFC 5005 prev-archive links, JSON Feed next_url), the archive pages they link to inside the
folder are checked too, and so is the chain: every link leads to a page, every page is reached
from its main feed, no item is lost or appears twice.

Options:
  --json               print the report as JSON: one object for one input,
                       {"format","valid","errors":[{code,message,line,column}],"warnings":[...]},
                       an array of such objects (with "input") for several
  --explain CODE       say what a message code means and how to fix it
  --timeout S          total time allowed per URL, in seconds (default ${FETCH_DEFAULTS.timeoutMs / 1000})
  --connect-timeout S  time allowed to connect to a URL, in seconds (default ${FETCH_DEFAULTS.connectTimeoutMs / 1000})
  --max-size BYTES     largest body read from a URL (default ${FETCH_DEFAULTS.maxBytes})

Exit codes: 0 no errors; 1 errors found; 2 an input could not be read (missing file,
network failure) or bad usage.
`;

const FEED_EXTENSIONS = new Set(['.xml', '.rss', '.atom', '.json']);
/** Bytes of each document kept to show offending lines; past this, lines are read again from the file. */
const KEEP_BYTES = 8 * 1024 * 1024;

interface Outcome {
  input: string;
  /** null when the input could not be read. */
  report: ValidationReport;
  unreadable: boolean;
  /** The document's bytes (when small enough to keep), for source lines. */
  bytes: Buffer | null;
}

interface FetchFlags {
  timeoutMs?: number;
  connectTimeoutMs?: number;
  maxBytes?: number;
}

function isUrl(s: string): boolean {
  return /^https?:\/\//i.test(s);
}

function unreadable(input: string, message: Message): Outcome {
  return { input, report: { format: 'unknown', valid: false, errors: [message], warnings: [] }, unreadable: true, bytes: null };
}

/** Feeds the chunks of a stream to a fresh validator, keeping the first bytes for display. */
async function validateStream(input: string, body: AsyncIterable<Uint8Array>, contentType?: string | null): Promise<Outcome> {
  // The real time: dates ahead of it are reported (FutureDate).
  const v = createValidator({ contentType: contentType ?? null, now: new Date() });
  const kept: Buffer[] = [];
  let keptSize = 0;
  let overflow = false;
  for await (const chunk of body) {
    v.write(chunk);
    if (!overflow) {
      keptSize += chunk.length;
      if (keptSize > KEEP_BYTES) {
        overflow = true;
        kept.length = 0;
      } else kept.push(Buffer.from(chunk));
    }
  }
  const report = v.end();
  if (contentType !== undefined) {
    const w = contentTypeWarning(report.format, contentType);
    if (w) report.warnings.push(w);
  }
  return { input, report, unreadable: false, bytes: overflow ? null : Buffer.concat(kept) };
}

async function validateInput(input: string, flags: FetchFlags): Promise<Outcome> {
  if (isUrl(input)) {
    try {
      const res = await fetchFeed(input, flags);
      return await validateStream(input, res.body, res.contentType);
    } catch (err) {
      if (err instanceof FetchError) return unreadable(input, { code: err.code, message: err.message, line: null, column: null });
      throw err;
    }
  }
  try {
    return await validateStream(input, createReadStream(input, { highWaterMark: 1 << 16 }));
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const reason = e.code === 'ENOENT' ? 'no such file' : e.code === 'EACCES' ? 'permission denied' : e.code === 'EISDIR' ? 'is a folder' : e.message;
    return unreadable(input, makeMessage('ReadFailed', { input, reason }));
  }
}

/** Arguments in order; a folder contributes its feed files (sorted, not recursive). */
function expand(args: string[]): { inputs: string[]; problems: Outcome[]; folders: string[] } {
  const inputs: string[] = [];
  const problems: Outcome[] = [];
  const folders: string[] = [];
  for (const a of args) {
    if (isUrl(a)) {
      inputs.push(a);
      continue;
    }
    let isDir = false;
    try {
      isDir = statSync(a).isDirectory();
    } catch {
      // Missing files are reported when read.
    }
    if (!isDir) {
      inputs.push(a);
      continue;
    }
    folders.push(a);
    const files = readdirSync(a)
      .filter((n) => FEED_EXTENSIONS.has(path.extname(n).toLowerCase()))
      .sort()
      .map((n) => path.join(a, n))
      .filter((p) => {
        try {
          return statSync(p).isFile();
        } catch {
          return false;
        }
      });
    if (files.length === 0) problems.push(unreadable(a, makeMessage('ReadFailed', { input: a, reason: 'no .xml, .rss, .atom or .json files in this folder' })));
    inputs.push(...files);
  }
  return { inputs, problems, folders };
}

/**
 * Archived feeds in a folder: follows their archive links to pages inside the folder (validating
 * each page found), then checks the chains and adds what it finds to the files' reports.
 */
async function checkFolderChains(dir: string, outcomes: Outcome[], flags: FetchFlags): Promise<void> {
  const root = path.resolve(dir);
  const nameOf = (file: string): string | null => {
    const rel = path.relative(root, path.resolve(file));
    return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : null;
  };
  const byName = new Map<string, { outcome: Outcome; facts: ChainFacts }>();
  const add = (outcome: Outcome): void => {
    const name = nameOf(outcome.input);
    if (name === null || outcome.unreadable || byName.has(name)) return;
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(outcome.input);
    } catch {
      return;
    }
    byName.set(name, { outcome, facts: chainFacts(name, bytes) });
  };
  for (const o of outcomes) add(o);
  if (![...byName.values()].some((f) => hasArchiveLinks(f.facts))) return;
  const take = async (file: string): Promise<boolean> => {
    const name = nameOf(file);
    if (name === null || byName.has(name) || !FEED_EXTENSIONS.has(path.extname(name).toLowerCase())) return false;
    try {
      if (!statSync(file).isFile()) return false;
    } catch {
      return false; // a broken link: the chain check names it
    }
    const outcome = await validateInput(file, flags);
    outcomes.push(outcome);
    add(outcome);
    return true;
  };
  // Pages are found by following links that point under the main feeds' base URL; the folders
  // they lie in are listed too, so that a page no link leads to any more is found (and reported).
  const listed = new Set<string>([root]);
  for (let grew = true; grew; ) {
    grew = false;
    const base = chainBase([...byName.values()].map((f) => f.facts));
    if (!base) break;
    for (const { facts } of [...byName.values()]) {
      for (const href of [facts.prevArchive, facts.nextArchive, facts.current, facts.nextUrl]) {
        if (!href || !href.startsWith(base)) continue;
        const rel = decodeURIComponent(href.slice(base.length).split(/[?#]/)[0]);
        if (await take(path.join(root, ...rel.split('/')))) grew = true;
      }
    }
    for (const name of [...byName.keys()]) {
      const sub = path.join(root, path.dirname(name));
      if (listed.has(sub)) continue;
      listed.add(sub);
      for (const n of readdirSync(sub).sort()) if (await take(path.join(sub, n))) grew = true;
    }
  }
  const report = checkArchiveChain([...byName.values()].map((f) => f.facts));
  for (const m of [...report.errors, ...report.warnings]) {
    const target = byName.get(m.file)?.outcome.report;
    if (!target) continue;
    const { file: _file, ...message } = m;
    if (report.errors.includes(m)) {
      target.errors.push(message);
      target.valid = false;
    } else target.warnings.push(message);
  }
}

const FORMAT_NAMES = { rss: 'RSS', atom: 'Atom', json: 'JSON Feed', unknown: 'not a feed' } as const;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Line `line` (1-based) of a document, decoded as UTF-8, or null. */
function sourceLine(bytes: Buffer, line: number): string | null {
  let start = 0;
  for (let l = 1; l < line; l++) {
    const nl = bytes.indexOf(0x0a, start);
    if (nl < 0) return null;
    start = nl + 1;
  }
  let end = bytes.indexOf(0x0a, start);
  if (end < 0) end = bytes.length;
  const text = bytes.subarray(start, Math.min(end, start + 4000)).toString('utf8').replace(/\r$/, '');
  return text;
}

/** The message as a compiler would print it, with the source line and a caret when known. */
function formatMessage(input: string, m: Message, severity: string, bytes: Buffer | null): string {
  const where = m.line !== null ? `${input}:${m.line}:${m.column ?? 1}` : m.path !== undefined ? `${input}: ${m.path}` : input;
  let out = `${where}: ${severity} ${m.code}: ${m.message}\n`;
  if (bytes && m.line !== null) {
    const src = sourceLine(bytes, m.line);
    if (src !== null) {
      const col = Math.max(1, m.column ?? 1);
      // Show at most ~100 characters around the column, tabs as spaces, so the caret lines up.
      const from = Math.max(0, col - 60);
      const shown = src.slice(from, from + 100).replace(/\t/g, ' ');
      out += `    ${from > 0 ? '…' : ''}${shown}\n`;
      out += `    ${from > 0 ? ' ' : ''}${' '.repeat(Math.max(0, col - 1 - from))}^\n`;
    }
  }
  return out;
}

function summary(o: Outcome): string {
  const r = o.report;
  if (o.unreadable) return `${o.input}: could not be read: ${r.errors[0]?.message ?? ''}`;
  const counts = `${plural(r.errors.length, 'error')}, ${plural(r.warnings.length, 'warning')}`;
  if (r.valid) return `${o.input}: valid ${FORMAT_NAMES[r.format]} (${counts})`;
  const first = r.errors[0];
  const at = first.line !== null ? `${first.line}:${first.column ?? 1} ` : first.path ? `${first.path} ` : '';
  return `${o.input}: invalid ${FORMAT_NAMES[r.format]} (${counts}); first: ${at}${first.code}: ${first.message}`;
}

function explain(code: string): number {
  if (!Object.prototype.hasOwnProperty.call(CODES, code)) {
    process.stderr.write(`wirefeed validate: unknown code "${code}" (codes are case-sensitive, e.g. InvalidRFC822Date)\n`);
    return 2;
  }
  const info = CODES[code as Code];
  process.stdout.write(`${code} (${info.severity})\n  ${info.text}\n\n${info.explain}\n`);
  return 0;
}

function seconds(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!(n > 0)) throw new UsageError(`${flag} must be a positive number of seconds`);
  return Math.round(n * 1000);
}

export const command: Command = {
  help: HELP,
  async run(argv) {
    let parsed;
    try {
      parsed = parseFlags(argv, {
        json: { type: 'boolean' },
        explain: { type: 'string' },
        timeout: { type: 'string' },
        'connect-timeout': { type: 'string' },
        'max-size': { type: 'string' },
      });
    } catch (err) {
      process.stderr.write(`wirefeed validate: ${(err as Error).message}\n\n${HELP}`);
      return 2;
    }
    const { values, positionals } = parsed;
    if (values.explain !== undefined) return explain(values.explain);
    let flags: FetchFlags;
    try {
      const maxSize = values['max-size'];
      if (maxSize !== undefined && !/^\d+$/.test(maxSize)) throw new UsageError('--max-size must be a whole number of bytes');
      flags = {
        timeoutMs: seconds('--timeout', values.timeout),
        connectTimeoutMs: seconds('--connect-timeout', values['connect-timeout']),
        maxBytes: maxSize !== undefined ? Number(maxSize) : undefined,
      };
    } catch (err) {
      process.stderr.write(`wirefeed validate: ${(err as Error).message}\n`);
      return 2;
    }
    if (positionals.length === 0) {
      process.stderr.write(`wirefeed validate: give a file, folder or URL\n\n${HELP}`);
      return 2;
    }
    const { inputs, problems, folders } = expand(positionals);
    const outcomes: Outcome[] = [...problems];
    for (const input of inputs) outcomes.push(await validateInput(input, flags));
    for (const dir of folders) await checkFolderChains(dir, outcomes, flags);
    const single = outcomes.length === 1 && folders.length === 0 && positionals.length === 1;

    if (values.json) {
      const json = (o: Outcome) => ({ format: o.report.format, valid: o.report.valid, errors: o.report.errors, warnings: o.report.warnings });
      if (single) process.stdout.write(JSON.stringify(json(outcomes[0])) + '\n');
      else process.stdout.write(JSON.stringify(outcomes.map((o) => ({ input: o.input, ...json(o) }))) + '\n');
    } else if (single) {
      const o = outcomes[0];
      let bytes = o.bytes;
      const out: string[] = [];
      for (const m of o.report.errors) out.push(formatMessage(o.input, m, 'error', bytes));
      for (const m of o.report.warnings) out.push(formatMessage(o.input, m, 'warning', bytes));
      bytes = null;
      process.stdout.write(out.join(''));
      process.stdout.write(summary(o) + '\n');
    } else {
      for (const o of outcomes) process.stdout.write(summary(o) + '\n');
    }
    if (outcomes.some((o) => o.unreadable)) return 2;
    return outcomes.some((o) => !o.report.valid) ? 1 : 0;
  },
};
