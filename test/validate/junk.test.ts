// Any byte sequence gets a report, never an exception, a hang or an unbounded allocation:
// truncated and corrupted feeds, extreme nesting, huge text, thousands of attributes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createValidator, type ValidationReport } from '../../src/validate/index.js';
import { atom, check, entry, rss } from './helpers.js';

const FEEDS = [
  rss('<item><title>Đà Nẵng &amp; ☕</title><link>https://example.com/1</link><guid isPermaLink="false">1</guid><pubDate>Sat, 11 Nov 2017 09:30:00 GMT</pubDate></item>'),
  atom(entry('<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>x</p></div></content>')),
  '{"version":"https://jsonfeed.org/version/1.1","title":"t","items":[{"id":"1","content_text":"x"}]}',
];

function assertReport(r: ValidationReport): void {
  assert.ok(['rss', 'atom', 'json', 'unknown'].includes(r.format));
  assert.equal(typeof r.valid, 'boolean');
  assert.equal(r.valid, r.errors.length === 0);
  for (const m of [...r.errors, ...r.warnings]) {
    assert.equal(typeof m.code, 'string');
    assert.equal(typeof m.message, 'string');
  }
}

/** Deterministic pseudo-random numbers, so a failure can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

test('every truncation of a valid feed gets a report', () => {
  for (const feed of FEEDS) {
    const bytes = new TextEncoder().encode(feed);
    assert.equal(check(bytes).valid, true);
    for (let cut = 0; cut < bytes.length; cut += 7) {
      const r = check(bytes.subarray(0, cut));
      assertReport(r);
      assert.equal(r.valid, false, `cut at ${cut}`);
    }
  }
});

test('random byte flips get a report', () => {
  const next = rng(42);
  for (const feed of FEEDS) {
    const bytes = new TextEncoder().encode(feed);
    for (let i = 0; i < 300; i++) {
      const copy = Uint8Array.from(bytes);
      const flips = 1 + Math.floor(next() * 4);
      for (let f = 0; f < flips; f++) copy[Math.floor(next() * copy.length)] = Math.floor(next() * 256);
      assertReport(check(copy));
    }
  }
});

test('random bytes get a report', () => {
  const next = rng(7);
  for (let i = 0; i < 200; i++) {
    const bytes = Uint8Array.from({ length: Math.floor(next() * 2000) }, () => Math.floor(next() * 256));
    assertReport(check(bytes));
  }
});

test('100,000 nested elements', () => {
  const depth = 100_000;
  const doc = rss(`<item><title>x</title><guid isPermaLink="false">1</guid><n:a xmlns:n="https://example.com/ns">${'<n:a>'.repeat(depth)}${'</n:a>'.repeat(depth)}</n:a></item>`);
  const r = check(doc);
  assertReport(r);
  assert.equal(r.valid, true);
  const unclosed = check(rss(`<item>${'<a>'.repeat(depth)}</item>`));
  assert.equal(unclosed.valid, false);
});

test('a 50 MB text node, fed in chunks', () => {
  const v = createValidator();
  const enc = new TextEncoder();
  v.write(enc.encode(rss('<item><title>x</title><guid isPermaLink="false">1</guid><description>').split('</channel>')[0]));
  const block = enc.encode('lorem ipsum &amp; dolor '.repeat(43_690)); // ~1 MB
  for (let i = 0; i < 50; i++) v.write(block);
  v.write(enc.encode('</description></item></channel></rss>'));
  const r = v.end();
  assertReport(r);
  assert.deepEqual(r.errors, []);
});

test('20,000 attributes on one element, and 20,000 duplicates of one', () => {
  const many = Array.from({ length: 20_000 }, (_, i) => `a${i}="${i}"`).join(' ');
  const r = check(rss(`<item><title>x</title><guid isPermaLink="false">1</guid><n:x xmlns:n="https://example.com/ns" ${many}/></item>`));
  assertReport(r);
  assert.equal(r.valid, true);
  const dup = check(rss(`<item><title ${'a="1" '.repeat(20_000)}>x</title></item>`));
  assert.equal(dup.valid, false);
});

test('a JSON nesting bomb and a DOCTYPE that never ends', () => {
  assertReport(check('['.repeat(200_000)));
  assertReport(check(`{"a":${'['.repeat(100_000)}1${']'.repeat(100_000)}}`));
  const r = check(`<?xml version="1.0"?><!DOCTYPE rss [${'<!ENTITY a "b">'.repeat(10_000)}`);
  assertReport(r);
  assert.equal(r.valid, false);
});

test('a thousand errors are counted, not all listed', () => {
  const items = '<item><foo/></item>'.repeat(3000);
  const r = check(rss(items));
  assert.equal(r.valid, false);
  assert.ok(r.errors.length + r.warnings.length <= 1001);
  assert.ok(r.warnings.some((w) => w.code === 'MessagesTruncated'));
});
