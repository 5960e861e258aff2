// The hand-written date paths give luxon's answers: RFC 3339 reading, UTC days and timestamps,
// dateline days and the days in ids and urls, checked against luxon itself on many generated dates.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { DateTime, FixedOffsetZone } from 'luxon';
import { dayIn, instantOf, parseDateValue, parseInstant, resolveDatelineDay, rfc3339, rfc3339In, rfc3339Of } from '../../src/ingest/dates.js';
import { offsetTimestamp, utcDay, utcMidnight, utcTimestamp } from '../../src/ingest/instants.js';
import { articleUrl, mintTagId } from '../../src/ingest/slug.js';

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): (n: number) => number {
  let s = seed;
  return (n) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s % n;
  };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Timestamps of every shape near the fast path: in and out of range, with and without offsets. */
function timestamps(count: number): string[] {
  const r = random(11);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const year = [1970 + r(60), r(10000), 999 + r(3), 9998 + r(2)][r(4)];
    const date = `${pad(year, 4)}-${pad(1 + r(13))}-${pad(1 + r(31))}`;
    const time = `${pad(r(25))}:${pad(r(60))}:${pad(r(61))}`;
    const fraction = ['', '', '.5', `.${r(1000)}`, '.999999999999999999', ',25'][r(6)];
    const offset = ['Z', 'Z', '+00:00', '-00:00', '+07:00', '-05:30', '+13:45', '-23:59', '+24:00', 'z', '', '+0700'][r(12)];
    out.push(`${date}T${time}${fraction}${offset}`, `${date}t${time}${offset}`, `${date} ${time}${offset}`, date);
  }
  return out;
}

const facts = (dt: DateTime) => ({
  iso: dt.toISO(),
  ms: dt.toMillis(),
  zone: dt.zoneName,
  offset: dt.offset,
  fixed: dt.isOffsetFixed,
  locale: dt.locale,
  elsewhere: dt.setZone('America/New_York').toISO(),
  formatted: dt.toFormat('yyyy/MM/dd HH:mm:ss.SSS ZZ'),
});

test('RFC 3339 timestamps read by hand are what luxon reads', () => {
  let fast = 0;
  for (const s of timestamps(4000)) {
    const read = parseInstant(s, 'Asia/Tokyo');
    const quick = read.ok ? read.at.dateTime() : null;
    if (!quick || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/.test(s)) continue;
    fast++;
    const luxon = DateTime.fromISO(s, { setZone: true });
    assert.ok(luxon.isValid, `${s}: read by hand but luxon refuses it`);
    assert.deepEqual(facts(quick), facts(luxon), s);
  }
  assert.ok(fast > 1000, `the fast path took only ${fast} timestamps`);
});

test('a timestamp read by hand is written back as luxon writes it, at its own offset', () => {
  let byHand = 0;
  for (const s of timestamps(4000)) {
    const read = parseInstant(s, 'Asia/Tokyo');
    if (!read.ok) continue;
    if (read.at.offset !== undefined) byHand++;
    assert.equal(rfc3339Of(read.at), rfc3339(read.at.dateTime()), s);
  }
  assert.ok(byHand > 1000, `only ${byHand} timestamps were written back by hand`);
  const r = random(7);
  for (let i = 0; i < 5000; i++) {
    const ms = [r(2 ** 31) * 1000 + r(1000), r(2 ** 31) * 1000, -62167219200000 + r(1000) * 86_400_000, 253402300799000 - r(1000) * 86_400_000][r(4)];
    const offset = [0, 60, -300, 330, 345, -(23 * 60 + 59), 23 * 60 + 59, r(2879) - 1439][r(8)];
    const stamp = offsetTimestamp(ms, offset);
    const luxon = rfc3339(DateTime.fromMillis(ms, { zone: FixedOffsetZone.instance(offset) }));
    if (stamp !== null) assert.equal(stamp, luxon, `${ms} at ${offset}`);
    else assert.ok(!/^\d{4}-/.test(luxon), `${ms} at ${offset}: ${luxon} has a four-digit year`);
  }
});

test('articles dated with offsets in front matter or JSON, one with a dateline day, are read without starting luxon', () => {
  const script = `
    import { createRequire } from 'node:module';
    import { ingestArticle } from ${JSON.stringify(new URL('../../src/ingest/index.ts', import.meta.url).href)};
    const site = { title: 'T', url: 'https://news.example.com/', description: 'd', language: 'en', author: null, icon: null, timezone: 'UTC', feedBaseUrl: 'https://news.example.com/', itemLimit: 50, hubs: [], copyright: null };
    const text = '---\\ndate: 2024-03-01T10:00:00+01:00\\nupdated: 2024-03-02T08:30:00.250-05:30\\n---\\nHarbour reopens\\n\\nOSLO (Reuters) — The harbour reopened.\\n';
    const json = JSON.stringify({ headline: 'Budget passes', published: '2024-03-01T10:00:00+01:00', dateline: { place: 'OSLO', date: '2024-02-29' }, body: ['The budget passed.'] });
    const opts = { site, firstSeen: '2024-04-02T08:00:00Z', maxBytes: 1e6 };
    const r = ingestArticle({ path: 'a.md', bytes: new TextEncoder().encode(text) }, opts);
    const j = ingestArticle({ path: 'b.json', bytes: new TextEncoder().encode(json) }, opts);
    const loaded = Object.keys(createRequire(import.meta.url).cache).some((f) => /[\\\\/]luxon[\\\\/]/.test(f));
    console.log(JSON.stringify({ published: r.article?.published, updated: r.article?.updated, json: [j.article?.published, j.article?.dateline?.date], loaded }));
  `;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout), { published: '2024-03-01T10:00:00+01:00', updated: '2024-03-02T08:30:00.250-05:30', json: ['2024-03-01T10:00:00+01:00', '2024-02-29'], loaded: false });
});

