// The article cache file (.wirefeed/cache/articles.json): what a run writes it reads back, a line
// whose entries did not change is written back byte for byte, and a damaged or unfinished file
// costs only the articles it held (they are read again), never the run.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { emptyArticleCache, encodeArticles, encodeArticlesReplacing, loadArticles, type CachedArticle, type ResultCodec } from '../../src/publish/cache.js';
import { nodeFs } from '../../src/publish/fsio.js';

/** A result is a headline; the stored value is ['h', headline]. */
const codec: ResultCodec<string> = {
  encode: (r) => ['h', r],
  check: (v) => Array.isArray(v) && v[0] === 'h' && typeof v[1] === 'string',
  decode: (v) => (v as [string, string])[1],
};
const KEY = 'k1';

function entry(i: number, headline = `Story ${i}`): CachedArticle<string> {
  const rel = `articles/${String(i).padStart(5, '0')}-${i % 7 === 0 ? 'Zürich-ü' : 'story'}.txt`;
  return { rel, size: 1000 + i, mtimeMs: 1_700_000_000_000 + i * 1000.5, sha256: i.toString(16).padStart(64, '0'), firstSeen: '2024-03-01T00:00:00Z', result: headline };
}

async function withFile(t: { after: (fn: () => Promise<void>) => void }): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'wirefeed-cache-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return path.join(dir, 'articles.json');
}

/** A cache file of `count` entries, written and loaded back. */
async function writtenAndLoaded(t: { after: (fn: () => Promise<void>) => void }, count = 2500) {
  const file = await withFile(t);
  const entries = Array.from({ length: count }, (_, i) => entry(i));
  const first = encodeArticles(entries, emptyArticleCache<string>(), KEY, codec);
  await writeFile(file, first);
  return { file, entries, first, loaded: await loadArticles(nodeFs, { articles: file }, KEY, codec) };
}

test('entries written are read back, paths beyond ASCII included, and a line nobody changed is written back as it was', async (t) => {
  const { file, entries, first, loaded } = await writtenAndLoaded(t);
  assert.equal(loaded.entries.size, 2500);
  for (const e of [entries[0], entries[7], entries[2499]]) {
    const back = loaded.entries.get(e.rel)!;
    assert.deepEqual({ rel: back.rel, size: back.size, mtimeMs: back.mtimeMs, sha256: back.sha256, firstSeen: back.firstSeen, result: back.result }, e);
  }
  // Nothing changed: the same bytes.
  assert.deepEqual(encodeArticles(loaded.entries.values(), loaded, KEY, codec), first);
  // One entry changed: its line is encoded again, the other lines keep their bytes.
  const changed = entry(1500, 'Story 1500, corrected');
  const next = [...loaded.entries.values()].map((e) => (e.rel === changed.rel ? changed : e));
  const second = Buffer.from(encodeArticles(next, loaded, KEY, codec));
  const firstLines = Buffer.from(first).toString('utf8').split('\n');
  const secondLines = second.toString('utf8').split('\n');
  assert.equal(secondLines.length, firstLines.length);
  assert.deepEqual(secondLines.filter((l) => !firstLines.includes(l)).length, 1, 'one line is new');
  await writeFile(file, second);
  const again = await loadArticles(nodeFs, { articles: file }, KEY, codec);
  assert.equal(again.entries.size, 2500);
  assert.equal(again.entries.get(changed.rel)!.result, 'Story 1500, corrected');
});

