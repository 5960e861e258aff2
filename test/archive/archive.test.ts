import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  archiveFileName,
  archiveFiles,
  mainCandidates,
  FEED_FORMATS,
  mainFileName,
  parseArchiveFileName,
  planArchive,
  renderArchiveFile,
  type ArchivePlan,
  type ArchiveSettings,
  type FeedFormat,
} from '../../src/render/archive.js';
import { validateFeed } from '../../src/validate/index.js';
import { validateArchiveChain } from '../../src/validate/archive-chain.js';
import type { Article } from '../../src/model/index.js';
import { article, articles, readBack, site, type ReadBack } from './fixtures.js';

const SITE = site();
/** Large enough that the byte budget never decides: the block rule alone. */
const ROOMY: ArchiveSettings = { itemLimit: 50, pageSize: 100, maxBytes: 256 * 1024 * 1024 };
const BASE = SITE.feedBaseUrl;

function renderAll(plan: ArchivePlan): Map<string, string> {
  return new Map(archiveFiles(plan).map((f) => [f.name, renderArchiveFile(plan, f)]));
}

async function readAll(files: Map<string, string>): Promise<Map<string, ReadBack>> {
  const out = new Map<string, ReadBack>();
  for (const [name, text] of files) out.set(name, await readBack(name, text));
  return out;
}

/** Ids of the articles, oldest first (as the blocks are cut). */
const oldestFirst = (list: Article[]): string[] => [...list].sort((a, b) => Date.parse(a.published) - Date.parse(b.published)).map((a) => a.id);

function namesOf(format: FeedFormat, pages: number): string[] {
  return [mainFileName(format), ...Array.from({ length: pages }, (_, i) => archiveFileName(format, i + 1))];
}

function changedFiles(a: Map<string, string>, b: Map<string, string>): string[] {
  const names = new Set([...a.keys(), ...b.keys()]);
  return [...names].filter((n) => a.get(n) !== b.get(n)).sort();
}

test('1,234 articles, pages of 100: every item exactly once across the main feeds and pages, in each format', async () => {
  const list = articles(1234);
  const plan = planArchive(SITE, list, ROOMY);
  // Blocks leave the main feeds whole: 1,234 − 50 = 1,184 → 11 full blocks archived, 134 items in the main feeds.
  assert.equal(plan.pages.length, 11);
  assert.equal(plan.main.length, 134);
  assert.ok(plan.pages.every((p) => p.complete && p.articles.length === 100));
  const read = await readAll(renderAll(plan));
  const all = new Set(list.map((a) => a.id));
  for (const format of FEED_FORMATS) {
    const seen = new Map<string, string>();
    for (const name of namesOf(format, 11)) {
      for (const id of read.get(name)!.ids) {
        assert.ok(!seen.has(id), `${id} is on ${seen.get(id)} and on ${name}`);
        seen.set(id, name);
      }
    }
    assert.equal(seen.size, all.size, `${format}: ${all.size - seen.size} items lost`);
    for (const id of all) assert.ok(seen.has(id), `${format}: ${id} is lost`);
  }
});

test('archive page k holds the k-th block of 100 of the oldest-first order, newest first within the page', async () => {
  const list = articles(1234).reverse(); // input order must not matter
  const plan = planArchive(SITE, list, ROOMY);
  const order = oldestFirst(list);
  const files = renderAll(plan);
  for (let k = 1; k <= plan.pages.length; k++) {
    const block = order.slice((k - 1) * 100, k * 100);
    for (const format of FEED_FORMATS) {
      const ids = (await readBack(archiveFileName(format, k), files.get(archiveFileName(format, k))!)).ids;
      assert.deepEqual(ids, [...block].reverse(), `${archiveFileName(format, k)}`);
    }
  }
  const mainIds = (await readBack('rss.xml', files.get('rss.xml')!)).ids;
  assert.deepEqual(mainIds, order.slice(1100).reverse());
});

