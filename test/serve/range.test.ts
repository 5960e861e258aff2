import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ifRangeHolds, rangeOf } from '../../src/serve/range.js';

test('one byte range of a body: first-last, open-ended, suffix; beyond the end clipped', () => {
  assert.deepEqual(rangeOf('bytes=0-9', 100), { kind: 'part', start: 0, end: 9 });
  assert.deepEqual(rangeOf('bytes=90-', 100), { kind: 'part', start: 90, end: 99 });
  assert.deepEqual(rangeOf('bytes=-10', 100), { kind: 'part', start: 90, end: 99 });
  assert.deepEqual(rangeOf('bytes=-500', 100), { kind: 'part', start: 0, end: 99 });
  assert.deepEqual(rangeOf('bytes=50-500', 100), { kind: 'part', start: 50, end: 99 });
  assert.deepEqual(rangeOf(' Bytes = 1 - 2 ', 100), { kind: 'part', start: 1, end: 2 });
});

test('ranges not served are answered with the whole body; ones past the end are unsatisfiable', () => {
  for (const h of [undefined, 'bytes=0-1,5-6', 'items=0-1', 'bytes=9-2', 'bytes=-', 'bytes=abc', '']) assert.deepEqual(rangeOf(h, 100), { kind: 'whole' }, String(h));
  assert.deepEqual(rangeOf('bytes=100-', 100), { kind: 'unsatisfiable' });
  assert.deepEqual(rangeOf('bytes=-0', 100), { kind: 'unsatisfiable' });
  assert.deepEqual(rangeOf('bytes=0-', 0), { kind: 'unsatisfiable' });
});

test('If-Range holds for the same strong ETag or the exact Last-Modified, never a weak tag', () => {
  const mtime = Date.parse('Mon, 01 Jan 2024 10:00:00 GMT') + 400;
  assert.equal(ifRangeHolds(undefined, '"a"', mtime), true);
  assert.equal(ifRangeHolds('"a"', '"a"', mtime), true);
  assert.equal(ifRangeHolds('"b"', '"a"', mtime), false);
  assert.equal(ifRangeHolds('W/"a"', '"a"', mtime), false);
  assert.equal(ifRangeHolds('Mon, 01 Jan 2024 10:00:00 GMT', '"a"', mtime), true);
  assert.equal(ifRangeHolds('Mon, 01 Jan 2024 10:00:01 GMT', '"a"', mtime), false);
  assert.equal(ifRangeHolds('someday', '"a"', mtime), false);
});
