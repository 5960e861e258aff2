// Building blocks for element rules: leaf elements with a typed value, and the value checks
// themselves (each reports through the Validator with the element's name and position).
import type { Code } from './codes.js';
import type { XmlAttr } from './xml.js';
import { attr, clip, type AttrCheck, type Check, type ChildSpec, type Node, type Rule, type Validator, renamed } from './tree.js';
import {
  checkMailHost,
  checkRfc822,
  checkRssEmail,
  checkUri,
  hasBadCharacters,
  isAddrSpec,
  isDecimal,
  isInteger,
  isLanguage,
  isMimeType,
  isNonNegativeInteger,
  isPositiveInteger,
  isRfc3339,
  isW3cDtf,
  isoYear,
  looksLikeHtml,
  rfc3339Instant,
  rfc822Instant,
  timeAhead,
  w3cdtfEarliest,
  type UriOptions,
} from './values.js';

/**
 * All the checks in one, or undefined for none: a rule without an end() does not read its text,
 * and the XML reader then need not build it.
 */
function allOf(checks: Check[]): Rule['end'] {
  if (checks.length === 0) return undefined;
  if (checks.length === 1) return checks[0];
  return (v, n, value) => {
    for (const check of checks) check(v, n, value);
  };
}

/** A leaf element whose trimmed text passes every check. */
export function leaf(...checks: Check[]): Rule {
  return { content: 'text', end: allOf(checks) };
}

/** A leaf element with attributes. */
export function leafWithAttrs(attrs: Record<string, AttrCheck | true>, ...checks: Check[]): Rule {
  return { content: 'text', attrs, end: allOf(checks) };
}

/** Leaf whose raw text must not have surrounding white space (Atom ids, dates, URIs). */
export function exactLeaf(...checks: Check[]): Rule {
  return {
    content: 'text',
    raw: true,
    end: (v, n, raw) => {
      const value = raw.trim();
      if (value !== raw) v.at(n, 'UnexpectedWhitespace');
      checks.forEach((c) => c(v, n, value));
    },
  };
}

export const once = (rule: Rule): ChildSpec => ({ rule, once: true });
export const many = (rule: Rule): ChildSpec => ({ rule });

// ── Checks ───────────────────────────────────────────────────────────────────

/** URI value; `full` requires a scheme; `iri` allows non-ASCII. `code` replaces the generic error. */
export function uri(opts: UriOptions & { blankOk?: boolean } = {}): Check {
  return (v, n, value) => {
    if (value === '' && opts.blankOk) return;
    if (value === '' && !opts.full) return;
    v.finding(n, checkUri(value, opts), value);
  };
}

export const fullUri = uri({ full: true });
export const iriRef = uri({ iri: true });

/**
 * FutureDate when a date (already found well-formed) lies ahead of the instant of validation by
 * more than the tolerance. Only when the validator was given that instant: the checks read no clock.
 */
function judgeAgainstClock(v: Validator, n: Node, value: string, instant: number | null): void {
  if (v.now === null || instant === null) return;
  const ahead = timeAhead(instant, v.now);
  if (ahead !== null) v.at(n, 'FutureDate', { field: `<${n.name}>`, ahead, value: clip(value) });
}

/** RSS dates (pubDate, lastBuildDate): each says when something happened, so it is also judged against the clock. */
export const rfc822: Check = (v, n, value) => {
  const f = checkRfc822(value);
  v.finding(n, f, value);
  if (v.now !== null && (f === null || f.code === 'ProblematicalRFC822Date')) judgeAgainstClock(v, n, value, rfc822Instant(value));
};

/** Atom dates (updated, published): also judged against the clock. */
export const rfc3339: Check = (v, n, value) => {
  if (!isRfc3339(value)) {
    v.at(n, 'InvalidRFC3339Date', { value: clip(value) });
    return;
  }
  if (isoYear(value) < 1900) v.at(n, 'ImplausibleDate', { value });
  else if (v.now !== null) judgeAgainstClock(v, n, value, rfc3339Instant(value));
};

/** W3C-DTF dates that need not be past (dcterms:available, sy:updateBase...): syntax only. */
export const w3cdtf: Check = (v, n, value) => {
  if (!isW3cDtf(value)) v.at(n, 'InvalidW3CDTFDate', { value: clip(value) });
};