test('the links form RFC 5005 chains (RSS, Atom) and a next_url chain (JSON Feed)', async () => {
  const plan = planArchive(SITE, articles(1234), ROOMY);
  const read = await readAll(renderAll(plan));
  const pages = plan.pages.length;
  for (const format of ['rss', 'atom'] as const) {
    const main = read.get(mainFileName(format))!;
    assert.equal(main.archive, false, 'the main feed is not an archive');
    assert.equal(main.self, BASE + mainFileName(format));
    assert.equal(main.prevArchive, BASE + archiveFileName(format, pages), 'the main feed links the newest page');
    assert.equal(main.nextArchive, undefined);
    for (let k = 1; k <= pages; k++) {
      const p = read.get(archiveFileName(format, k))!;
      assert.equal(p.archive, true, `${archiveFileName(format, k)} carries fh:archive`);
      assert.equal(p.self, BASE + archiveFileName(format, k));
      assert.equal(p.current, BASE + mainFileName(format));
      assert.equal(p.prevArchive, k > 1 ? BASE + archiveFileName(format, k - 1) : undefined);
      assert.equal(p.nextArchive, k < pages ? BASE + archiveFileName(format, k + 1) : undefined);
    }
  }
  // JSON Feed: main → newest page → … → page 1, which ends the chain; every document names the feed.
  let at = mainFileName('json');
  const walked = [at];
  for (;;) {
    const doc = read.get(at)!;
    assert.equal(doc.self, BASE + 'feed.json');
    if (!doc.nextUrl) break;
    assert.ok(doc.nextUrl.startsWith(BASE));
    at = doc.nextUrl.slice(BASE.length);
    walked.push(at);
  }
  assert.deepEqual(walked, ['feed.json', ...Array.from({ length: pages }, (_, i) => archiveFileName('json', pages - i))]);
});

test('every main feed and archive page is valid on its own', () => {
  const plan = planArchive(SITE, articles(1234), { itemLimit: 50, pageSize: 100, maxBytes: 1024 * 1024 });
  for (const [name, text] of renderAll(plan)) {
    const report = validateFeed(Buffer.from(text));
    assert.deepEqual(report.errors, [], `${name}: ${report.errors.map((e) => `${e.line}:${e.column} ${e.code} ${e.message}`).join('; ')}`);
    assert.equal(report.format, name.endsWith('.json') ? 'json' : name.includes('atom') ? 'atom' : 'rss');
  }
});

test('adding the newest article changes only the three main feeds; every page stays byte-identical', () => {
  const before = planArchive(SITE, articles(1234), ROOMY);
  const after = planArchive(SITE, [...articles(1234), article(1234)], ROOMY);
  assert.deepEqual(changedFiles(renderAll(before), renderAll(after)), ['atom.xml', 'feed.json', 'rss.xml']);
  // The keys say the same, so a caller can skip the pages without rendering them.
  assert.deepEqual(after.pages.map((p) => p.key), before.pages.map((p) => p.key));
  assert.notEqual(after.mainKey, before.mainKey);
});

/** Places as a publisher gives them: article n of a first run (dated n hours in) has place n + 1. */
const firstRunPlace = (a: Article): number | undefined => {
  const n = /story-(\d+)$/.exec(a.id);
  return n ? Number(n[1]) + 1 : undefined;
};
const PLACED: ArchiveSettings = { ...ROOMY, placeOf: firstRunPlace };

