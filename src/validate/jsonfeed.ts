// The JSON Feed 1.0 / 1.1 validator (https://jsonfeed.org/version/1.1): every rule of the spec
// that a program can check. Invalid JSON gets a line and column; everything else a path such
// as `items[3].id` (line and column null, as the report contract says).
//
// Decisions taken from the spec text, where it leaves room:
// - An item id that is a number: 1.0 told readers to coerce it, so a 1.0 feed gets a warning
//   (NumericId); 1.1 "clarified that id should be a string" and defines it as (required, string),
//   so a 1.1 feed gets an error (InvalidType). Either way ids are compared as strings, so 1 and
//   "1" are duplicates. Any other non-string id is an error in both.
// - Deprecated `author` in a 1.1 feed is a warning only when `authors` is absent: the spec lets a
//   feed carry both for older readers.
// - null in an optional field is a warning (readers mostly treat it as absent); in a required
//   field it is an error.
// - Relative URLs are a warning: JSON Feed defines no base URL, so readers can only guess.

import type { Code } from './codes.js';
import { indexPath, memberPath } from './json-path.js';
import { mayBeClean, rootPosition, scanJson } from './json-syntax.js';
import { checkRfc3339, checkUrl, findHtml, isLanguageTag, isMimeType, rfc3339Millis } from './jsonfeed-values.js';
import { makeMessage, severityOf, type MessageParams } from './message.js';
import type { Message } from './report.js';
import { timeAhead } from './values.js';

type Version = '1' | '1.1';
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** Past this many errors (or warnings) the rest are counted, not listed: output and memory stay bounded. */
export const MAX_MESSAGES = 1000;

const VERSION_1 = 'https://jsonfeed.org/version/1';
const VERSION_1_1 = 'https://jsonfeed.org/version/1.1';

const TOP_FIELDS = ['version', 'title', 'home_page_url', 'feed_url', 'description', 'user_comment', 'next_url', 'icon', 'favicon', 'author', 'authors', 'language', 'expired', 'hubs', 'items'];
const ITEM_FIELDS = ['id', 'url', 'external_url', 'title', 'content_html', 'content_text', 'summary', 'image', 'banner_image', 'date_published', 'date_modified', 'author', 'authors', 'tags', 'language', 'attachments'];
const AUTHOR_FIELDS = ['name', 'url', 'avatar'];
const ATTACHMENT_FIELDS = ['url', 'mime_type', 'title', 'size_in_bytes', 'duration_in_seconds'];
const HUB_FIELDS = ['type', 'url'];
/** Each list of known members as a set, for the lookup made for every member. */
const KNOWN_SETS = new Map([TOP_FIELDS, ITEM_FIELDS, AUTHOR_FIELDS, ATTACHMENT_FIELDS, HUB_FIELDS].map((list) => [list, new Set(list)]));

/** `now`: the instant of validation (milliseconds), against which item dates are judged; null for none. */
export function validateJsonFeed(text: string, now: number | null = null): { errors: Message[]; warnings: Message[] } {
  const out = new Collector();
  // A BOM is reported and then read as whitespace, which keeps every column where editors show it.
  if (text.charCodeAt(0) === 0xfeff) {
    out.add('JsonByteOrderMark', {}, { line: 1, column: 1 });
    text = ' ' + text.slice(1);
  }

  const doc = parse(text, out);
  if (doc === undefined) return out.result();
  if (!isObject(doc)) {
    const root = rootPosition(text);
    out.add('FeedNotObject', { type: typeName(doc) }, { line: root.line, column: root.column });
    return out.result();
  }
  new FeedChecker(out, now).feed(doc);
  return out.result();
}

/**
 * The document's value, or undefined when it is not JSON (reported). A document that JSON.parse
 * accepts and whose quick look finds no repeated key or deep nesting needs nothing more: it is
 * what the scanner accepts without a message (both read RFC 8259 exactly). Any other goes
 * through the scanner, for the first problem's position and every repeated key.
 */
