// `wirefeed validate` as a user runs it: exit codes, the --json contract, folders, compiler-style
// messages with a caret, --explain, and URLs served by a local server.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { atom, entry, rss } from './helpers.js';

const dir = mkdtempSync(path.join(tmpdir(), 'wirefeed-validate-'));
const good = path.join(dir, 'good.xml');
const bad = path.join(dir, 'bad.rss');
const junk = path.join(dir, 'junk.atom');
writeFileSync(good, rss('<item><title>x</title><guid isPermaLink="false">1</guid></item>'));
writeFileSync(bad, rss('<item><title>x</title><guid isPermaLink="false">1</guid>\n  <pubDate>yesterday</pubDate></item>'));
writeFileSync(junk, Buffer.from([0x3c, 0x00, 0xff, 0xfe, 0x3c, 0x3c, 0x26]));
writeFileSync(path.join(dir, 'notes.txt'), 'not a feed file');

test('one valid file: exit 0 and exactly one JSON object', async () => {
  const r = await runCli(['validate', '--json', good]);
  assert.equal(r.code, 0);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(out), ['format', 'valid', 'errors', 'warnings']);
  assert.equal(out.format, 'rss');
  assert.equal(out.valid, true);
});

test('errors: exit 1, each with code, message, line and column', async () => {
  const r = await runCli(['validate', '--json', bad]);
  assert.equal(r.code, 1);
  const out = JSON.parse(r.stdout);
  assert.equal(out.valid, false);
  assert.deepEqual(Object.keys(out.errors[0]), ['code', 'message', 'line', 'column']);
  assert.equal(out.errors[0].code, 'InvalidRFC822Date');
  assert.equal(out.errors[0].line, 9);
});

test('people get the offending line with a caret under the column', async () => {
  const r = await runCli(['validate', bad]);
  assert.equal(r.code, 1);
  const lines = r.stdout.split('\n');
  const at = lines.findIndex((l) => l.includes('error InvalidRFC822Date'));
  assert.ok(at >= 0, r.stdout);
  assert.match(lines[at], /bad\.rss:9:3: /);
  assert.equal(lines[at + 1].trim(), '<pubDate>yesterday</pubDate></item>');
  assert.equal(lines[at + 2].indexOf('^'), lines[at + 1].indexOf('<pubDate>'));
});

test('junk bytes still get the JSON contract, with exit 1', async () => {
  const r = await runCli(['validate', '--json', junk]);
  assert.equal(r.code, 1);
  const out = JSON.parse(r.stdout);
  assert.equal(out.valid, false);
  assert.ok(out.errors.length > 0);
});

test('a folder: its feed files, a JSON array with --json, one line each for people', async () => {
  const json = await runCli(['validate', '--json', dir]);
  assert.equal(json.code, 1);
  const arr = JSON.parse(json.stdout) as { input: string; valid: boolean }[];
  assert.deepEqual(arr.map((o) => path.basename(o.input)), ['bad.rss', 'good.xml', 'junk.atom']);
  assert.deepEqual(arr.map((o) => o.valid), [false, true, false]);
  const human = await runCli(['validate', dir]);
  assert.equal(human.stdout.trim().split('\n').length, 3);
  assert.match(human.stdout, /good\.xml: valid RSS/);
});

test('a missing file: exit 2 with the reason', async () => {
  const r = await runCli(['validate', '--json', path.join(dir, 'nope.xml')]);
  assert.equal(r.code, 2);
  const out = JSON.parse(r.stdout);
  assert.equal(out.errors[0].code, 'ReadFailed');
  assert.match(out.errors[0].message, /no such file/);
});

test('--explain prints a code\'s severity and meaning; unknown codes exit 2', async () => {
  const r = await runCli(['validate', '--explain', 'InvalidRFC822Date']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^InvalidRFC822Date \(error\)/);
  assert.match(r.stdout, /RFC 2822/);
  const unknown = await runCli(['validate', '--explain', 'NoSuchCode']);
  assert.equal(unknown.code, 2);
});

test('a URL is fetched and validated; the Content-Type is checked', async () => {
  const body = atom(entry());
  const server = createServer((req, res) => {
    if (req.url === '/feed') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(body);
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    const ok = await runCli(['validate', '--json', `http://127.0.0.1:${port}/feed`]);
    assert.equal(ok.code, 0);
    const out = JSON.parse(ok.stdout);
    assert.equal(out.format, 'atom');
    assert.ok(out.warnings.some((w: { code: string }) => w.code === 'UnexpectedContentType'));
    const missing = await runCli(['validate', '--json', `http://127.0.0.1:${port}/gone`]);
    assert.equal(missing.code, 2);
  } finally {
    server.close();
  }
});
