// Every date ingest reads or writes goes through luxon, in the site's time zone unless the value
// names its own offset. Output is RFC 3339 with the offset the author gave (Z for UTC).
import { DateTime } from 'luxon';

export type DateParse = { ok: true; dt: DateTime } | { ok: false; impossible: boolean; reason: string };

/**
 * Reads a front matter / JSON date: RFC 3339 or ISO 8601 (`2017-11-11`, `2017-11-11T16:30`,
 * `2017-11-11T16:30:00+07:00`), `2017-11-11 16:30`, or RFC 2822. A value without an offset is
 * read in `zone`. `impossible` separates "2017-02-30" (looks like a date, is not one) from "soon".
 */
export function parseDateValue(value: unknown, zone: string): DateParse {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { ok: false, impossible: true, reason: 'not a real date' };
    return { ok: true, dt: DateTime.fromJSDate(value, { zone }) };
  }
  if (typeof value !== 'string' || value.trim() === '')
    return { ok: false, impossible: false, reason: 'must be a date string such as 2017-11-11T16:30:00+07:00' };
  const s = value.trim();
  const opts = { zone, setZone: true };
  const tries = [
    DateTime.fromISO(s, opts),
    DateTime.fromSQL(s, opts),
    DateTime.fromRFC2822(s, opts),
  ];
  const good = tries.find((d) => d.isValid);
  if (good) return { ok: true, dt: good };
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

/** YYYY-MM-DD of an instant as seen in `zone`. */
export function dayIn(dt: DateTime, zone: string): string {
  return dt.setZone(zone).toISODate() ?? '';
}

/**
 * A dateline names month and day but seldom the year: the year is the one that puts the date
 * closest before (or on) `reference` — the article's first sight — seen in the site's zone.
 * Returns null for a month/day no year has (Feb 30).
 */
export function resolveDatelineDay(month: number, day: number, year: number | null, reference: DateTime, zone: string): DateTime | null {
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
