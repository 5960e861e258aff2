import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LedgerError, matchLedger, parseLedger, serializeLedger, type LedgerEntry } from '../../src/publish/ledger.js';

const sha = (c: string) => c.repeat(64);
const entry = (p: string, id: string, c: string): LedgerEntry => ({
  path: p,
  id,
  firstSeen: '2024-01-01T00:00:00Z',
  updated: '2024-01-01T00:00:00Z',
  sha256: sha(c),
});
const bytes = (s: string) => new TextEncoder().encode(s);

test('a ledger survives serialize → parse unchanged, sorted by path', () => {
  const ledger = { version: 1 as const, entries: [entry('articles/b.txt', 'tag:b', 'b'), entry('articles/a.txt', 'tag:a', 'a')] };
  const text = serializeLedger(ledger);
  const back = parseLedger(bytes(text), 'ledger.json');
  assert.deepEqual(back.entries.map((e) => e.path), ['articles/a.txt', 'articles/b.txt']);
  assert.deepEqual(back.entries[1], ledger.entries[0]);
  assert.equal(serializeLedger(back), text, 'serializing twice gives the same text');
});

test('a damaged ledger is an error naming the file and what is wrong', () => {
  const cases: [string, RegExp][] = [
    ['', /empty file/],
    ['{"version":1,"articles":[', /not valid JSON/],
    ['[]', /not a JSON object/],
    ['{"version":2,"articles":[]}', /version: expected 1/],
    ['{"version":1}', /articles: must be an array/],
    ['{"version":1,"articles":[{"path":"a","id":"x","firstSeen":"yesterday","updated":"2024-01-01T00:00:00Z","sha256":"' + sha('a') + '"}]}', /articles\[0\]\.firstSeen: not an RFC 3339 time/],
    ['{"version":1,"articles":[{"path":"a","id":"x","firstSeen":"2024-01-01T00:00:00Z","updated":"2024-01-01T00:00:00Z","sha256":"zz"}]}', /articles\[0\]\.sha256/],
  ];
  for (const [text, why] of cases) {
    assert.throws(
      () => parseLedger(bytes(text), '/p/.wirefeed/ledger.json'),
      (err: unknown) => err instanceof LedgerError && err.file === '/p/.wirefeed/ledger.json' && why.test(err.message) && /--rebuild-ledger/.test(err.message),
      `${JSON.stringify(text)} should fail with ${why}`,
    );
  }
  assert.throws(() => parseLedger(new Uint8Array([0xff, 0xfe, 0x00]), 'l.json'), /not UTF-8/);
});