test('by place, an article that comes later with an old date joins the main feeds; by dates alone it would rewrite every page from its own on', () => {
  // 1,234 articles placed by a first run; then one dated before all but the first 10 of them.
  const late = { ...article(5000), id: 'tag:wire.example.org,2020:late', published: article(10).published, updated: article(10).published };
  const places = (a: Article): number | undefined => (a.id === late.id ? 1235 : firstRunPlace(a));
  const byPlace: ArchiveSettings = { ...ROOMY, placeOf: places };
  const before = planArchive(SITE, articles(1234), byPlace);
  const after = planArchive(SITE, [...articles(1234), late], byPlace);
  assert.deepEqual(changedFiles(renderAll(before), renderAll(after)), ['atom.xml', 'feed.json', 'rss.xml']);
  assert.equal(after.main[0].id, late.id, 'the newest arrival leads the main feeds');
  assert.deepEqual(after.pages.map((p) => p.key), before.pages.map((p) => p.key));
  // Places that follow the dates give what dates alone give.
  assert.deepEqual(
    before.pages.map((p) => p.key),
    planArchive(SITE, articles(1234), ROOMY).pages.map((p) => p.key),
  );
  // An article without a place yet is arriving: the newest too.
  assert.equal(planArchive(SITE, [...articles(1234), late], PLACED).main[0].id, late.id);
  // By dates alone, it lands on page 1 and every page shifts by one item.
  const byDate = planArchive(SITE, [...articles(1234), late], ROOMY);
  assert.ok(byDate.pages[0].articles.some((a) => a.id === late.id));
  assert.equal(byDate.pages.filter((p, i) => p.key !== before.pages[i].key).length, before.pages.length);
});

test('by place, a deleted old article leaves a gap on its page alone; by dates alone every later page shifts', async () => {
  const list = articles(1234);
  const gone = list.filter((_, n) => n !== 345); // oldest first, block 4 holds 300–399
  const before = planArchive(SITE, list, PLACED);
  const after = planArchive(SITE, gone, PLACED);
  assert.deepEqual(changedFiles(renderAll(before), renderAll(after)), FEED_FORMATS.map((f) => archiveFileName(f, 4)).sort());
  assert.equal(after.pages[3].articles.length, 99);
  assert.ok(after.pages[3].complete);
  assert.equal(after.mainKey, before.mainKey);
  for (const [name, text] of renderAll(after)) assert.deepEqual(validateFeed(Buffer.from(text)).errors, [], name);
  // Without places the blocks are of what is left: pages 4 to 11 each take an item from the next.
  const byDate = planArchive(SITE, gone, ROOMY);
  assert.deepEqual(byDate.pages.filter((p, i) => p.key !== before.pages[i].key).map((p) => p.number), [4, 5, 6, 7, 8, 9, 10, 11]);
});

test('by place, an edit that changes an old article\'s date rewrites its page alone; by dates alone it moves to another page', () => {
  const list = articles(1234);
  const redated = list.map((a, n) => (n === 345 ? { ...a, published: article(1000).published, updated: article(1000).published } : a));
  const before = planArchive(SITE, list, PLACED);
  const after = planArchive(SITE, redated, PLACED);
  assert.deepEqual(changedFiles(renderAll(before), renderAll(after)), FEED_FORMATS.map((f) => archiveFileName(f, 4)).sort());
  assert.ok(after.pages[3].articles.some((a) => a.id === list[345].id));
  const byDate = planArchive(SITE, redated, ROOMY);
  assert.ok(byDate.pages[9].articles.some((a) => a.id === list[345].id), 'by date it moves to page 10');
  assert.deepEqual(byDate.pages.filter((p, i) => p.key !== before.pages[i].key).map((p) => p.number), [4, 5, 6, 7, 8, 9, 10]);
});

test('by place, a page whose every article was deleted stays in the chain, empty and valid; the main feeds still hold itemLimit', async () => {
  const list = articles(1234).filter((_, n) => n < 300 || n >= 400); // block 4 gone
  const plan = planArchive(SITE, list, PLACED);
  assert.equal(plan.pages.length, 11);
  assert.equal(plan.pages[3].articles.length, 0);
  assert.equal(plan.main.length, 134);
  const files = renderAll(plan);
  for (const [name, text] of files) assert.deepEqual(validateFeed(Buffer.from(text)).errors, [], name);
  const { chain } = validateArchiveChain([...files].map(([name, text]) => ({ name, bytes: Buffer.from(text) })));
  assert.deepEqual(chain.errors, []);
  assert.deepEqual(chain.chains.map((c) => c.items), [list.length, list.length, list.length]);
  const read = await readAll(files);
  for (const format of FEED_FORMATS) {
    const ids = namesOf(format, 11).flatMap((name) => read.get(name)!.ids);
    assert.equal(new Set(ids).size, list.length, `${format}: every item once`);
    assert.equal(ids.length, list.length);
  }
  // Deleting most of the main feeds' items: they take the newest page back to keep itemLimit.
  const fewer = articles(1234).filter((_, n) => n < 1100 || n >= 1230); // 1,104 left
  const cut = planArchive(SITE, fewer, PLACED);
  assert.equal(cut.main.length, 104, 'places 1,001–1,100 and the 4 newest');
  assert.equal(cut.pages.length, 10);
  const whole = planArchive(SITE, articles(1234), PLACED);
  assert.deepEqual(cut.pages.slice(0, 9).map((p) => p.key), whole.pages.slice(0, 9).map((p) => p.key));
});

