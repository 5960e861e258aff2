import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DateTime } from 'luxon';
import { parseTimestamp, toRfc3339, toRfc822 } from '../../src/render/dates.js';
import { PreparedArticles, newestChange } from '../../src/render/prepared.js';
import { makeArticle } from './factory.js';

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
  const a = makeArticle({ updated: '2024-03-01T12:00:00+09:00' }); // 03:00Z
  const b = makeArticle({ updated: '2024-03-01T05:00:00+01:00' }); // 04:00Z
  const c = makeArticle({ updated: '2024-03-01T04:00:00Z' }); // the same instant as b: the first one wins
  const newest = (list: typeof a[], fallback?: string) => newestChange(list, new PreparedArticles().ofAll(list), fallback);
  assert.equal(newest([a, b, c]), b.updated);
  assert.equal(newest([], '2020-01-01T00:00:00Z'), '2020-01-01T00:00:00Z');
  assert.equal(newest([]), null);
});

// The grammar parseTimestamp reads by hand, as a regular expression.
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|([+-])(\d{2}):(\d{2}))$/;

test('parseTimestamp takes exactly the RFC 3339 grammar, and reads each field', () => {
  const valid = [...SAMPLES, '2024-01-02t03:04:05z', '2024-01-02 03:04:05.5-00:00', '2016-12-31T23:59:60Z', '2024-06-01T00:00:00.123456789+23:59'];
  // Every one-character change, deletion and insertion of the valid samples, from a set of
  // characters that matter to the grammar.
  const alphabet = ['0', '9', '-', ':', '.', 'T', 't', ' ', 'Z', 'z', '+', 'x', '\u0660', ''];
  const inputs = new Set<string>(valid);
  for (const s of valid) {
    for (let i = 0; i <= s.length; i++) {
      for (const ch of alphabet) {
        inputs.add(s.slice(0, i) + ch + s.slice(i + 1));
        inputs.add(s.slice(0, i) + ch + s.slice(i));
      }
    }
  }
  let accepted = 0;
  for (const s of inputs) {
    const m = RFC3339.exec(s);
    let parsed: ReturnType<typeof parseTimestamp> | null = null;
    try {
      parsed = parseTimestamp(s);
    } catch (err) {
      assert.match(String(err), /not an RFC 3339 timestamp|not a real date/, s);
    }
    if (!m) {
      assert.equal(parsed, null, `accepted ${JSON.stringify(s)}`);
      continue;
    }
    if (!parsed) {
      // Only impossible dates are refused among grammatical ones.
      const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((k) => Number(m[k]));
      const real = new Date(Date.UTC(2000, month - 1, day));
      real.setUTCFullYear(year);
      assert.ok(real.getUTCMonth() !== month - 1 || real.getUTCDate() !== day || hour > 23 || minute > 59 || second > 60, `refused ${JSON.stringify(s)}`);
      continue;
    }
    accepted++;
    const offset = m[9] ? (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11])) : 0;
    assert.deepEqual(
      [parsed.year, parsed.month, parsed.day, parsed.hour, parsed.minute, parsed.second, parsed.fraction, parsed.offset, parsed.zulu],
      [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), m[7] ?? '', offset, !m[9]],
      s,
    );
    // (Date.parse knows no leap seconds nor offsets past 23:59, and misreads some long fractions.)
    if (Number(m[6]) < 60 && !(Number(m[10]) > 23 || Number(m[11]) > 59) && (m[7] ?? '').length <= 4) assert.equal(parsed.ms, Date.parse(s.replace(/^(\d{4}-\d{2}-\d{2})[t ]/i, '$1T').replace(/z$/, 'Z')), s);
  }
  assert.ok(accepted > 100 && inputs.size > 3000, `${accepted} of ${inputs.size}`);
});