test('date values parse the same with or without the fast path, in any zone', () => {
  for (const zone of ['UTC', 'America/New_York', 'Asia/Kolkata']) {
    for (const s of timestamps(500)) {
      const r = parseDateValue(s, zone);
      // luxon alone, as parseDateValue read dates before it had a fast path.
      const opts = { zone, setZone: true };
      const tries = [DateTime.fromISO(s, opts), DateTime.fromSQL(s, opts), DateTime.fromRFC2822(s, opts)];
      const good = tries.find((d) => d.isValid);
      assert.equal(r.ok, good !== undefined, `${s} in ${zone}`);
      if (r.ok && good) assert.deepEqual(facts(r.dt), facts(good), `${s} in ${zone}`);
    }
  }
});

test('UTC timestamps, days and midnights written by hand are what luxon writes', () => {
  const r = random(5);
  for (let i = 0; i < 5000; i++) {
    const ms = [r(2 ** 31) * 1000 + r(1000), (r(2 ** 31) - 2 ** 30) * 100_000, r(2 ** 31) * 1000, -62167219200000 + r(1000) * 86_400_000, 253402300799000 - r(1000) * 86_400_000][r(5)];
    const luxon = DateTime.fromMillis(ms, { zone: 'UTC' });
    const stamp = utcTimestamp(ms);
    if (stamp !== null) assert.equal(stamp, luxon.toISO({ suppressMilliseconds: true }), String(ms));
    const day = utcDay(ms);
    if (day !== null) assert.equal(day, luxon.toISODate(), String(ms));
    const [y, m, d] = [1000 + r(9000), r(14), r(33)];
    const midnight = utcMidnight(y, m, d);
    const object = DateTime.fromObject({ year: y, month: m, day: d }, { zone: 'UTC' });
    assert.equal(midnight !== null, object.isValid, `${y}-${m}-${d}`);
    if (midnight !== null) assert.equal(midnight, object.toMillis());
  }
});

test('dateline days and publication times in UTC are luxon’s, in every zone spelling of UTC', () => {
  const r = random(23);
  for (let i = 0; i < 3000; i++) {
    const reference = DateTime.fromMillis(r(2 ** 31) * 1000 * [1, 1, 2, 50][r(4)], { zone: 'UTC' });
    const zone = ['UTC', 'utc', 'GMT', 'America/New_York'][r(4)];
    const [month, day] = [r(14), [29, 30, 31, 1 + r(31)][r(4)]];
    const year = [null, null, 1000 + r(9000), r(12000)][r(4)];
    // luxon alone: the year closest before the reference that has the day.
    let expected: DateTime | null = null;
    if (year !== null) {
      const d = DateTime.fromObject({ year, month, day }, { zone });
      expected = d.isValid ? d : null;
    } else {
      const ref = reference.setZone(zone).startOf('day');
      for (let y = ref.year; y >= ref.year - 8 && !expected; y--) {
        const d = DateTime.fromObject({ year: y, month, day }, { zone });
        if (d.isValid && d <= ref) expected = d;
      }
    }
    const got = resolveDatelineDay(month, day, year, instantOf(reference), zone);
    assert.deepEqual(got, expected && { day: expected.toISODate(), midnight: rfc3339(expected) }, `${month}/${day}/${year} before ${reference.toISO()} in ${zone}`);
    assert.equal(rfc3339In(instantOf(reference), zone), rfc3339(reference.setZone(zone)));
    assert.equal(dayIn(instantOf(reference), zone), reference.setZone(zone).toISODate());
  }
});

test('ids and urls take the publication day luxon gives', () => {
  const r = random(3);
  for (let i = 0; i < 2000; i++) {
    const zone = ['UTC', '+07:00', '-05:30', 'Z'][r(4)];
    const published = DateTime.fromMillis(r(2 ** 31) * 1000 + r(2) * r(1000), { zone: zone === 'Z' ? 'UTC' : `UTC${zone}` }).toISO({ suppressMilliseconds: true })!;
    for (const timezone of ['UTC', 'gmt', 'Asia/Kolkata']) {
      const day = DateTime.fromISO(published, { setZone: true }).setZone(timezone);
      assert.equal(mintTagId('https://News.Example.com/', published, 's', timezone), `tag:news.example.com,${day.toISODate()}:s`);
      assert.equal(articleUrl('https://news.example.com', published, 's', timezone), `https://news.example.com/${day.toFormat('yyyy/MM/dd')}/s/`);
    }
  }
});