test('when a whole block has left the main feeds, one page appears and its older neighbour only gains next-archive', () => {
  // 1,249 → 1,250 articles: the block 1,101–1,200 (oldest first) falls out of the newest 50.
  const before = planArchive(SITE, articles(1249), ROOMY);
  const after = planArchive(SITE, articles(1250), ROOMY);
  assert.equal(before.pages.length, 11);
  assert.equal(after.pages.length, 12);
  assert.equal(after.main.length, 50);
  const a = renderAll(before);
  const b = renderAll(after);
  const changed = changedFiles(a, b);
  const created = FEED_FORMATS.map((f) => archiveFileName(f, 12));
  const neighbour = ['rss', 'atom'].map((f) => archiveFileName(f as FeedFormat, 11));
  assert.deepEqual(changed, [...FEED_FORMATS.map(mainFileName), ...created, ...neighbour].sort());
  for (const name of neighbour) {
    const link = `href="${BASE}${name.replace('-11.', '-12.')}"`;
    const added = b.get(name)!.split('\n').filter((line) => !a.get(name)!.split('\n').includes(line));
    assert.equal(added.length, 1, `${name}: one line added`);
    assert.match(added[0], /rel="next-archive"/);
    assert.ok(added[0].includes(link));
    assert.equal(b.get(name)!.replace(added[0] + '\n', ''), a.get(name), `${name}: nothing else changed`);
  }
  // JSON Feed pages chain towards the older page only, so page 11 did not change at all.
  assert.equal(b.get(archiveFileName('json', 11)), a.get(archiveFileName('json', 11)));
});

test('editing an old article rewrites only the page that holds it', () => {
  const list = articles(1234);
  const before = planArchive(SITE, list, ROOMY);
  const edited = list.map((a, n) => (n === 345 ? article(345, { edit: 1 }) : a));
  const after = planArchive(SITE, edited, ROOMY);
  // Oldest first, article 345 is in block 4 (items 300–399).
  assert.deepEqual(changedFiles(renderAll(before), renderAll(after)), FEED_FORMATS.map((f) => archiveFileName(f, 4)).sort());
  const changedKeys = after.pages.filter((p, i) => p.key !== before.pages[i].key).map((p) => p.number);
  assert.deepEqual(changedKeys, [4]);
  assert.equal(after.mainKey, before.mainKey);
});

