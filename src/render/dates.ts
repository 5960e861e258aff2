// Timestamps as the feeds print them. The model holds RFC 3339 strings with their own offset
// (`2017-11-11T10:00:00+07:00`); the feeds keep that wall time and offset, only the notation changes.
// Done by hand rather than with luxon: the wall time is already in the string, only the weekday is
// computed, and on 10,000 items this is ~1 µs per date against ~27 µs for a luxon round trip.

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|([+-])(\d{2}):(\d{2}))$/;

export interface Timestamp {
  /** Milliseconds since the epoch: for ordering. */
  ms: number;
  /** The original wall-clock fields and offset, for printing. */
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  fraction: string;
  /** Offset east of UTC in minutes. */
  offset: number;
  /** Written with `Z` (rather than a numeric offset): RFC 3339 output keeps it. */
  zulu: boolean;
}

/** Days from 1970-01-01 to a date of the proleptic Gregorian calendar, as Date counts them, for
 *  any year 0000–9999 (arithmetic rather than a Date object: no allocation, no 1900 quirk). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (year: number): boolean => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);

/** Parses an RFC 3339 timestamp; throws naming the value when it is not one (a model bug). */
export function parseTimestamp(iso: string): Timestamp {
  const m = RFC3339.exec(iso);
  if (!m) throw new RangeError(`not an RFC 3339 timestamp: ${JSON.stringify(iso)}`);
  const year = +m[1];
  const month = +m[2];
  const day = +m[3];
  const hour = +m[4];
  const minute = +m[5];
  const second = +m[6];
  const offset = m[9] ? (m[9] === '-' ? -1 : 1) * (+m[10] * 60 + +m[11]) : 0;
  const fraction = m[7] ?? '';
  const monthDays = month === 2 && isLeap(year) ? 29 : DAYS_IN_MONTH[month - 1];
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= monthDays) || hour > 23 || minute > 59 || second > 60) {
    throw new RangeError(`not a real date: ${JSON.stringify(iso)}`);
  }
  const wall = daysFromCivil(year, month, day) * 86_400_000 + ((hour * 60 + minute) * 60 + second) * 1000 + (fraction ? Math.floor(Number(fraction) * 1000) : 0);
  return { ms: wall - offset * 60_000, year, month, day, hour, minute, second, fraction, offset, zulu: !m[9] };
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number): string => (n < 10 ? '0' : '') + n;
const pad4 = (n: number): string => String(n).padStart(4, '0');

function offsetText(offset: number, colon: boolean): string {
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return sign + pad2(Math.floor(abs / 60)) + (colon ? ':' : '') + pad2(abs % 60);
}

/** RFC 822 as the RSS Best Practices Profile asks: 4-digit year, numeric zone.
 *  `Sat, 11 Nov 2017 10:00:00 +0700` */
export function toRfc822(iso: string): string {
  return rfc822Of(parseTimestamp(iso));
}

/** toRfc822 of a timestamp already parsed. */
export function rfc822Of(t: Timestamp): string {
  // 1970-01-01 was a Thursday.
  const weekday = DAYS[(((daysFromCivil(t.year, t.month, t.day) + 4) % 7) + 7) % 7];
  return `${weekday}, ${pad2(t.day)} ${MONTHS[t.month - 1]} ${pad4(t.year)} ${pad2(t.hour)}:${pad2(t.minute)}:${pad2(t.second)} ${offsetText(t.offset, false)}`;
}

/** RFC 3339 in one canonical spelling (upper-case `T`/`Z`, fraction kept): for Atom and JSON Feed. */
export function toRfc3339(iso: string): string {
  return rfc3339Of(parseTimestamp(iso));
}

/** toRfc3339 of a timestamp already parsed. */
export function rfc3339Of(t: Timestamp): string {
  const zone = t.zulu ? 'Z' : offsetText(t.offset, true);
  return `${pad4(t.year)}-${pad2(t.month)}-${pad2(t.day)}T${pad2(t.hour)}:${pad2(t.minute)}:${pad2(t.second)}${t.fraction}${zone}`;
}

/** The later of two RFC 3339 timestamps (by instant). */
export function later(a: string, b: string): string {
  return parseTimestamp(b).ms > parseTimestamp(a).ms ? b : a;
}

/** The feed's own "updated": the newest item change, never the clock. With no items, the caller's
 *  stable fallback (or null when it gave none). */
export function newestUpdated(articles: readonly { updated: string }[], fallback?: string): string | null {
  if (articles.length === 0) return fallback ?? null;
  let best = articles[0].updated;
  let bestMs = parseTimestamp(best).ms;
  for (let i = 1; i < articles.length; i++) {
    const ms = parseTimestamp(articles[i].updated).ms;
    if (ms > bestMs) {
      bestMs = ms;
      best = articles[i].updated;
    }
  }
  return best;
}
