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
}

/** Midnight UTC of a calendar day. (Date.UTC would read years 0–99 as 1900–1999.) */
function utcDay(year: number, month: number, day: number): Date {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return d;
}

/** Parses an RFC 3339 timestamp; throws naming the value when it is not one (a model bug). */
export function parseTimestamp(iso: string): Timestamp {
  const m = RFC3339.exec(iso);
  if (!m) throw new RangeError(`not an RFC 3339 timestamp: ${JSON.stringify(iso)}`);
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number);
  const offset = m[9] ? (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11])) : 0;
  const fraction = m[7] ?? '';
  const check = utcDay(year, month, day);
  const wall = check.getTime() + ((hour * 60 + minute) * 60 + second) * 1000 + (fraction ? Math.floor(Number(fraction) * 1000) : 0);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 60) {
    throw new RangeError(`not a real date: ${JSON.stringify(iso)}`);
  }
  return { ms: wall - offset * 60_000, year, month, day, hour, minute, second, fraction, offset };
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
  const t = parseTimestamp(iso);
  const weekday = DAYS[utcDay(t.year, t.month, t.day).getUTCDay()];
  return `${weekday}, ${pad2(t.day)} ${MONTHS[t.month - 1]} ${pad4(t.year)} ${pad2(t.hour)}:${pad2(t.minute)}:${pad2(t.second)} ${offsetText(t.offset, false)}`;
}

/** RFC 3339 in one canonical spelling (upper-case `T`/`Z`, fraction kept): for Atom and JSON Feed. */
export function toRfc3339(iso: string): string {
  const t = parseTimestamp(iso);
  const zone = t.offset === 0 && /[Zz]$/.test(iso) ? 'Z' : offsetText(t.offset, true);
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