test('the byte budget: 200 KB articles push items to the archive; each main feed stays under feed.maxBytes', async () => {
  const maxBytes = 1024 * 1024;
  const list = articles(40, { bodyBytes: 200 * 1024 });
  const plan = planArchive(SITE, list, { itemLimit: 50, pageSize: 100, maxBytes });
  const files = renderAll(plan);
  for (const format of FEED_FORMATS) {
    const size = Buffer.byteLength(files.get(mainFileName(format))!);
    assert.ok(size <= maxBytes, `${mainFileName(format)} is ${size} bytes, over ${maxBytes}`);
  }
  assert.ok(plan.main.length >= 1 && plan.main.length < 40, `main feeds hold ${plan.main.length}`);
  assert.equal(plan.overBudget, false);
  // Without the budget all 40 would sit in the main feeds (fewer than itemLimit); here they went to page 1.
  assert.equal(plan.pages.length, 1);
  assert.equal(plan.pages[0].complete, false);
  const order = oldestFirst(list);
  const read = await readAll(files);
  for (const format of FEED_FORMATS) {
    assert.deepEqual(read.get(mainFileName(format))!.ids, order.slice(40 - plan.main.length).reverse(), 'the newest stay in the main feed');
    const ids = [...read.get(mainFileName(format))!.ids, ...read.get(archiveFileName(format, 1))!.ids];
    assert.deepEqual([...ids].sort(), [...order].sort(), `${format}: each item exactly once`);
  }
  // One more article: still within budget, still each item once.
  const more = planArchive(SITE, [...list, article(40, { bodyBytes: 200 * 1024 })], { itemLimit: 50, pageSize: 100, maxBytes });
  for (const format of FEED_FORMATS) assert.ok(Buffer.byteLength(more.mainFeeds[format]) <= maxBytes);
  assert.equal(more.main.length + more.pages.reduce((n, p) => n + p.articles.length, 0), 41);
});

test('over the budget with a partial block, the newest page grows; older pages and keys stay', () => {
  // 330 articles: the block-aligned cut leaves 130 items in the main feeds. With a budget 15%
  // under their size, about 110 fit; the other 20 of that block wait on a partial page 3.
  const list = articles(330, { bodyBytes: 3 * 1024 });
  const roomy = planArchive(SITE, list, ROOMY);
  assert.equal(roomy.main.length, 130);
  const settings = { itemLimit: 50, pageSize: 100, maxBytes: Math.floor(Buffer.byteLength(roomy.mainFeeds.json) * 0.85) };
  const plan = planArchive(SITE, list, settings);
  assert.ok(plan.main.length > 50 && plan.main.length < 130, `main holds ${plan.main.length}`);
  for (const format of FEED_FORMATS) assert.ok(Buffer.byteLength(plan.mainFeeds[format]) <= settings.maxBytes);
  assert.equal(plan.pages.length, 3);
  assert.deepEqual(plan.pages.map((p) => p.complete), [true, true, false]);
  assert.equal(plan.pages[2].articles.length, 330 - 200 - plan.main.length);
  // The next article: pages 1 and 2 are untouched, page 3 took the item the main feeds let go.
  const next = planArchive(SITE, [...list, article(330, { bodyBytes: 3 * 1024 })], settings);
  assert.deepEqual(next.pages.slice(0, 2).map((p) => p.key), plan.pages.slice(0, 2).map((p) => p.key));
  assert.equal(next.main.length + next.pages.reduce((n, p) => n + p.articles.length, 0), 331);
});

test('an article larger than the budget on its own still leads the main feeds, and the plan says so', () => {
  const list = [...articles(3), article(3, { bodyBytes: 600 * 1024 })];
  const plan = planArchive(SITE, list, { itemLimit: 50, pageSize: 100, maxBytes: 512 * 1024 });
  assert.equal(plan.overBudget, true);
  assert.deepEqual(plan.main.map((a) => a.id), [article(3).id]);
  assert.equal(plan.pages[0].articles.length, 3);
});

test('fewer articles than itemLimit: no archive and no archive links', async () => {
  const plan = planArchive(SITE, articles(30), ROOMY);
  assert.equal(plan.pages.length, 0);
  const files = renderAll(plan);
  assert.deepEqual([...files.keys()].sort(), ['atom.xml', 'feed.json', 'rss.xml']);
  for (const [name, text] of files) {
    const r = await readBack(name, text);
    assert.equal(r.ids.length, 30);
    assert.equal(r.prevArchive ?? r.nextUrl, undefined);
    assert.doesNotMatch(text, /fh:archive/);
  }
  const empty = planArchive(SITE, [], { ...ROOMY, fallbackUpdated: '2024-01-01T00:00:00Z' });
  assert.equal(empty.main.length, 0);
  assert.match(empty.mainFeeds.atom, /<updated>2024-01-01T00:00:00Z<\/updated>/);
});

