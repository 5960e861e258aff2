import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { chmod, readdir, readFile, rename, symlink, utimes, writeFile, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { defaultStages } from '../../src/publish/stages.js';
import { validateFeed } from '../../src/validate/index.js';
import { atomEntries, atomFeedUpdated, feedErrors, jsonItems, rssLastBuildDate } from '../helpers/feeds.js';
import { countingFs, datedArticle, failingFs, fixedClock, makeProject, publishProject, settle, wireArticle, type TempProject } from '../helpers/project.js';

const T0 = '2024-03-01T12:00:00Z';

async function threeArticles(): Promise<TempProject> {
  return makeProject({
    articles: {
      'a.txt': datedArticle(1, '2024-02-01T09:00:00Z'),
      'b.txt': datedArticle(2, '2024-02-02T09:00:00Z'),
      'c.txt': datedArticle(3, '2024-02-03T09:00:00Z'),
    },
  });
}

async function ledgerOf(p: TempProject): Promise<{ path: string; id: string; firstSeen: string; updated: string; sha256: string }[]> {
  return JSON.parse(await readFile(p.ledgerFile, 'utf8')).articles;
}

test('a first run publishes three valid feeds, the page and their compressed copies; exit 0', async (t) => {
  const p = await threeArticles();
  t.after(() => p.cleanup());
  const r = await publishProject(p, fixedClock(T0).now);
  assert.equal(r.exitCode, 0, r.problems.join('\n'));
  assert.equal(r.outcome, 'published');
  assert.deepEqual(r.articles, { seen: 3, changed: 3, removed: 0, rejected: 0, embargoed: 0 });
  const out = await p.outputs();
  for (const name of ['rss.xml', 'atom.xml', 'feed.json', 'index.html']) assert.ok(out[name], `${name} written`);
  assert.deepEqual(feedErrors(out), { 'rss.xml': [], 'atom.xml': [], 'feed.json': [] });
  assert.deepEqual(gunzipSync(out['rss.xml.gz']), out['rss.xml']);
  assert.deepEqual(brotliDecompressSync(out['atom.xml.br']), out['atom.xml']);
  const items = jsonItems(out['feed.json']);
  assert.equal(items.length, 3);
  const ledger = await ledgerOf(p);
  assert.deepEqual(ledger.map((e) => e.path), ['articles/a.txt', 'articles/b.txt', 'articles/c.txt']);
  assert.deepEqual(new Set(items.map((i) => i.id)), new Set(ledger.map((e) => e.id)), 'the ledger holds the published ids');
  assert.ok(!(await readdir(p.root)).some((n) => n.includes('staging')), 'no staging folder left');
});

test('a second run with nothing changed reads no article, writes nothing and says unchanged', async (t) => {
  const p = await threeArticles();
  t.after(() => p.cleanup());
  const clock = fixedClock(T0);
  await publishProject(p, clock.now);
  const bytes = await p.outputs();
  const mtimes = await p.outputMtimes();
  const ledgerBefore = await readFile(p.ledgerFile);
  clock.advance(3600_000);
  const counting = countingFs();
  const r = await publishProject(p, clock.now, { fs: counting.fs });
  assert.equal(r.outcome, 'unchanged');
  assert.equal(r.exitCode, 0);
  assert.equal(r.articles.seen, 3);
  assert.deepEqual(r.files.written, []);
  assert.deepEqual(counting.reads.filter((f) => f.startsWith(p.articlesDir)), [], 'no article body read');
  assert.deepEqual(await p.outputs(), bytes, 'byte-identical');
  assert.deepEqual(await p.outputMtimes(), mtimes, 'mtimes untouched');
  assert.deepEqual(await readFile(p.ledgerFile), ledgerBefore);
});

test('touching an article without changing it rewrites nothing and moves no date', async (t) => {
  const p = await threeArticles();
  t.after(() => p.cleanup());
  const clock = fixedClock(T0);
  await publishProject(p, clock.now);
  const bytes = await p.outputs();
  const mtimes = await p.outputMtimes();
  const later = new Date(Date.now() + 5000);
  await utimes(path.join(p.articlesDir, 'b.txt'), later, later);
  clock.advance(86_400_000);
  const r = await publishProject(p, clock.now);
  assert.equal(r.outcome, 'unchanged');
  assert.equal(r.articles.changed, 0);
  assert.deepEqual(await p.outputs(), bytes);
  assert.deepEqual(await p.outputMtimes(), mtimes);
});

test('one edit moves only that item\'s updated and the feed\'s lastBuildDate/updated', async (t) => {
  const p = await threeArticles();
  t.after(() => p.cleanup());
  const clock = fixedClock(T0);
  await publishProject(p, clock.now);
  const before = await p.outputs();
  clock.set('2024-03-05T08:30:00Z');
  await p.writeArticle('b.txt', datedArticle(2, '2024-02-02T09:00:00Z', { paragraphs: ['The council approved budget number 2 on Tuesday after a long debate.', 'A correction was added.'] }));
  const r = await publishProject(p, clock.now);
  assert.equal(r.outcome, 'published');
  assert.equal(r.articles.changed, 1);
  const after = await p.outputs();

  const ledger = await ledgerOf(p);
  const edited = ledger.find((e) => e.path === 'articles/b.txt')!;
  assert.equal(Date.parse(edited.updated), Date.parse('2024-03-05T08:30:00Z'));

  const oldItems = new Map(jsonItems(before['feed.json']).map((i) => [i.id, i]));
  for (const item of jsonItems(after['feed.json'])) {
    const old = oldItems.get(item.id)!;
    assert.ok(old, `item ${item.id} kept its id`);
    assert.equal(item.date_published, old.date_published);
    if (item.id === edited.id) assert.equal(Date.parse(item.date_modified!), Date.parse('2024-03-05T08:30:00Z'));
    else assert.deepEqual(item, old, 'other items unchanged');
  }
  const oldEntries = atomEntries(before['atom.xml']);
  const newEntries = atomEntries(after['atom.xml']);
  for (const [id, xml] of newEntries) if (id !== edited.id) assert.equal(xml, oldEntries.get(id), `atom entry ${id} byte-identical`);
  assert.notEqual(newEntries.get(edited.id), oldEntries.get(edited.id));
  assert.equal(Date.parse(await atomFeedUpdated(after['atom.xml'])), Date.parse('2024-03-05T08:30:00Z'));
  assert.notEqual(rssLastBuildDate(after['rss.xml']), rssLastBuildDate(before['rss.xml']));
  assert.equal(Date.parse(rssLastBuildDate(after['rss.xml'])!), Date.parse('2024-03-05T08:30:00Z'));
});

test('a renamed or moved file keeps its id and dates; a deleted one leaves the feeds', async (t) => {
  const p = await threeArticles();
  t.after(() => p.cleanup());
  const clock = fixedClock(T0);
  await publishProject(p, clock.now);
  const ledger0 = await ledgerOf(p);
  const idOfA = ledger0.find((e) => e.path === 'articles/a.txt')!.id;
  const idOfC = ledger0.find((e) => e.path === 'articles/c.txt')!.id;

  await mkdir(path.join(p.articlesDir, '2024', '02'), { recursive: true });
  await rename(path.join(p.articlesDir, 'a.txt'), path.join(p.articlesDir, '2024', '02', 'renamed.txt'));
  await p.removeArticle('c.txt');
  clock.advance(86_400_000);
  const r = await publishProject(p, clock.now);
  assert.equal(r.exitCode, 0);
  assert.equal(r.articles.removed, 1);
  assert.equal(r.articles.changed, 0, 'a move is not a change');
  const ledger1 = await ledgerOf(p);
  const moved = ledger1.find((e) => e.path === 'articles/2024/02/renamed.txt')!;
  assert.equal(moved.id, idOfA);
  assert.deepEqual({ ...moved, path: '' }, { ...ledger0.find((e) => e.id === idOfA)!, path: '' }, 'same id, first-seen, updated, hash');
  const items = jsonItems((await p.outputs())['feed.json']);
  assert.ok(items.some((i) => i.id === idOfA));
  assert.ok(!items.some((i) => i.id === idOfC), 'the deleted article left the feed');
  assert.ok(!ledger1.some((e) => e.id === idOfC), 'and the ledger');
});

test('a front matter id follows the article through a rename and an edit', async (t) => {
  const p = await makeProject({
    articles: { 'x.txt': datedArticle(7, '2024-02-07T09:00:00Z', { frontMatter: { id: 'urn:example:story-7', date: '2024-02-07T09:00:00Z' } }) },
  });
  t.after(() => p.cleanup());
  const clock = fixedClock(T0);
  await publishProject(p, clock.now);
  await p.removeArticle('x.txt');
  await p.writeArticle('moved/y.txt', datedArticle(7, '2024-02-07T09:00:00Z', { frontMatter: { id: 'urn:example:story-7', date: '2024-02-07T09:00:00Z' }, headline: 'Edited headline' }));
  clock.advance(3600_000);
  const r = await publishProject(p, clock.now);
  assert.equal(r.articles.removed, 0);
  const [entry] = await ledgerOf(p);
  assert.equal(entry.id, 'urn:example:story-7');
  assert.equal(entry.path, 'articles/moved/y.txt');
  assert.equal(entry.firstSeen, '2024-03-01T12:00:00Z', 'first seen at the first run, not now');
  assert.equal(Date.parse(entry.updated), clock.now().getTime(), 'edited: updated moved');
});

test('an undated article keeps the date it was first seen, across runs and a lost cache', async (t) => {
  const p = await makeProject({
    articles: { 'plain.txt': wireArticle({ headline: 'Storm closes harbour bridge', paragraphs: ['The harbour bridge was closed on Monday as a storm moved in.'] }) },
  });
  t.after(() => p.cleanup());
  const clock = fixedClock(T0);
  await publishProject(p, clock.now);
  const first = jsonItems((await p.outputs())['feed.json'])[0];
  assert.equal(Date.parse(first.date_published!), Date.parse(T0));
  await rm(path.join(p.root, '.wirefeed', 'cache'), { recursive: true });
  clock.advance(7 * 86_400_000);
  await publishProject(p, clock.now);
  const again = jsonItems((await p.outputs())['feed.json'])[0];
  assert.deepEqual(again, first);
});

test('an embargoed article stays out of every feed and lastBuildDate until its time comes', async (t) => {
  const p = await threeArticles();
  await p.writeArticle('future.txt', datedArticle(9, '2024-03-10T06:00:00Z'));
  t.after(() => p.cleanup());
  const clock = fixedClock(T0);
  const r = await publishProject(p, clock.now);
  assert.equal(r.articles.embargoed, 1);
  assert.deepEqual(r.embargoed.map((e) => [e.file, Date.parse(e.until)]), [['articles/future.txt', Date.parse('2024-03-10T06:00:00Z')]]);
  let out = await p.outputs();
  assert.equal(jsonItems(out['feed.json']).length, 3);
  for (const name of ['rss.xml', 'atom.xml', 'feed.json', 'index.html']) assert.ok(!out[name].toString().includes('number 9'), `${name} holds no embargoed text`);
  assert.equal(Date.parse(await atomFeedUpdated(out['atom.xml'])), Date.parse('2024-02-03T09:00:00Z'));

  clock.set('2024-03-10T05:59:59Z');
  assert.equal((await publishProject(p, clock.now)).outcome, 'unchanged', 'one second before: still out');
  clock.set('2024-03-10T06:00:00Z');
  const lifted = await publishProject(p, clock.now);
  assert.equal(lifted.outcome, 'published');
  assert.equal(lifted.articles.embargoed, 0);
  out = await p.outputs();
  assert.equal(jsonItems(out['feed.json']).length, 4);
  assert.equal(Date.parse(await atomFeedUpdated(out['atom.xml'])), Date.parse('2024-03-10T06:00:00Z'));
});

test('an update dated after the run is held back: the feeds give the publication date until then, with a warning naming the file', async (t) => {
  const p = await threeArticles();
  await p.writeArticle('d.txt', datedArticle(4, '2024-02-20T09:00:00Z', { frontMatter: { date: '2024-02-20T09:00:00Z', updated: '2024-03-05T12:00:00Z' } }));
  t.after(() => p.cleanup());
  const clock = fixedClock(T0);
  const r = await publishProject(p, clock.now);
  assert.equal(r.exitCode, 0, 'a warning, not a rejection');
  assert.equal(r.articles.embargoed, 0);
  const held = r.warnings.filter((w) => w.code === 'UpdatedInFuture');
  assert.deepEqual(held.map((w) => w.file), ['articles/d.txt']);
  assert.match(held[0].message, /2024-03-05T12:00:00Z/);
  let out = await p.outputs();
  const item = jsonItems(out['feed.json']).find((i) => i.title?.includes('number 4'))!;
  assert.equal(Date.parse(item.date_modified!), Date.parse('2024-02-20T09:00:00Z'), 'JSON Feed: modified when published');
  assert.equal(Date.parse(await atomFeedUpdated(out['atom.xml'])), Date.parse('2024-02-20T09:00:00Z'), 'Atom: no feed date to come');
  assert.equal(Date.parse(rssLastBuildDate(out['rss.xml'])!), Date.parse('2024-02-20T09:00:00Z'), 'RSS: no lastBuildDate to come');
  // What a reader's validator sees at the time of the run: nothing dated ahead of it.
  for (const name of ['rss.xml', 'atom.xml', 'feed.json']) {
    const report = validateFeed(new Uint8Array(out[name]), { now: new Date(T0) });
    assert.deepEqual(report.warnings.filter((w) => w.code === 'FutureDate'), [], name);
  }

  clock.set('2024-03-05T11:59:59Z');
  const before = await publishProject(p, clock.now);
  assert.equal(before.outcome, 'unchanged', 'one second before: still held');
  assert.deepEqual(before.warnings.filter((w) => w.code === 'UpdatedInFuture').map((w) => w.file), ['articles/d.txt'], 'still said on an unchanged run');
  clock.set('2024-03-05T12:00:00Z');
  const come = await publishProject(p, clock.now);
  assert.equal(come.outcome, 'published');
  assert.deepEqual(come.warnings.filter((w) => w.code === 'UpdatedInFuture'), []);
  out = await p.outputs();
  const now = jsonItems(out['feed.json']).find((i) => i.title?.includes('number 4'))!;
  assert.equal(Date.parse(now.date_modified!), Date.parse('2024-03-05T12:00:00Z'), 'the date as written, once it has come');
  assert.equal(Date.parse(await atomFeedUpdated(out['atom.xml'])), Date.parse('2024-03-05T12:00:00Z'));
});

test('a rejected article is named with file, line and reason; the others publish; exit 1', async (t) => {
  const p = await threeArticles();
  await p.writeArticle('empty.txt', '   \n\n');
  t.after(() => p.cleanup());
  const r = await publishProject(p, fixedClock(T0).now);
  assert.equal(r.exitCode, 1);
  assert.equal(r.outcome, 'published');
  assert.equal(r.rejected.length, 1);
  assert.equal(r.rejected[0].file, 'articles/empty.txt');
  assert.ok(r.rejected[0].message.length > 0);
  assert.equal(jsonItems((await p.outputs())['feed.json']).length, 3);
  // still reported, still exit 1, on an unchanged run
  const again = await publishProject(p, fixedClock(T0).now);
  assert.equal(again.outcome, 'unchanged');
  assert.equal(again.exitCode, 1);
  assert.equal(again.rejected[0].file, 'articles/empty.txt');
});

test('a corrupt ledger stops the run naming its path and reason; --rebuild-ledger starts anew', async (t) => {
  const p = await threeArticles();
  t.after(() => p.cleanup());
  const clock = fixedClock(T0);
  await publishProject(p, clock.now);
  const before = await p.outputs();
  await writeFile(p.ledgerFile, '{"version":1,"articles":[{"path":');
  await p.writeArticle('d.txt', datedArticle(4, '2024-02-04T09:00:00Z'));
  const r = await publishProject(p, clock.now);
  assert.equal(r.exitCode, 2);
  assert.equal(r.outcome, 'failed');
  assert.match(r.problems.join('\n'), /ledger\.json: not valid JSON/);
  assert.ok(r.problems.join('\n').includes(p.ledgerFile) || r.problems.join('\n').includes('.wirefeed/ledger.json'));
  assert.deepEqual(await p.outputs(), before, 'nothing moved');
  assert.equal(await readFile(p.ledgerFile, 'utf8'), '{"version":1,"articles":[{"path":', 'never silently reset');

  const rebuilt = await publishProject(p, clock.now, { rebuildLedger: true });
  assert.equal(rebuilt.exitCode, 0);
  assert.equal((await ledgerOf(p)).length, 4);
});

/** The real stages, with rss.xml changed by `edit` once rendered (as if the writer had written
 *  it so), when the run renders it; and how many times the render stage ran. */
function rssRewritingStages(edit: (rss: string) => string): { stages: ReturnType<typeof defaultStages>; renders: () => number } {
  const real = defaultStages();
  let renders = 0;
  const stages = {
    ...real,
    notify: undefined,
    render: async (...args: Parameters<typeof real.render>) => {
      renders++;
      const files = await real.render(...args);
      if (!files) return files;
      const rss = files['rss.xml'];
      return typeof rss === 'string' ? { ...files, 'rss.xml': edit(rss) } : files;
    },
  };
  return { stages, renders: () => renders };
}

/** rss.xml gets an impossible pubDate in the item of any article whose headline starts with
 *  "Poisoned": as if that article made the writer produce an invalid item. */
const poisoningStages = () => rssRewritingStages((rss) => rss.replace(/(<title>Poisoned[^<]*<\/title>[\s\S]*?<pubDate>)[^<]+(<\/pubDate>)/g, '$1the day before yesterday$2'));

test('a render that fails validation moves nothing: exit 2, each problem named, last good files stay', async (t) => {
  const p = await threeArticles();
  t.after(() => p.cleanup());
  const clock = fixedClock(T0);
  await publishProject(p, clock.now);
  const before = await p.outputs();
  const mtimes = await p.outputMtimes();
  const ledger = await readFile(p.ledgerFile);
  await p.writeArticle('d.txt', datedArticle(4, '2024-02-04T09:00:00Z'));
  const broken = rssRewritingStages((rss) => rss.replace('</channel>', '')).stages;
  const r = await publishProject(p, clock.now, { stages: broken });
  assert.equal(r.exitCode, 2);
  assert.ok(r.problems.some((m) => m.startsWith('rss.xml:')), r.problems.join('\n'));
  assert.deepEqual(await p.outputs(), before);
  assert.deepEqual(await p.outputMtimes(), mtimes);
  assert.deepEqual(await readFile(p.ledgerFile), ledger, 'the ledger did not move either');
  assert.ok(!(await readdir(p.root)).some((n) => n.includes('staging')));
});

test('an article whose item fails the gate is left out, named with the reason; the others publish; exit 1', async (t) => {
  const p = await threeArticles();
  t.after(() => p.cleanup());
  const clock = fixedClock(T0);
  await p.writeArticle('d.txt', datedArticle(4, '2024-02-04T09:00:00Z', { headline: 'Poisoned harbour budget number 4' }));
  const poison = poisoningStages();
  const r = await publishProject(p, clock.now, { stages: poison.stages });
  assert.equal(r.exitCode, 1, r.problems.join('\n'));
  assert.equal(r.outcome, 'published');
  assert.deepEqual(r.problems, []);
  assert.equal(r.rejected.length, 1);
  assert.equal(r.rejected[0].file, 'articles/d.txt');
  assert.equal(r.rejected[0].code, 'BreaksFeed');
  assert.match(r.rejected[0].message, /left out of the feeds until the file changes: its item fails validation in rss\.xml:\d+:\d+: \w+: /);
  const out = await p.outputs();
  assert.deepEqual(feedErrors(out), { 'rss.xml': [], 'atom.xml': [], 'feed.json': [] });
  assert.deepEqual(jsonItems(out['feed.json']).map((i) => i.title), ['Harbour council approves budget number 3', 'Harbour council approves budget number 2', 'Harbour council approves budget number 1']);
  assert.ok(!(await readdir(p.root)).some((n) => n.includes('staging')), 'the first attempt left no staging folder');

  // Later runs know it without trying again (one render), until the file changes.
  await p.writeArticle('e.txt', datedArticle(5, '2024-02-05T09:00:00Z'));
  const before = poison.renders();
  const later = await publishProject(p, clock.now, { stages: poison.stages });
  assert.equal(later.exitCode, 1);
  assert.deepEqual(later.rejected.map((d) => [d.file, d.code]), [['articles/d.txt', 'BreaksFeed']]);
  assert.equal(poison.renders() - before, 1, 'no second attempt');
  assert.equal(jsonItems((await p.outputs())['feed.json']).length, 4);

  await p.writeArticle('d.txt', datedArticle(4, '2024-02-04T09:00:00Z', { headline: 'Harbour budget number 4, corrected' }));
  const fixed = await publishProject(p, clock.now, { stages: poison.stages });
  assert.equal(fixed.exitCode, 0, fixed.rejected.map((d) => d.message).join('\n'));
  assert.equal(jsonItems((await p.outputs())['feed.json']).length, 5);
});

test('items of many articles failing the gate at once stop the run instead of emptying the feeds', async (t) => {
  const p = await makeProject({
    articles: Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`p${i}.txt`, datedArticle(i, `2024-02-${String(i + 1).padStart(2, '0')}T09:00:00Z`, { headline: `Poisoned story ${i}` })])),
  });
  t.after(() => p.cleanup());
  const r = await publishProject(p, fixedClock(T0).now, { stages: poisoningStages().stages });
  assert.equal(r.exitCode, 2);
  assert.deepEqual(r.rejected, []);
  assert.equal(r.problems.filter((m) => m.startsWith('rss.xml:')).length, 12, r.problems.join('\n'));
  assert.deepEqual(await p.outputs(), {}, 'nothing published');
});

