// The article cache file (.wirefeed/cache/articles.json): what a run writes it reads back, a line
// whose entries did not change is written back byte for byte, and a damaged or unfinished file
// costs only the articles it held (they are read again), never the run.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { emptyArticleCache, encodeArticles as encodeArticlePieces, encodeArticlesReplacing as encodeReplacingPieces, loadArticles, type ArticleCache, type CachedArticle, type Listing, type ResultCodec } from '../../src/publish/article-cache.js';
import { listingHashes, namesHash, pruneWholeGroups } from '../../src/publish/cache.js';
import { nodeFs } from '../../src/publish/fsio.js';

// The encoders give a file in pieces (written as they are); the tests look at it joined.
const encodeArticles = (...args: Parameters<typeof encodeArticlePieces<string>>): Buffer => Buffer.concat(encodeArticlePieces(...args));
const encodeArticlesReplacing = (...args: Parameters<typeof encodeReplacingPieces<string>>): Buffer => Buffer.concat(encodeReplacingPieces(...args));

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

/** The listing of these entries' files (sorted, as the job lists them). */
const listingOf = (entries: readonly { rel: string }[]): Listing => {
  const rels = entries.map((e) => e.rel).sort();
  return { names: namesHash(rels), rels };
};
const linesRead = (c: ArticleCache<string>): number => c.lines.filter((l) => l.state !== 'unread').length;

test('with its listing the file carries a stat index: a run compares its files\' stats with it and reads only the lines it asks for', async (t) => {
  const file = await withFile(t);
  const entries = Array.from({ length: 2500 }, (_, i) => entry(i));
  const listing = listingOf(entries);
  // Groups of the plan (pages of 100, in the plan's own order): a line each.
  const pages = Array.from({ length: 25 }, (_, k) => entries.slice(k * 100, k * 100 + 100).map((e) => e.rel).reverse());
  await writeFile(file, encodeArticles(entries, emptyArticleCache<string>(), KEY, codec, { listing, groups: pages }));
  const loaded = await loadArticles(nodeFs, { articles: file }, KEY, codec);
  assert.equal(loaded.lines.length, 25, 'a line for each page');
  assert.equal(linesRead(loaded), 0, 'no line is read on loading');
  // The same listing: the index's numbers, in order.
  const same = loaded.statsOf(listing)!;
  assert.deepEqual([same[3 * 7], same[3 * 7 + 1]], [entries[7].size, entries[7].mtimeMs]);
  // A listing with a file added and one gone: the index knows the others, by path.
  const { rels: now } = listingOf([...entries.filter((e) => e !== entries[5]), { rel: 'articles/00000-new.txt' }, { rel: 'articles/99999-new.txt' }]);
  const stats = loaded.statsOf(listingOf(now.map((rel) => ({ rel }))))!;
  for (const e of [entries[0], entries[7], entries[1234], entries[2499]]) {
    const at = now.indexOf(e.rel);
    assert.deepEqual([stats[3 * at], stats[3 * at + 1]], [e.size, e.mtimeMs]);
    assert.ok(stats[3 * at + 2] >= 0);
  }
  for (const rel of ['articles/00000-new.txt', 'articles/99999-new.txt']) assert.equal(stats[3 * now.indexOf(rel) + 2], -1, 'a new file is unknown to the index');
  assert.equal(linesRead(loaded), 0);
  // An entry asked for: its page's line alone is read, and the page's other entries come with it.
  assert.equal(loaded.get(entries[1234].rel)!.result, 'Story 1234');
  assert.equal(linesRead(loaded), 1);
  assert.equal(loaded.get(entries[1299].rel)!.result, 'Story 1299');
  assert.equal(linesRead(loaded), 1, 'the same page: no other line');
  // A path the index does not know: known() says so without reading; get() reads every line.
  assert.equal(loaded.known('articles/none.txt'), undefined);
  assert.equal(linesRead(loaded), 1);
  assert.equal(loaded.get('articles/none.txt'), undefined);
  assert.equal(linesRead(loaded), 25);
  assert.equal(loaded.entries.size, 2500);
});

