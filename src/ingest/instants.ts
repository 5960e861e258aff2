// The date work of almost every article, done by hand: RFC 3339 timestamps with an offset, and
// days and times written in UTC, the zone most sites publish in. Each function gives exactly what
// luxon would for the inputs it accepts, and null (or its caller's luxon path) for everything
// else — other zones, other shapes, years luxon writes with six digits — so luxon stays the
// reference. On a publish of 10,000 articles luxon was ~25 µs of every article, most of it here.
/** Zone names luxon reads as its own UTC (FixedOffsetZone.utcInstance): no zone rules apply. */
export function isUtcZone(zone: string): boolean {
  // Every article of a run asks about the one zone of its site: the last answer is kept.
  if (zone !== lastZone.zone) {
    const z = zone.toLowerCase();
    lastZone = { zone, utc: z === 'utc' || z === 'gmt' };
  }
  return lastZone.utc;
}
let lastZone: { zone: string | null; utc: boolean } = { zone: null, utc: false };

/** `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`, the shape wirefeed itself writes. */
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,30}))?(?:(Z)|([+-])(\d{2}):(\d{2}))$/;

/** Milliseconds of a proleptic Gregorian UTC wall time (Date.UTC would read years 0–99 as 19xx). */
function utcMillis(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, ms);
  return d.getTime();
}

function isLeapYear(y: number): boolean {
  return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
}

/** Days in a month (1–12) of a year, as luxon counts them. */
export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [31, 0, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/**
 * The instant and offset of an RFC 3339 timestamp whose fields are all in range (luxon rolls
 * `24:00` over and rejects a leap second: those go to luxon). Only timestamps that name their
 * offset: luxon reads the others in a zone.
 */
export function readRfc3339(s: string): { ms: number; offset: number } | null {
  const m = RFC3339.exec(s);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = Number(m[6]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return null;
  let offset = 0;
  if (!m[8]) {
    const h = Number(m[10]);
    const min = Number(m[11]);
    if (h > 23 || min > 59) return null;
    offset = (m[9] === '-' ? -1 : 1) * (h * 60 + min);
  }
  // luxon's own reading of a fraction, to the same floating-point result (`.9999…` can reach 1000).
  const millis = m[7] ? Math.floor(parseFloat('0.' + m[7]) * 1000) : 0;
  if (millis > 999) return null;
  return { ms: utcMillis(year, month, day, hour, minute, second, millis) - offset * 60_000, offset };
}

/** An instant written in UTC: its timestamp and its day (below), or nulls. */
interface UtcTexts {
  timestamp: string | null;
  day: string | null;
}

/** `new Date(ms).toISOString()` when its year has four digits (luxon writes the same then), cut to the two forms used. */
function utcTexts(ms: number): UtcTexts {
  // A run asks about a few instants again and again (the first sight of every new file, the
  // midnights of its dateline days), in turns: the answers are kept.
  let known = utcTextsOf.get(ms);
  if (known === undefined) {
    const s = Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : '';
    known = s.length === 24 ? { timestamp: s.endsWith('.000Z') ? s.slice(0, 19) + 'Z' : s, day: s.slice(0, 10) } : { timestamp: null, day: null };
    if (utcTextsOf.size >= 4096) utcTextsOf.clear();
    utcTextsOf.set(ms, known);
  }
  return known;
}
const utcTextsOf = new Map<number, UtcTexts>();

/** `rfc3339(dt.setZone('UTC'))` from the instant alone: `…T08:00:00Z`, milliseconds only when there are some. */
export function utcTimestamp(ms: number): string | null {
  return utcTexts(ms).timestamp;
}

/**
 * `rfc3339(DateTime.fromMillis(ms, { zone: FixedOffsetZone.instance(offset) }))`: the instant as
 * a timestamp written at a fixed offset (minutes east of UTC), `Z` for zero as luxon writes it;
 * null when that year is not written with four digits.
 */
export function offsetTimestamp(ms: number, offset: number): string | null {
  const local = utcTimestamp(ms + offset * 60_000);
  if (local === null || offset === 0) return local;
  const minutes = Math.abs(offset);
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `${local.slice(0, -1)}${offset < 0 ? '-' : '+'}${hh}:${mm}`;
}

/** `dt.setZone('UTC').toISODate()` from the instant alone. */
export function utcDay(ms: number): string | null {
  return utcTexts(ms).day;
}

/** Midnight UTC of a valid calendar day, or null for a day the month does not have (Feb 30). */
export function utcMidnight(year: number, month: number, day: number): number | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return utcMillis(year, month, day, 0, 0, 0, 0);
}
