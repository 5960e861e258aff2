// `wirefeed validate DIR` on a folder of archived feeds: the pages are found through the links,
// each is validated, and a broken chain makes the run fail, naming the file.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { archiveFileName, archiveFiles, planArchive, renderArchiveFile } from '../../src/render/archive.js';
import { articles, site } from './fixtures.js';

const ROOT = path.resolve(fileURLToPath(import.meta.url), '../../..');
const CLI = path.join(ROOT, 'src/cli.ts');

function validate(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, 'validate', ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function publishedFolder(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'wirefeed-archive-'));
  const plan = planArchive(site(), articles(420), { itemLimit: 50, pageSize: 100, maxBytes: 16 * 1024 * 1024 });
  await mkdir(path.join(dir, 'archive'));
  for (const f of archiveFiles(plan)) await writeFile(path.join(dir, f.name), renderArchiveFile(plan, f));
  return dir;
}

interface JsonOutcome {
  input: string;
  valid: boolean;
  errors: { code: string; message: string }[];
  warnings: { code: string }[];
}

test('validate DIR follows the archive links into archive/ and checks every page and the chains', async (t) => {
  const dir = await publishedFolder();
  t.after(() => rm(dir, { recursive: true, force: true }));
  const r = validate(dir, '--json');
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const out = JSON.parse(r.stdout) as JsonOutcome[];
  const names = out.map((o) => path.relative(dir, o.input).split(path.sep).join('/')).sort();
  const pages = [1, 2, 3].flatMap((k) => (['rss', 'atom', 'json'] as const).map((f) => archiveFileName(f, k)));
  assert.deepEqual(names, ['atom.xml', 'feed.json', 'rss.xml', ...pages].sort());
  assert.ok(out.every((o) => o.valid && o.errors.length === 0));
});

test('validate DIR fails on a missing archive page, naming the files whose links are broken and the page cut off', async (t) => {
  const dir = await publishedFolder();
  t.after(() => rm(dir, { recursive: true, force: true }));
  await rm(path.join(dir, archiveFileName('atom', 2)));
  const r = validate(dir, '--json');
  assert.equal(r.code, 1, r.stdout + r.stderr);
  const out = JSON.parse(r.stdout) as JsonOutcome[];
  const codesOf = (name: string) => out.find((o) => o.input === path.join(dir, name))?.errors.map((e) => e.code);
  // Page 3 links back to it, page 1 forward to it; page 1 is no longer reached from atom.xml.
  assert.deepEqual(codesOf(archiveFileName('atom', 3)), ['ArchiveLinkBroken']);
  assert.deepEqual(codesOf(archiveFileName('atom', 1)), ['ArchiveLinkBroken', 'ArchivePageUnreachable']);
  assert.match(out.find((o) => o.input === path.join(dir, archiveFileName('atom', 3)))!.errors[0].message, /atom-2\.xml/);
  assert.ok(out.filter((o) => !o.input.includes('atom')).every((o) => o.valid), 'the RSS and JSON chains are whole');
  // Without --json, the summary names the file and the first error.
  const text = validate(dir);
  assert.equal(text.code, 1);
  assert.match(text.stdout, new RegExp(`${archiveFileName('atom', 3).replace('.', '\\.')}: invalid Atom .*ArchiveLinkBroken`));
});
