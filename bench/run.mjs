// npm run bench [-- --quick] [-- --runs N] [-- --only NAME] [-- --keep] [-- --keep-env] [-- --no-build]
//
// Times wirefeed as a user runs it: the built CLI (dist/) in a child process, wall clock from
// spawn to exit, peak memory from the child itself (bench/peak.cjs). The corpus is generated
// (bench/synthetic.mjs: same seed, same bytes) in a temp folder. Each case runs several times;
// the table shows the median with min–max, MB/s (article bytes in, or feed bytes validated) and
// the highest peak memory seen. The machine's load average is printed beside the numbers,
// because other processes share the cores.
//
//   --quick   1k and 10k articles only, 3 runs each (a quick look, not the numbers to quote)
//   --runs N  runs per case (default 5)
//   --only S  only the cases whose name contains S (e.g. --only cold)
//   --keep    keep the temp folder (its path is printed)
//   --keep-env  run the children with NODE_EXTRA_CA_CERTS as set (see CHILD_ENV)
//   --no-build  time dist/ as it is (no tsc first)
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { syntheticArticle, writeSyntheticArticles } from './synthetic.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = path.join(ROOT, 'dist', 'launch.cjs');
const PEAK = path.join(ROOT, 'bench', 'peak.cjs');

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const value = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const QUICK = flag('--quick');
const RUNS = Number(value('--runs') ?? (QUICK ? 3 : 5));
const ONLY = value('--only');
const KEEP = flag('--keep');
const KEEP_ENV = flag('--keep-env');
// An unknown flag (a typo, --help) prints the usage above instead of starting a long run.
const KNOWN = new Set(['--quick', '--runs', '--only', '--keep', '--keep-env', '--no-build']);
const unknown = args.filter((a, i) => a.startsWith('-') && !KNOWN.has(a) && !['--runs', '--only'].includes(args[i - 1]));
if (unknown.length || (value('--runs') !== undefined && !(Number(value('--runs')) >= 1))) {
  const lines = readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n');
  const usage = lines.slice(0, lines.findIndex((l) => !l.startsWith('//')));
  process.stderr.write(`${unknown.length ? `unknown: ${unknown.join(' ')}\n` : '--runs wants a whole number\n'}${usage.map((l) => l.slice(3)).join('\n')}\n`);
  process.exit(2);
}

// The children's environment. NODE_EXTRA_CA_CERTS is left out unless --keep-env: Node 20 reads
// and parses that certificate file, and its own bundled roots, when the process starts, whether
// or not it ever opens a TLS connection (~35–50 ms a process on this 2-core machine). No case
// here opens one (the bench config names no WebSub hub), so with it each case would measure the
// machine's CA bundle on top of wirefeed. The baseline rows show Node's start both ways.
const CA_VAR = 'NODE_EXTRA_CA_CERTS';
const CHILD_ENV = { ...process.env };
if (!KEEP_ENV) delete CHILD_ENV[CA_VAR];

const SITE = {
  title: 'Bench Wire',
  url: 'https://bench.example.org/',
  description: 'Synthetic wire copy for benchmarks.',
  language: 'en',
  timezone: 'UTC',
  author: { name: 'Bench Desk', email: 'desk@bench.example.org' },
};

