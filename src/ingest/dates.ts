// Every date ingest reads or writes is luxon's answer, in the site's time zone unless the value
// names its own offset. Output is RFC 3339 with the offset the author gave (Z for UTC).
//
// Two things keep luxon (5–30 µs an answer) off the path of most articles without changing an
// answer. The common shapes — an RFC 3339 timestamp with its offset, days and times in UTC — are
// worked out by hand in instants.ts, which declines everything else. And answers are remembered:
// a publish run asks the same few questions of every article (one first-sight time for all new
// files, a few hundred dateline days); a key holds everything its answer depends on, and luxon's
// DateTimes never change once made, so one remembered answer serves every caller.
import { DateTime } from 'luxon';
import { dateTimeOfRfc3339, isUtcZone, utcDay, utcMidnight, utcTimestamp } from './instants.js';

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
  // A timestamp with its offset (a ledger's first sight, most front matter) is luxon's fromISO
  // answer without luxon's parser: the zone is the offset's, whatever `zone` says.
  const quick = dateTimeOfRfc3339(s);
  if (quick) return { ok: true, dt: quick };
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
export function rfc3339(dt: DateTime): string {
  return dt.toISO({ suppressMilliseconds: true }) ?? '';
}

/** `rfc3339(dt.setZone(zone))`: the instant as the site's zone writes it. */
export function rfc3339In(dt: DateTime, zone: string): string {
  if (isUtcZone(zone) && dt.isValid) {
    const quick = utcTimestamp(dt.toMillis());
    if (quick !== null) return quick;
  }
  return zoned(dt, zone).text;
}

/** YYYY-MM-DD of an instant as seen in `zone`. */
export function dayIn(dt: DateTime, zone: string): string {
  if (isUtcZone(zone) && dt.isValid) {
    const quick = utcDay(dt.toMillis());
    if (quick !== null) return quick;
  }
  return zoned(dt, zone).day;
}

/** The instant in another zone, as text; setZone depends on the instant and the zone alone. */
function zoned(dt: DateTime, zone: string): { text: string; day: string } {
  const compute = () => {
    const z = dt.setZone(zone);
    return { text: rfc3339(z), day: z.toISODate() ?? '' };
  };
  return dt.isValid ? inZone(`${dt.toMillis()}\n${zone}`, compute) : compute();
}
const inZone = memo<{ text: string; day: string }>();

/** A dateline's day, resolved: `2017-11-11`, and its midnight in the site's zone as RFC 3339. */
export interface DatelineDay {
  day: string;
  midnight: string;
}

/**
 * A dateline names month and day but seldom the year: the year is the one that puts the date
 * closest before (or on) `reference` — the article's first sight — seen in the site's zone.
 * Returns null for a month/day no year has (Feb 30).
 */
export function resolveDatelineDay(month: number, day: number, year: number | null, reference: DateTime, zone: string): DatelineDay | null {
  if (isUtcZone(zone) && reference.isValid) {
    const quick = resolveUtcDay(month, day, year, reference.toMillis());
    if (quick !== undefined) return quick;
  }
  const compute = () => {
    const d = resolveDay(month, day, year, reference, zone);
    return d && { day: d.toISODate() ?? '', midnight: rfc3339(d) };
  };
  return reference.isValid ? datelineDays(`${month}-${day}-${year}\n${reference.toMillis()}\n${zone}`, compute) : compute();
}
const datelineDays = memo<DatelineDay | null>();

const DAY_MS = 86_400_000;

/** resolveDay in UTC by hand; undefined when a year is outside 1000–9999 (luxon's to answer). */
function resolveUtcDay(month: number, day: number, year: number | null, referenceMs: number): DatelineDay | null | undefined {
  const text = (ms: number): DatelineDay | undefined => {
    const midnight = utcTimestamp(ms);
    return midnight === null ? undefined : { day: midnight.slice(0, 10), midnight };
  };
  if (year !== null) {
    if (year < 1000 || year > 9999) return undefined;
    const d = utcMidnight(year, month, day);
    return d === null ? null : text(d);
  }
  const ref = Math.floor(referenceMs / DAY_MS) * DAY_MS;
  const refYear = new Date(ref).getUTCFullYear();
  if (refYear < 1008 || refYear > 9999) return undefined;
  for (let y = refYear; y >= refYear - 8; y--) {
    const d = utcMidnight(y, month, day);
    if (d !== null && d <= ref) return text(d);
  }
  return null;
}

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