test('a feed failing the gate outside any item still moves nothing (exit 2)', async (t) => {
  const p = await threeArticles();
  t.after(() => p.cleanup());
  const broken = rssRewritingStages((rss) => rss.replace(/<lastBuildDate>[^<]*/, '<lastBuildDate>someday')).stages;
  const r = await publishProject(p, fixedClock(T0).now, { stages: broken });
  assert.equal(r.exitCode, 2);
  assert.deepEqual(r.rejected, []);
  assert.ok(r.problems.some((m) => m.startsWith('rss.xml:') && m.includes('lastBuildDate')), r.problems.join('\n'));
  assert.deepEqual(await p.outputs(), {});
});

test('a full disk while writing moves nothing: exit 2 with the reason, staging removed', async (t) => {
  const p = await threeArticles();
  t.after(() => p.cleanup());
  const clock = fixedClock(T0);
  await publishProject(p, clock.now);
  const before = await p.outputs();
  const ledger = await readFile(p.ledgerFile);
  await p.writeArticle('d.txt', datedArticle(4, '2024-02-04T09:00:00Z'));
  let writes = 0;
  const full = failingFs((op, file) => (op === 'writeFileSynced' && file.includes('staging') && ++writes >= 2 ? 'ENOSPC' : null));
  const r = await publishProject(p, clock.now, { fs: full });
  assert.equal(r.exitCode, 2);
  assert.match(r.problems.join('\n'), /no space left on device \(ENOSPC\)/);
  assert.deepEqual(await p.outputs(), before);
  assert.deepEqual(await readFile(p.ledgerFile), ledger);
  assert.ok(!(await readdir(p.root)).some((n) => n.includes('staging')));
  // the disk has room again: the next run publishes
  assert.equal((await publishProject(p, clock.now)).exitCode, 0);
  assert.equal(jsonItems((await p.outputs())['feed.json']).length, 4);
});