// ---- the cases, in the order they run; targets are the ones the project set for this machine
const CASES = [
  { name: 'baseline: node -e 0', kind: 'baseline', n: 10_000 },
  ...(process.env[CA_VAR] && !KEEP_ENV ? [{ name: `baseline: node -e 0 with ${CA_VAR}`, kind: 'baseline', withCaVar: true, n: 10_000 }] : []),
  { name: 'baseline: node, list + stat 10k files', kind: 'baseline', list: true, n: 10_000 },
  { name: 'cold publish 1k', kind: 'cold', n: 1_000 },
  { name: 'cold publish 10k', kind: 'cold', n: 10_000, targetMs: 1500 },
  { name: 'unchanged 10k', kind: 'unchanged', n: 10_000, targetMs: 150 },
  { name: 'one changed 10k', kind: 'change', n: 10_000, targetMs: 300 },
  { name: 'one changed 10k, in the main feeds', kind: 'change', main: true, n: 10_000, targetMs: 300 },
  { name: 'one deleted 10k', kind: 'change', deletes: true, n: 10_000 },
  { name: 'one redated 10k', kind: 'change', redates: true, n: 10_000 },
  { name: 'one added 10k', kind: 'add', n: 10_000 },
  { name: 'one added 10k, making a page', kind: 'add', makesPage: true, n: 10_000 },
  { name: 'one added 10k, dated before the archive', kind: 'add', backdated: true, n: 10_000 },
  { name: 'scheduled: unchanged 10k', kind: 'scheduled', n: 10_000 },
  { name: 'scheduled: one changed 10k', kind: 'scheduled', change: true, n: 10_000 },
  { name: 'feed 6 serialize 10k', kind: 'serialize', which: 'feed6', n: 10_000 },
  { name: 'wirefeed serialize 10k', kind: 'serialize', which: 'wirefeed', n: 10_000 },
  { name: 'cold publish 100k', kind: 'cold', n: 100_000, big: true, targetPeakMb: 1024 },
  { name: 'unchanged 100k', kind: 'unchanged', n: 100_000, big: true },
  { name: 'validate RSS 100 MB', kind: 'validate', format: 'rss', big: true, targetMbps: 40, targetPeakMb: 150 },
  { name: 'validate Atom 100 MB', kind: 'validate', format: 'atom', big: true, targetMbps: 40, targetPeakMb: 150 },
].filter((c) => (!QUICK || !c.big) && (!ONLY || c.name.includes(ONLY)));

const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');

/**
 * The machine's CPU time so far, all cores (Linux's /proc/stat, in clock ticks), or null: on a
 * virtual machine the host may take ("steal") a share of the cores, which slows every case
 * without showing in the load average. stealShare gives that share between two readings.
 */
function cpuTicks() {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number);
    return { total: fields.reduce((a, b) => a + b, 0), steal: fields[7] ?? 0 };
  } catch {
    return null;
  }
}
const stealShare = (from, to) => (from && to && to.total > from.total ? `${Math.round((100 * (to.steal - from.steal)) / (to.total - from.total))}%` : '');
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const mb = (bytes) => bytes / 1e6;

function log(line) {
  process.stderr.write(line + '\n');
}

// ---- build dist/ (tsc emits even when someone else's file has a type error; we say so)
if (!flag('--no-build')) {
  log('building dist/ …');
  const b = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(ROOT, 'tsconfig.json')], { encoding: 'utf8' });
  if (b.status !== 0) log(`note: tsc reported errors (dist/ was still written):\n${b.stdout.split('\n').slice(0, 5).join('\n')}`);
}
if (!existsSync(CLI)) {
  log('dist/launch.cjs is missing: run `npm run build` first');
  process.exit(2);
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'wirefeed-bench-'));
const benchConfig = { site: SITE, feed: { itemLimit: 50, archivePageSize: 100 } };
writeFileSync(path.join(tmp, 'bench.config.json'), JSON.stringify(benchConfig));

// ---- corpora: the largest is written once; the smaller ones are hard links to its first files
const sizes = [...new Set(CASES.filter((c) => c.n).map((c) => c.n))].sort((a, b) => a - b);
const largest = Math.max(0, ...sizes, CASES.some((c) => c.kind === 'validate') ? 25_000 : 0);
const corpus = (n) => path.join(tmp, `corpus-${n}`);
const corpusBytes = new Map();
if (largest) {
  const t0 = performance.now();
  const dir = corpus(largest);
  writeSyntheticArticles(dir, largest);
  const names = readdirSync(dir).sort();
  for (const n of sizes) {
    if (n === largest) continue;
    mkdirSync(corpus(n));
    for (const name of names.slice(0, n)) linkSync(path.join(dir, name), path.join(corpus(n), name));
  }
  const sizesOf = names.map((name) => statSync(path.join(dir, name)).size);
  for (const n of [...sizes, largest]) corpusBytes.set(n, sizesOf.slice(0, n).reduce((a, b) => a + b, 0));
  log(`corpus: ${largest} articles, ${mb(corpusBytes.get(largest)).toFixed(0)} MB, written in ${((performance.now() - t0) / 1000).toFixed(1)} s (${tmp})`);
}