/** A W3C-DTF date that says when something happened (dc:date): also judged against the clock. */
export const w3cdtfTimestamp: Check = (v, n, value) => {
  if (!isW3cDtf(value)) v.at(n, 'InvalidW3CDTFDate', { value: clip(value) });
  else if (v.now !== null) judgeAgainstClock(v, n, value, w3cdtfEarliest(value));
};

export const rssEmail: Check = (v, n, value) => {
  v.finding(n, checkRssEmail(value), value);
};

export const addrSpec: Check = (v, n, value) => {
  if (!isAddrSpec(value)) v.at(n, 'InvalidEmail', { value: clip(value) });
  else v.finding(n, checkMailHost(value), value);
};

export const language: Check = (v, n, value) => {
  if (!isLanguage(value)) v.at(n, 'InvalidLanguage', { value: clip(value) });
};

export const integer: Check = (v, n, value) => {
  if (value !== '' && !isInteger(value)) v.at(n, 'InvalidInteger', { value: clip(value) });
};

export const positiveInteger: Check = (v, n, value) => {
  if (!isPositiveInteger(value)) v.at(n, 'InvalidPositiveInteger', { value: clip(value) });
};

export const nonNegativeInteger: Check = (v, n, value) => {
  if (!isNonNegativeInteger(value)) v.at(n, 'InvalidNonNegativeInteger', { value: clip(value) });
};

export const decimal: Check = (v, n, value) => {
  if (!isDecimal(value)) v.at(n, 'InvalidNumber', { value: clip(value) });
};

/** A measure that cannot be below zero: a rate, a length of time, a radius. */
export const nonNegativeDecimal: Check = (v, n, value) => {
  if (!isDecimal(value)) v.at(n, 'InvalidNumber', { value: clip(value) });
  else if (value.startsWith('-')) v.at(n, 'InvalidNonNegativeNumber', { value: clip(value) });
};

/** "true" or "false" exactly (no case change, no spaces): the raw text is checked. */
export const strictBoolean: Rule = {
  content: 'text',
  raw: true,
  end: (v, n, raw) => {
    if (raw !== 'true' && raw !== 'false') v.at(n, 'InvalidBoolean', { value: clip(raw) });
  },
};

export function oneOf(values: readonly string[], code: Code = 'InvalidEnumeration', caseless = false): Check {
  const set = new Set(caseless ? values.map((s) => s.toLowerCase()) : values);
  return (v, n, value) => {
    if (!set.has(caseless ? value.toLowerCase() : value)) v.at(n, code, { value: clip(value), allowed: values.join(', ') });
  };
}

export const notBlank: Check = (v, n, value) => {
  if (value === '') v.at(n, 'NotBlank');
};

/** Plain-text elements: markup is a warning (readers would show it literally). */
export const plainText: Check = (v, n, value) => {
  if (looksLikeHtml(value)) v.at(n, 'ContainsHTML');
};

export function maxLength(max: number): Check {
  return (v, n, value) => {
    if (value.length > max) v.at(n, 'TooLong', { length: value.length, max });
  };
}

export function latitude(v: Validator, n: Node, value: string): void {
  if (!isDecimal(value) || Math.abs(parseFloat(value)) > 90) v.at(n, 'InvalidLatitude', { value: clip(value) });
}

export function longitude(v: Validator, n: Node, value: string): void {
  if (!isDecimal(value) || Math.abs(parseFloat(value)) > 180) v.at(n, 'InvalidLongitude', { value: clip(value) });
}

// ── Attribute checks ─────────────────────────────────────────────────────────

/** Applies a value check to an attribute, reporting it under the attribute's name. */
export function attrValue(check: Check): AttrCheck {
  return (v, n, a) => check(v, renamed(n, a.name), a.value);
}

export const attrUri = (opts: UriOptions = {}): AttrCheck =>
  (v, n, a: XmlAttr) => {
    if (a.value === '' && !opts.full) return;
    v.finding(renamed(n, a.name), checkUri(a.value, opts), a.value);
  };

export const attrMime: AttrCheck = (v, n, a) => {
  if (!isMimeType(a.value)) v.at(n, 'InvalidMIMEType', { attr: a.name, value: clip(a.value) });
};

/** Checks required attributes are present. */
export function requireAttrs(v: Validator, n: Node, ...names: string[]): void {
  for (const name of names) if (attr(n, name) === undefined) v.at(n, 'MissingAttribute', { attr: name });
}

export { hasBadCharacters };
