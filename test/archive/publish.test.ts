// The archive as `wirefeed publish` writes it: output/archive/ pages beside the main feeds, a
// chain that validates, and runs that touch only what changed — on disk, mtimes included.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { parseConfig } from '../../src/publish/config.js';
import { runPublish, type PublishStages, type RenderedFile } from '../../src/publish/job.js';
import type { PublishReport } from '../../src/publish/report.js';
import { defaultStages } from '../../src/publish/stages.js';
import { archiveFileName } from '../../src/render/archive.js';
import { validateArchiveChain } from '../../src/validate/archive-chain.js';

const NOW = new Date('2024-01-01T00:00:00Z');
const START = Date.parse('2020-01-01T00:00:00Z');

/** Story n as an article file: dated n hours after the start, so story n is the n-th oldest. */
function story(n: number, correction = ''): string {
  const date = new Date(START + n * 3_600_000).toISOString();
  return [
    `---\ndate: ${date}\n---`,
    `Council approves budget number ${n}`,
    `OSLO (Reuters) — The harbour council approved budget number ${n} after a long debate.`,
    `Officials said item ${n} followed months of talks with residents.${correction}`,
    '',
  ].join('\n\n');
}

interface Project {
  root: string;
  articles: string;
  output: string;
  publish(stages?: PublishStages): Promise<PublishReport>;
  /** Every file under output/ (relative name → bytes and mtime), compressed siblings left out. */
  files(): Promise<Map<string, { bytes: Buffer; mtimeMs: number }>>;
}

async function project(count: number, t: { after(fn: () => Promise<void>): void }): Promise<Project> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'wirefeed-archive-publish-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  const articles = path.join(root, 'articles');
  const output = path.join(root, 'output');
  await mkdir(articles);
  const old = new Date(Date.now() - 3_600_000);
  for (let n = 0; n < count; n++) {
    const file = path.join(articles, `story-${String(n).padStart(5, '0')}.txt`);
    await writeFile(file, story(n));
    await utimes(file, old, old); // settled: written well before the cache
  }
  const configFile = path.join(root, 'wirefeed.config.json');
  const raw = { site: { title: 'Archive Wire', url: 'https://wire.example.org/', feedUrl: 'https://wire.example.org/feeds/' }, feed: { itemLimit: 50, archivePageSize: 100 } };
  await writeFile(configFile, JSON.stringify(raw));
  const config = parseConfig(raw, configFile);
  return {
    root,
    articles,
    output,
    publish: (stages = defaultStages()) => runPublish({ config, articlesDir: articles, outputDir: output, now: () => NOW, stages: { ...stages, notify: undefined } }),
    async files() {
      const out = new Map<string, { bytes: Buffer; mtimeMs: number }>();
      for (const e of await readdir(output, { recursive: true, withFileTypes: true })) {
        if (!e.isFile() || /\.(gz|br)$/.test(e.name)) continue;
        const abs = path.join(e.parentPath ?? e.path, e.name);
        out.set(path.relative(output, abs).split(path.sep).join('/'), { bytes: await readFile(abs), mtimeMs: (await stat(abs)).mtimeMs });
      }
      return out;
    },
  };
}

/** The default stages, counting how many archive pages they were asked to render. */
function countingStages(): { stages: PublishStages; rendered: string[] } {
  const real = defaultStages();
  const rendered: string[] = [];
  const stages: PublishStages = {
    ...real,
    async render(site, articles, opts) {
      const files = await real.render(site, articles, opts);
      if (!files) return null;
      const out: Record<string, RenderedFile> = {};
      for (const [name, f] of Object.entries(files)) {
        out[name] = typeof f === 'string' ? f : { key: f.key, render: () => (rendered.push(name), f.render()) };
      }
      return out;
    },
  };
  return { stages, rendered };
}

function changed(before: Map<string, { bytes: Buffer; mtimeMs: number }>, after: Map<string, { bytes: Buffer; mtimeMs: number }>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((n) => before.get(n)?.mtimeMs !== after.get(n)?.mtimeMs || !before.get(n)?.bytes.equals(after.get(n)!.bytes)).sort();
}

const pages = (k: number): string[] => ['rss', 'atom', 'json'].map((f) => archiveFileName(f as 'rss', k));

