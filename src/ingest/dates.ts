// Every date ingest reads or writes goes through luxon, in the site's time zone unless the value
// names its own offset. Output is RFC 3339 with the offset the author gave (Z for UTC).
//
// Answers are remembered: a publish run asks the same few questions of every article (one
// first-sight time for all new files, a few hundred dateline days), and luxon takes 5–30 µs for
// each. A key holds everything its answer depends on, and luxon's DateTimes never change once
// made, so one remembered answer can be handed to every caller: luxon stays the only date code.
import { DateTime } from 'luxon';

/** A bounded memo: forgets everything when full (a run's questions repeat; old ones rarely return). */
export function memo<V>(limit = 4096): (key: string, compute: () => V) => V {
  const known = new Map<string, V>();
  return (key, compute) => {
    let v = known.get(key);
    if (v === undefined && !known.has(key)) {
      v = compute();
      if (known.size >= limit) known.clear();
      known.set(key, v);
    }
    return v as V;
  };
}

/** The same per DateTime object (remembered ones are shared, so these hit too). */
function memoOf<V>(compute: (dt: DateTime) => V): (dt: DateTime) => V {
  const known = new WeakMap<DateTime, V>();
  return (dt) => {
    let v = known.get(dt);
    if (v === undefined && !known.has(dt)) known.set(dt, (v = compute(dt)));
    return v as V;
  };
}

export type DateParse = { ok: true; dt: DateTime } | { ok: false; impossible: boolean; reason: string };

/**
 * Reads a front matter / JSON date: RFC 3339 or ISO 8601 (`2017-11-11`, `2017-11-11T16:30`,
 * `2017-11-11T16:30:00+07:00`), `2017-11-11 16:30`, or RFC 2822. A value without an offset is
 * read in `zone`. `impossible` separates "2017-02-30" (looks like a date, is not one) from "soon".
 */
export function parseDateValue(value: unknown, zone: string): DateParse {
  if (typeof value === 'string') return parsedStrings(`${zone}\n${value}`, () => parseDate(value, zone));
  return parseDate(value, zone);
}
const parsedStrings = memo<DateParse>();

function parseDate(value: unknown, zone: string): DateParse {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { ok: false, impossible: true, reason: 'not a real date' };
    return { ok: true, dt: DateTime.fromJSDate(value, { zone }) };
  }
  if (typeof value !== 'string' || value.trim() === '')
    return { ok: false, impossible: false, reason: 'must be a date string such as 2017-11-11T16:30:00+07:00' };
  const s = value.trim();
  const opts = { zone, setZone: true };
  // In order, stopping at the first that reads it.
  const readers = [DateTime.fromISO, DateTime.fromSQL, DateTime.fromRFC2822];
  const tries: DateTime[] = [];
  for (const read of readers) {
    const d = read.call(DateTime, s, opts);
    if (d.isValid) return { ok: true, dt: d };
    tries.push(d);
  }
  // luxon says "unit out of range" when the shape was right but the calendar disagrees.
  const outOfRange = tries.find((d) => d.invalidReason === 'unit out of range');
  if (outOfRange)
    return { ok: false, impossible: true, reason: `"${s}" is not a real date (${outOfRange.invalidExplanation ?? 'out of range'})` };
  return { ok: false, impossible: false, reason: `"${s}" is not a date (use RFC 3339, e.g. 2017-11-11T16:30:00+07:00)` };
}

/** RFC 3339 with seconds, without milliseconds unless they are there. */
export const rfc3339 = memoOf((dt) => dt.toISO({ suppressMilliseconds: true }) ?? '');

/** YYYY-MM-DD of a DateTime in its own zone. */
export const isoDay = memoOf((dt) => dt.toISODate());

/** The instant `dt` as seen in `zone` (setZone depends on nothing else: the locale is luxon's default throughout). */
export function inZone(dt: DateTime, zone: string): DateTime {
  if (!dt.isValid) return dt.setZone(zone);
  return zoned(`${dt.toMillis()}\n${zone}`, () => dt.setZone(zone));
}
const zoned = memo<DateTime>();

/** YYYY-MM-DD of an instant as seen in `zone`. */
export function dayIn(dt: DateTime, zone: string): string {
  return isoDay(inZone(dt, zone)) ?? '';
}

/**
 * A dateline names month and day but seldom the year: the year is the one that puts the date
 * closest before (or on) `reference` — the article's first sight — seen in the site's zone.
 * Returns null for a month/day no year has (Feb 30).
 */
export function resolveDatelineDay(month: number, day: number, year: number | null, reference: DateTime, zone: string): DateTime | null {
  if (!reference.isValid) return resolveDay(month, day, year, reference, zone);
  return datelineDays(`${month}-${day}-${year}\n${reference.toMillis()}\n${zone}`, () => resolveDay(month, day, year, reference, zone));
}
const datelineDays = memo<DateTime | null>();

function resolveDay(month: number, day: number, year: number | null, reference: DateTime, zone: string): DateTime | null {
  if (year !== null) {
    const d = DateTime.fromObject({ year, month, day }, { zone });
    return d.isValid ? d : null;
  }
  const ref = reference.setZone(zone).startOf('day');
  // Feb 29 may need to go back up to eight years to find a leap year.
  for (let y = ref.year; y >= ref.year - 8; y--) {
    const d = DateTime.fromObject({ year: y, month, day }, { zone });
    if (d.isValid && d <= ref) return d;
  }
  return null;
}
