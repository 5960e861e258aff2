// `.json` articles: the canonical model written by hand or by a CMS export, checked field by field.
// `source` is never read from the file: it is what wirefeed computed from the bytes.
import type { Diagnostic, Person } from '../model/index.js';
import type { Authored } from './assemble.js';
import { diag, reject, REJECT, WARN } from './diagnostics.js';
import { parseDateValue, parseInstant } from './dates.js';
import { utcMidnight } from './instants.js';
import { mimeFromUrl, webUrl, type FrontMatterMedia } from './frontmatter.js';
import { stripForbidden } from './hygiene.js';
import { SLUG_PATTERN } from './slug.js';

const KNOWN = new Set(['id', 'slug', 'url', 'headline', 'dateline', 'byline', 'published', 'updated', 'summary', 'body', 'media', 'tags', 'language', 'notes', 'headings', 'source']);

export function readJsonArticle(text: string, file: string, zone: string): { authored: Authored; warnings: Diagnostic[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    // Node's message does not always say where; our own scan does.
    const at = jsonErrorOffset(text);
    const line = text.slice(0, at).split('\n').length;
    const near = JSON.stringify(text.slice(at, at + 20));
    return reject(REJECT.BadJson, file, `not valid JSON at line ${line}, near ${near}: ${(err as Error).message.split('\n')[0]}`, { line });
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return reject(REJECT.BadJson, file, 'a .json article must be one object with the model fields', { line: 1 });
  const o = raw as Record<string, unknown>;
  const warnings: Diagnostic[] = [];
  /** The line a key first appears on: good enough to point a user at the field. */
  const lineOf = (key: string): number | null => {
    const i = text.indexOf(`"${key}"`);
    return i < 0 ? null : text.slice(0, i).split('\n').length;
  };
  const bad = (key: string, why: string, code: string = REJECT.BadJson): never =>
    reject(code as typeof REJECT.BadJson, file, `${key}: ${why}`, { line: lineOf(key.split(/[.[]/)[0]) });
  const clean = (s: string, at: string): string => {
    const r = stripForbidden(s);
    if (r.removed) warnings.push(diag(WARN.ForbiddenCharacter, file, `${at}: removed characters XML cannot carry`, { line: lineOf(at.split(/[.[]/)[0]) }));
    return r.value;
  };
  const str = (key: string, v: unknown, nullable: boolean): string | null => {
    if (v === undefined || v === null) {
      if (nullable) return null;
      return bad(key, 'is required');
    }
    if (typeof v !== 'string') return bad(key, 'must be a string');
    return clean(v, key);
  };
  const strList = (key: string, v: unknown): string[] => {
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) return bad(key, 'must be an array of strings');
    return v.map((x, i) => {
      if (typeof x !== 'string') return bad(`${key}[${i}]`, 'must be a string');
      return clean(x, `${key}[${i}]`);
    });
  };

  for (const k of Object.keys(o)) if (!KNOWN.has(k)) warnings.push(diag(WARN.UnknownField, file, `field "${k}" is not part of the article model`, { line: lineOf(k) }));

  const headline = typeof o.headline === 'string' ? clean(o.headline, 'headline').trim() : '';
  if (!headline) reject(REJECT.MissingHeadline, file, 'no headline: "headline" is missing or empty', { line: lineOf('headline') ?? 1 });

  const a: Authored = {
    headline,
    dateline: null,
    datelineWhen: null,
    byline: [],
    dek: null,
    body: strList('body', o.body),
    headings: [],
    media: [],
    notes: strList('notes', o.notes),
  };
  if (o.id !== undefined) {
    const id = str('id', o.id, false)!;
    if (!/^[a-z][a-z0-9+.-]*:\S+$/i.test(id)) bad('id', `"${id}" is not an absolute URI`);
    a.id = id;
  }
  if (o.slug !== undefined) {
    const slug = str('slug', o.slug, false)!;
    if (!SLUG_PATTERN.test(slug)) bad('slug', `"${slug}" is not a slug (lower-case letters, digits and single hyphens)`);
    a.slug = slug;
  }
  if (o.url !== undefined) {
    a.url = webUrl(o.url) ?? bad('url', 'not an absolute http(s) URL');
  }
  for (const key of ['published', 'updated'] as const) {
    if (o[key] === undefined || o[key] === null) continue;
    const r = parseInstant(o[key], zone);
    if (!r.ok) return bad(key, r.reason, r.impossible ? REJECT.ImpossibleDate : REJECT.BadJson);
    if (key === 'published') a.date = r.at;
    else a.updated = r.at;
  }
  if (o.summary !== undefined) a.summary = str('summary', o.summary, true);
  if (o.language !== undefined) {
    const lang = str('language', o.language, false)!;
    if (!/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(lang)) bad('language', `"${lang}" is not a BCP 47 language tag`);
    a.language = lang;
  }
  if (o.tags !== undefined) a.tags = strList('tags', o.tags);
  if (o.byline !== undefined) {
    if (!Array.isArray(o.byline)) bad('byline', 'must be an array of people');
    a.authors = (o.byline as unknown[]).map((p, i): Person => {
      if (typeof p === 'string') return { name: clean(p, `byline[${i}]`), role: null };
      if (!p || typeof p !== 'object') return bad(`byline[${i}]`, 'must be {name, role, email, url}');
      const q = p as Record<string, unknown>;
      const person: Person = { name: str(`byline[${i}].name`, q.name, false)!, role: str(`byline[${i}].role`, q.role, true) };
      if (q.email != null) person.email = str(`byline[${i}].email`, q.email, false);
      if (q.url != null) {
        person.url = webUrl(q.url) ?? bad(`byline[${i}].url`, 'not an absolute http(s) URL');
      }
      return person;
    });
  }
  if (o.dateline !== undefined && o.dateline !== null) {
    const d = o.dateline as Record<string, unknown>;
    if (typeof d !== 'object' || Array.isArray(d)) bad('dateline', 'must be {place, date, agency, raw} or null');
    const raw = str('dateline.raw', d.raw, true) ?? [d.place, d.agency].filter((x) => typeof x === 'string').join(' ');
    a.dateline = { place: str('dateline.place', d.place, true), agency: str('dateline.agency', d.agency, true), raw };
    const date = str('dateline.date', d.date, true);
    if (date !== null) {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
      if (!m) bad('dateline.date', `"${date}" is not a YYYY-MM-DD date`);
      const [year, month, day] = [Number(m![1]), Number(m![2]), Number(m![3])];
      a.datelineWhen = { year, month, day };
      // A day of the calendar (checked by hand); luxon, loaded only then, says why one is not.
      if (utcMidnight(year, month, day) === null) {
        const check = parseDateValue(date, zone);
        if (!check.ok) bad('dateline.date', check.reason, REJECT.ImpossibleDate);
      }
    }
  }
  if (o.media !== undefined) {
    if (!Array.isArray(o.media)) bad('media', 'must be an array');
    const settings: FrontMatterMedia[] = [];
    (o.media as unknown[]).forEach((m, i) => {
      if (!m || typeof m !== 'object' || Array.isArray(m)) bad(`media[${i}]`, 'must be {title, caption, credit, url, type}');
      const q = m as Record<string, unknown>;
      const at = `media[${i}]`;
      const given = str(`${at}.url`, q.url, true);
      const url = given === null ? null : (webUrl(given) ?? bad(`${at}.url`, 'not an absolute http(s) URL'));
      const num = (k: string): number | null => {
        if (q[k] === undefined || q[k] === null) return null;
        if (typeof q[k] !== 'number' || !Number.isInteger(q[k]) || (q[k] as number) < 0) bad(`${at}.${k}`, 'must be a whole number ≥ 0');
        return q[k] as number;
      };
      const type = str(`${at}.type`, q.type, true);
      if (type !== null && !/^[a-z]+\/[a-z0-9.+-]+$/i.test(type)) bad(`${at}.type`, `"${type}" is not a MIME type`);
      // Given items are photo blocks of their own; a url-less item with no words is dropped by assemble.
      if (q.before != null && (typeof q.before !== 'number' || !Number.isInteger(q.before) || q.before < 0)) bad(`${at}.before`, 'must be a paragraph index');
      a.media.push({
        title: str(`${at}.title`, q.title, true),
        caption: str(`${at}.caption`, q.caption, true),
        credit: str(`${at}.credit`, q.credit, true),
        ...(typeof q.before === 'number' ? { before: q.before } : {}),
      });
      settings.push({ url, type: type ?? (url ? mimeFromUrl(url) : null), size: num('size'), width: num('width'), height: num('height'), title: null, caption: null, credit: null });
    });
    a.mediaSettings = settings;
  }
  if (o.headings !== undefined && o.headings !== null) {
    if (!Array.isArray(o.headings)) bad('headings', 'must be an array of {before, text}');
    a.headings = (o.headings as unknown[]).map((h, i) => {
      const q = (h ?? {}) as Record<string, unknown>;
      if (typeof q.before !== 'number' || !Number.isInteger(q.before) || q.before < 0) bad(`headings[${i}].before`, 'must be a paragraph index');
      return { before: q.before as number, text: str(`headings[${i}].text`, q.text, false)! };
    });
  }
  return { authored: a, warnings };
}

/**
 * Where the first JSON syntax error is (an offset into `text`). Only called after JSON.parse has
 * failed, to point the user at a line: a plain recursive descent over RFC 8259's grammar.
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  class Stop extends Error {}
  const fail = (): never => {
    throw new Stop();
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const lit = (word: string) => {
    for (const ch of word) if (text[i++] !== ch) (i--, fail());
  };
  const str = () => {
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text.charCodeAt(i) < 0x20) fail();
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? '')) fail();
      }
      i++;
    }
    if (text[i] !== '"') fail();
    i++;
  };
  const num = () => {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m) fail();
    i += m![0].length;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        str();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return void i++;
        else fail();
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return void i++;
        else fail();
      }
    } else if (c === '"') str();
    else if (c === 't') lit('true');
    else if (c === 'f') lit('false');
    else if (c === 'n') lit('null');
    else num();
  };
  try {
    value();
    ws();
    if (i < text.length) fail();
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
  }
  return Math.min(i, text.length);
}