function parse(text: string, out: Collector): Json | undefined {
  if (mayBeClean(text)) {
    try {
      return JSON.parse(text) as Json;
    } catch {
      // Not JSON after all: the scanner says where.
    }
  }
  const scan = scanJson(text);
  if (scan.problem) {
    const code: Code = scan.problem.kind === 'depth' ? 'JsonTooDeep' : 'JsonSyntaxError';
    out.add(code, { detail: scan.problem.message }, { line: scan.problem.line, column: scan.problem.column });
    return undefined;
  }
  for (const dup of scan.duplicateKeys) out.add('JsonDuplicateKey', { key: dup.key }, { path: dup.path });
  try {
    return JSON.parse(text) as Json;
  } catch (err) {
    // The scanner accepts exactly RFC 8259 JSON, so this is not expected; report rather than crash.
    out.add('JsonSyntaxError', { detail: (err as Error).message }, { line: 1, column: 1 });
    return undefined;
  }
}

/** Collects messages into errors and warnings by each code's severity, up to MAX_MESSAGES each. */
class Collector {
  readonly errors: Message[] = [];
  readonly warnings: Message[] = [];
  private dropped = 0;

  add(code: Code, params: MessageParams, where: { line?: number; column?: number; path?: string }): void {
    const list = severityOf(code) === 'error' ? this.errors : this.warnings;
    if (list.length >= MAX_MESSAGES) {
      this.dropped++;
      return;
    }
    list.push(makeMessage(code, params, where));
  }

  result(): { errors: Message[]; warnings: Message[] } {
    if (this.dropped > 0) this.warnings.push(makeMessage('MessagesTruncated', { count: this.dropped }));
    return { errors: this.errors, warnings: this.warnings };
  }
}

class FeedChecker {
  private version: Version = '1.1';
  /** First path using each item id (as a string), for DuplicateItemId. */
  private readonly ids = new Map<string, string>();

  constructor(
    private readonly out: Collector,
    private readonly now: number | null,
  ) {}

  /** Reports at `path`; the message names the field by its last segment, since the path travels beside it. */
  private report(code: Code, path: string, params: MessageParams = {}): void {
    this.out.add(code, { field: clip(leafOf(path)), ...params }, { path });
  }

  feed(feed: JsonObject): void {
    this.checkVersion(feed);
    this.checkMembers(feed, '', TOP_FIELDS);

    this.requiredString(feed, '', 'title', true);
    for (const key of ['home_page_url', 'feed_url']) {
      if (has(feed, key)) this.url(feed, '', key);
      else this.report('MissingRecommendedField', key);
    }
    this.optionalString(feed, '', 'description', true);
    this.optionalString(feed, '', 'user_comment', false);
    for (const key of ['next_url', 'icon', 'favicon']) if (has(feed, key)) this.url(feed, '', key);
    if (typeof feed.next_url === 'string' && feed.next_url === feed.feed_url) this.report('NextUrlIsFeedUrl', 'next_url');
    this.authors(feed, '');
    this.language(feed, '');
    if (has(feed, 'expired')) this.typed(feed.expired, 'expired', 'boolean', false);
    this.hubs(feed);

    if (!has(feed, 'items')) {
      this.report('MissingField', 'items');
    } else if (this.typed(feed.items, 'items', 'array', true)) {
      const items = feed.items as Json[];
      for (let i = 0; i < items.length; i++) this.item(items[i], indexPath('items', i));
    }
  }

  private checkVersion(feed: JsonObject): void {
    if (!has(feed, 'version')) {
      this.report('MissingVersion', 'version');
      return;
    }
    const value = feed.version;
    if (!this.typed(value, 'version', 'string', true)) return;
    const v = value as string;
    if (v === VERSION_1) this.version = '1';
    else if (v === VERSION_1_1) this.version = '1.1';
    else {
      const variant = /^https?:\/\/(?:www\.)?jsonfeed\.org\/version\/(1|1\.0|1\.1)\/?$/i.exec(v.trim());
      if (variant) {
        this.version = variant[1] === '1.1' ? '1.1' : '1';
        this.report('NonCanonicalVersion', 'version', { value: clip(v), canonical: this.version === '1' ? VERSION_1 : VERSION_1_1 });
      } else {
        this.report('UnknownVersion', 'version', { value: clip(v) });
      }
    }
  }

