import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DateTime } from 'luxon';
import { newestUpdated, parseTimestamp, toRfc3339, toRfc822 } from '../../src/render/dates.js';

const SAMPLES = [
  '2017-11-11T16:30:00+07:00',
  '2024-02-29T00:00:00Z',
  '2024-03-04T22:15:30-05:00',
  '2023-12-31T23:59:59+14:00',
  '1999-01-01T00:00:00-12:00',
  '2030-06-15T12:34:56.789+05:30',
  '0999-07-04T01:02:03+00:00',
  '0050-03-01T10:00:00Z',
];

test('RFC 822 dates agree with luxon: weekday, 4-digit year, wall time and numeric zone kept', () => {
  for (const s of SAMPLES) {
    assert.equal(toRfc822(s), DateTime.fromISO(s, { setZone: true }).toRFC2822(), s);
  }
});

test('RFC 3339 dates keep the instant and the offset', () => {
  for (const s of SAMPLES) {
    const out = toRfc3339(s);
    assert.equal(Date.parse(out), Date.parse(s), s);
    assert.equal(out.slice(-6) === s.slice(-6) || (out.endsWith('Z') && s.endsWith('Z')), true, s);
  }
  assert.equal(toRfc3339('2024-01-02t03:04:05z'), '2024-01-02T03:04:05Z');
});

test('impossible or malformed timestamps are refused with the value named', () => {
  for (const bad of ['2023-02-29T00:00:00Z', '2024-13-01T00:00:00Z', '2024-01-01T24:00:00Z', 'yesterday', '2024-01-01']) {
    assert.throws(() => parseTimestamp(bad), new RegExp(bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  }
});

test('newest update is chosen by instant, not by spelling', () => {
  const a = { updated: '2024-03-01T12:00:00+09:00' }; // 03:00Z
  const b = { updated: '2024-03-01T05:00:00+01:00' }; // 04:00Z
  assert.equal(newestUpdated([a, b]), b.updated);
  assert.equal(newestUpdated([], '2020-01-01T00:00:00Z'), '2020-01-01T00:00:00Z');
  assert.equal(newestUpdated([]), null);
});