test('a full disk when writing the ledger moves nothing either', async (t) => {
  const p = await threeArticles();
  t.after(() => p.cleanup());
  const clock = fixedClock(T0);
  await publishProject(p, clock.now);
  const before = await p.outputs();
  await p.writeArticle('d.txt', datedArticle(4, '2024-02-04T09:00:00Z'));
  const full = failingFs((op, file) => (op === 'writeFileSynced' && file.includes('ledger.json') ? 'ENOSPC' : null));
  const r = await publishProject(p, clock.now, { fs: full });
  assert.equal(r.exitCode, 2);
  assert.match(r.problems.join('\n'), /cannot write the ledger: no space left on device/);
  assert.deepEqual(await p.outputs(), before);
});

test('a read-only output folder: exit 2 with a clear message, nothing lost', async (t) => {
  const p = await threeArticles();
  t.after(() => p.cleanup());
  const clock = fixedClock(T0);
  await publishProject(p, clock.now);
  const before = await p.outputs();
  await p.writeArticle('d.txt', datedArticle(4, '2024-02-04T09:00:00Z'));
  // As root, permissions are not enforced: the file system's answer is simulated instead.
  const readOnly = failingFs((op, file) => ((op === 'checkWritable' || op === 'rename') && file.startsWith(p.outputDir) ? 'EROFS' : null));
  const r = await publishProject(p, clock.now, { fs: readOnly });
  assert.equal(r.exitCode, 2);
  assert.match(r.problems.join('\n'), /output: cannot write there: read-only file system \(EROFS\)/);
  assert.deepEqual(await p.outputs(), before);
});