test('publishing 1,234 articles writes the main feeds and 11 archive pages per format; the chain validates', async (t) => {
  const p = await project(1234, t);
  const r = await p.publish();
  assert.equal(r.exitCode, 0, r.problems.join('\n'));
  const files = await p.files();
  const names = [...files.keys()].sort();
  assert.deepEqual(names, ['atom.xml', 'feed.json', 'index.html', 'rss.xml', ...Array.from({ length: 11 }, (_, i) => pages(i + 1)).flat()].sort());
  const docs = [...files].filter(([n]) => n !== 'index.html').map(([name, f]) => ({ name, bytes: f.bytes }));
  const { files: each, chain } = validateArchiveChain(docs);
  for (const f of each) assert.deepEqual(f.report.errors, [], f.name);
  assert.deepEqual(chain.errors, []);
  assert.deepEqual(chain.chains.map((c) => c.items), [1234, 1234, 1234]);
  // Only the files readers poll are precompressed.
  const top = await readdir(p.output);
  assert.ok(top.includes('rss.xml.gz') && top.includes('feed.json.br'));
  assert.deepEqual((await readdir(path.join(p.output, 'archive'))).filter((n) => /\.(gz|br)$/.test(n)), []);
});

test('a new article rewrites only the main feeds and the page: no archive page is rendered, read or touched', async (t) => {
  const p = await project(1234, t);
  await p.publish();
  const before = await p.files();
  await writeFile(path.join(p.articles, 'story-01234.txt'), story(1234));
  const { stages, rendered } = countingStages();
  const r = await p.publish(stages);
  assert.equal(r.outcome, 'published', r.problems.join('\n'));
  assert.deepEqual(changed(before, await p.files()), ['atom.xml', 'feed.json', 'index.html', 'rss.xml']);
  // (index.html, which lists the new story, is made from its key too: made again, as it changed.)
  assert.deepEqual(rendered, ['index.html'], 'pages whose key matched were not rendered');
  assert.equal(r.files.unchanged.filter((f) => f.includes('archive')).length, 33);
});

test('an edited old article rewrites only the page that holds it', async (t) => {
  const p = await project(1234, t);
  await p.publish();
  const before = await p.files();
  await writeFile(path.join(p.articles, 'story-00345.txt'), story(345, ' A correction was added.'));
  const { stages, rendered } = countingStages();
  const r = await p.publish(stages);
  assert.equal(r.outcome, 'published', r.problems.join('\n'));
  // Story 345 is the 346th oldest: block 4 (items 301–400).
  assert.deepEqual(changed(before, await p.files()), pages(4).sort());
  assert.deepEqual(rendered.sort(), pages(4).sort());
});

test('a deleted old article, or an edit that moves an old article\'s date, rewrites only the page that held it', async (t) => {
  const p = await project(1234, t);
  await p.publish();
  const before = await p.files();
  // Story 345 has place 346: block 4 (places 301–400). It leaves a gap there; no later page moves.
  await rm(path.join(p.articles, 'story-00345.txt'));
  let r = await p.publish();
  assert.equal(r.exitCode, 0, r.problems.join('\n'));
  const gone = await p.files();
  assert.deepEqual(changed(before, gone), pages(4).sort());
  const docs = (files: Map<string, { bytes: Buffer }>) => [...files].filter(([n]) => n !== 'index.html').map(([name, f]) => ({ name, bytes: f.bytes }));
  assert.deepEqual(validateArchiveChain(docs(gone)).chain.chains.map((c) => c.items), [1233, 1233, 1233]);
  // Story 500 (place 501, page 6) redated after every other story: it stays on page 6.
  await writeFile(path.join(p.articles, 'story-00500.txt'), story(500).replace(/^date: .*$/m, 'date: 2020-09-01T00:00:00.000Z'));
  r = await p.publish();
  assert.equal(r.exitCode, 0, r.problems.join('\n'));
  const redated = await p.files();
  assert.deepEqual(changed(gone, redated), pages(6).sort());
  assert.match(redated.get(archiveFileName('json', 6))!.bytes.toString(), /2020-09-01T00:00:00Z/);
  assert.deepEqual(validateArchiveChain(docs(redated)).chain.errors, []);
});

