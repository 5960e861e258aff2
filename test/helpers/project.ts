// Shared test utilities: a throw-away project folder (config, articles/, output/), wire-text
// articles to put in it, a clock the test sets, and fs layers that fail or count on demand.
import { mkdtemp, mkdir, readFile, readdir, rm, stat, writeFile, utimes } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { nodeFs, type PublishFs } from '../../src/publish/fsio.js';

export interface TempProject {
  root: string;
  configFile: string;
  articlesDir: string;
  outputDir: string;
  ledgerFile: string;
  /** Writes an article (path relative to articles/), creating subfolders. */
  writeArticle(rel: string, text: string): Promise<string>;
  removeArticle(rel: string): Promise<void>;
  /** Every file directly in output/, name → bytes. */
  outputs(): Promise<Record<string, Buffer>>;
  /** Every file directly in output/, name → mtimeMs. */
  outputMtimes(): Promise<Record<string, number>>;
  cleanup(): Promise<void>;
}

export const TEST_SITE = {
  title: 'Test Wire',
  url: 'https://wire.example.org/',
  description: 'Stories for the tests.',
  language: 'en',
  timezone: 'UTC',
  author: { name: 'Test Desk', email: 'desk@wire.example.org' },
};

/** A project in a fresh temp folder; `config` is merged over a small valid one. */
export async function makeProject(opts: { config?: Record<string, unknown>; articles?: Record<string, string> } = {}): Promise<TempProject> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'wirefeed-test-'));
  const configFile = path.join(root, 'wirefeed.config.json');
  const articlesDir = path.join(root, 'articles');
  const outputDir = path.join(root, 'output');
  await mkdir(articlesDir, { recursive: true });
  await writeFile(configFile, JSON.stringify({ site: TEST_SITE, ...(opts.config ?? {}) }, null, 2));
  const project: TempProject = {
    root,
    configFile,
    articlesDir,
    outputDir,
    ledgerFile: path.join(root, '.wirefeed', 'ledger.json'),
    async writeArticle(rel, text) {
      const file = path.join(articlesDir, rel);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, text);
      return file;
    },
    async removeArticle(rel) {
      await rm(path.join(articlesDir, rel));
    },
    async outputs() {
      const out: Record<string, Buffer> = {};
      for (const name of await readdir(outputDir).catch(() => [] as string[])) {
        const p = path.join(outputDir, name);
        if ((await stat(p)).isFile()) out[name] = await readFile(p);
      }
      return out;
    },
    async outputMtimes() {
      const out: Record<string, number> = {};
      for (const name of await readdir(outputDir).catch(() => [] as string[])) {
        const s = await stat(path.join(outputDir, name));
        if (s.isFile()) out[name] = s.mtimeMs;
      }
      return out;
    },
    async cleanup() {
      await rm(root, { recursive: true, force: true });
    },
  };
  for (const [rel, text] of Object.entries(opts.articles ?? {})) await project.writeArticle(rel, text);
  return project;
}

/** Sets a file's mtime into the past, so the cache sees it as settled (not written "just now"). */
export async function settle(file: string, secondsAgo = 60): Promise<void> {
  const t = new Date(Date.now() - secondsAgo * 1000);
  await utimes(file, t, t);
}

/** A wire-text article with optional YAML front matter. */
export function wireArticle(a: {
  headline: string;
  paragraphs: string[];
  dateline?: string;
  byline?: string;
  frontMatter?: Record<string, string>;
}): string {
  const fm = a.frontMatter
    ? `---\n${Object.entries(a.frontMatter)
        .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
        .join('\n')}\n---\n`
    : '';
  const body = [...a.paragraphs];
  if (a.dateline) body[0] = `${a.dateline} ${body[0]}`;
  return fm + [a.headline, ...(a.byline ? [a.byline] : []), ...body].join('\n\n') + '\n';
}

/** A dated article, distinct by `n`. */
export function datedArticle(n: number, date: string, extra: Partial<Parameters<typeof wireArticle>[0]> = {}): string {
  return wireArticle({
    headline: `Harbour council approves budget number ${n}`,
    dateline: 'OSLO (Reuters) —',
    paragraphs: [
      `The harbour council approved budget number ${n} on Tuesday after a long debate.`,
      `Officials said the vote on item ${n} followed months of talks with residents.`,
    ],
    frontMatter: { date },
    ...extra,
  });
}

/** A clock a test moves by hand. */
export function fixedClock(iso: string): { now: () => Date; set(iso: string): void; advance(ms: number): void } {
  let t = Date.parse(iso);
  return {
    now: () => new Date(t),
    set(v) {
      t = Date.parse(v);
    },
    advance(ms) {
      t += ms;
    },
  };
}

/** An errno-style error as node's fs throws them. */
export function fsError(code: string, syscall: string, file: string): NodeJS.ErrnoException {
  const messages: Record<string, string> = {
    ENOSPC: 'no space left on device',
    EACCES: 'permission denied',
    EROFS: 'read-only file system',
  };
  const err = new Error(`${code}: ${messages[code] ?? 'error'}, ${syscall} '${file}'`) as NodeJS.ErrnoException;
  err.code = code;
  err.syscall = syscall;
  err.path = file;
  return err;
}

type FsOp = keyof PublishFs;

/** The real fs, except that `fail(op, path)` returning an errno code makes that call throw it. */
export function failingFs(fail: (op: FsOp, file: string) => string | null, base: PublishFs = nodeFs): PublishFs {
  const wrapped = {} as Record<FsOp, unknown>;
  for (const op of Object.keys(base) as FsOp[]) {
    const real = base[op] as (...args: unknown[]) => Promise<unknown>;
    wrapped[op] = async (...args: unknown[]) => {
      const code = fail(op, String(args[0]));
      if (code) throw fsError(code, op, String(args[0]));
      return real.apply(base, args);
    };
  }
  return wrapped as unknown as PublishFs;
}

/** The real fs, counting readFile calls per path (to prove a run read no article body). */
export function countingFs(base: PublishFs = nodeFs): { fs: PublishFs; reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    fs: {
      ...base,
      readFile: async (file: string) => {
        reads.push(file);
        return base.readFile(file);
      },
    },
  };
}

/** One publish run of a temp project with the real stages (no WebSub pings). */
export async function publishProject(
  p: TempProject,
  now: () => Date,
  extra: Partial<import('../../src/publish/job.js').PublishOptions> = {},
): Promise<import('../../src/publish/report.js').PublishReport> {
  const { loadConfig } = await import('../../src/publish/config.js');
  const { runPublish } = await import('../../src/publish/job.js');
  const { defaultStages } = await import('../../src/publish/stages.js');
  const config = await loadConfig(p.configFile);
  const stages = { ...defaultStages(), notify: undefined };
  return runPublish({ config, articlesDir: p.articlesDir, outputDir: p.outputDir, now, stages, ...extra });
}