  /** Unknown members and extensions of any object of the format. */
  private checkMembers(obj: JsonObject, base: string, known: string[]): void {
    const knownSet = KNOWN_SETS.get(known)!;
    for (const key of Object.keys(obj)) {
      // The usual member: known, and in the version (paths are made only for messages).
      if (knownSet.has(key) && (this.version !== '1' || (key !== 'authors' && key !== 'language'))) continue;
      const path = memberPath(base, key);
      if (key.startsWith('_')) this.extension(key, obj[key], path);
      else if (!knownSet.has(key)) {
        const near = known.find((k) => k.length > 2 && editDistanceAtMost(k, key, 2));
        this.report('UnknownField', path, { hint: near ? ` (did you mean ${near}?)` : '' });
      } else {
        this.report('FieldNotInVersion', path);
      }
    }
  }

  private extension(key: string, value: Json, path: string): void {
    if (!/^_\p{L}/u.test(key)) this.out.add('InvalidExtensionName', { key, reason: 'must start with "_" followed by a letter' }, { path });
    else if (key.includes('.')) this.out.add('InvalidExtensionName', { key, reason: 'must not contain "."' }, { path });
    if (!isObject(value)) {
      this.report('ExtensionNotObject', path, { actual: typeName(value) });
      return;
    }
    // Readers ignore the inside of an extension; only the naming rules for its keys apply.
    for (const member of Object.keys(value)) {
      const memberAt = memberPath(path, member);
      if (member.includes('.')) this.out.add('InvalidExtensionKey', { key: member, field: leafOf(path), reason: 'must not contain "."' }, { path: memberAt });
      else if (member.startsWith('_')) this.out.add('InvalidExtensionKey', { key: member, field: leafOf(path), reason: 'must not start with "_" (only the extension name does)' }, { path: memberAt });
    }
  }

  private item(value: Json, base: string): void {
    if (!this.typed(value, base, 'object', true)) return;
    const item = value as JsonObject;
    this.checkMembers(item, base, ITEM_FIELDS);
    this.itemId(item, base);

    if (has(item, 'url')) this.url(item, base, 'url');
    else this.report('MissingRecommendedField', memberPath(base, 'url'));
    for (const key of ['external_url', 'image', 'banner_image']) if (has(item, key)) this.url(item, base, key);
    this.optionalString(item, base, 'title', true);
    this.optionalString(item, base, 'summary', true);
    this.optionalString(item, base, 'content_html', false);
    this.optionalString(item, base, 'content_text', true);
    if (!has(item, 'content_html') && !has(item, 'content_text')) this.out.add('MissingContent', {}, { path: base });

    const published = this.date(item, base, 'date_published');
    const modified = this.date(item, base, 'date_modified');
    if (published !== null && modified !== null && rfc3339Millis(modified) < rfc3339Millis(published)) {
      this.report('DateModifiedBeforePublished', memberPath(base, 'date_modified'), { modified, published });
    }
    this.authors(item, base);
    this.tags(item, base);
    this.language(item, base);
    this.attachments(item, base);
  }

  private itemId(item: JsonObject, base: string): void {
    const path = memberPath(base, 'id');
    if (!has(item, 'id')) {
      this.report('MissingField', path);
      return;
    }
    const id = item.id;
    let key: string;
    if (typeof id === 'string') {
      if (id.trim() === '') {
        this.report('EmptyId', path);
        return;
      }
      key = id;
    } else if (typeof id === 'number' && this.version === '1') {
      this.report('NumericId', path, { value: String(id) });
      key = String(id);
    } else {
      this.report('InvalidType', path, { expected: 'a string', actual: typeName(id) });
      if (typeof id !== 'number') return;
      key = String(id);
    }
    const first = this.ids.get(key);
    if (first === undefined) this.ids.set(key, path);
    else this.report('DuplicateItemId', path, { value: clip(key), first });
  }