test('a read-only output folder, for real (chmod 555)', async (t) => {
  if (process.getuid?.() === 0) return t.skip('running as root: folder permissions are not enforced');
  const p = await threeArticles();
  t.after(async () => {
    await chmod(p.outputDir, 0o755);
    await p.cleanup();
  });
  const clock = fixedClock(T0);
  await publishProject(p, clock.now);
  const before = await p.outputs();
  await p.writeArticle('d.txt', datedArticle(4, '2024-02-04T09:00:00Z'));
  await chmod(p.outputDir, 0o555);
  const r = await publishProject(p, clock.now);
  assert.equal(r.exitCode, 2);
  assert.match(r.problems.join('\n'), /permission denied/);
  assert.deepEqual(await p.outputs(), before);
});

test('a missing articles folder: exit 2 naming it', async (t) => {
  const p = await makeProject();
  t.after(() => p.cleanup());
  await rm(p.articlesDir, { recursive: true });
  const r = await publishProject(p, fixedClock(T0).now);
  assert.equal(r.exitCode, 2);
  assert.match(r.problems.join('\n'), /articles: articles folder not found/);
});

test('an abort before the swap discards staging and leaves output/ untouched', async (t) => {
  const p = await threeArticles();
  t.after(() => p.cleanup());
  const clock = fixedClock(T0);
  await publishProject(p, clock.now);
  const before = await p.outputs();
  await p.writeArticle('d.txt', datedArticle(4, '2024-02-04T09:00:00Z'));
  const controller = new AbortController();
  // The abort arrives while the new files are being staged.
  const aborting = failingFs((op, file) => {
    if (op === 'writeFileSynced' && file.includes('staging')) controller.abort();
    return null;
  });
  await assert.rejects(publishProject(p, clock.now, { fs: aborting, signal: controller.signal }), { name: 'AbortError' });
  assert.deepEqual(await p.outputs(), before);
  assert.ok(!(await readdir(p.root)).some((n) => n.includes('staging')));
  assert.ok(!(await readdir(path.join(p.root, '.wirefeed'))).includes('publish.lock'), 'lock released');
});

test('a publish while another holds the lock is refused with exit 2', async (t) => {
  const p = await threeArticles();
  t.after(() => p.cleanup());
  await mkdir(path.join(p.root, '.wirefeed'), { recursive: true });
  await writeFile(path.join(p.root, '.wirefeed', 'publish.lock'), JSON.stringify({ pid: process.ppid, host: (await import('node:os')).hostname(), since: T0 }));
  const r = await publishProject(p, fixedClock(T0).now);
  assert.equal(r.exitCode, 2);
  assert.match(r.problems[0], /another publish is running/);
  assert.deepEqual(await p.outputs(), {});
});

/** A project of these articles, published once at 12:00 on 1 April 2024; its clock goes on from there. */
async function publishedProject(t: { after: (fn: () => Promise<unknown>) => void }, articles: Record<string, string>, config: Record<string, unknown>) {
  const p = await makeProject({ articles, config });
  t.after(() => p.cleanup());
  for (const rel of Object.keys(articles)) await settle(path.join(p.articlesDir, rel));
  const clock = fixedClock('2024-04-01T12:00:00Z');
  await publishProject(p, clock.now);
  return { p, clock };
}

/** The real stages (no WebSub pings), noting the path of every article they ingest. */
function ingestCounting() {
  const real = defaultStages();
  const ingested: string[] = [];
  const stages = {
    ...real,
    notify: undefined,
    ingest: (input: { path: string; bytes: Uint8Array }, o: Parameters<typeof real.ingest>[1]) => (ingested.push(input.path), real.ingest(input, o)),
    ingestFiles: (...[files, o, signal]: Parameters<NonNullable<typeof real.ingestFiles>>) => (ingested.push(...files.map((f) => f.rel)), real.ingestFiles!(files, o, signal)),
  };
  return { real, stages, ingested };
}

test('an edit to an archived article reads and renders only it and its page again', async (t) => {
  // 60 articles, 10 a page, at least 5 in the main feeds: pages 1–5 hold articles 1–50 (oldest first).
  const articles: Record<string, string> = {};
  const day = (n: number): string => new Date(Date.parse('2024-01-01T09:00:00Z') + n * 86_400_000).toISOString();
  for (let n = 1; n <= 60; n++) articles[`a${String(n).padStart(2, '0')}.txt`] = datedArticle(n, day(n));
  const { p, clock } = await publishedProject(t, articles, { feed: { itemLimit: 5, archivePageSize: 10 } });

  const { real, stages, ingested } = ingestCounting();
  const rendered: string[] = [];
  const counting = {
    ...stages,
    async render(...args: Parameters<typeof real.render>) {
      const files = await real.render(...args);
      if (!files) return files;
      for (const [name, f] of Object.entries(files)) if (typeof f === 'string') rendered.push(name);
      else files[name] = { key: f.key, render: () => (rendered.push(name), f.render()) };
      return files;
    },
  };
  const edit = async (n: number, note: string): Promise<string[]> => {
    ingested.length = 0;
    rendered.length = 0;
    clock.advance(3600_000);
    await p.writeArticle(`a${n}.txt`, datedArticle(n, day(n), { paragraphs: [`Budget number ${n} passed.`, note] }));
    const r = await publishProject(p, clock.now, { stages: counting });
    assert.equal(r.outcome, 'published', r.problems.join('\n'));
    assert.deepEqual(r.files.written.map((f) => path.basename(f)).sort(), ['atom-3.xml', 'feed-3.json', 'rss-3.xml']);
    // The main feeds' candidates did not change: the main feeds and index.html were not rendered.
    assert.deepEqual(rendered.sort(), ['archive/atom-3.xml', 'archive/feed-3.json', 'archive/rss-3.xml']);
    return [...new Set(ingested)].sort();
  };
  const page3 = Array.from({ length: 10 }, (_, i) => `articles/a${21 + i}.txt`);
  // Article 25 is on page 3 (articles 21–30): it and its page are read, nothing else.
  assert.deepEqual(await edit(25, 'A correction was added.'), page3);
  // Edited again, the page's other articles are kept whole in the cache by now.
  assert.deepEqual(await edit(27, 'A second correction was added.'), ['articles/a27.txt']);
  const good = await p.outputs();
  assert.deepEqual(feedErrors(good), { 'rss.xml': [], 'atom.xml': [], 'feed.json': [] });
  // A main feed changed behind the job's back is made again, even though its items did not change.
  await writeFile(path.join(p.outputDir, 'rss.xml'), 'damaged');
  const r = await publishProject(p, clock.now, { stages: counting });
  assert.equal(r.outcome, 'published', r.problems.join('\n'));
  assert.deepEqual(r.files.written.map((f) => path.basename(f)), ['rss.xml']);
  assert.deepEqual((await p.outputs())['rss.xml'], good['rss.xml']);
});