test('a run that replaced and added entries carries the stat index over to its listing; a damaged index is only ignored', async (t) => {
  const file = await withFile(t);
  const entries = Array.from({ length: 2500 }, (_, i) => entry(i));
  const first = Buffer.from(encodeArticles(entries, emptyArticleCache<string>(), KEY, codec, { listing: listingOf(entries) }));
  await writeFile(file, first);
  const loaded = await loadArticles(nodeFs, { articles: file }, KEY, codec);
  const corrected = { ...entry(1500, 'Story 1500, corrected'), size: 4321, mtimeMs: 1_800_000_000_000.25 };
  const added = { ...entry(9999, 'A new story'), rel: 'articles/01000-new.txt' };
  const listing = listingOf([...entries, added]);
  const bytes = Buffer.from(encodeArticlesReplacing(loaded, new Map([corrected, added].map((e) => [e.rel, e])), KEY, codec, listing));
  const { rels } = listing;
  assert.equal(linesRead(loaded), 1, 'only the line holding the corrected entry was read');
  const before = first.toString('utf8').split('\n');
  const after = bytes.toString('utf8').split('\n');
  assert.equal(after.length, before.length + 1, 'a line for the added entry');
  assert.deepEqual(after.filter((l) => !before.includes(l)).length, 3, 'the index line, the corrected entry\'s line and the added entry\'s are new, the others as read');
  await writeFile(file, bytes);
  const again = await loadArticles(nodeFs, { articles: file }, KEY, codec);
  const stats = again.statsOf(listing)!;
  const numbers = (rel: string) => Array.from(stats.subarray(3 * rels.indexOf(rel), 3 * rels.indexOf(rel) + 2));
  assert.deepEqual(numbers(corrected.rel), [4321, 1_800_000_000_000.25]);
  assert.deepEqual(numbers(added.rel), [added.size, added.mtimeMs]);
  assert.deepEqual(numbers(entries[3].rel), [entries[3].size, entries[3].mtimeMs]);
  assert.equal(again.get(corrected.rel)!.result, 'Story 1500, corrected');
  assert.equal(again.get(added.rel)!.result, 'A new story');
  assert.equal(linesRead(again), 2, 'each found through the index, its own line read');
  // The index damaged: not used (every line is read when an entry is asked for), entries intact.
  const damaged = after.map((l, i) => (i === 1 ? l.replace(/\t([0-9a-f])/, (_m, c: string) => `\t${c === '0' ? '1' : '0'}`) : l));
  assert.notEqual(damaged[1], after[1]);
  await writeFile(file, damaged.join('\n'));
  const unindexed = await loadArticles(nodeFs, { articles: file }, KEY, codec);
  assert.equal(unindexed.statsOf(listing), null);
  assert.equal(unindexed.get(corrected.rel)!.result, 'Story 1500, corrected');
  assert.equal(unindexed.entries.size, 2501);
});

test('a correction over the same listing changes the index\'s numbers for its file alone', async (t) => {
  const file = await withFile(t);
  const entries = Array.from({ length: 2500 }, (_, i) => entry(i));
  const listing = listingOf(entries);
  await writeFile(file, encodeArticles(entries, emptyArticleCache<string>(), KEY, codec, { listing }));
  const loaded = await loadArticles(nodeFs, { articles: file }, KEY, codec);
  const before = Float64Array.from(loaded.statsOf(listing)!);
  const corrected = [17, 2499].map((i) => ({ ...entry(i, `Story ${i}, corrected`), size: 5000 + i, mtimeMs: 1_900_000_000_000.5 + i }));
  await writeFile(file, encodeArticlesReplacing(loaded, new Map(corrected.map((e) => [e.rel, e])), KEY, codec, listing));
  const again = await loadArticles(nodeFs, { articles: file }, KEY, codec);
  const after = Float64Array.from(again.statsOf(listing)!);
  const { rels } = listing;
  for (const e of corrected) {
    const i = rels.indexOf(e.rel);
    assert.deepEqual(Array.from(after.subarray(3 * i, 3 * i + 2)), [e.size, e.mtimeMs]);
    assert.equal(after[3 * i + 2], before[3 * i + 2], 'its line re-encoded in its place');
    after.set(before.subarray(3 * i, 3 * i + 3), 3 * i);
    assert.equal(again.get(e.rel)!.result, e.result);
  }
  assert.deepEqual(after, before, 'every other file\'s numbers as they were');
  assert.equal(again.get(entries[1000].rel)!.result, 'Story 1000');
});

test('the listing\'s hash moves with any name, size or mtime; the names\' hash (namesHash) only with the names', () => {
  const files = Array.from({ length: 50 }, (_, i) => ({ rel: entry(i).rel, stat: { size: entry(i).size, mtimeMs: entry(i).mtimeMs } }));
  const base = listingHashes(files);
  assert.equal(base.names, namesHash(files.map((f) => f.rel)));
  const touched = listingHashes(files.map((f, i) => (i === 9 ? { ...f, stat: { ...f.stat, mtimeMs: f.stat.mtimeMs + 0.5 } } : f)));
  assert.equal(touched.names, base.names);
  assert.notEqual(touched.listing, base.listing);
  const renamed = listingHashes(files.map((f, i) => (i === 9 ? { ...f, rel: 'articles/other.txt' } : f)));
  assert.notEqual(renamed.names, base.names);
  assert.notEqual(renamed.listing, base.listing);
});

test('the whole articles of pages are kept for the last pages written only; the main feeds\' group stays', async (t) => {
  const dir = path.dirname(await withFile(t));
  const whole = path.join(dir, 'whole');
  const { mkdir } = await import('node:fs/promises');
  await mkdir(whole);
  const t0 = Date.now() / 1000 - 3600;
  for (let n = 1; n <= 12; n++) {
    const file = path.join(whole, `page-${n}.json`);
    await writeFile(file, '{}');
    // Written in the order 12, 11, …, 1 (page 1 last), so the newest are not the highest numbers.
    await utimes(file, t0 + (13 - n) * 10, t0 + (13 - n) * 10);
  }
  await writeFile(path.join(whole, 'main.json'), '{}');
  await utimes(path.join(whole, 'main.json'), t0, t0);
  await pruneWholeGroups(nodeFs, { whole }, 8);
  assert.deepEqual((await readdir(whole)).sort(), ['main.json', ...Array.from({ length: 8 }, (_, i) => `page-${i + 1}.json`)].sort());
  await pruneWholeGroups(nodeFs, { whole: path.join(dir, 'nowhere') }, 8); // no folder: nothing to do
});
