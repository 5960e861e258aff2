import assert from 'node:assert/strict';
import { test } from 'node:test';
import { archiveFileName, archiveFiles, archivePage, planArchive, renderArchiveFile, type ArchivePlan } from '../../src/render/archive.js';
import { renderAtom, renderJsonFeed, renderRss } from '../../src/render/index.js';
import { chainFacts, checkArchiveChain, validateArchiveChain, type ChainReport } from '../../src/validate/archive-chain.js';
import { articles, site } from './fixtures.js';

const SITE = site();
const SETTINGS = { itemLimit: 50, pageSize: 100, maxBytes: 64 * 1024 * 1024 };

function published(plan: ArchivePlan): Map<string, string> {
  return new Map(archiveFiles(plan).map((f) => [f.name, renderArchiveFile(plan, f)]));
}

function check(files: Map<string, string>): ChainReport {
  return checkArchiveChain([...files].map(([name, text]) => chainFacts(name, Buffer.from(text))));
}

const codes = (r: ChainReport, kind: 'errors' | 'warnings' = 'errors'): string[] => [...new Set(r[kind].map((m) => m.code))].sort();

test('wirefeed’s own archive of 1,234 articles: three chains, every item once, every page valid', () => {
  const plan = planArchive(SITE, articles(1234), SETTINGS);
  const files = published(plan);
  const { files: each, chain } = validateArchiveChain([...files].map(([name, text]) => ({ name, bytes: Buffer.from(text) })));
  assert.deepEqual(chain.errors, []);
  assert.deepEqual(chain.warnings, []);
  assert.deepEqual(
    chain.chains.map((c) => [c.format, c.files.length, c.items]),
    [['rss', 12, 1234], ['atom', 12, 1234], ['json', 12, 1234]],
  );
  assert.deepEqual(chain.chains[0].files.slice(0, 3), ['rss.xml', 'archive/rss-11.xml', 'archive/rss-10.xml']);
  assert.equal(each.length, files.size);
  for (const f of each) assert.deepEqual(f.report.errors, [], f.name);
});

test('a missing page: the link to it is broken and the older pages are unreachable', () => {
  const files = published(planArchive(SITE, articles(1234), SETTINGS));
  files.delete(archiveFileName('rss', 5));
  files.delete(archiveFileName('json', 5));
  const r = check(files);
  assert.equal(r.valid, false);
  assert.deepEqual(codes(r), ['ArchiveLinkBroken', 'ArchivePageUnreachable']);
  const broken = r.errors.filter((e) => e.code === 'ArchiveLinkBroken').map((e) => [e.file, e.message]);
  assert.deepEqual(broken.map(([f]) => f).sort(), [archiveFileName('rss', 4), archiveFileName('rss', 6), archiveFileName('json', 6)].sort());
  assert.ok(broken.every(([, m]) => m.includes('-5.')), 'each message names the missing page');
  const lost = r.errors.filter((e) => e.code === 'ArchivePageUnreachable').map((e) => e.file).sort();
  assert.deepEqual(lost, [1, 2, 3, 4].flatMap((k) => [archiveFileName('rss', k), archiveFileName('json', k)]).sort());
  // The Atom chain is whole, and lacks nothing; the others now lack the items of pages 1–5.
  assert.ok(r.warnings.some((w) => w.code === 'ArchiveFormatsDiffer' && w.file === 'rss.xml' && w.message.startsWith('500 items')));
});

test('an item on two archive pages is an error naming both', () => {
  const plan = planArchive(SITE, articles(1234), SETTINGS);
  const files = published(plan);
  const stray = plan.pages[1].articles[7]; // on page 2
  for (const [format, render] of [['rss', renderRss], ['atom', renderAtom], ['json', renderJsonFeed]] as const) {
    const page = archivePage(plan, 3, format);
    files.set(archiveFileName(format, 3), render({ ...page, articles: [...page.articles, stray] }));
  }
  const r = check(files);
  assert.deepEqual(codes(r), ['ArchiveDuplicateItem']);
  assert.equal(r.errors.length, 3);
  for (const e of r.errors) {
    assert.match(e.file, /^archive\/(rss|atom|feed)-2\./, 'found on the older page, walking back from page 3');
    assert.ok(e.message.includes(stray.id) && /-3\./.test(e.message), e.message);
  }
});