test('a block that leaves the main feeds becomes a page from their articles as the last run kept them, and is kept whole for its next link: only new stories are read', async (t) => {
  // 24 stories, pages of 10, at least 5 in the main feeds: page 1 (places 1–10), main 11–24.
  const { p, clock } = await publishedProject(t, dailyStories(24), { feed: { itemLimit: 5, archivePageSize: 10 } });
  const { stages: counting, ingested } = ingestCounting();
  clock.advance(3600_000);
  await p.writeArticle('b25.txt', datedArticle(25, dayOf(25)));
  const r = await publishProject(p, clock.now, { stages: counting });
  // Page 2 (places 11–20) is made from the main feeds' candidates the cache kept whole; page 1,
  // which gains its next-archive link, is read again.
  assert.deepEqual(r.files.written.filter((f) => f.includes('archive/')).map((f) => path.basename(f)).sort(), ['atom-1.xml', 'atom-2.xml', 'feed-2.json', 'rss-1.xml', 'rss-2.xml']);
  const page1 = Array.from({ length: 10 }, (_, i) => `articles/a${String(i + 1).padStart(2, '0')}.txt`);
  assert.deepEqual([...new Set(ingested)].sort(), [...page1, 'articles/b25.txt']);
  // The cache now keeps page 2 whole: when page 3 appears, page 2 gains its link unread.
  ingested.length = 0;
  clock.advance(3600_000);
  const ten = Array.from({ length: 10 }, (_, i) => `b${26 + i}.txt`);
  for (const [i, rel] of ten.entries()) await p.writeArticle(rel, datedArticle(26 + i, dayOf(26 + i)));
  const next = await publishProject(p, clock.now, { stages: counting });
  assert.deepEqual(next.files.written.filter((f) => f.includes('archive/')).map((f) => path.basename(f)).sort(), ['atom-2.xml', 'atom-3.xml', 'feed-3.json', 'rss-2.xml', 'rss-3.xml']);
  assert.deepEqual([...new Set(ingested)].sort(), ten.map((rel) => `articles/${rel}`));
  assert.deepEqual(feedErrors(await p.outputs()), { 'rss.xml': [], 'atom.xml': [], 'feed.json': [] });
  // Nine pages more (stories an hour apart, all before the clock): the cache keeps the last 8
  // pages' groups, not one for every page.
  for (let block = 0; block < 9; block++) {
    clock.advance(3600_000);
    for (let n = 36 + block * 10; n < 46 + block * 10; n++) await p.writeArticle(`b${n}.txt`, datedArticle(n, new Date(Date.parse(dayOf(35)) + (n - 35) * 3_600_000).toISOString()));
    const run = await publishProject(p, clock.now);
    assert.ok(run.files.written.some((f) => f.endsWith(`feed-${block + 4}.json`)), `page ${block + 4} made`);
  }
  const groups = (await readdir(path.join(p.root, '.wirefeed', 'cache', 'whole'))).sort();
  assert.deepEqual(groups, ['main.json', ...Array.from({ length: 8 }, (_, i) => `page-${i + 5}.json`)].sort());
});

test('a held update stays held when its page is rendered again for an edit to another article', async (t) => {
  // 30 articles, 10 a page, at least 5 in the main feeds: pages 1 and 2 hold articles 1–20.
  const day = (n: number): string => new Date(Date.parse('2024-01-01T09:00:00Z') + n * 86_400_000).toISOString();
  const articles: Record<string, string> = {};
  for (let n = 1; n <= 30; n++) articles[`a${String(n).padStart(2, '0')}.txt`] = datedArticle(n, day(n));
  articles['a05.txt'] = datedArticle(5, day(5), { frontMatter: { date: day(5), updated: '2024-06-01T00:00:00Z' } });
  const p = await makeProject({ articles, config: { feed: { itemLimit: 5, archivePageSize: 10 } } });
  t.after(() => p.cleanup());
  for (const rel of Object.keys(articles)) await settle(path.join(p.articlesDir, rel));
  const clock = fixedClock('2024-04-01T12:00:00Z');
  await publishProject(p, clock.now);
  const modifiedOf5 = async (): Promise<string | undefined> => {
    const page = await readFile(path.join(p.outputDir, 'archive', 'feed-1.json'));
    return jsonItems(page).find((i) => i.title?.includes('number 5'))?.date_modified;
  };
  assert.equal(Date.parse((await modifiedOf5())!), Date.parse(day(5)));

  clock.advance(3600_000);
  await p.writeArticle('a07.txt', datedArticle(7, day(7), { paragraphs: ['Budget number 7 passed.', 'A correction was added.'] }));
  const r = await publishProject(p, clock.now);
  assert.deepEqual(r.files.written.map((f) => path.basename(f)).sort(), ['atom-1.xml', 'feed-1.json', 'rss-1.xml'], 'only the page of the edit');
  assert.equal(Date.parse((await modifiedOf5())!), Date.parse(day(5)), 'article 5 still says it was updated when published');
  assert.deepEqual(r.warnings.filter((w) => w.code === 'UpdatedInFuture').map((w) => w.file), ['articles/a05.txt']);
  const atomPage = (await readFile(path.join(p.outputDir, 'archive', 'atom-1.xml'))).toString();
  assert.ok(!atomPage.includes('2024-06-01'), 'no date to come in the Atom page');
  // An edit on the other page: a run that renders only that page keeps the time the update comes.
  clock.advance(3600_000);
  await p.writeArticle('a15.txt', datedArticle(15, day(15), { paragraphs: ['Budget number 15 passed.', 'A correction was added.'] }));
  const other = await publishProject(p, clock.now);
  assert.deepEqual(other.files.written.map((f) => path.basename(f)).sort(), ['atom-2.xml', 'feed-2.json', 'rss-2.xml']);
  clock.set('2024-06-01T00:00:00Z');
  const come = await publishProject(p, clock.now);
  assert.equal(come.outcome, 'published');
  assert.equal(Date.parse((await modifiedOf5())!), Date.parse('2024-06-01T00:00:00Z'));
});

/** A story's date: day n of 2024. */
const dayOf = (n: number): string => new Date(Date.parse('2024-01-01T09:00:00Z') + n * 86_400_000).toISOString();

/** Stories 1 to `count` as `a01.txt`…, story n dated day n (so story n is the n-th oldest). */
const dailyStories = (count: number): Record<string, string> =>
  Object.fromEntries(Array.from({ length: count }, (_, i) => [`a${String(i + 1).padStart(2, '0')}.txt`, datedArticle(i + 1, dayOf(i + 1))]));

/**
 * Two copies of one project, published once: `quick` as users run it, `full` forgetting its plan
 * index before each later run, so that it plans everything anew. `edit` writes the same edits to
 * both, publishes each, checks what each render call was asked for (`pages`, `main+pages` or
 * `plan`: the quick way, or planning) and that both came out the same (report, every output file,
 * ledger); it returns the quick project's report.
 */
async function twinProjects(t: { after: (fn: () => Promise<unknown>) => void }, articles: Record<string, string>, config: Record<string, unknown>) {
  const quick = await makeProject({ articles, config });
  const full = await makeProject({ articles, config });
  t.after(() => Promise.all([quick.cleanup(), full.cleanup()]));
  const asked: string[] = [];
  const real = defaultStages();
  const stages = {
    ...real,
    notify: undefined,
    render: (...args: Parameters<typeof real.render>) => (asked.push(args[2].only ? (args[2].only.main ? 'main+pages' : 'pages') : 'plan'), real.render(...args)),
  };
  const clock = fixedClock('2024-04-01T12:00:00Z');
  for (const p of [quick, full]) {
    for (const rel of Object.keys(articles)) await settle(path.join(p.articlesDir, rel));
    await publishProject(p, clock.now, { stages });
  }
  const tree = async (p: TempProject): Promise<Map<string, Buffer>> => {
    const out = new Map<string, Buffer>();
    for (const e of await readdir(p.outputDir, { recursive: true, withFileTypes: true })) {
      if (e.isFile()) out.set(path.relative(p.outputDir, path.join(e.parentPath ?? e.path, e.name)), await readFile(path.join(e.parentPath ?? e.path, e.name)));
    }
    return out;
  };
  const local = (r: Awaited<ReturnType<typeof publishProject>>, p: TempProject) => JSON.parse(JSON.stringify({ ...r, durationMs: 0 }).split(p.root).join('ROOT'));
  return {
    quick,
    /** `edits`: each file's new text, or null to delete it. */
    async edit(edits: Record<string, string | null>, quickWay: string[]): Promise<Awaited<ReturnType<typeof publishProject>>> {
      clock.advance(3600_000);
      const reports = [];
      for (const p of [quick, full]) {
        for (const [rel, text] of Object.entries(edits)) await (text === null ? rm(path.join(p.articlesDir, rel)) : p.writeArticle(rel, text));
        // (The full way writes the plan index again each time: a lost one is made again.)
        if (p === full) await rm(path.join(p.root, '.wirefeed', 'cache', 'plan.json'));
        asked.length = 0;
        reports.push(await publishProject(p, clock.now, { stages }));
        assert.deepEqual(asked, p === quick ? quickWay : ['plan']);
        assert.ok(existsSync(path.join(p.root, '.wirefeed', 'cache', 'plan.json')), 'the plan index is there for the next run');
      }
      assert.deepEqual(local(reports[0], quick), local(reports[1], full));
      assert.deepEqual(await tree(quick), await tree(full));
      assert.deepEqual(await readFile(quick.ledgerFile), await readFile(full.ledgerFile));
      return reports[0];
    },
    /** The next run after either knows nothing changed. */
    async bothUnchanged(): Promise<void> {
      for (const p of [quick, full]) assert.equal((await publishProject(p, clock.now, { stages })).outcome, 'unchanged');
    },
  };
}