test('the same articles always give the same keys and bytes', () => {
  const a = planArchive(SITE, articles(250), ROOMY);
  const b = planArchive(SITE, articles(250).reverse(), ROOMY);
  assert.deepEqual(archiveFiles(a), archiveFiles(b));
  assert.deepEqual(renderAll(a), renderAll(b));
  // A different site (here the feed URL) gives different keys: the links inside the pages change.
  const c = planArchive(site({ feedBaseUrl: 'https://cdn.example.org/' }), articles(250), ROOMY);
  assert.notEqual(c.pages[0].key, a.pages[0].key);
});

test('archive file names read back to their format and page', () => {
  for (const format of FEED_FORMATS) {
    for (const n of [1, 9, 10, 123]) assert.deepEqual(parseArchiveFileName(archiveFileName(format, n)), { format, page: n });
  }
  for (const bad of ['archive/rss-0.xml', 'archive/rss-01.xml', 'archive/feed-1.xml', 'archive/atom-1.json', 'rss-1.xml', 'archive/rss-1.xml.gz']) {
    assert.equal(parseArchiveFileName(bad), null, bad);
  }
});

test('planned with articles in brief, and given whole ones for the main candidates and pages, the bytes are the same', () => {
  const list = articles(1234, { bodyBytes: 2000 });
  const brief = list.map((a) => ({ ...a, body: [], media: [] }));
  const byId = new Map(list.map((a) => [a.id, a]));
  const settings = { itemLimit: 50, pageSize: 100, maxBytes: 1024 * 1024 };
  const candidates = mainCandidates(brief, settings);
  assert.equal(candidates.length, 134);
  const asked: string[] = [];
  const plan = planArchive(SITE, brief, { ...settings, full: (a) => (asked.push(a.id), byId.get(a.id)!) });
  assert.ok(asked.every((id) => candidates.some((c) => c.id === id)), 'only main candidates are asked for whole');
  const reference = planArchive(SITE, list, settings);
  assert.deepEqual(plan.mainFeeds, reference.mainFeeds);
  assert.deepEqual(archiveFiles(plan), archiveFiles(reference));
  for (const f of archiveFiles(plan).filter((x) => x.page > 0)) {
    const whole = plan.pages[f.page - 1].articles.map((a) => byId.get(a.id)!);
    assert.equal(renderArchiveFile(plan, f, whole), renderArchiveFile(reference, f), f.name);
  }
});

test('under a byte budget the main feeds hold the most newest items that fit: one more would not', async () => {
  const { renderAtom, renderJsonFeed, renderRss, sortNewestFirst } = await import('../../src/render/index.js');
  const list = articles(330, { bodyBytes: 3000 });
  const newest = sortNewestFirst(list);
  const aligned = 130; // the block-aligned cut for 330 items: never more
  const largest = (count: number): number => {
    const pages = Math.ceil((list.length - count) / 100);
    const link = (f: FeedFormat) => (pages ? BASE + archiveFileName(f, pages) : undefined);
    const page = (f: FeedFormat) => ({ site: SITE, articles: newest.slice(0, count), selfUrl: BASE + mainFileName(f) });
    return Math.max(
      Buffer.byteLength(renderRss({ ...page('rss'), links: { prevArchive: link('rss') } })),
      Buffer.byteLength(renderAtom({ ...page('atom'), links: { prevArchive: link('atom') } })),
      Buffer.byteLength(renderJsonFeed({ ...page('json'), nextUrl: link('json') })),
    );
  };
  for (const maxBytes of [60_000, 250_000, 517_000, 800_000, 1_000_000, 1_300_000]) {
    const plan = planArchive(SITE, list, { itemLimit: 50, pageSize: 100, maxBytes });
    const m = plan.main.length;
    assert.ok(largest(m) <= maxBytes, `${m} items fit ${maxBytes}`);
    assert.ok(m <= aligned);
    if (m < aligned) assert.ok(largest(m + 1) > maxBytes, `${m + 1} items would also fit ${maxBytes}`);
  }
});