test('an archived article rejected for a while comes back to its place: its page is as it was', async (t) => {
  const p = await project(1234, t);
  await p.publish();
  const before = await p.files();
  const file = path.join(p.articles, 'story-00345.txt');
  await writeFile(file, '');
  let r = await p.publish();
  assert.equal(r.exitCode, 1);
  assert.deepEqual(r.rejected.map((e) => e.code), ['EmptyArticle']);
  assert.deepEqual(changed(before, await p.files()), pages(4).sort());
  await writeFile(file, story(345));
  r = await p.publish();
  assert.equal(r.exitCode, 0, r.problems.join('\n'));
  const after = await p.files();
  for (const name of pages(4)) assert.ok(after.get(name)!.bytes.equals(before.get(name)!.bytes), `${name}: as it was`);
  assert.deepEqual([...after.keys()].sort(), [...before.keys()].sort());
});

test('a ledger written before places were kept: the next run places its articles in the order its pages had, and rewrites no feed', async (t) => {
  const p = await project(1234, t);
  await p.publish();
  const ledgerFile = path.join(p.root, '.wirefeed', 'ledger.json');
  const ledger = await readFile(ledgerFile, 'utf8');
  assert.match(ledger, /"place": 1234\n/);
  await writeFile(ledgerFile, ledger.replace(/,\n {6}"place": \d+/g, ''));
  const before = await p.files();
  const r = await p.publish();
  assert.equal(r.exitCode, 0, r.problems.join('\n'));
  assert.deepEqual(changed(before, await p.files()), []);
  assert.equal(await readFile(ledgerFile, 'utf8'), ledger, 'the same places again');
});

test('a block leaving the main feeds adds one page; deleted articles take their pages away', async (t) => {
  const p = await project(1249, t);
  await p.publish();
  const before = await p.files();
  await writeFile(path.join(p.articles, 'story-01249.txt'), story(1249));
  await p.publish();
  const after = await p.files();
  // Page 12 appears; page 11 gains next-archive (RSS and Atom; JSON Feed pages link only backwards).
  assert.deepEqual(changed(before, after), ['atom.xml', 'feed.json', 'index.html', 'rss.xml', ...pages(12), archiveFileName('rss', 11), archiveFileName('atom', 11)].sort());

  for (let n = 1000; n < 1250; n++) await rm(path.join(p.articles, `story-${String(n).padStart(5, '0')}.txt`));
  const r = await p.publish();
  assert.equal(r.exitCode, 0, r.problems.join('\n'));
  const left = [...(await p.files()).keys()].filter((n) => n.startsWith('archive/'));
  // 1,000 articles: 9 full blocks have left the newest 50 (the main feeds hold 100).
  assert.deepEqual(left.sort(), Array.from({ length: 9 }, (_, i) => pages(i + 1)).flat().sort());
  assert.ok(r.notices.some((n) => /removed 9 archive files/.test(n)), r.notices.join('\n'));
});

test('nothing changed: the run reads nothing and renders nothing', async (t) => {
  const p = await project(300, t);
  await p.publish();
  const before = await p.files();
  const { stages, rendered } = countingStages();
  const r = await p.publish(stages);
  assert.equal(r.outcome, 'unchanged');
  assert.deepEqual(rendered, []);
  assert.deepEqual(changed(before, await p.files()), []);
});

test('feeds rendered from cached articles (read again to render) are the bytes a cold run writes', async (t) => {
  const warm = await project(1234, t);
  await warm.publish();
  await writeFile(path.join(warm.articles, 'story-01234.txt'), story(1234));
  await writeFile(path.join(warm.articles, 'story-00345.txt'), story(345, ' A correction was added.'));
  await warm.publish();
  // The same articles and the same ledger (so the edit's `updated` is the same), but no cache:
  // every article ingested whole in one run.
  const cold = await project(1235, t);
  await writeFile(path.join(cold.articles, 'story-00345.txt'), story(345, ' A correction was added.'));
  await mkdir(path.join(cold.root, '.wirefeed'), { recursive: true });
  await writeFile(path.join(cold.root, '.wirefeed', 'ledger.json'), await readFile(path.join(warm.root, '.wirefeed', 'ledger.json')));
  const r = await cold.publish();
  assert.equal(r.exitCode, 0);
  const a = await warm.files();
  const b = await cold.files();
  assert.deepEqual([...a.keys()].sort(), [...b.keys()].sort());
  for (const [name, f] of a) assert.ok(f.bytes.equals(b.get(name)!.bytes), `${name} differs`);
});