test('a run that only edits archived articles renders just their pages, with what a full run gives', async (t) => {
  const articles = dailyStories(45);
  // Warnings (a control character removed) before, between and after the edited articles.
  for (const n of [3, 12, 40]) articles[`a${String(n).padStart(2, '0')}.txt`] = datedArticle(n, dayOf(n), { paragraphs: [`Budget ${n} \u0007passed.`] });
  articles['broken.txt'] = '';
  const twins = await twinProjects(t, articles, { feed: { itemLimit: 5, archivePageSize: 10 } });
  const a = await twins.edit(
    {
      'a07.txt': datedArticle(7, dayOf(7), { paragraphs: ['Budget 7 passed.', 'A correction was added.'] }),
      'a12.txt': datedArticle(12, dayOf(12), { paragraphs: ['Budget 12 passed, \u0008twice.', 'A correction was added.'] }),
      'a13.txt': datedArticle(13, dayOf(13), { paragraphs: ['Budget 13 passed.', 'A correction was added.'] }),
    },
    ['pages'],
  );
  assert.deepEqual(a.files.written.map((f) => path.basename(f)).sort(), ['atom-1.xml', 'atom-2.xml', 'feed-1.json', 'feed-2.json', 'rss-1.xml', 'rss-2.xml']);
  assert.equal(a.warnings.length, 3);
  await twins.bothUnchanged();
});

/** Renames `rel`'s entry in the project's article cache behind its back, so that the cache loses it. */
async function loseCacheEntry(p: TempProject, rel: string): Promise<void> {
  const file = path.join(p.root, '.wirefeed', 'cache', 'articles.json');
  const lines = (await readFile(file, 'utf8')).split('\n');
  const at = lines.findIndex((l, i) => i > 1 && l.includes(JSON.stringify(rel)));
  assert.ok(at > 1, 'an entry line after the header and the stat index');
  lines[at] = lines[at].replace(JSON.stringify(rel), JSON.stringify(rel.replace(/\d\.txt$/, 'X.txt')));
  await writeFile(file, lines.join('\n'));
}

test('a correction whose line of the article cache was damaged takes the full way, with what a full run gives', async (t) => {
  const articles = dailyStories(45);
  const twins = await twinProjects(t, articles, { feed: { itemLimit: 5, archivePageSize: 10 } });
  // The line that holds a07's entry (and its page's), its stored values changed behind its back.
  await loseCacheEntry(twins.quick, 'articles/a07.txt');
  await twins.edit({ 'a07.txt': datedArticle(7, dayOf(7), { paragraphs: ['Budget 7 passed.', 'A correction was added.'] }) }, ['plan']);
  // Its page's articles were read again: the next correction there takes the quick way.
  await twins.edit({ 'a08.txt': datedArticle(8, dayOf(8), { paragraphs: ['Budget 8 passed.', 'A correction was added.'] }) }, ['pages']);
  await twins.bothUnchanged();
});

test('a new story that leaves a block behind, when the cache lost an entry of the page before it, is made again the full way, with what a full run gives', async (t) => {
  // 24 stories, pages of 10, at least 5 in the main feeds: page 1 (places 1–10), main 11–24.
  const twins = await twinProjects(t, dailyStories(24), { feed: { itemLimit: 5, archivePageSize: 10 } });
  await loseCacheEntry(twins.quick, 'articles/a05.txt');
  // Page 2 leaves the main feeds and page 1 would gain its link: the quick way finds a05's entry
  // gone only then, and declines.
  const made = await twins.edit({ 'b25.txt': datedArticle(25, dayOf(25)) }, ['main+pages', 'plan']);
  assert.ok(made.files.written.some((f) => f.endsWith('feed-2.json')));
  await twins.bothUnchanged();
});

test('new articles, whatever their dates, go into the main feeds alone, or leave a block behind as the next page, with what a full run gives; a copy takes the full way', async (t) => {
  // 45 articles, pages of 10, at least 5 in the main feeds: 4 pages, 5 candidates.
  const articles = dailyStories(45);
  const twins = await twinProjects(t, articles, { feed: { itemLimit: 5, archivePageSize: 10 } });
  // The newest story: the main feeds (and index.html) alone.
  const first = await twins.edit({ 'b46.txt': datedArticle(46, dayOf(46)) }, ['main+pages']);
  assert.deepEqual(first.files.written.map((f) => path.basename(f)).sort(), ['atom.xml', 'feed.json', 'index.html', 'rss.xml']);
  assert.deepEqual([first.articles.seen, first.articles.changed], [46, 1]);
  // Two at once, one of them with a warning, and a correction beside them.
  await twins.edit(
    {
      'b47.txt': datedArticle(47, dayOf(47), { paragraphs: ['Budget 47 \u0007passed.'] }),
      'a00-b48.txt': datedArticle(48, dayOf(48)),
      'a44.txt': datedArticle(44, dayOf(44), { paragraphs: ['Budget 44 passed.', 'A correction was added.'] }),
    },
    ['main+pages'],
  );
  // Dated day 3, older than every archived story: it reached the feeds now, so the main feeds
  // take it like any new story and no page changes (a reader that keeps the pages would never
  // see it on one).
  const backdated = await twins.edit({ 'b49.txt': datedArticle(49, new Date(Date.parse(dayOf(3)) + 3600_000).toISOString()) }, ['main+pages']);
  assert.deepEqual(backdated.files.written.filter((f) => f.includes('archive/')), [], 'no page rewritten');
  const mainFeed = JSON.parse(await readFile(path.join(twins.quick.outputDir, 'feed.json'), 'utf8')) as { items: { title: string }[] };
  assert.equal(mainFeed.items[0].title, 'Harbour council approves budget number 49', 'the newest arrival leads the main feed');
  // Enough new ones to fill a block: it leaves the main feeds as page 5, and page 4 gains its
  // next-archive link, still without planning.
  const many: Record<string, string> = {};
  for (let n = 50; n <= 56; n++) many[`b${n}.txt`] = datedArticle(n, dayOf(n));
  const filled = await twins.edit(many, ['main+pages']);
  assert.deepEqual(filled.files.written.map((f) => path.basename(f)).sort(), ['atom-4.xml', 'atom-5.xml', 'atom.xml', 'feed-5.json', 'feed.json', 'index.html', 'rss-4.xml', 'rss-5.xml', 'rss.xml']);
  // The plan index knows the new page: a correction there renders it alone.
  const onNewPage = await twins.edit({ 'b46.txt': datedArticle(46, dayOf(46), { paragraphs: ['Budget 46 passed.', 'A correction was added.'] }) }, ['pages']);
  assert.deepEqual(onNewPage.files.written.map((f) => path.basename(f)).sort(), ['atom-5.xml', 'feed-5.json', 'rss-5.xml']);
  await twins.edit({ 'b57.txt': datedArticle(57, dayOf(57)) }, ['main+pages']);
  // Bytes the ledger knows under another path (a copy): the full way decides what it is (here,
  // two files with one id: the copy is rejected, and stays so while it is there). The runs after
  // it take the quick way again.
  const copy = await twins.edit({ 'copy-of-a10.txt': datedArticle(10, dayOf(10)) }, ['plan']);
  assert.deepEqual(copy.rejected.map((r) => r.code), ['DuplicateId']);
  assert.equal(copy.articles.changed, 0, 'a rejected copy is not a change');
  const after = await twins.edit({ 'b58.txt': datedArticle(58, dayOf(58)) }, ['main+pages']);
  assert.deepEqual([after.articles.changed, after.rejected.map((r) => r.code)], [1, ['DuplicateId']], 'the new story alone, the copy still rejected');
  // The copy's holder corrected: its page alone, the copy still rejected; the copy edited: the
  // full way decides again.
  const held = await twins.edit({ 'a10.txt': datedArticle(10, dayOf(10), { paragraphs: ['Budget 10 passed.', 'A correction was added.'] }) }, ['pages']);
  assert.deepEqual([held.articles.changed, held.rejected.map((r) => r.code)], [1, ['DuplicateId']]);
  await twins.edit({ 'copy-of-a10.txt': datedArticle(10, dayOf(10), { paragraphs: ['Budget 10 passed.', 'Copied again.'] }) }, ['plan']);
  await twins.bothUnchanged();
});