/** What bench/peak.cjs left for a child: its peak RSS (MB) and CPU time (ms); NaN when missing. */
function childUsage(file) {
  if (!existsSync(file)) return { peakMb: NaN, cpuMs: NaN };
  const u = JSON.parse(readFileSync(file, 'utf8'));
  return { peakMb: u.maxRssKb / 1024, cpuMs: u.cpuMs };
}

/**
 * Waits for the kernel to write out what earlier runs left dirty (a cold 10k publish leaves
 * 142 MB), so that no run is timed while the last one's files are still being flushed beside it:
 * each starts from a quiet disk, as a scheduled run minutes after the last one does.
 */
function settleDisk() {
  spawnSync('sync');
}

/** Runs `node [--import peak] args` and returns wall ms, exit status, output, peak RSS (MB) and
 *  CPU time (ms: user + system over all its threads; on a noisy machine steadier than wall time). */
function runChild(childArgs, opts = {}) {
  const peakFile = path.join(tmp, `peak-${process.pid}`);
  rmSync(peakFile, { force: true });
  settleDisk();
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--require', PEAK, ...childArgs], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...(opts.env ?? CHILD_ENV), WIREFEED_BENCH_PEAK: peakFile },
    cwd: opts.cwd ?? tmp,
  });
  const ms = performance.now() - t0;
  return { ms, status: r.status, stdout: r.stdout, stderr: r.stderr, ...childUsage(peakFile) };
}

/** A publishing project for `n` articles: its config file and output folder. */
function project(n, label) {
  const root = path.join(tmp, `project-${label}-${n}`);
  mkdirSync(root, { recursive: true });
  writeFileSync(path.join(root, 'wirefeed.config.json'), JSON.stringify(benchConfig));
  return root;
}

function publish(root, n) {
  const r = runChild([CLI, 'publish', '--config', path.join(root, 'wirefeed.config.json'), '--articles', corpus(n), '--output', path.join(root, 'output'), '--json']);
  let report = null;
  try {
    report = JSON.parse(r.stdout);
  } catch {
    // reported below
  }
  if (r.status !== 0 || !report) throw new Error(`publish exited ${r.status}:\n${r.stderr.slice(0, 2000)}${r.stdout.slice(0, 2000)}`);
  return { ...r, report };
}

const clean = (root) => {
  rmSync(path.join(root, 'output'), { recursive: true, force: true });
  rmSync(path.join(root, '.wirefeed'), { recursive: true, force: true });
};

/** A new article, the newest of all (its dateline has no date: it is dated when first seen), in a
 *  file named after the corpus's (so the other cases, which take the first n names, skip it).
 *  `backdated`: dated in 2001 by its front matter, before every archived story (it is placed after
 *  every archived story, so it is still the newest item). */
function addArticle(n, run, backdated = false) {
  const file = path.join(corpus(n), `zz-added-${run}.txt`);
  const frontMatter = backdated ? `---\ndate: 2001-01-${String(1 + (run % 28)).padStart(2, '0')}T12:00:00Z\n---\n` : '';
  writeFileSync(file, frontMatter + syntheticArticle(4_000_000 + 4 * run));
  return file;
}

/**
 * New articles, published in one run that is not timed, until the main feeds hold one short of
 * itemLimit + archivePageSize: the next new article leaves a whole block behind, which becomes
 * the next archive page. Returns their files.
 */
function fillToPageEdge(root, n, run) {
  const held = JSON.parse(readFileSync(path.join(root, 'output', 'feed.json'), 'utf8')).items.length;
  const edge = benchConfig.feed.itemLimit + benchConfig.feed.archivePageSize - 1;
  const files = [];
  for (let k = held; k < edge; k++) files.push(addArticle(n, 1_000 * (run + 1) + k));
  if (files.length) publish(root, n);
  return files;
}

/** The corpus indexes of the articles in the main feeds (main JSON feed's items, through the
 *  ledger), newest first. */