test('places survive serialize → parse, spliced entries included; a place that is not a whole number ≥ 1, or is two articles\', is refused', async () => {
  const { ledgerBlocks } = await import('../../src/publish/ledger.js');
  // Every third never published (an embargo): no place.
  const entries = Array.from({ length: 12 }, (_, i) => (i % 3 === 2 ? entry(`articles/${String(i).padStart(2, '0')}.txt`, `tag:x,2024:${i}`, 'abc'[i % 3]) : { ...entry(`articles/${String(i).padStart(2, '0')}.txt`, `tag:x,2024:${i}`, 'abc'[i % 3]), place: 100 - i }));
  const text = serializeLedger({ version: 1, entries });
  assert.deepEqual(parseLedger(bytes(text), 'l.json').entries, entries);
  assert.equal(text, JSON.stringify({ version: 1, articles: entries }, null, 2) + '\n');
  const blocks = ledgerBlocks(text, Buffer.from(text, 'latin1'))!;
  assert.equal(blocks.entryAt('articles/04.txt')!.place, 96);
  const changed = new Map([
    ['articles/02.txt', { ...entries[2], place: 200 }], // arrives
    ['articles/04.txt', { ...entries[4], sha256: sha('9') }], // edited in place
    ['articles/05.txt', entry('articles/05.txt', 'tag:x,2024:5', 'c')], // held back again
  ]);
  assert.equal(Buffer.concat(blocks.withEntries(changed)).toString('latin1'), serializeLedger({ version: 1, entries: entries.map((e) => changed.get(e.path) ?? e) }));
  const bad = (place: unknown) => text.replace('"place": 100', `"place": ${JSON.stringify(place)}`);
  for (const place of [0, -3, 1.5, '7', null]) assert.throws(() => parseLedger(bytes(bad(place)), 'l.json'), /articles\[0\]\.place: must be a whole number ≥ 1/, String(place));
  assert.throws(() => parseLedger(bytes(bad(99)), 'l.json'), /articles\[1\]\.place: 99 is also articles\[0\]'s/);
});

test('two entries with one id are refused', () => {
  const twice = serializeLedger({ version: 1, entries: [entry('a', 'tag:x', 'a'), entry('b', 'tag:x', 'b')] });
  assert.throws(() => parseLedger(bytes(twice), 'l.json'), /tag:x appears twice/);
});

test('matching: same path is the same article, even when edited', () => {
  const e = entry('articles/a.txt', 'tag:a', 'a');
  const { matched, unmatched } = matchLedger([e], [{ path: 'articles/a.txt', sha256: sha('f'), frontMatterId: null }]);
  assert.equal(matched.get('articles/a.txt'), e);
  assert.deepEqual(unmatched, []);
});

test('matching: same bytes under a new name is the same article moved, when the old file is gone', () => {
  const e = entry('articles/old.txt', 'tag:a', 'a');
  const moved = matchLedger([e], [{ path: 'articles/2024/new.txt', sha256: sha('a'), frontMatterId: null }]);
  assert.equal(moved.matched.get('articles/2024/new.txt'), e);
  // a copy while the original is still there is a new article
  const copied = matchLedger([e], [
    { path: 'articles/old.txt', sha256: sha('a'), frontMatterId: null },
    { path: 'articles/copy.txt', sha256: sha('a'), frontMatterId: null },
  ]);
  assert.equal(copied.matched.get('articles/old.txt'), e);
  assert.equal(copied.matched.get('articles/copy.txt'), undefined);
});

test('matching: a front matter id wins over a path, renamed and edited alike', () => {
  const a = entry('articles/a.txt', 'urn:story:1', 'a');
  const files = [
    { path: 'articles/a.txt', sha256: sha('n'), frontMatterId: null }, // a new story where the old one was
    { path: 'articles/z-moved.txt', sha256: sha('e'), frontMatterId: 'urn:story:1' },
  ];
  const { matched } = matchLedger([a], files);
  assert.equal(matched.get('articles/z-moved.txt'), a);
  assert.equal(matched.get('articles/a.txt'), undefined);
});

test('matching: entries no file claims are the deleted articles', () => {
  const a = entry('articles/a.txt', 'tag:a', 'a');
  const b = entry('articles/b.txt', 'tag:b', 'b');
  const { unmatched } = matchLedger([a, b], [{ path: 'articles/a.txt', sha256: sha('a'), frontMatterId: null }]);
  assert.deepEqual(unmatched, [b]);
});

test('the ledger written from the one read back is the same text as written afresh, whatever changed', async () => {
  const { loadLedger } = await import('../../src/publish/ledger.js');
  const { nodeFs } = await import('../../src/publish/fsio.js');
  const { mkdtemp, writeFile, rm } = await import('node:fs/promises');
  const { createHash } = await import('node:crypto');
  const os = await import('node:os');
  const path = await import('node:path');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'wirefeed-ledger-'));
  try {
    const file = path.join(dir, 'ledger.json');
    const entries = Array.from({ length: 40 }, (_, i) => entry(`articles/${String(i).padStart(2, '0')} "odd" \u2028 name.txt`, `tag:x,2024:${i}`, 'abcdef'[i % 6]));
    const text = serializeLedger({ version: 1, entries });
    await writeFile(file, text);
    const ours = createHash('sha256').update(text).digest('hex');
    const loaded = await loadLedger(nodeFs, file, ours);
    assert.equal(loaded.ours, true);
    assert.deepEqual(loaded.ledger.entries, entries);
    const previous = { ledger: loaded.ledger, text };
    const kept = loaded.ledger.entries;
    const variants: LedgerEntry[][] = [
      kept,
      kept.map((e, i) => (i === 7 ? { ...e, sha256: sha('9'), updated: '2024-02-02T00:00:00Z' } : e)),
      [...kept.slice(0, 3), ...kept.slice(5), entry('articles/zz.txt', 'tag:new', 'f')],
      [entry('articles/000.txt', 'tag:first', 'e'), ...kept.slice(1)],
      [],
    ];
    for (const v of variants) assert.equal(serializeLedger({ version: 1, entries: v }, previous), serializeLedger({ version: 1, entries: v }));
    // A ledger edited by hand is not taken on trust: it is checked entry by entry.
    await writeFile(file, text.replace('"tag:x,2024:3"', '"tag:x,2024:4"'));
    await assert.rejects(loadLedger(nodeFs, file, ours), /appears twice/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a ledger text taken apart by entry finds entries and puts the text together as serializeLedger would', async () => {
  const { ledgerBlocks } = await import('../../src/publish/ledger.js');
  const entries = Array.from({ length: 25 }, (_, i) => entry(`articles/${String(i).padStart(2, '0')}-"q" \u2028.txt`, `tag:x,2024:${i}`, 'abcdef'[i % 6]));
  const text = serializeLedger({ version: 1, entries });
  const blocks = ledgerBlocks(text)!;
  for (const e of entries) assert.deepEqual(blocks.entryAt(e.path), e);
  assert.equal(blocks.entryAt('articles/nope.txt'), undefined);
  const changed = new Map([entries[0], entries[13], entries[24]].map((e) => [e.path, { ...e, sha256: sha('9'), updated: '2024-05-05T00:00:00Z' }]));
  const next = entries.map((e) => changed.get(e.path) ?? e);
  const expected = serializeLedger({ version: 1, entries: next });
  assert.equal(Buffer.concat(blocks.withEntries(changed)).toString('utf8'), expected);
  // With the bytes the text was read from: spliced where entries changed (and the same file).
  assert.equal(Buffer.concat(ledgerBlocks(text, Buffer.from(text, 'utf8'))!.withEntries(changed)).toString('utf8'), expected);
  const ascii = entries.map((e, i) => ({ ...e, path: `articles/${String(i).padStart(2, '0')}.txt` }));
  const asciiText = serializeLedger({ version: 1, entries: ascii });
  const asciiBlocks = ledgerBlocks(asciiText, Buffer.from(asciiText, 'latin1'))!;
  for (const e of ascii) assert.deepEqual(asciiBlocks.entryAt(e.path), e);
  const asciiChanged = new Map([ascii[0], ascii[24]].map((e) => [e.path, { ...e, id: `${e.id}-renamed`, updated: '2024-05-05T00:00:00Z' }]));
  const asciiNext = serializeLedger({ version: 1, entries: ascii.map((e) => asciiChanged.get(e.path) ?? e) });
  assert.equal(Buffer.concat(asciiBlocks.withEntries(asciiChanged)).toString('latin1'), asciiNext);
  assert.equal(Buffer.concat(asciiBlocks.withEntries(new Map())).toString('latin1'), asciiText, 'nothing changed: the same file');
  const one = serializeLedger({ version: 1, entries: [ascii[3]] });
  const edited = { ...ascii[3], sha256: sha('7') };
  assert.equal(Buffer.concat(ledgerBlocks(one, Buffer.from(one, 'latin1'))!.withEntries(new Map([[edited.path, edited]]))).toString('latin1'), serializeLedger({ version: 1, entries: [edited] }));
  assert.equal(ledgerBlocks(JSON.stringify({ version: 1, articles: entries })), null, 'not as serializeLedger writes it');
});

test('entries at new paths go into a ledger text in path order, as serializeLedger puts them', async () => {
  const { ledgerBlocks } = await import('../../src/publish/ledger.js');
  const entries = Array.from({ length: 10 }, (_, i) => entry(`articles/${String(i * 10).padStart(3, '0')}-“q”.txt`, `tag:x,2024:${i}`, 'abcdef'[i % 6]));
  const text = serializeLedger({ version: 1, entries });
  const blocks = ledgerBlocks(text, Buffer.from(text, 'utf8'))!;
  // Before the first, between two (two at once), after the last, and one replaced beside them.
  const added = ['articles/000-a.txt', 'articles/045.txt', 'articles/046.txt', 'articles/999.txt'].map((p, i) => entry(p, `tag:x,2024:new-${i}`, '9'));
  const replaced = { ...entries[5], sha256: sha('8'), updated: '2024-05-05T00:00:00Z' };
  const changed = new Map([...added, replaced].map((e) => [e.path, e]));
  const expected = serializeLedger({ version: 1, entries: [...entries.map((e) => (e.path === replaced.path ? replaced : e)), ...added] });
  assert.equal(Buffer.concat(blocks.withEntries(changed)).toString('utf8'), expected);
  // What it knows: by sha256 and by id, under any path.
  assert.ok(blocks.knowsSha256(entries[4].sha256));
  assert.ok(!blocks.knowsSha256(sha('9')));
  assert.ok(blocks.knowsId('tag:x,2024:3'));
  assert.ok(!blocks.knowsId('tag:x,2024:new-0'));
  assert.ok(!blocks.knowsId('tag:x,2024:'), 'a whole id, not a prefix');
});
