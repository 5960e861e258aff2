// Timestamps as the feeds print them. The model holds RFC 3339 strings with their own offset
// (`2017-11-11T10:00:00+07:00`); the feeds keep that wall time and offset, only the notation changes.
// Done by hand rather than with luxon: the wall time is already in the string, only the weekday is
// computed, and on 10,000 items this is ~1 µs per date against ~27 µs for a luxon round trip.


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

/** The two digits at `i` as a number, or -1. */
function twoDigits(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * Parses an RFC 3339 timestamp, `YYYY-MM-DD[Tt ]hh:mm:ss[.fraction](Z|z|±hh:mm)`; throws naming the
 * value when it is not one (a model bug). Read by hand, character by character: every article's
 * dates are read when a page is planned and rendered, and a regular expression's match array
 * took most of that time. (The tests hold it to the grammar written as a regular expression.)
 */
export function parseTimestamp(iso: string): Timestamp {
  const refuse = (why: string): never => {
    throw new RangeError(`${why}: ${JSON.stringify(iso)}`);
  };
  const n = iso.length;
  const century = twoDigits(iso, 0);
  const yearOfCentury = twoDigits(iso, 2);
  const month = twoDigits(iso, 5);
  const day = twoDigits(iso, 8);
  const hour = twoDigits(iso, 11);
  const minute = twoDigits(iso, 14);
  const second = twoDigits(iso, 17);
  const t = iso.charCodeAt(10);
  if (
    n < 20 ||
    (century | yearOfCentury | month | day | hour | minute | second) < 0 ||
    iso.charCodeAt(4) !== 45 || // -
    iso.charCodeAt(7) !== 45 ||
    !(t === 84 || t === 116 || t === 32) || // T t space
    iso.charCodeAt(13) !== 58 || // :
    iso.charCodeAt(16) !== 58
  ) {
    refuse('not an RFC 3339 timestamp');
  }
  let i = 19;
  if (iso.charCodeAt(i) === 46) {
    // .fraction: one digit or more
    while (++i < n && iso.charCodeAt(i) >= 48 && iso.charCodeAt(i) <= 57);
    if (i === 20) refuse('not an RFC 3339 timestamp');
  }
  const fraction = iso.slice(19, i);
  const zone = iso.charCodeAt(i);
  let offset = 0;
  const zulu = (zone === 90 || zone === 122) && i + 1 === n; // Z z
  if (!zulu) {
    const hours = twoDigits(iso, i + 1);
    const minutes = twoDigits(iso, i + 4);
    if (!(zone === 43 || zone === 45) || i + 6 !== n || iso.charCodeAt(i + 3) !== 58 || (hours | minutes) < 0) refuse('not an RFC 3339 timestamp');
    offset = (zone === 45 ? -1 : 1) * (hours * 60 + minutes);
  }
  const year = century * 100 + yearOfCentury;
  const monthDays = month === 2 && isLeap(year) ? 29 : DAYS_IN_MONTH[month - 1];
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= monthDays) || hour > 23 || minute > 59 || second > 60) {
    refuse('not a real date');
  }
  const wall = daysFromCivil(year, month, day) * 86_400_000 + ((hour * 60 + minute) * 60 + second) * 1000 + (fraction ? Math.floor(Number(fraction) * 1000) : 0);
  return { ms: wall - offset * 60_000, year, month, day, hour, minute, second, fraction, offset, zulu };
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
