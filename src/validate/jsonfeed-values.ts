// Checks of single JSON Feed values: URLs, RFC 3339 dates, RFC 5646 language tags, MIME types,
// and HTML hiding in plain-text fields. Each returns what is wrong (or null), never throws,
// and stays linear in the length of the value, since a hostile feed controls every string.

import { commonDateTime, rfc3339Instant } from './values.js';

/** Why a URL is unusable, 'relative' when it is a relative reference, or null when fine. */
export function checkUrl(value: string): string | 'relative' | null {
  if (value.trim() === '') return 'it is empty';
  const bad = /[\s\u0000-\u001f\u007f<>"{}|\\^`]/.exec(value);
  if (bad) return `${describe(bad[0])} must be percent-encoded`;
  if (/%(?![0-9A-Fa-f]{2})/.test(value)) return "'%' must start a %XX escape";
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(value);
  if (!scheme) {
    try {
      new URL(value, 'https://base.invalid/');
    } catch {
      return 'it cannot be parsed';
    }
    return 'relative';
  }
  const name = scheme[1].toLowerCase();
  if (name === 'http' || name === 'https') {
    if (!/^https?:\/\/[^/?#]/i.test(value)) return `an ${name} URL needs "//" and a host`;
    try {
      const url = new URL(value);
      if (url.hostname === '') return 'the host is empty';
    } catch {
      return 'the host or port is malformed';
    }
  }
  return null;
}

function describe(ch: string): string {
  if (ch === ' ') return 'a space';
  const cp = ch.codePointAt(0)!;
  return cp < 0x20 || cp === 0x7f || /\s/.test(ch) ? `character U+${cp.toString(16).toUpperCase().padStart(4, '0')}` : `'${ch}'`;
}

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|([+-])(\d{2}):(\d{2}))$/;

/** Why `value` is not an RFC 3339 date-time naming a real instant, or null when it is one. */
export function checkRfc3339(value: string): string | null {
  const t = commonDateTime(value);
  // A date in the common form whose every field is in range needs no more looking at.
  if (t !== null && t.mo >= 1 && t.mo <= 12 && t.d >= 1 && t.d <= daysInMonth(t.y, t.mo) && t.h <= 23 && t.mi <= 59 && t.s <= 59 && t.oh <= 23 && t.om <= 59) {
    return null;
  }
  if (value.length > 64) return 'far too long for a date';
  const m = RFC3339.exec(value);
  if (!m) return rfc3339ShapeProblem(value);
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  if (month < 1 || month > 12) return `there is no month ${m[2]}`;
  const days = daysInMonth(year, month);
  if (day < 1 || day > days) return `${MONTHS[month - 1]} ${year} has no day ${day}`;
  if (hour > 23) return `hour ${m[4]} is out of range (00-23)`;
  if (minute > 59) return `minute ${m[5]} is out of range (00-59)`;
  // RFC 3339 allows second 60 for a leap second, which ends a UTC minute: local minute 59
  // unless the offset shifts minutes.
  const offsetMinutes = m[11] === undefined ? 0 : Number(m[11]);
  if (second > 60 || (second === 60 && minute !== 59 && offsetMinutes === 0)) return `second ${m[6]} is out of range (00-59)`;
  if (m[9] !== undefined) {
    if (Number(m[10]) > 23) return `the offset hour ${m[10]} is out of range`;
    if (Number(m[11]) > 59) return `the offset minute ${m[11]} is out of range`;
  }
  return null;
}

/** For a date that does not match the grammar, name the most likely slip. */
function rfc3339ShapeProblem(value: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return 'a time and time zone are required';
  if (/^\d{4}-\d{2}-\d{2} \d/.test(value)) return 'date and time must be separated by "T"';
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}([Zz]|[+-]\d{2}:?\d{2})?$/.test(value)) return 'seconds are required';
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$/.test(value)) return 'a time zone (Z or an offset such as +01:00) is required';
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?[+-]\d{4}$/.test(value)) return 'the offset needs a colon (+0100 → +01:00)';
  if (/^[A-Za-z]{3},/.test(value)) return 'this is an RFC 822 date (used by RSS); JSON Feed uses RFC 3339';
  if (/^\d+$/.test(value)) return 'a number of seconds is not a date; write e.g. 2010-02-07T14:04:00Z';
  return 'expected a form such as 2010-02-07T14:04:00-05:00';
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The instant of a date already accepted by checkRfc3339, in milliseconds (for ordering). */
export function rfc3339Millis(value: string): number {
  // (The few forms JSON Feed's reading accepts beyond the common one, e.g. a lower-case "t", by
  // Date.parse, which rejects second 60: a leap second sorts as the second before it.)
  return rfc3339Instant(value) ?? Date.parse(value.replace(/:60(?=[.Zz+-])/, ':59'));
}