test('a run that replaced a few entries writes the lines that hold them anew and the others as read', async (t) => {
  const { file, first, loaded } = await writtenAndLoaded(t);
  // Nothing replaced: the same bytes.
  assert.deepEqual(encodeArticlesReplacing(loaded, new Map(), KEY, codec), first);
  // One entry corrected, one touched (the same entry object: its line stays), one new file.
  const corrected = entry(1500, 'Story 1500, corrected');
  const same = loaded.entries.get(entry(10).rel)!;
  const added = { ...entry(9999), rel: 'articles/new.txt' };
  const replaced = new Map([corrected, same, added].map((e) => [e.rel, e]));
  const bytes = Buffer.from(encodeArticlesReplacing(loaded, replaced, KEY, codec));
  const before = Buffer.from(first).toString('utf8').split('\n');
  const after = bytes.toString('utf8').split('\n');
  assert.deepEqual(after.slice(0, 2), before.slice(0, 2), 'the header and the first line, untouched, as read');
  assert.equal(after[3], before[3], 'the third line too');
  assert.notEqual(after[2], before[2], 'the line holding the corrected entry is new');
  await writeFile(file, bytes);
  const again = await loadArticles(nodeFs, { articles: file }, KEY, codec);
  assert.equal(again.entries.size, 2501);
  assert.equal(again.entries.get(corrected.rel)!.result, 'Story 1500, corrected');
  assert.equal(again.entries.get('articles/new.txt')!.result, 'Story 9999');
  // The same entries as the pass over all of them gives.
  const all = [...loaded.entries.values()].map((e) => replaced.get(e.rel) ?? e).concat(added);
  const viaAll = await withFile(t);
  await writeFile(viaAll, encodeArticles(all, loaded, KEY, codec));
  const other = await loadArticles(nodeFs, { articles: viaAll }, KEY, codec);
  const plain = (c: typeof again) => [...c.entries.values()].map((e) => [e.rel, e.size, e.mtimeMs, e.sha256, e.firstSeen, e.result]).sort();
  assert.deepEqual(plain(again), plain(other));
});

test('a damaged line, an unfinished last line and another key cost only what they held', async (t) => {
  const file = await withFile(t);
  const entries = Array.from({ length: 2500 }, (_, i) => entry(i));
  const lines = Buffer.from(encodeArticles(entries, emptyArticleCache<string>(), KEY, codec)).toString('utf8').split('\n');
  assert.equal(lines.length, 5, 'a header, three lines of entries and the end');
  // The second line of entries damaged; the last one cut short by a crash (no newline, but whole JSON).
  await writeFile(file, [lines[0], lines[1], lines[2].slice(0, 100), lines[3]].join('\n'));
  const loaded = await loadArticles(nodeFs, { articles: file }, KEY, codec);
  assert.equal(loaded.entries.size, 1000 + 500);
  assert.ok(!loaded.entries.has(entries[1000].rel), 'the damaged line’s articles are read again');
  assert.ok(loaded.entries.has(entries[2499].rel), 'the unfinished line’s entries are used');
  // Written again: the unfinished line is encoded anew (it ends in a newline), nothing is lost.
  const rewritten = Buffer.from(encodeArticles(loaded.entries.values(), loaded, KEY, codec)).toString('utf8');
  assert.ok(rewritten.endsWith('\n'));
  await writeFile(file, rewritten);
  assert.equal((await loadArticles(nodeFs, { articles: file }, KEY, codec)).entries.size, 1500);
  // A line whose values were changed behind its back (its stats intact): its hash no longer
  // matches, so its articles are read again rather than found damaged when a run needs one.
  const intact = rewritten.split('\n');
  const tampered = intact.map((l, i) => (i === 1 ? l.replace('Story 5', 'Story X') : l));
  assert.notEqual(tampered[1], intact[1]);
  await writeFile(file, tampered.join('\n'));
  const afterTamper = await loadArticles(nodeFs, { articles: file }, KEY, codec);
  assert.equal(afterTamper.entries.size, 1500 - (intact[1].match(/articles\//g)!.length), 'the tampered line’s articles are read again');
  for (const e of afterTamper.entries.values()) assert.match(e.result, /^Story \d+$/);
  // Its stats changed instead (where a value starts): the same.
  const shifted = intact.map((l, i) => (i === 1 ? l.replace(/,(\d+),(\d+)\]/, (_m, a: string, b: string) => `,${Number(a) + 1},${b}]`) : l));
  assert.notEqual(shifted[1], intact[1]);
  await writeFile(file, shifted.join('\n'));
  assert.equal((await loadArticles(nodeFs, { articles: file }, KEY, codec)).entries.size, afterTamper.entries.size);
  await writeFile(file, rewritten);
  // Made for other settings (another key), missing, or not JSON at all: empty, no error.
  assert.equal((await loadArticles(nodeFs, { articles: file }, 'k2', codec)).entries.size, 0);
  assert.equal((await loadArticles(nodeFs, { articles: file + '.missing' }, KEY, codec)).entries.size, 0);
  await writeFile(file, Buffer.from([0xff, 0xfe, 0x00, 0x0a]));
  assert.equal((await loadArticles(nodeFs, { articles: file }, KEY, codec)).entries.size, 0);
  assert.equal((await readFile(file)).length, 4);
});