test('links that go round in a loop, or disagree, are errors', () => {
  const plan = planArchive(SITE, articles(450), SETTINGS); // 4 pages
  const files = published(plan);
  const url = (k: number) => SITE.feedBaseUrl + archiveFileName('rss', k);
  // Page 1 claims an older page that is in fact page 3: round and round.
  const p1 = archivePage(plan, 1, 'rss');
  files.set(archiveFileName('rss', 1), renderRss({ ...p1, links: { ...p1.links, prevArchive: url(3) } }));
  // Page 2's next-archive skips page 3.
  const p2 = archivePage(plan, 2, 'rss');
  files.set(archiveFileName('rss', 2), renderRss({ ...p2, links: { ...p2.links, nextArchive: url(4) } }));
  const r = check(files);
  assert.deepEqual(codes(r), ['ArchiveLinksDisagree', 'ArchiveLoop']);
  assert.equal(r.errors.find((e) => e.code === 'ArchiveLoop')!.file, archiveFileName('rss', 1));
  assert.equal(r.errors.find((e) => e.code === 'ArchiveLinksDisagree')!.file, archiveFileName('rss', 2));
});

test('a main feed that skips the newest page, and a page without fh:archive or current', () => {
  const plan = planArchive(SITE, articles(450), SETTINGS);
  const files = published(plan);
  const main = renderAtom({ site: SITE, articles: plan.main, selfUrl: SITE.feedBaseUrl + 'atom.xml', links: { prevArchive: SITE.feedBaseUrl + archiveFileName('atom', 3) } });
  files.set('atom.xml', main);
  const p2 = archivePage(plan, 2, 'atom');
  files.set(archiveFileName('atom', 2), renderAtom({ ...p2, archive: false, links: { ...p2.links, current: undefined } }));
  const r = check(files);
  assert.ok(r.errors.some((e) => e.code === 'ArchiveNotNewest' && e.file === 'atom.xml'));
  // Page 4 is now outside the chain, and so are its items.
  assert.ok(r.errors.some((e) => e.code === 'ArchivePageUnreachable' && e.file === archiveFileName('atom', 4)));
  assert.deepEqual(codes(r, 'warnings').filter((c) => c !== 'ArchiveFormatsDiffer'), ['ArchiveCurrentMissing', 'ArchiveMarkerMissing']);
});

test('an item both in the main feed and on a page is only a warning (RFC 5005 lets readers keep the newer)', () => {
  const plan = planArchive(SITE, articles(300), SETTINGS);
  const files = published(plan);
  const main = { site: SITE, articles: [...plan.main, plan.pages[0].articles[0]], selfUrl: SITE.feedBaseUrl + 'rss.xml', links: { prevArchive: SITE.feedBaseUrl + archiveFileName('rss', plan.pages.length) } };
  files.set('rss.xml', renderRss(main));
  const r = check(files);
  assert.deepEqual(r.errors, []);
  assert.ok(r.warnings.some((w) => w.code === 'ArchiveItemInMainAndPage' && w.file === archiveFileName('rss', 1)));
});

test('a lone feed, or feeds without archive links, are no chain and raise nothing', () => {
  const plan = planArchive(SITE, articles(20), SETTINGS);
  const r = check(published(plan));
  assert.deepEqual([r.errors, r.warnings, r.chains], [[], [], []]);
});

test('facts of a document that is not a feed, or is broken, give no links and no crash', () => {
  for (const text of ['', '{', '<rss><channel><item><guid>x', '<html/>', '[1,2]', 'null']) {
    const f = chainFacts('x.xml', Buffer.from(text));
    assert.equal(f.prevArchive, null);
    assert.ok(['unknown', 'rss'].includes(f.format));
  }
  const r = checkArchiveChain([chainFacts('a.xml', Buffer.from('<rss><channel><item><guid>x'))]);
  assert.deepEqual(r.errors, []);
});