// RFC 5646 section 2.1, well-formedness only (the registry is not consulted).
const LANGTAG = new RegExp(
  '^(?:' +
    // langtag
    // language, with extlang. RFC 5646 reserves 4-letter and 5-8 letter primary subtags, and
    // none is registered, so accepting them would only let "English" or "french" pass.
    '[a-z]{2,3}(?:-[a-z]{3}){0,3}' +
    '(?:-[a-z]{4})?' + // script
    '(?:-(?:[a-z]{2}|\\d{3}))?' + // region
    '(?:-(?:[a-z0-9]{5,8}|\\d[a-z0-9]{3}))*' + // variants
    '(?:-[0-9a-wyz](?:-[a-z0-9]{2,8})+)*' + // extensions
    '(?:-x(?:-[a-z0-9]{1,8})+)?' + // private use
    '|x(?:-[a-z0-9]{1,8})+' + // private use only
    ')$',
  'i',
);
const IRREGULAR = new Set([
  'en-gb-oed', 'i-ami', 'i-bnn', 'i-default', 'i-enochian', 'i-hak', 'i-klingon', 'i-lux', 'i-mingo', 'i-navajo',
  'i-pwn', 'i-tao', 'i-tay', 'i-tsu', 'sgn-be-fr', 'sgn-be-nl', 'sgn-ch-de',
]);

export function isLanguageTag(value: string): boolean {
  if (value.length === 0 || value.length > 100) return false;
  return LANGTAG.test(value) || IRREGULAR.has(value.toLowerCase());
}

// RFC 6838 restricted names, with optional parameters.
const MIME_TYPE =
  /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}(?:\s*;\s*[A-Za-z0-9!#$&^_.+-]+=(?:"[^"]*"|[^;"\s]+))*\s*$/;

export function isMimeType(value: string): boolean {
  return value.length <= 300 && MIME_TYPE.test(value);
}

// Elements whose tags in a plain-text field mean markup leaked in. A list rather than "any
// <word>" so that text about comparisons ("a<b") or placeholders ("<name>") stays quiet.
const HTML_ELEMENTS =
  'a|abbr|article|aside|audio|b|big|blockquote|body|br|button|caption|center|cite|code|dd|del|div|dl|dt|em|embed|' +
  'figcaption|figure|font|footer|form|h[1-6]|head|header|hr|html|i|iframe|img|input|ins|kbd|label|li|link|main|mark|' +
  'meta|nav|object|ol|p|picture|pre|q|s|samp|script|section|small|source|span|strike|strong|style|sub|sup|svg|' +
  'table|tbody|td|th|thead|time|tr|tt|u|ul|video';
// Attributes must look like attributes, so "a<b && c>d" is not read as a <b> tag. No part of the
// pattern crosses a '<', and it runs on a bounded window after each likely tag start, so the scan
// stays linear (and the regex engine's backtracking shallow) however many '<' a hostile string holds.
const ATTRIBUTE = `\\s+[A-Za-z_:][-\\w:.]*(?:\\s*=\\s*(?:"[^"<>]*"|'[^'<>]*'|[^\\s"'=<>\`]+))?`;
const TAG_START = new RegExp(`^<(?:/?(?:${HTML_ELEMENTS})[\\s/>]|!--)`, 'i');
const TAG = new RegExp(`^<(?:(?:${HTML_ELEMENTS})(?:${ATTRIBUTE})*\\s*/?>|/(?:${HTML_ELEMENTS})\\s*>|!--)`, 'i');
const TAG_WINDOW = 512;
const ENTITY = /&(?:#\d{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/;

/** What HTML a plain-text value carries ('markup' or 'an entity' plus the sample), or null. */
export function findHtml(value: string): { what: string; sample: string } | null {
  if (!value.includes('<') && !value.includes('&')) return null;
  for (let i = value.indexOf('<'); i !== -1; i = value.indexOf('<', i + 1)) {
    if (!TAG_START.test(value.slice(i, i + 13))) continue;
    const tag = TAG.exec(value.slice(i, i + TAG_WINDOW));
    if (tag) return { what: 'HTML markup', sample: shorten(tag[0]) };
  }
  const entity = ENTITY.exec(value);
  if (entity) return { what: 'an HTML entity', sample: entity[0] };
  return null;
}

function shorten(s: string): string {
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}