function mainFeedIndexes(root) {
  const feed = JSON.parse(readFileSync(path.join(root, 'output', 'feed.json'), 'utf8'));
  const ledger = JSON.parse(readFileSync(path.join(root, '.wirefeed', 'ledger.json'), 'utf8'));
  const pathOf = new Map(ledger.articles.map((e) => [e.id, e.path]));
  return feed.items.map((item) => Number.parseInt(path.basename(pathOf.get(item.id)), 10));
}

/**
 * The articles each run of a one-change case edits: the newest story (still in the main feeds,
 * which are made again), or archived stories from the middle of the corpus, one a run, skipping
 * any the main feeds hold (a synthetic story's date is drawn at random, so a few from the middle
 * are among the newest).
 */
function articlesToEdit(root, n, main, runs) {
  const inMain = mainFeedIndexes(root);
  if (main) return Array.from({ length: runs }, () => inMain[0]);
  const held = new Set(inMain);
  const out = [];
  for (let i = Math.floor(n / 2); out.length < runs; i++) if (!held.has(i)) out.push(i);
  return out;
}

/** Throws unless a one-change run rewrote what its case says: archive pages only (one page, the
 *  three files of the one that held the story, when it was deleted or redated), or the main feeds. */
function checkRewritten(c, written) {
  const isMain = (f) => /(^|\/)(rss\.xml|atom\.xml|feed\.json)$/.test(f) && !/(^|\/)archive\//.test(f);
  const onePage = c.deletes || c.redates;
  const ok = c.main ? written.some(isMain) : written.length > 0 && written.every((f) => /(^|\/)archive\//.test(f)) && (!onePage || written.length === 3);
  if (!ok) throw new Error(`${c.name}: the run rewrote ${written.join(', ') || 'nothing'}, not ${c.main ? 'the main feeds' : onePage ? 'one archive page' : 'archive pages only'}`);
}

/** Moves one article's file out of the corpus (deleted, as far as a run can tell); returns a
 *  function that puts it back. */
function deleteArticle(n, name) {
  const file = path.join(corpus(n), name);
  const aside = path.join(tmp, `deleted-${name}`);
  renameSync(file, aside);
  return () => renameSync(aside, file);
}

/** Dates one article in 2001 by its front matter, before every other story (a new inode, as
 *  editArticle). */
function redateArticle(n, name, index, run) {
  const file = path.join(corpus(n), name);
  const frontMatter = `---\ndate: 2001-02-${String(1 + (run % 28)).padStart(2, '0')}T12:00:00Z\n---\n`;
  writeFileSync(file + '.tmp', frontMatter + syntheticArticle(index));
  renameSync(file + '.tmp', file);
}

/** Replaces one article's file (a new inode, so the hard-linked corpora keep their copy). */
function editArticle(n, index, run) {
  const name = readdirSync(corpus(n)).sort()[index];
  const file = path.join(corpus(n), name);
  const text = syntheticArticle(index) + `\n\nCorrection ${run}: an earlier version of this story misstated the vote.\n`;
  writeFileSync(file + '.tmp', text);
  renameSync(file + '.tmp', file);
}

/**
 * Runs under `wirefeed schedule` (every second, JSON log) in one long-lived process, as a
 * newsroom's publisher runs: Node's start and the first run's loading and compiling are paid
 * once. The first run is left out; then `runs` runs, each after one article was edited when
 * `change` is set. Returns each run's time as the job reports it (durationMs) and the process's
 * peak memory.
 */
async function scheduledRuns(root, n, runs, change) {
  const peakFile = path.join(tmp, `peak-scheduled-${process.pid}`);
  rmSync(peakFile, { force: true });
  settleDisk();
  const child = spawn(process.execPath, ['--require', PEAK, CLI, 'schedule', '--cron', '* * * * * *', '--log-format', 'json', '--config', path.join(root, 'wirefeed.config.json'), '--articles', corpus(n), '--output', path.join(root, 'output')], {
    env: { ...CHILD_ENV, WIREFEED_BENCH_PEAK: peakFile },
    cwd: tmp,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const samples = [];
  let seen = 0;
  for await (const line of createInterface({ input: child.stdout })) {
    const e = JSON.parse(line);
    if (e.event === 'error') throw new Error(`scheduled run failed: ${e.message}`);
    if (e.event !== 'run') continue;
    const want = seen === 0 ? null : change ? 'published' : 'unchanged';
    if (want && e.outcome !== want) throw new Error(`scheduled run ${seen}: outcome ${e.outcome}, expected ${want}`);
    if (seen > 0) {
      samples.push({ ms: e.durationMs, written: e.files.written.length });
      log(`  run ${seen}: ${e.durationMs} ms, written ${e.files.written.length}`);
    }
    if (seen++ === runs) break;
    // Before the next tick (a second away; a run takes a fraction of it).
    if (change) editArticle(n, Math.floor(n / 2) + 100 + seen, 100 + seen);
  }
  child.kill('SIGINT');
  await exited;
  // (The process's CPU covers every run and its start: not one run's.)
  const { peakMb } = childUsage(peakFile);
  return samples.map((s) => ({ ...s, peakMb }));
}

function outputBytes(dir) {
  let total = 0;
  let files = 0;
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name));
      else if (/\.(xml|json)$/.test(e.name)) {
        total += statSync(path.join(d, e.name)).size;
        files++;
      }
    }
  };
  if (existsSync(dir)) walk(dir);
  return { total, files };
}

