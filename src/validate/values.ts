// Checks of single values against the data types feeds use: dates (RFC 822/2822, RFC 3339,
// W3C-DTF), URIs and IRIs (RFC 3986/3987, with tag: RFC 4151 and urn: RFC 8141), e-mail
// addresses, language tags, media types, numbers. Each check takes a string and returns the
// problem found (a code and its parameters) or null. No I/O, no clock: the few functions that
// judge a date against the time of validation take that time as an argument.
import type { Code } from './codes.js';
import { LANGUAGE_CODES } from './languages.js';

export interface Finding {
  code: Code;
  params?: Record<string, string | number>;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function validDate(y: number, mo: number, d: number): boolean {
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

function validTime(h: number, mi: number, s: number): boolean {
  return h <= 23 && mi <= 59 && s <= 60;
}

/** Weekday (0 = Sunday) of a Gregorian date, without Date's time zone concerns. */
function weekday(y: number, m: number, d: number): number {
  // Sakamoto's method for the Gregorian calendar.
  const t = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
  const yy = m < 3 ? y - 1 : y;
  return (yy + Math.floor(yy / 4) - Math.floor(yy / 100) + Math.floor(yy / 400) + t[m - 1] + d) % 7;
}

// RFC 2822 §3.3 date-time, the form every reader parses.
const RFC2822 =
  /^(?:(Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?(\d\d?) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d\d):(\d\d)(?::(\d\d))? ([+-]\d{4}|UT|GMT|EST|EDT|CST|CDT|MST|MDT|PST|PDT|Z)$/;
// RFC 822 §5 as written (any case, two-digit years, optional seconds, military zones), after
// comments are removed: accepted with a warning.
const RFC822 =
  /^(?:(mon|tue|wed|thu|fri|sat|sun)\s*,\s*)?(\d\d?)\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\s+(\d\d(?:\d\d)?)\s+(\d\d):(\d\d)(?::(\d\d))?\s*([+-]\d{4}|ut|gmt|est|edt|cst|cdt|mst|mdt|pst|pdt|[a-ik-z])?$/;

/** The number written with `count` ASCII digits at `at`, or -1 if they are not all digits. */
function digitsAt(value: string, at: number, count: number): number {
  let n = 0;
  for (let k = at; k < at + count; k++) {
    const c = value.charCodeAt(k) - 0x30;
    if (!(c >= 0 && c <= 9)) return -1;
    n = n * 10 + c;
  }
  return n;
}

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/**
 * checkRfc822 for the form nearly every feed writes, "Thu, 26 Nov 2026 07:10:21 +0000" (a day
 * of one digit too), read without a regular expression; undefined for any other form.
 */
function commonRfc2822(value: string): Finding | null | undefined {
  const short = value.length === 30 ? 1 : 0; // a day of one digit
  if (short === 0 && value.length !== 31) return undefined;
  const dayName = value.slice(0, 3);
  const wd = DAY_NAMES.indexOf(dayName);
  const d = digitsAt(value, 5, 2 - short);
  const at = 7 - short; // the space before the month
  const mo = MONTH_NAMES.indexOf(value.slice(at + 1, at + 4)) + 1;
  const y = digitsAt(value, at + 5, 4);
  const h = digitsAt(value, at + 10, 2);
  const mi = digitsAt(value, at + 13, 2);
  const sec = digitsAt(value, at + 16, 2);
  const sign = value.charCodeAt(at + 19);
  const zone = digitsAt(value, at + 20, 4);
  if (
    wd < 0 || value.charCodeAt(3) !== 0x2c || value.charCodeAt(4) !== 0x20 || d < 0 || value.charCodeAt(at) !== 0x20 || mo === 0 ||
    value.charCodeAt(at + 4) !== 0x20 || y < 0 || value.charCodeAt(at + 9) !== 0x20 || h < 0 || value.charCodeAt(at + 12) !== 0x3a ||
    mi < 0 || value.charCodeAt(at + 15) !== 0x3a || sec < 0 || value.charCodeAt(at + 18) !== 0x20 || (sign !== 0x2b && sign !== 0x2d) || zone < 0
  ) {
    return undefined;
  }
  if (!validDate(y, mo, d) || !validTime(h, mi, sec)) return { code: 'InvalidRFC822Date' };
  if (zone % 100 > 59) return { code: 'InvalidRFC822Date' };
  if (weekday(y, mo, d) !== wd) return { code: 'InvalidRFC822Date' };
  if (y < 1900) return { code: 'ImplausibleDate' };
  return null;
}

/** RSS dates. Strict RFC 2822 passes; the older RFC 822 forms pass with a warning. */
export function checkRfc822(value: string): Finding | null {
  const common = commonRfc2822(value);
  if (common !== undefined) return common;
  const m = RFC2822.exec(value);
  if (m) {
    const y = +m[4];
    const mo = MONTHS.indexOf(m[3].toLowerCase()) + 1;
    const d = +m[2];
    if (!validDate(y, mo, d) || !validTime(+m[5], +m[6], m[7] ? +m[7] : 0)) return { code: 'InvalidRFC822Date' };
    if (/^[+-]/.test(m[8]) && +m[8].slice(3) > 59) return { code: 'InvalidRFC822Date' };
    if (m[1] && DAYS[weekday(y, mo, d)] !== m[1].toLowerCase()) return { code: 'InvalidRFC822Date' };
    if (y < 1900) return { code: 'ImplausibleDate' };
    return null;
  }
  let loose = value.replace(/\\./g, '');
  for (let prev = ''; prev !== loose; ) {
    prev = loose;
    loose = loose.replace(/\([^()]*\)/g, ' ');
  }
  const l = RFC822.exec(loose.trim().toLowerCase());
  if (!l) return { code: 'InvalidRFC822Date' };
  const y = l[4].length === 2 ? 1900 + +l[4] : +l[4];
  const mo = MONTHS.indexOf(l[3]) + 1;
  if (!validDate(y, mo, +l[2]) || !validTime(+l[5], +l[6], l[7] ? +l[7] : 0)) return { code: 'InvalidRFC822Date' };
  return { code: 'ProblematicalRFC822Date' };
}

const RFC3339 = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(\.\d+)?(Z|[+-](\d\d):(\d\d))$/;

/** Atom dates (RFC 4287 §3.3): RFC 3339 date-time, upper-case T and Z, real calendar values. */
export function isRfc3339(value: string): boolean {
  const common = commonRfc3339(value);
  if (common !== undefined) return common;
  const m = RFC3339.exec(value);
  if (!m) return false;
  if (!validDate(+m[1], +m[2], +m[3]) || !validTime(+m[4], +m[5], +m[6])) return false;
  if (m[9] !== undefined && (+m[9] > 23 || +m[10] > 59)) return false;
  return true;
}

/**
 * The fields of "2026-11-26T07:10:21Z" or "2026-11-26T07:10:21+01:00" (upper-case T and Z, no
 * fraction: what nearly every feed writes), read without a regular expression; null for any
 * other form. The offset is in minutes east of UTC.
 */
export function commonDateTime(value: string): { y: number; mo: number; d: number; h: number; mi: number; s: number; oh: number; om: number; offset: number } | null {
  const zoned = value.length === 25;
  if (value.length !== 20 && !zoned) return null;
  const y = digitsAt(value, 0, 4);
  const mo = digitsAt(value, 5, 2);
  const d = digitsAt(value, 8, 2);
  const h = digitsAt(value, 11, 2);
  const mi = digitsAt(value, 14, 2);
  const s = digitsAt(value, 17, 2);
  if (
    y < 0 || value.charCodeAt(4) !== 0x2d || mo < 0 || value.charCodeAt(7) !== 0x2d || d < 0 || value.charCodeAt(10) !== 0x54 ||
    h < 0 || value.charCodeAt(13) !== 0x3a || mi < 0 || value.charCodeAt(16) !== 0x3a || s < 0
  ) {
    return null;
  }
  const z = value.charCodeAt(19);
  if (!zoned) return z === 0x5a ? { y, mo, d, h, mi, s, oh: 0, om: 0, offset: 0 } : null;
  const oh = digitsAt(value, 20, 2);
  const om = digitsAt(value, 23, 2);
  if ((z !== 0x2b && z !== 0x2d) || oh < 0 || value.charCodeAt(22) !== 0x3a || om < 0) return null;
  return { y, mo, d, h, mi, s, oh, om, offset: (z === 0x2b ? 1 : -1) * (oh * 60 + om) };
}

/** isRfc3339 for the common form commonDateTime reads; undefined for any other form. */
function commonRfc3339(value: string): boolean | undefined {
  const t = commonDateTime(value);
  if (t === null) return undefined;
  if (t.oh > 23 || t.om > 59) return false;
  return validDate(t.y, t.mo, t.d) && validTime(t.h, t.mi, t.s);
}

const W3CDTF = /^(\d{4})(?:-(\d\d)(?:-(\d\d)(?:T(\d\d):(\d\d)(?::(\d\d)(\.\d+)?)?(Z|[+-](\d\d):(\d\d)))?)?)?$/;

/** W3C-DTF (the ISO 8601 profile of Dublin Core and RSS 1.0 modules). */
export function isW3cDtf(value: string): boolean {
  const m = W3CDTF.exec(value);
  if (!m) return false;
  const y = +m[1];
  if (m[2] !== undefined && (+m[2] < 1 || +m[2] > 12)) return false;
  if (m[3] !== undefined && !validDate(y, +m[2], +m[3])) return false;
  if (m[4] !== undefined && !validTime(+m[4], +m[5], m[6] ? +m[6] : 0)) return false;
  if (m[9] !== undefined && (+m[9] > 23 || +m[10] > 59)) return false;
  return true;
}

/** Year of an ISO-style date value, for plausibility warnings. */
export function isoYear(value: string): number {
  const year = digitsAt(value, 0, 4); // the usual case, read in place
  return year >= 0 ? year : parseInt(value.slice(0, 4), 10);
}

// ── Dates against the clock ──────────────────────────────────────────────────
// The checks above read no clock; these take the instant of validation as an argument.

/**
 * How far ahead of the validator's clock a date may be before FutureDate is reported.
 *
 * Readers act on any date ahead of their own clock: RSS 2.0 lets aggregators hide an item until
 * its pubDate comes, and several readers re-date any item dated after the moment they fetched it
 * (so the publisher's date is lost); others drop a date only when it is more than a day ahead.
 * A check that compares the text with local time without reading the offset needs a day of
 * slack; this one reads the offset and needs none. What remains is honest disagreement between the
 * publisher's clock and the validator's: seconds between machines kept by NTP, a few minutes
 * when one drifts. Fifteen minutes covers that, and stays below the smallest time-zone mistake
 * (local time written with the wrong offset, or a missed daylight-saving change: at least half
 * an hour, almost always whole hours), so every such mistake is still reported.
 */
export const FUTURE_TOLERANCE_MS = 15 * 60_000;

/** Easternmost UTC offset in use (UTC+14, Kiribati), in minutes: where a date without a zone begins first. */
const EARLIEST_OFFSET = 14 * 60;

/** Milliseconds since 1970 of a UTC date and time (any year: Date.UTC reads 0-99 as 1900-1999). */
function utcMillis(y: number, mo: number, d: number, h: number, mi: number, s: number): number {
  const t = new Date(0);
  t.setUTCFullYear(y, mo - 1, d);
  t.setUTCHours(h, mi, Math.min(s, 59), 0); // a leap second counts as the second before it
  return t.getTime();
}

const RFC822_ZONES: Record<string, number> = {
  ut: 0, gmt: 0, z: 0, est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420,
};

/**
 * The instant of a date checkRfc822 accepts (with or without a warning), in milliseconds; null
 * for any other value. A missing zone or a military letter (RFC 2822 §4.3: their meaning was
 * botched, so they say nothing) leaves the offset unknown: the earliest instant the date can
 * mean is taken, so a date is never judged to be ahead because of a guess.
 */
export function rfc822Instant(value: string): number | null {
  let loose = value.replace(/\\./g, '');
  for (let prev = ''; prev !== loose; ) {
    prev = loose;
    loose = loose.replace(/\([^()]*\)/g, ' ');
  }
  const m = RFC822.exec(loose.trim().toLowerCase());
  if (!m) return null;
  const y = m[4].length === 2 ? 1900 + +m[4] : +m[4];
  const zone = m[8];
  let offset: number;
  if (zone === undefined || (zone.length === 1 && zone !== 'z')) offset = EARLIEST_OFFSET;
  else if (zone[0] === '+' || zone[0] === '-') offset = (zone[0] === '-' ? -1 : 1) * (+zone.slice(1, 3) * 60 + +zone.slice(3));
  else offset = RFC822_ZONES[zone];
  return utcMillis(y, MONTHS.indexOf(m[3]) + 1, +m[2], +m[5], +m[6], m[7] ? +m[7] : 0) - offset * 60_000;
}

/** The instant of a date isRfc3339 accepts, in milliseconds; null for any other value. */
export function rfc3339Instant(value: string): number | null {
  const t = commonDateTime(value);
  if (t !== null) return utcMillis(t.y, t.mo, t.d, t.h, t.mi, t.s) - t.offset * 60_000;
  const m = RFC3339.exec(value);
  if (!m) return null;
  const offset = m[8] === 'Z' ? 0 : (m[8][0] === '-' ? -1 : 1) * (+m[9] * 60 + +m[10]);
  return utcMillis(+m[1], +m[2], +m[3], +m[4], +m[5], +m[6]) - offset * 60_000;
}

/**
 * The earliest instant a date isW3cDtf accepts can mean, in milliseconds; null for any other
 * value. A date without a time ("2024", "2024-03", "2024-03-05") names a period in no particular
 * zone: it begins first where the offset is UTC+14.
 */
export function w3cdtfEarliest(value: string): number | null {
  const m = W3CDTF.exec(value);
  if (!m) return null;
  const y = +m[1];
  const mo = m[2] !== undefined ? +m[2] : 1;
  const d = m[3] !== undefined ? +m[3] : 1;
  if (m[4] === undefined) return utcMillis(y, mo, d, 0, 0, 0) - EARLIEST_OFFSET * 60_000;
  const offset = m[8] === 'Z' ? 0 : (m[8][0] === '-' ? -1 : 1) * (+m[9] * 60 + +m[10]);
  return utcMillis(y, mo, d, +m[4], +m[5], m[6] ? +m[6] : 0) - offset * 60_000;
}

/**
 * How far `instant` lies ahead of `now` in words ("3 days", "5 hours"), or null when it is not
 * ahead by more than FUTURE_TOLERANCE_MS. Rounded down: the distance is never overstated.
 */
export function timeAhead(instant: number, now: number): string | null {
  const ahead = instant - now;
  if (!(ahead > FUTURE_TOLERANCE_MS)) return null;
  const minutes = Math.floor(ahead / 60_000);
  const hours = Math.floor(minutes / 60);
  const days = Math.floor(hours / 24);
  const years = Math.floor(days / 365);
  const [n, unit] = years > 0 ? [years, 'year'] : days > 0 ? [days, 'day'] : hours > 0 ? [hours, 'hour'] : [minutes, 'minute'];
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

// ── URIs ─────────────────────────────────────────────────────────────────────

/** URI schemes registered with IANA (permanent and the common provisional ones). */
const SCHEMES = new Set(
  (
    'aaa aaas about acap acct acr cap cid coap coaps crid data dav dict dns example file ftp geo go gopher h323 http https ' +
    'iax icap im imap info ipp ipps iris iris.beep iris.lwz iris.xpc iris.xpcs jabber ldap leaptofrogans mailto mid msrp msrps ' +
    'mtqp mupdate news nfs ni nih nntp opaquelocktoken pkcs11 pop pres reload rtsp rtsps rtspu service session shttp sieve ' +
    'sip sips sms snmp soap.beep soap.beeps stun stuns tag tel telnet tftp thismessage tip tn3270 turn turns tv urn vemmi ' +
    'vnc ws wss xcon xcon-userid xmlrpc.beep xmlrpc.beeps xmpp z39.50r z39.50s fax modem prospero wais feed itms itpc ' +
    'magnet rsync sftp ssh spotify steam irc ircs webcal callto skype bitcoin git svn chrome chrome-extension blob ' +
    'javascript apt cvs hcp icon ms-help mms rmi lastfm payto mvn dtn ftps geo udp'
  ).split(/\s+/),
);

const HEX = /^[0-9A-Fa-f]{2}$/;
// Characters allowed anywhere in a URI reference besides letters and digits (RFC 3986 §2).
const URI_PUNCT = "-._~:/?#[]@!$&'()*+,;=%";
/** ASCII characters allowed anywhere in a URI reference: letters, digits and URI_PUNCT. */
const URI_ASCII = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const alnum = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  URI_ASCII[c] = alnum || URI_PUNCT.includes(String.fromCharCode(c)) ? 1 : 0;
}

export interface UriOptions {
  /** Absolute URI required (scheme present). */
  full?: boolean;
  /** Non-ASCII characters allowed (IRI, RFC 3987) rather than an error. */
  iri?: boolean;
}

function firstBadChar(value: string, iri: boolean): { char: string; ascii: boolean } | null {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x80) {
      if (URI_ASCII[c] === 1) continue;
      return { char: c === 0x20 ? 'space' : c < 0x20 || c === 0x7f ? `U+${c.toString(16).padStart(4, '0')}` : value[i], ascii: true };
    }
    // RFC 3987 ucschar excludes C1 controls and a few non-characters; RFC 3986 excludes all.
    if (!iri || c < 0xa0 || (c >= 0xfdd0 && c <= 0xfdef) || c >= 0xfff0) return { char: value[i], ascii: false };
  }
  return null;
}

const TAG_DNS = '[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*';
const TAG_RE = new RegExp(
  `^tag:((?:[A-Za-z0-9._-]+@)?${TAG_DNS}),(\\d{4})(?:-(\\d\\d)(?:-(\\d\\d))?)?:([A-Za-z0-9\\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*` +
    `(?:#([A-Za-z0-9\\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*)?$`,
);

/** RFC 4151 tag: URIs. */
function checkTag(value: string): boolean {
  const m = TAG_RE.exec(value);
  if (!m) return false;
  if (m[3] !== undefined && (+m[3] < 1 || +m[3] > 12)) return false;
  if (m[4] !== undefined && !validDate(+m[2], +m[3], +m[4])) return false;
  return true;
}

const URN_RE = /^urn:([A-Za-z0-9][A-Za-z0-9-]{0,30}[A-Za-z0-9]):((?:[A-Za-z0-9\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})*)(?:\?[+=].*)?(?:#.*)?$/i;
const UUID_RE = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// The common case, settled with one test: an http(s) URL with a plain host and only characters
// that need no further look (percent signs followed by two hex digits).
const PCHARS = "(?:[A-Za-z0-9\\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})";
const PLAIN_HTTP = new RegExp(
  `^https?://[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::\\d+)?(?:/${PCHARS}*)?(?:\\?(?:${PCHARS}|\\?)*)?(?:#(?:${PCHARS}|\\?)*)?$`,
);

/**
 * A URI (or IRI) reference. Returns an error finding, a warning finding (unregistered scheme),
 * or null when the value is fine.
 */
export function checkUri(value: string, opts: UriOptions = {}): Finding | null {
  if (PLAIN_HTTP.test(value)) return null;
  // A well-formed tag: URI (every character in it is allowed anywhere) needs no other look.
  if (value.startsWith('tag:') && checkTag(value)) return null;
  const bad = firstBadChar(value, opts.iri === true);
  if (bad) {
    if (bad.ascii) return { code: 'InvalidURIChar', params: { char: bad.char } };
    return { code: opts.iri ? 'InvalidURIChar' : 'IRINotURI', params: { char: bad.char } };
  }
  // Percent signs start a two-digit escape.
  for (let i = value.indexOf('%'); i >= 0; i = value.indexOf('%', i + 1)) {
    if (!HEX.test(value.slice(i + 1, i + 3))) return { code: 'InvalidURI' };
  }
  const hash = value.indexOf('#');
  if (hash >= 0 && value.indexOf('#', hash + 1) >= 0) return { code: 'InvalidURI' };
  const schemeMatch = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(value);
  if (!schemeMatch) {
    if (opts.full) return { code: 'InvalidFullURI' };
    // A relative reference: its first path segment may not contain ":".
    const firstSeg = value.split(/[/?#]/, 1)[0];
    if (firstSeg.includes(':')) return { code: 'InvalidURI' };
    if (/[[\]]/.test(value)) return { code: 'InvalidURI' };
    return null;
  }
  const scheme = schemeMatch[1].toLowerCase();
  const rest = value.slice(schemeMatch[0].length);
  if (scheme === 'tag') return checkTag(value) ? null : { code: 'InvalidTagURI' };
  if (scheme === 'urn') {
    if (/^urn:uuid:/i.test(value)) return UUID_RE.test(value) ? null : { code: 'InvalidUUID' };
    const m = URN_RE.exec(value);
    if (!m || m[1].toLowerCase() === 'urn') return { code: 'InvalidURN' };
    return null;
  }
  // Brackets only around an IP literal host.
  const authority = rest.startsWith('//') ? rest.slice(2).split(/[/?#]/, 1)[0] : null;
  const outside = authority === null ? rest : rest.slice(2 + authority.length);
  if (/[[\]]/.test(outside)) return { code: 'InvalidURI' };
  if (authority !== null && /[[\]]/.test(authority) && !/^(?:[^@]*@)?\[[0-9A-Fa-f:.vV]+\](?::\d*)?$/.test(authority)) {
    return { code: 'InvalidURI' };
  }
  if (scheme === 'http' || scheme === 'https' || scheme === 'ftp') {
    const host = authority === null ? '' : authority.replace(/^[^@]*@/, '').replace(/:\d*$/, '');
    if (!host) return { code: opts.full ? 'InvalidFullURI' : 'InvalidURI' };
    if (authority !== null && /:[^\d\]]*$/.test(authority.replace(/^[^@]*@/, '')) && !/:\d*$/.test(authority)) {
      return { code: 'InvalidURI' };
    }
  }
  if (rest === '' && opts.full) return { code: 'InvalidFullURI' };
  if (!SCHEMES.has(scheme)) return { code: 'SchemeNotRegistered', params: { value: scheme } };
  return null;
}

/** True when a finding from checkUri is an error rather than a warning. */
export function isUriError(f: Finding | null): boolean {
  return f !== null && f.code !== 'SchemeNotRegistered';
}

// ── E-mail, language, media type, numbers ───────────────────────────────────

const ATEXT = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]";
// The domain is a dot-atom of host-name labels (one label is well-formed: "jane@example") or an
// address literal.
const ADDR_SPEC = new RegExp(
  `^(?:${ATEXT}+(?:\\.${ATEXT}+)*|"(?:[^"\\\\]|\\\\.)*")@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\\[[0-9.:A-Fa-f]+\\])$`,
);

/** RFC 5322 addr-spec ("jane@example.com"), as Atom's email requires. */
export function isAddrSpec(value: string): boolean {
  return ADDR_SPEC.test(value);
}

/** UnknownHost for a well-formed address whose domain is one word ("root@localhost"): valid,
 *  but no mail from the internet reaches it. */
export function checkMailHost(address: string): Finding | null {
  const domain = address.slice(address.lastIndexOf('@') + 1);
  return domain.includes('.') || domain.startsWith('[') ? null : { code: 'UnknownHost', params: { value: address } };
}

/**
 * RSS e-mail fields (managingEditor, webMaster, author): an address, optionally followed by a
 * name in parentheses. "Name <address>" is accepted with a Best Practices warning.
 */
export function checkRssEmail(value: string): Finding | null {
  let v = value.trim();
  if (v.toLowerCase().startsWith('mailto:')) {
    // RFC 6068 mailto: URL, percent-encoded.
    try {
      v = decodeURIComponent(v.slice(7)).trim();
    } catch {
      return { code: 'InvalidEmail' };
    }
  }
  if (!v.includes('@')) return { code: 'InvalidEmail' };
  const paren = /^(\S+)\s*\((.*)\)$/s.exec(v);
  if (paren) return isAddrSpec(paren[1]) ? checkMailHost(paren[1]) : { code: 'InvalidEmail' };
  if (v.endsWith(')')) return { code: 'InvalidEmail' };
  if (isAddrSpec(v)) return checkMailHost(v);
  // An address with a name in another form ("Jane Doe <jane@example.com>", "Jane, jane@...").
  if (/\s/.test(v)) return { code: 'EmailFormat' };
  return { code: 'InvalidEmail' };
}

/** Language tags: an ISO 639 primary code (or i-/x- private forms) and optional subtags. */
export function isLanguage(value: string): boolean {
  // A feed names the same one or two languages on every entry.
  if (value === lastLanguage) return lastLanguageOk;
  const ok = checkLanguage(value);
  // A copy: a slice would keep the whole document's text alive.
  lastLanguage = value.length <= 35 ? (value + ' ').slice(0, -1) : '';
  lastLanguageOk = ok && lastLanguage !== '';
  return ok;
}

let lastLanguage = '';
let lastLanguageOk = false;

function checkLanguage(value: string): boolean {
  if (!/^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$/.test(value)) return false;
  const primary = value.split('-', 1)[0].toLowerCase();
  if (primary === 'x' || primary === 'i') return value.includes('-');
  return LANGUAGE_CODES.has(primary);
}

const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const MIME_RE = new RegExp(`^${TOKEN}/${TOKEN}(?:\\s*;\\s*${TOKEN}=(?:${TOKEN}|"(?:[^"\\\\]|\\\\.)*"))*\\s*$`);

/** A media type (RFC 6838 / RFC 9110 syntax), with optional parameters. */
export function isMimeType(value: string): boolean {
  return MIME_RE.test(value);
}

export function isInteger(value: string): boolean {
  return /^[+-]?\d+$/.test(value);
}

export function isNonNegativeInteger(value: string): boolean {
  return /^\+?\d+$/.test(value);
}

export function isPositiveInteger(value: string): boolean {
  return /^\+?\d+$/.test(value) && /[1-9]/.test(value);
}

/** RFC 4648 Base64, with line breaks and spaces between its characters: whole groups of four. */
export function isBase64(value: string): boolean {
  const packed = value.replace(/\s+/g, '');
  return packed.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(packed);
}

export function isDecimal(value: string): boolean {
  return /^[+-]?(?:\d+\.?\d*|\.\d+)$/.test(value);
}

// ── Text ─────────────────────────────────────────────────────────────────────

/** HTML 4/5 element names, to tell markup in text from a mathematical "<". */
export const HTML_TAGS = new Set(
  (
    'a abbr acronym address applet area article aside audio b base basefont bdi bdo big blink blockquote body br button ' +
    'canvas caption center cite code col colgroup data datalist dd del details dfn dialog dir div dl dt em embed fieldset ' +
    'figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img input ins ' +
    'isindex kbd label legend li link main map mark marquee menu meta meter nav noframes noscript object ol optgroup option ' +
    'output p param picture pre progress q rp rt ruby s samp script section select small source span strike strong style ' +
    'sub summary sup table tbody td template textarea tfoot th thead time title tr track tt u ul var video wbr'
  ).split(' '),
);

/**
 * Plain text that carries HTML: an end tag of an HTML element, or an HTML entity reference in
 * the (already decoded) text, the mark of double escaping.
 */
export function looksLikeHtml(text: string): boolean {
  const re = /<\/([A-Za-z][A-Za-z0-9]*)\s*>/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (HTML_TAGS.has(m[1].toLowerCase())) return true;
  }
  return /&(?:[A-Za-z][A-Za-z0-9]*|#\d+|#x[0-9A-Fa-f]+);/.test(text);
}

/** C1 control characters or U+FFFD: the marks of text decoded with the wrong encoding. */
export function hasBadCharacters(text: string): boolean {
  return /[\u0080-\u009f\ufffd]/.test(text);
}