test('after deletions leave gaps on pages and in the main feeds\' blocks, new stories still leave whole blocks behind as pages, with what a full run gives', async (t) => {
  // 45 stories, places 1–45, pages of 10, at least 5 in the main feeds: pages 1–4, main 41–45.
  const twins = await twinProjects(t, dailyStories(45), { feed: { itemLimit: 5, archivePageSize: 10 } });
  // One from page 2 and one from the main feeds: page 2 keeps a gap, and the main feeds, down to
  // 4 of their block, take page 4 back to hold 5.
  const gone = await twins.edit({ 'a12.txt': null, 'a43.txt': null }, ['plan']);
  assert.deepEqual(gone.files.written.filter((f) => f.includes('archive/')).map((f) => path.basename(f)).sort(), ['atom-2.xml', 'atom-3.xml', 'feed-2.json', 'rss-2.xml', 'rss-3.xml']);
  assert.ok(gone.notices.some((n) => /removed 3 archive files/.test(n)), gone.notices.join('\n'));
  // A new story (place 46): page 4 leaves the main feeds again, as it was, and page 3 links to it.
  const back = await twins.edit({ 'b46.txt': datedArticle(46, dayOf(46)) }, ['main+pages']);
  assert.deepEqual(back.files.written.filter((f) => f.includes('archive/')).map((f) => path.basename(f)).sort(), ['atom-3.xml', 'atom-4.xml', 'feed-4.json', 'rss-3.xml', 'rss-4.xml']);
  // Two more of the main feeds' block deleted (places 41, 45 and 46 left): page 4 joins them again.
  await twins.edit({ 'a42.txt': null, 'a44.txt': null }, ['plan']);
  const fourMore: Record<string, string> = {};
  for (let n = 47; n <= 50; n++) fourMore[`b${n}.txt`] = datedArticle(n, dayOf(n));
  await twins.edit(fourMore, ['main+pages']);
  // Five more: the block of places 41–50, with its three gaps, leaves as page 5.
  const fiveMore: Record<string, string> = {};
  for (let n = 51; n <= 55; n++) fiveMore[`b${n}.txt`] = datedArticle(n, dayOf(n));
  const page5 = await twins.edit(fiveMore, ['main+pages']);
  assert.deepEqual(page5.files.written.filter((f) => f.includes('archive/')).map((f) => path.basename(f)).sort(), ['atom-4.xml', 'atom-5.xml', 'feed-5.json', 'rss-4.xml', 'rss-5.xml']);
  const json5 = JSON.parse(await readFile(path.join(twins.quick.outputDir, 'archive', 'feed-5.json'), 'utf8')) as { items: { title: string }[] };
  assert.deepEqual(json5.items.map((i) => Number(/\d+$/.exec(i.title)![0])), [50, 49, 48, 47, 46, 45, 41]);
  await twins.bothUnchanged();
});

test('an embargoed story arrives when its embargo ends: it joins the main feeds as a new story would, and no older page changes', async (t) => {
  const twins = await twinProjects(t, dailyStories(10), { feed: { itemLimit: 3, archivePageSize: 4 } });
  // Seen at 13:00, embargoed until 19:30 (the twins' clock starts at 12:00 and moves an hour a run).
  await twins.edit({ 'e.txt': datedArticle(90, '2024-04-01T19:30:00Z') }, ['plan']);
  // Twelve stories arrive meanwhile, two a run, and fill pages 2 to 4.
  for (let n = 11; n <= 22; n += 2) await twins.edit({ [`b${n}.txt`]: datedArticle(n, dayOf(n)), [`b${n + 1}.txt`]: datedArticle(n + 1, dayOf(n + 1)) }, ['main+pages']);
  // 20:00: the embargo is over, and the newest story is corrected in the same run. The story
  // leaves a block behind as any new one would: page 5 appears and page 4 gains its next-archive
  // link. Had it counted from 13:00, when it was first seen, it would have joined page 3, and
  // pages 3 and 4 would have changed.
  const released = await twins.edit({ 'b22.txt': datedArticle(22, dayOf(22), { paragraphs: ['Budget 22 passed.', 'A correction was added.'] }) }, ['plan']);
  assert.equal(released.articles.embargoed, 0);
  const pagesWritten = released.files.written.filter((f) => f.includes('archive/')).map((f) => path.basename(f));
  assert.deepEqual(pagesWritten.sort(), ['atom-4.xml', 'atom-5.xml', 'feed-5.json', 'rss-4.xml', 'rss-5.xml']);
  const mainFeed = JSON.parse(await readFile(path.join(twins.quick.outputDir, 'feed.json'), 'utf8')) as { items: { title: string }[] };
  assert.ok(mainFeed.items.some((i) => i.title === 'Harbour council approves budget number 90'), 'in the main feeds');
  await twins.bothUnchanged();
});

test('an archived story redated to come leaves its page, and arrives anew, in the main feeds, when its time comes', async (t) => {
  // 12 stories, pages of 4, at least 3 in the main feeds: pages 1 (places 1–4) and 2 (5–8).
  const twins = await twinProjects(t, dailyStories(12), { feed: { itemLimit: 3, archivePageSize: 4 } });
  // 13:00: story 2 now dated 14:30. It leaves the feeds, and page 1 keeps a gap.
  const held = await twins.edit({ 'a02.txt': datedArticle(2, '2024-04-01T14:30:00Z') }, ['plan']);
  assert.equal(held.articles.embargoed, 1);
  assert.deepEqual(held.files.written.filter((f) => f.includes('archive/')).map((f) => path.basename(f)).sort(), ['atom-1.xml', 'feed-1.json', 'rss-1.xml']);
  await twins.edit({ 'a06.txt': datedArticle(6, dayOf(6), { paragraphs: ['Budget 6 passed.', 'A correction was added.'] }) }, ['pages']);
  // 15:00: it arrives as the newest story (place 13), beside a correction on page 2; page 1 stays.
  const released = await twins.edit({ 'a07.txt': datedArticle(7, dayOf(7), { paragraphs: ['Budget 7 passed.', 'A correction was added.'] }) }, ['plan']);
  assert.equal(released.articles.embargoed, 0);
  assert.deepEqual(released.files.written.filter((f) => f.includes('archive/')).map((f) => path.basename(f)).sort(), ['atom-2.xml', 'feed-2.json', 'rss-2.xml']);
  const mainFeed = JSON.parse(await readFile(path.join(twins.quick.outputDir, 'feed.json'), 'utf8')) as { items: { title: string }[] };
  assert.equal(mainFeed.items[0].title, 'Harbour council approves budget number 2');
  await twins.bothUnchanged();
});

test('a block that leaves the main feeds becomes the first page, or the next one beside a correction to the page before it, with what a full run gives', async (t) => {
  // 14 articles, pages of 10, at least 5 in the main feeds: no page yet.
  const articles = dailyStories(14);
  const twins = await twinProjects(t, articles, { feed: { itemLimit: 5, archivePageSize: 10 } });
  const first = await twins.edit({ 'b15.txt': datedArticle(15, dayOf(15)) }, ['main+pages']);
  assert.deepEqual(first.files.written.map((f) => path.basename(f)).sort(), ['atom-1.xml', 'atom.xml', 'feed-1.json', 'feed.json', 'index.html', 'rss-1.xml', 'rss.xml']);
  const more: Record<string, string> = {};
  for (let n = 16; n <= 24; n++) more[`b${n}.txt`] = datedArticle(n, dayOf(n));
  await twins.edit(more, ['main+pages']);
  // Page 2 appears while a story on page 1 is corrected: page 1 is written once, with both.
  const second = await twins.edit(
    {
      'b25.txt': datedArticle(25, dayOf(25)),
      'a03.txt': datedArticle(3, dayOf(3), { paragraphs: ['Budget 3 passed.', 'A correction was added.'] }),
    },
    ['main+pages'],
  );
  assert.deepEqual(second.files.written.map((f) => path.basename(f)).sort(), ['atom-1.xml', 'atom-2.xml', 'atom.xml', 'feed-1.json', 'feed-2.json', 'feed.json', 'index.html', 'rss-1.xml', 'rss-2.xml', 'rss.xml']);
  await twins.bothUnchanged();
});