const results = [];
const byName = new Map();
/** Articles the 'add' case wrote into a corpus: removed after it. */
const added = [];

for (const c of CASES) {
  log(`\n${c.name}  (load ${load()})`);
  const loadBefore = os.loadavg()[0];
  const ticksBefore = cpuTicks();
  const samples = [];
  let bytes = 0;
  let note = '';
  if (c.kind === 'baseline') {
    // What every case pays before wirefeed's first line: Node's start (with this harness's
    // --import, like every case), and for the list row the readdir + stat of the 10k corpus that
    // any run must do to know whether an article changed.
    const args = c.list ? [path.join(ROOT, 'bench', 'list-floor.mjs'), corpus(c.n)] : ['-e', '0'];
    const env = c.withCaVar ? process.env : CHILD_ENV;
    for (let i = 0; i < Math.max(RUNS, 11); i++) {
      const r = runChild(args, { env });
      if (r.status !== 0) throw new Error(`${c.name}: exit ${r.status}: ${r.stderr.slice(0, 500)}`);
      samples.push(r);
    }
    log(`  ${samples.map((r) => r.ms.toFixed(0)).join(', ')} ms`);
    note = c.withCaVar ? `${CA_VAR} as set here: Node parses it at every start` : c.list ? 'readdir, then statSync of each file' : "Node's start alone";
  } else if (c.kind === 'cold' || c.kind === 'unchanged' || c.kind === 'change' || c.kind === 'add') {
    const root = project(c.n, c.main ? 'change-main' : c.deletes ? 'delete' : c.redates ? 'redate' : c.kind);
    bytes = corpusBytes.get(c.n);
    if (c.kind !== 'cold') {
      clean(root);
      const first = publish(root, c.n);
      log(`  first publish: ${(first.ms / 1000).toFixed(2)} s, ${first.report.outcome}`);
    }
    const toEdit = c.kind === 'change' ? articlesToEdit(root, c.n, !!c.main, RUNS) : [];
    const names = readdirSync(corpus(c.n)).sort();
    const restore = [];
    for (let i = 0; i < RUNS; i++) {
      if (c.kind === 'cold') clean(root);
      // An archived story (its page is rewritten), or the newest (the main feeds are); or an
      // archived story deleted, or redated (its page alone is rewritten).
      if (c.deletes) restore.push(deleteArticle(c.n, names[toEdit[i]]));
      else if (c.redates) redateArticle(c.n, names[toEdit[i]], toEdit[i], i);
      else if (c.kind === 'change') editArticle(c.n, toEdit[i], i);
      if (c.makesPage) added.push(...fillToPageEdge(root, c.n, i));
      if (c.kind === 'add') added.push(addArticle(c.n, i, !!c.backdated));
      const r = publish(root, c.n);
      const want = c.kind === 'unchanged' ? 'unchanged' : 'published';
      if (r.report.outcome !== want) throw new Error(`${c.name}: outcome ${r.report.outcome}, expected ${want}`);
      if (c.kind === 'change') checkRewritten(c, r.report.files.written);
      if (c.makesPage && !r.report.files.written.some((f) => /(^|\/)archive\//.test(f))) throw new Error(`${c.name}: run ${i + 1} made no page`);
      if (c.backdated && r.report.files.written.some((f) => /(^|\/)archive\//.test(f))) throw new Error(`${c.name}: run ${i + 1} rewrote archive pages`);
      samples.push(r);
      log(`  run ${i + 1}: ${(r.ms / 1000).toFixed(3)} s, cpu ${(r.cpuMs / 1000).toFixed(3)} s, peak ${r.peakMb.toFixed(0)} MB, written ${r.report.files.written.length}`);
    }
    const out = outputBytes(path.join(root, 'output'));
    note = `${out.files} files, ${mb(out.total).toFixed(0)} MB out`;
    if (c.kind === 'change') note = `${samples[0].report.files.written.length} files rewritten`;
    if (c.kind === 'add') note = `${samples[0].report.files.written.length} files rewritten`;
    for (const file of added.splice(0)) rmSync(file);
    for (const put of restore) put();
    if (c.kind === 'unchanged') note = 'nothing read or written';
  } else if (c.kind === 'scheduled') {
    const root = project(c.n, 'scheduled');
    bytes = corpusBytes.get(c.n);
    if (!existsSync(path.join(root, 'output'))) {
      const first = publish(root, c.n);
      log(`  first publish: ${(first.ms / 1000).toFixed(2)} s, ${first.report.outcome}`);
    }
    samples.push(...(await scheduledRuns(root, c.n, RUNS, !!c.change)));
    note = c.change ? `${samples[0].written} files rewritten; in one process, its first run left out` : 'in one process, its first run left out';
  } else if (c.kind === 'serialize') {
    const r = runChild(['--expose-gc', path.join(ROOT, 'bench', 'serialize.mjs'), c.which, corpus(c.n), String(c.n), String(RUNS)]);
    if (r.status !== 0) throw new Error(`${c.name}: ${r.stderr.slice(0, 2000)}`);
    const out = JSON.parse(r.stdout.trim().split('\n').pop());
    for (const ms of out.ms) samples.push({ ms, peakMb: r.peakMb });
    bytes = out.bytes;
    note = `${out.items} items in memory → ${mb(out.bytes).toFixed(0)} MB of feeds (not written)`;
  } else if (c.kind === 'validate') {
    const file = path.join(tmp, `big.${c.format}.xml`);
    if (!existsSync(file)) writeBigFeed(file, c.format);
    bytes = statSync(file).size;
    for (let i = 0; i < RUNS; i++) {
      const r = runChild([CLI, 'validate', file, '--json']);
      const report = JSON.parse(r.stdout);
      if (r.status !== 0 || !report.valid) throw new Error(`${c.name}: exit ${r.status}: ${r.stdout.slice(0, 500)}`);
      samples.push(r);
      log(`  run ${i + 1}: ${(r.ms / 1000).toFixed(3)} s, cpu ${(r.cpuMs / 1000).toFixed(3)} s, peak ${r.peakMb.toFixed(0)} MB`);
    }
    note = `${mb(bytes).toFixed(0)} MB file`;
  }
  const ms = samples.map((s) => s.ms);
  const row = {
    name: c.name,
    runs: samples.length,
    medianMs: median(ms),
    minMs: Math.min(...ms),
    maxMs: Math.max(...ms),
    mbps: bytes ? mb(bytes) / (median(ms) / 1000) : NaN,
    peakMb: Math.max(...samples.map((s) => s.peakMb)),
    // Only where each sample is one process's whole run (publish and validate cases).
    cpuMs: samples.every((s) => Number.isFinite(s.cpuMs)) ? median(samples.map((s) => s.cpuMs)) : NaN,
    load: `${loadBefore.toFixed(2)}→${os.loadavg()[0].toFixed(2)}`,
    steal: stealShare(ticksBefore, cpuTicks()),
    note,
    target: '',
    met: null,
  };
  row.case = c;
  results.push(row);
  byName.set(c.name, row);
}

/** Checks a row against the case's targets (and the ones relative to other rows). */
function judge(c, row) {
  const checks = []; // [what, met]
  if (c.targetMs) checks.push([`≤ ${c.targetMs} ms`, row.medianMs <= c.targetMs]);
  if (c.targetMbps) checks.push([`≥ ${c.targetMbps} MB/s`, row.mbps >= c.targetMbps]);
  if (c.targetPeakMb) checks.push([`≤ ${c.targetPeakMb} MB peak`, row.peakMb <= c.targetPeakMb]);
  if (c.name === 'cold publish 10k' || c.name === 'wirefeed serialize 10k') {
    const ref = byName.get('feed 6 serialize 10k');
    if (ref) checks.push([`< feed 6 (${(ref.medianMs / 1000).toFixed(2)} s)`, row.medianMs < ref.medianMs]);
  }
  if (c.name === 'cold publish 100k') {
    const ten = byName.get('cold publish 10k');
    if (ten) checks.push([`≤ 12× 10k (${((12 * ten.medianMs) / 1000).toFixed(1)} s)`, row.medianMs <= 12 * ten.medianMs]);
  }
  row.target = checks.map(([what]) => what).join(', ');
  const failed = checks.filter(([, met]) => !met).map(([what]) => what);
  row.met = checks.length === 0 ? null : failed.length === 0 ? 'yes' : `NO: ${failed.join(', ')}`;
}

/** A single RSS or Atom file of about 100 MB: the corpus rendered as one feed, through dist/. */
function writeBigFeed(file, format) {
  const r = runChild([path.join(ROOT, 'bench', 'bigfeed.mjs'), format, corpus(largest), file, String(100e6)]);
  if (r.status !== 0) throw new Error(`making ${file}: ${r.stderr.slice(0, 2000)}`);
  log(`  ${path.basename(file)}: ${mb(statSync(file).size).toFixed(0)} MB (${r.stdout.trim()})`);
}

// ---- the targets, once every row is in (cold 10k is held against feed 6, which runs after it)
for (const row of results) judge(row.case, row);

// ---- the table
const fmtS = (ms) => (ms >= 10_000 ? (ms / 1000).toFixed(1) + ' s' : ms >= 1000 ? (ms / 1000).toFixed(2) + ' s' : ms.toFixed(0) + ' ms');
const header = ['case', 'runs', 'median', 'min–max', 'CPU', 'MB/s', 'peak RSS', 'load 1m', 'steal', 'target', 'met', 'notes'];
const rows = results.map((r) => [
  r.name,
  String(r.runs),
  fmtS(r.medianMs),
  `${fmtS(r.minMs)}–${fmtS(r.maxMs)}`,
  Number.isFinite(r.cpuMs) ? fmtS(r.cpuMs) : '',
  Number.isFinite(r.mbps) ? r.mbps.toFixed(1) : '',
  Number.isFinite(r.peakMb) ? `${r.peakMb.toFixed(0)} MB` : '',
  r.load,
  r.steal,
  r.target,
  r.met ?? '',
  r.note,
]);
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => '| ' + cells.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |';
console.log(`\nwirefeed bench — ${new Date().toISOString()} — Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, load ${load()}${QUICK ? ' (--quick)' : ''}`);
console.log(line(header));
console.log('| ' + widths.map((w) => '-'.repeat(w)).join(' | ') + ' |');
for (const r of rows) console.log(line(r));
console.log('MB/s: article bytes read per second for publish cases, feed bytes for serialize and validate.');
console.log('CPU: median user + system time of the whole process, all its threads (publish and validate cases).');
console.log('steal: the share of the cores the virtual machine\'s host took while the case ran (/proc/stat): it slows every case alike.');
if (process.env[CA_VAR]) console.log(KEEP_ENV ? `${CA_VAR} is set and the children kept it (--keep-env).` : `${CA_VAR} is set here; the children ran without it (no case opens a TLS connection): --keep-env keeps it.`);

if (KEEP) log(`kept ${tmp}`);
else rmSync(tmp, { recursive: true, force: true });