  private authors(obj: JsonObject, base: string): void {
    const hasAuthors = has(obj, 'authors');
    if (hasAuthors) {
      const path = memberPath(base, 'authors');
      if (this.typed(obj.authors, path, 'array', false)) {
        const list = obj.authors as Json[];
        if (list.length === 0) this.report('EmptyAuthors', path);
        for (let i = 0; i < list.length; i++) this.author(list[i], indexPath(path, i));
      }
    }
    if (has(obj, 'author')) {
      const path = memberPath(base, 'author');
      this.author(obj.author, path);
      if (this.version === '1.1' && !hasAuthors) this.report('DeprecatedAuthor', path);
    }
  }

  private author(value: Json, path: string): void {
    if (!this.typed(value, path, 'object', false)) return;
    const author = value as JsonObject;
    this.checkMembers(author, path, AUTHOR_FIELDS);
    this.optionalString(author, path, 'name', true);
    if (has(author, 'url')) this.url(author, path, 'url');
    if (has(author, 'avatar')) this.url(author, path, 'avatar');
    const meaningful = AUTHOR_FIELDS.some((k) => has(author, k) && typeof author[k] === 'string' && (author[k] as string).trim() !== '');
    if (!meaningful) this.report('EmptyAuthor', path);
  }

  private tags(item: JsonObject, base: string): void {
    if (!has(item, 'tags')) return;
    const path = memberPath(base, 'tags');
    if (!this.typed(item.tags, path, 'array', false)) return;
    const tags = item.tags as Json[];
    for (let i = 0; i < tags.length; i++) {
      const at = indexPath(path, i);
      if (this.typed(tags[i], at, 'string', true)) this.plainText(tags[i] as string, at);
    }
  }

  private attachments(item: JsonObject, base: string): void {
    if (!has(item, 'attachments')) return;
    const path = memberPath(base, 'attachments');
    if (!this.typed(item.attachments, path, 'array', false)) return;
    const list = item.attachments as Json[];
    for (let i = 0; i < list.length; i++) {
      const at = indexPath(path, i);
      if (!this.typed(list[i], at, 'object', true)) continue;
      const attachment = list[i] as JsonObject;
      this.checkMembers(attachment, at, ATTACHMENT_FIELDS);
      if (has(attachment, 'url')) this.url(attachment, at, 'url', true);
      else this.report('MissingField', memberPath(at, 'url'));
      const mime = this.requiredString(attachment, at, 'mime_type', false);
      if (mime !== null && !isMimeType(mime)) this.report('InvalidAttachmentMimeType', memberPath(at, 'mime_type'), { value: clip(mime) });
      this.optionalString(attachment, at, 'title', true);
      this.attachmentNumber(attachment, at, 'size_in_bytes', true);
      this.attachmentNumber(attachment, at, 'duration_in_seconds', false);
    }
  }

  private attachmentNumber(attachment: JsonObject, base: string, key: string, whole: boolean): void {
    if (!has(attachment, key)) return;
    const path = memberPath(base, key);
    const value = attachment[key];
    if (!this.typed(value, path, 'number', false)) return;
    const n = value as number;
    if (!Number.isFinite(n) || n < 0 || (whole && !Number.isInteger(n))) {
      this.report('InvalidAttachmentNumber', path, { expected: whole ? 'a whole number of bytes, zero or more' : 'a number of seconds, zero or more', value: String(n) });
    }
  }

  private hubs(feed: JsonObject): void {
    if (!has(feed, 'hubs')) return;
    if (!this.typed(feed.hubs, 'hubs', 'array', false)) return;
    const hubs = feed.hubs as Json[];
    for (let i = 0; i < hubs.length; i++) {
      const at = indexPath('hubs', i);
      if (!this.typed(hubs[i], at, 'object', true)) continue;
      const hub = hubs[i] as JsonObject;
      this.checkMembers(hub, at, HUB_FIELDS);
      this.requiredString(hub, at, 'type', false);
      if (has(hub, 'url')) this.url(hub, at, 'url', true);
      else this.report('MissingField', memberPath(at, 'url'));
    }
  }

  private language(obj: JsonObject, base: string): void {
    if (!has(obj, 'language')) return;
    if (typeof obj.language === 'string' && isLanguageTag(obj.language)) return;
    const path = memberPath(base, 'language');
    if (!this.typed(obj.language, path, 'string', false)) return;
    const tag = obj.language as string;
    if (!isLanguageTag(tag)) this.report('InvalidLanguageTag', path, { value: clip(tag) });
  }