test('runs of up to a page of new stories each, with a correction here and there, all take the quick way and give what a full run gives', async (t) => {
  // Pages of 4, at least 3 in the main feeds: a block leaves them every few runs.
  const articles = dailyStories(10);
  const twins = await twinProjects(t, articles, { feed: { itemLimit: 3, archivePageSize: 4 } });
  // A fixed sequence from a small generator, so a failure can be replayed.
  let seed = 7;
  const next = (n: number): number => Math.floor((seed = (seed * 1103515245 + 12345) % 2147483648) / 65536) % n;
  let newest = 10;
  let lastPage = 1;
  let pagesMade = 0;
  for (let run = 0; run < 12; run++) {
    const edits: Record<string, string> = {};
    for (let k = 1 + next(4); k > 0; k--) {
      newest++;
      edits[`b${String(newest).padStart(2, '0')}.txt`] = datedArticle(newest, dayOf(newest));
    }
    if (next(2)) {
      const n = 1 + next(10);
      edits[`a${String(n).padStart(2, '0')}.txt`] = datedArticle(n, dayOf(n), { paragraphs: [`Budget ${n} passed.`, `Correction ${run}.`] });
    }
    const r = await twins.edit(edits, ['main+pages']);
    const pages = r.files.written.map((f) => Number(/archive\/feed-(\d+)\.json$/.exec(f)?.[1] ?? 0));
    if (Math.max(...pages) > lastPage) {
      pagesMade++;
      lastPage = Math.max(...pages);
    }
  }
  assert.ok(pagesMade >= 5, `only ${pagesMade} runs made a page`);
  await twins.bothUnchanged();
});

test('a batch of new stories takes the quick way up to a page of them, more than 20 included; more than a page plans anew', async (t) => {
  // 40 articles, pages of 30, at least 5 in the main feeds: one page, 10 candidates.
  const articles = dailyStories(40);
  const twins = await twinProjects(t, articles, { feed: { itemLimit: 5, archivePageSize: 30 } });
  const batch = (from: number, to: number): Record<string, string> => {
    const out: Record<string, string> = {};
    for (let n = from; n <= to; n++) out[`b${n}.txt`] = datedArticle(n, dayOf(n));
    return out;
  };
  // 25 at once: a block leaves with them, as page 2.
  const r = await twins.edit(batch(41, 65), ['main+pages']);
  assert.equal(r.articles.changed, 25);
  assert.ok(r.files.written.some((f) => f.endsWith('feed-2.json')), 'page 2 was made');
  // 31, more than a page: the full way.
  await twins.edit(batch(66, 96), ['plan']);
  await twins.bothUnchanged();
});

test('a correction to a story in the main feeds renders the main feeds (and its page edits) alone, with what a full run gives; one over the budget takes the full way', async (t) => {
  const articles = dailyStories(32);
  articles['a31.txt'] = datedArticle(31, dayOf(31), { paragraphs: ['Budget 31 \u0007passed.'] }); // a warning, kept
  // The main feeds hold a21–a32 (itemLimit 5, pages of 10: the cut is block-aligned).
  const twins = await twinProjects(t, articles, { feed: { itemLimit: 5, archivePageSize: 10, maxBytes: 60_000 } });
  const { quick } = twins;

  // The newest story and an archived one corrected: the main feeds, index.html and one page.
  const a = await twins.edit(
    {
      'a32.txt': datedArticle(32, dayOf(32), { paragraphs: ['Budget 32 passed.', 'A correction was added.'] }),
      'a05.txt': datedArticle(5, dayOf(5), { paragraphs: ['Budget 5 passed.', 'A correction was added.'] }),
    },
    ['main+pages'],
  );
  assert.deepEqual(a.files.written.map((f) => path.relative(quick.outputDir, f)).sort(), ['archive/atom-1.xml', 'archive/feed-1.json', 'archive/rss-1.xml', 'atom.xml', 'feed.json', 'index.html', 'rss.xml']);
  assert.equal(a.warnings.length, 1);
  const json = jsonItems(await readFile(path.join(quick.outputDir, 'feed.json')));
  assert.match(json.find((i) => i.id.includes('32'))?.content_html ?? '', /A correction was added/);
  // A second correction further down the same story: the main feeds, but not index.html (it shows
  // the first paragraph, which stayed).
  const again = await twins.edit({ 'a32.txt': datedArticle(32, dayOf(32), { paragraphs: ['Budget 32 passed.', 'A correction was added.', 'And another.'] }) }, ['main+pages']);
  assert.deepEqual(again.files.written.map((f) => path.relative(quick.outputDir, f)).sort(), ['atom.xml', 'feed.json', 'rss.xml']);
  // A correction that takes the main feeds over their byte budget: the split moves, the full way.
  const long = Array.from({ length: 1000 }, (_, i) => `Paragraph ${i} of the correction runs on at some length to make the story long.`);
  const b = await twins.edit({ 'a30.txt': datedArticle(30, dayOf(30), { paragraphs: long }) }, ['main+pages', 'plan']);
  assert.ok(b.files.written.some((f) => f.includes('archive')), 'the split moved: a page was written');
  await twins.bothUnchanged();
});

test('the articles folder is read with its subfolders and links; dot-names, other files and vanished links are left out', async (t) => {
  const p = await makeProject({
    articles: {
      'a.txt': datedArticle(1, '2024-02-01T09:00:00Z'),
      '2024/02/b.md': datedArticle(2, '2024-02-02T09:00:00Z'),
      'wire.txt/c.txt': datedArticle(3, '2024-02-03T09:00:00Z'), // a folder named like an article
      '.drafts/d.txt': datedArticle(4, '2024-02-04T09:00:00Z'),
      '.e.txt': datedArticle(5, '2024-02-05T09:00:00Z'),
      'photo.jpg': 'not an article',
    },
  });
  t.after(() => p.cleanup());
  const elsewhere = path.join(p.root, 'elsewhere');
  await mkdir(path.join(elsewhere, 'folder'), { recursive: true });
  await writeFile(path.join(elsewhere, 'f.txt'), datedArticle(6, '2024-02-06T09:00:00Z'));
  await writeFile(path.join(elsewhere, 'folder', 'g.txt'), datedArticle(7, '2024-02-07T09:00:00Z'));
  await symlink(path.join(elsewhere, 'f.txt'), path.join(p.articlesDir, 'f.txt'));
  await symlink(path.join(elsewhere, 'folder'), path.join(p.articlesDir, 'linked'));
  await symlink(path.join(elsewhere, 'gone.txt'), path.join(p.articlesDir, 'gone.txt'));
  const r = await publishProject(p, fixedClock(T0).now);
  assert.equal(r.exitCode, 0, r.problems.join('\n'));
  assert.equal(r.articles.seen, 5);
  const ledger = await ledgerOf(p);
  assert.deepEqual(
    ledger.map((e) => e.path),
    ['articles/2024/02/b.md', 'articles/a.txt', 'articles/f.txt', 'articles/linked/g.txt', 'articles/wire.txt/c.txt'],
  );
});

test('a run with no last run tells the stages, once their code is loaded, how many names the articles folder holds; later runs do not', async (t) => {
  const p = await threeArticles();
  t.after(() => p.cleanup());
  await writeFile(path.join(p.articlesDir, 'notes.tmp'), 'not an article');
  const real = defaultStages();
  const told: Array<{ files: number; prepared: boolean }> = [];
  let prepared = false;
  const stages = {
    ...real,
    notify: undefined,
    prepare: async () => {
      await real.prepare!();
      prepared = true;
    },
    expectIngest: (files: number) => told.push({ files, prepared }),
  };
  assert.equal((await publishProject(p, fixedClock(T0).now, { stages })).outcome, 'published');
  assert.deepEqual(told, [{ files: 4, prepared: true }], 'every name but dot-names, once, after prepare()');
  await writeFile(path.join(p.articlesDir, 'd.txt'), datedArticle(4, '2024-02-04T09:00:00Z'));
  assert.equal((await publishProject(p, fixedClock(T0).now, { stages })).outcome, 'published');
  assert.equal(told.length, 1, 'a run after a run lists as before');
});
