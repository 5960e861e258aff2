// Every date ingest reads or writes is luxon's answer, in the site's time zone unless the value
// names its own offset. Output is RFC 3339 with the offset the author gave (Z for UTC).
//
// Two things keep luxon (5–30 µs an answer) off the path of most articles without changing an
// answer. The common shapes — an RFC 3339 timestamp with its offset, days and times in UTC — are
// worked out by hand in instants.ts, which declines everything else. And answers are remembered:
// a publish run asks the same few questions of every article (one first-sight time for all new
// files, a few hundred dateline days); a key holds everything its answer depends on, and luxon's
// DateTimes never change once made, so one remembered answer serves every caller.
import type { DateTime } from 'luxon';
import { isUtcZone, offsetTimestamp, readRfc3339, utcDay, utcMidnight, utcTimestamp } from './instants.js';
import { luxon } from './luxon.js';

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
 * An instant as the date paths below take it: milliseconds for the hand-written ones, luxon's
 * DateTime for the rest — made on first use, so a run in UTC never starts luxon (its first
 * DateTime sets up Intl, ~15 ms per thread).
 */
export interface Instant {
  readonly ms: number;
  /** The offset it was written with (minutes east of UTC), when it came from a timestamp that
   *  names one: then rfc3339Of writes it back without luxon. */
  readonly offset?: number;
  dateTime(): DateTime;
}

export function instantOf(dt: DateTime): Instant {
  return { ms: dt.toMillis(), dateTime: () => dt };
}

/** parseDateValue for an instant: a timestamp with its offset needs no DateTime until one is asked for. */
export function parseInstant(value: unknown, zone: string): { ok: true; at: Instant } | { ok: false; impossible: boolean; reason: string } {
  if (typeof value !== 'string') {
    const r = parseDateValue(value, zone);
    return r.ok ? { ok: true, at: instantOf(r.dt) } : r;
  }
  // Every new file of a run is first seen at the same time: the last answer, without a key to build.
  if (value === lastInstant.value && zone === lastInstant.zone) return lastInstant.answer;
  const answer = parsedInstants(`${zone}\n${value}`, () => {
    const t = readRfc3339(value.trim());
    if (t) {
      let dt: DateTime | undefined;
      // What fromISO(value, { setZone: true }) gives: the offset's zone (an offset of zero is luxon's UTC).
      return { ok: true, at: { ms: t.ms, offset: t.offset, dateTime: () => (dt ??= dateTimeAt(t.ms, t.offset)) } };
    }
    const r = parseDateValue(value, zone);
    return r.ok ? { ok: true, at: instantOf(r.dt) } : r;
  });
  lastInstant = { value, zone, answer };
  return answer;
}
const parsedInstants = memo<ReturnType<typeof parseInstant>>();
let lastInstant: { value: string | null; zone: string | null; answer: ReturnType<typeof parseInstant> } = {
  value: null,
  zone: null,
  answer: { ok: false, impossible: false, reason: '' },
};

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

/** What fromISO(…, { setZone: true }) gives for a timestamp with this offset: its zone is the offset's (zero is luxon's UTC). */
function dateTimeAt(ms: number, offset: number): DateTime {
  const { DateTime, FixedOffsetZone } = luxon();
  return DateTime.fromMillis(ms, { zone: FixedOffsetZone.instance(offset) });
}

function parseDate(value: unknown, zone: string): DateParse {
  const { DateTime } = luxon();
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { ok: false, impossible: true, reason: 'not a real date' };
    return { ok: true, dt: DateTime.fromJSDate(value, { zone }) };
  }
  if (typeof value !== 'string' || value.trim() === '')
    return { ok: false, impossible: false, reason: 'must be a date string such as 2017-11-11T16:30:00+07:00' };
  const s = value.trim();
  // A timestamp with its offset (most front matter) is luxon's fromISO answer without luxon's
  // parser: the zone is the offset's, whatever `zone` says.
  const t = readRfc3339(s);
  if (t) return { ok: true, dt: dateTimeAt(t.ms, t.offset) };
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

/** `rfc3339(at.dateTime())`: a timestamp with its offset written back as its author gave it
 *  (front matter dates: a run that meets one need not start luxon, ~25 ms). */
export function rfc3339Of(at: Instant): string {
  return (at.offset === undefined ? null : offsetTimestamp(at.ms, at.offset)) ?? rfc3339(at.dateTime());
}

/** `rfc3339(dt.setZone(zone))`: the instant as the site's zone writes it. */
export function rfc3339In(at: Instant, zone: string): string {
  const quick = isUtcZone(zone) ? utcTimestamp(at.ms) : null;
  return quick ?? zoned(at, zone).text;
}

/** YYYY-MM-DD of an instant as seen in `zone`. */
export function dayIn(at: Instant, zone: string): string {
  const quick = isUtcZone(zone) ? utcDay(at.ms) : null;
  return quick ?? zoned(at, zone).day;
}

/** The instant in another zone, as text; setZone depends on the instant and the zone alone. */
function zoned(at: Instant, zone: string): { text: string; day: string } {
  return inZone(`${at.ms}\n${zone}`, () => {
    const z = at.dateTime().setZone(zone);
    return { text: rfc3339(z), day: z.toISODate() ?? '' };
  });
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
export function resolveDatelineDay(month: number, day: number, year: number | null, reference: Instant, zone: string): DatelineDay | null {
  const quick = isUtcZone(zone)
    ? utcDatelineDays(`${month}-${day}-${year}\n${Math.floor(reference.ms / DAY_MS)}`, () => resolveUtcDay(month, day, year, reference.ms))
    : undefined;
  if (quick !== undefined) return quick;
  return datelineDays(`${month}-${day}-${year}\n${reference.ms}\n${zone}`, () => {
    const d = resolveDay(month, day, year, reference.dateTime(), zone);
    return d && { day: d.toISODate() ?? '', midnight: rfc3339(d) };
  });
}
const datelineDays = memo<DatelineDay | null>();
/** resolveUtcDay's answers: they depend on the reference's day alone. */
const utcDatelineDays = memo<DatelineDay | null | undefined>();

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
  const { DateTime } = luxon();
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