  /** A date field; returns its value when it is a valid RFC 3339 date-time, else null. */
  private date(obj: JsonObject, base: string, key: string): string | null {
    if (!has(obj, key)) return null;
    const given = obj[key];
    if (typeof given === 'string' && checkRfc3339(given) === null) return this.judged(given, base, key);
    const path = memberPath(base, key);
    if (!this.typed(obj[key], path, 'string', false)) return null;
    const value = obj[key] as string;
    const problem = checkRfc3339(value);
    if (problem === null) return this.judged(value, base, key);
    this.report('InvalidDate', path, { value: clip(value), reason: problem });
    return null;
  }

  /** A valid date, judged against the instant of validation when there is one (FutureDate). */
  private judged(value: string, base: string, key: string): string {
    if (this.now !== null) {
      const ahead = timeAhead(rfc3339Millis(value), this.now);
      if (ahead !== null) this.report('FutureDate', memberPath(base, key), { ahead, value: clip(value) });
    }
    return value;
  }

  private url(obj: JsonObject, base: string, key: string, required = false): void {
    const given = obj[key];
    if (typeof given === 'string' && checkUrl(given) === null) return;
    const path = memberPath(base, key);
    if (!this.typed(obj[key], path, 'string', required)) return;
    const value = obj[key] as string;
    const problem = checkUrl(value);
    if (problem === 'relative') this.report('RelativeUrl', path, { value: clip(value) });
    else if (problem !== null) this.report('InvalidUrl', path, { reason: problem });
  }

  private requiredString(obj: JsonObject, base: string, key: string, plain: boolean): string | null {
    const path = memberPath(base, key);
    if (!has(obj, key)) {
      this.report('MissingField', path);
      return null;
    }
    if (!this.typed(obj[key], path, 'string', true)) return null;
    if (plain) this.plainText(obj[key] as string, path);
    return obj[key] as string;
  }

  private optionalString(obj: JsonObject, base: string, key: string, plain: boolean): void {
    if (!has(obj, key)) return;
    const given = obj[key];
    if (typeof given === 'string' && (!plain || findHtml(given) === null)) return;
    const path = memberPath(base, key);
    if (this.typed(obj[key], path, 'string', false) && plain) this.plainText(obj[key] as string, path);
  }

  /** The spec: "the only place HTML is allowed in this format is in content_html". */
  private plainText(value: string, path: string): void {
    const html = findHtml(value);
    if (html) this.report('HtmlInPlainText', path, { what: html.what, sample: html.sample });
  }

  /**
   * Whether `value` has the JSON type `want`; reports InvalidType (or NullValue for null in an
   * optional field) when it does not.
   */
  private typed(value: Json, path: string, want: 'string' | 'number' | 'boolean' | 'array' | 'object', required: boolean): boolean {
    const ok =
      want === 'array' ? Array.isArray(value)
      : want === 'object' ? isObject(value)
      : typeof value === want;
    if (ok) return true;
    if (value === null && !required) this.report('NullValue', path);
    else this.report('InvalidType', path, { expected: EXPECTED[want], actual: typeName(value) });
    return false;
  }
}

const EXPECTED = { string: 'a string', number: 'a number', boolean: 'true or false', array: 'an array', object: 'an object' } as const;

function isObject(value: Json): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Own members only: a feed key named "constructor" or "toString" must not be found on the prototype. */
function has(obj: JsonObject, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

function typeName(value: Json): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return 'a string';
    case 'number':
      return `a number (${value})`;
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      return 'an object';
  }
}

/** The last member of a path with its indexes: `items[1].tags[0]` → `tags[0]`, `items[0].id` → `id`. */
function leafOf(path: string): string {
  return /(?:[A-Za-z_$][\w$]*)?(?:\[(?:\d+|"(?:[^"\\]|\\.)*")\])*$/.exec(path)?.[0] || path;
}

function clip(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

/** Whether a and b are within `max` single-character edits; bounded work for short keys only. */
function editDistanceAtMost(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max || b.length > 40) return false;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length] <= max;
}
