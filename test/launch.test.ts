// The installed command, dist/launch.cjs: the whole program from one bundle, with the code cache
// the build made for it. Users run this file, not the sources the other tests run through tsx,
// so it is checked here as built: it publishes the very bytes the modules publish, V8 takes the
// cache, and a cache V8 refuses costs time, never the run.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { REPO, finished, runCli } from './helpers/cli.js';
import { datedArticle, makeProject } from './helpers/project.js';

const LAUNCHER = path.join(REPO, 'dist', 'launch.cjs');
const BUNDLE = path.join(REPO, 'dist', 'wirefeed.bundle.cjs');

/** Why the built command cannot be tested as the sources stand, or null. */
function notBuilt(): string | null {
  if (!existsSync(LAUNCHER) || !existsSync(BUNDLE)) return 'dist/ has no launcher or bundle: run `npm run build`';
  const newest = (dir: string): number =>
    Math.max(...readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newest(path.join(dir, e.name)) : statSync(path.join(dir, e.name)).mtimeMs)));
  if (newest(path.join(REPO, 'src')) > statSync(BUNDLE).mtimeMs) return 'dist/ is older than src/: run `npm run build`';
  return null;
}
const skip = notBuilt() ?? false;

function runLauncher(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  return finished(spawn(process.execPath, [LAUNCHER, ...args], { cwd: opts.cwd ?? REPO, env: { ...process.env, ...opts.env }, stdio: 'pipe' }));
}

async function allFiles(dir: string): Promise<Record<string, Buffer>> {
  const out: Record<string, Buffer> = {};
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) out[path.relative(dir, path.join(e.parentPath ?? e.path, e.name))] = await readFile(path.join(e.parentPath ?? e.path, e.name));
  }
  return out;
}

test('the built command publishes the same bytes as the modules, with the build’s code cache taken', { skip }, async (t) => {
  // Two projects, one input: 130 dated articles, so the main feeds and two archive pages.
  const articles = Object.fromEntries(Array.from({ length: 130 }, (_, i) => [`story-${String(i).padStart(3, '0')}.txt`, datedArticle(i, `2025-0${1 + (i % 9)}-1${i % 10}T0${i % 10}:00:00Z`)]));
  const config = { feed: { itemLimit: 20, archivePageSize: 50 } };
  const viaModules = await makeProject({ config, articles });
  const viaLauncher = await makeProject({ config, articles });
  t.after(() => Promise.all([viaModules.cleanup(), viaLauncher.cleanup()]));

  const a = await runCli(['publish', '--config', viaModules.configFile]);
  const b = await runLauncher(['publish', '--config', viaLauncher.configFile], { env: { WIREFEED_TIMINGS: '1' } });
  assert.equal(a.code, 0, a.stderr);
  assert.equal(b.code, 0, b.stderr);
  assert.match(b.stderr, /before the run .*\(code cache used\)/, 'V8 took the code cache the build made');
  const [fromModules, fromLauncher] = await Promise.all([allFiles(viaModules.outputDir), allFiles(viaLauncher.outputDir)]);
  assert.ok(Object.keys(fromLauncher).some((f) => f.startsWith('archive')), 'archive pages were written');
  assert.deepEqual(Object.keys(fromLauncher).sort(), Object.keys(fromModules).sort());
  for (const [name, bytes] of Object.entries(fromModules)) assert.ok(bytes.equals(fromLauncher[name]), `${name} differs`);

  // Its other commands: the version, and the validator on what it wrote.
  const version = await runLauncher(['--version']);
  const pkg = JSON.parse(await readFile(path.join(REPO, 'package.json'), 'utf8')) as { version: string };
  assert.equal(version.stdout.trim(), pkg.version);
  const checked = await runLauncher(['validate', path.join(viaLauncher.outputDir, 'atom.xml')]);
  assert.equal(checked.code, 0, checked.stdout + checked.stderr);
  assert.match(checked.stdout, /valid Atom/);
});

test('a code cache V8 refuses (another Node, or damaged) costs time, never the run', { skip }, async (t) => {
  const project = await makeProject({ articles: { 'a.txt': datedArticle(1, '2025-03-01T10:00:00Z') } });
  t.after(() => project.cleanup());
  const garbage = path.join(project.root, 'garbage.cache');
  await writeFile(garbage, Buffer.alloc(4096, 7));
  const script = `
    const { loadBundle } = require(${JSON.stringify(LAUNCHER)});
    const bundle = loadBundle({ codeCacheFile: ${JSON.stringify(garbage)} });
    bundle.main(['publish', '--config', ${JSON.stringify(project.configFile)}]).then((code) => { console.error('cache ' + bundle.codeCache); process.exitCode = code; });`;
  const r = await finished(spawn(process.execPath, ['-e', script], { cwd: project.root, stdio: 'pipe' }));
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /cache refused/);
  assert.ok(existsSync(path.join(project.outputDir, 'rss.xml')));
});

test('the built command carries the YAML parser: an article with front matter is read without loading a package from node_modules', { skip }, async (t) => {
  const project = await makeProject({ articles: { 'a.txt': datedArticle(1, '2025-03-01T10:00:00+01:00') } });
  t.after(() => project.cleanup());
  const file = path.join(project.articlesDir, 'a.txt');
  const script = `
    const { loadBundle } = require(${JSON.stringify(LAUNCHER)});
    const bundle = loadBundle();
    bundle.main(['normalize', '--json', ${JSON.stringify(file)}]).then((code) => {
      const loaded = Object.keys(require.cache).filter((f) => f.includes('node_modules'));
      console.error(JSON.stringify({ code, loaded }));
    });`;
  const r = await finished(spawn(process.execPath, ['-e', script], { cwd: project.root, stdio: 'pipe' }));
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stderr.trim().split('\n').at(-1)!), { code: 0, loaded: [] });
  assert.match(r.stdout, /"published": ?"2025-03-01T10:00:00\+01:00"/);
});
