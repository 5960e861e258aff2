// `wirefeed normalize`: one JSON line per file in argument order, rejected files as {source, error},
// and the exit codes scripts rely on.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { ROOT } from './helpers.js';

/** tsx by absolute URL, so the CLI also runs from a folder outside the project. */
const TSX = import.meta.resolve('tsx');

function normalize(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, ['--import', TSX, path.join(ROOT, 'src/cli.ts'), 'normalize', ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const fx = (rel: string) => path.join('test/fixtures/articles', rel);

test('normalize --json: one model per line in argument order, a rejected file as {source, error}, exit 1', () => {
  const files = [fx('styles/ap-wire.txt'), fx('bad/impossible-date.txt'), 'articles/2017-11-11-trump-putin-syria.txt'];
  const r = normalize([...files, '--json']);
  assert.equal(r.code, 1);
  const lines = r.out.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.length, 3);
  assert.equal(lines[0].headline, 'Flood barrier holds as river crests below record');
  assert.equal(lines[0].source.path, files[0]);
  assert.deepEqual(Object.keys(lines[1]), ['source', 'error']);
  assert.deepEqual(Object.keys(lines[1].error), ['code', 'message', 'line']);
  assert.equal(lines[1].error.code, 'ImpossibleDate');
  assert.equal(lines[1].error.line, 2);
  assert.match(lines[1].source.sha256, /^[0-9a-f]{64}$/);
  // The project's config (news.example.com) is used when it is there.
  assert.equal(lines[2].id, 'tag:news.example.com,2017-11-11:trump-putin-release-joint-statement-on-syria');
});

test('normalize: all good is exit 0; without a config file a placeholder site is used', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'wirefeed-normalize-'));
  writeFileSync(path.join(dir, 'a.txt'), 'A headline\n\nLIMA, Peru (AP) — A first paragraph.\n');
  const r = normalize(['a.txt', '--json'], dir);
  assert.equal(r.code, 0, r.err);
  const a = JSON.parse(r.out);
  assert.match(a.url, /^https:\/\/example\.invalid\//);
  assert.equal(a.dateline.place, 'LIMA, Peru');
  const human = normalize(['a.txt'], dir);
  assert.equal(human.code, 0);
  assert.match(human.out, /headline +A headline/);
  assert.match(human.out, /dateline +LIMA, Peru \(AP\)/);
});

test('normalize: usage errors and unreadable files exit 2', () => {
  assert.equal(normalize([]).code, 2);
  assert.equal(normalize(['--bogus', 'x.txt']).code, 2);
  const r = normalize(['does-not-exist.txt', fx('styles/ap-wire.txt'), '--json']);
  assert.equal(r.code, 2);
  const lines = r.out.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.length, 2, 'the unreadable file still has its line, so lines match arguments');
  assert.equal(lines[0].error.code, 'Unreadable');
  assert.equal(lines[1].headline, 'Flood barrier holds as river crests below record');
});

test('normalize answers with the ledger: an undated article keeps the first-seen date and id publish gave it', async () => {
  const { makeProject, publishProject, fixedClock, wireArticle } = await import('../helpers/project.js');
  const p = await makeProject();
  try {
    await p.writeArticle('undated.txt', wireArticle({ headline: 'Ferry service resumes', dateline: 'OSLO —', paragraphs: ['The ferry ran again on Monday.'] }));
    const clock = fixedClock('2021-06-07T08:00:00Z');
    await publishProject(p, clock.now);
    const entry = JSON.parse((await import('node:fs')).readFileSync(p.ledgerFile, 'utf8')).articles[0];

    const r = normalize(['articles/undated.txt', '--json'], p.root);
    assert.equal(r.code, 0, r.err);
    const model = JSON.parse(r.out);
    assert.equal(model.published, '2021-06-07T08:00:00Z');
    assert.equal(model.id, entry.id);
    assert.match(model.id, /^tag:wire\.example\.org,2021-06-07:/);
  } finally {
    await p.cleanup();
  }
});
