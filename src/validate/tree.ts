// The rule engine shared by the RSS and Atom checkers. It keeps a stack of open elements (never
// a tree), finds the rule of each element from its parent's rule, checks attributes, duplicate
// children and text-versus-element content, and hands each element's text to its rule when it
// closes. A rule is a small object; rss.ts, atom.ts and ext.ts declare them.
import { CODES, type Code } from './codes.js';
import type { FeedFormat, Message } from './report.js';
import type { XmlAttr, XmlElement, XmlSink } from './xml.js';
import { intern } from './intern.js';
import { checkUri, hasBadCharacters, isLanguage, isUriError, type Finding } from './values.js';
import { LONGEST_CACHED_NAME } from './xml-tokenizer.js';

export type Params = Record<string, string | number>;

/** An open element. Maps and state objects are made on first use: most elements are leaves. */
export class Node {
  /** Text content so far (only for rules that read text), capped at TEXT_LIMIT. */
  text = '';
  /** Characters of text not handed over before `text` began (they had no suspect character). */
  skipped = 0;
  reportedText = false;
  private childCounts: ChildCounts | null = null;
  private state: Record<string, unknown> | null = null;
  private displayName: string | null = null;

  constructor(
    readonly el: XmlElement,
    /** Lookup key: the local name, prefixed with the conventional prefix of a known namespace ("dc:date"). */
    readonly key: string,
    readonly parent: Node | null,
    readonly rule: ShapedRule,
    /** In-scope xml:lang and xml:base. */
    readonly lang: string | null,
    readonly base: string | null,
    private readonly atomDoc: boolean,
  ) {}

  /** Children seen so far, by key. */
  get children(): ChildCounts {
    return (this.childCounts ??= new ChildCounts());
  }

  /** Per-element state of the rule. */
  get data(): Record<string, unknown> {
    return (this.state ??= {});
  }

  /** The name shown in messages. */
  get name(): string {
    if (this.displayName === null) {
      const k = this.key;
      // RSS 1.0 elements are shown as the document writes them (unprefixed, as a rule).
      this.displayName = this.atomDoc && k.startsWith('atom:') ? k.slice(5) : k.startsWith('{') || k.startsWith('rss1:') ? this.el.name : k;
    }
    return this.displayName;
  }

  set name(value: string) {
    this.displayName = value;
  }
}

/**
 * How many children of each key an element has had. A short list: most elements have a
 * handful of children, and keys are mostly the same string objects (see keyOf), so a scan
 * beats hashing; a map takes over for elements with many kinds of children.
 */
export class ChildCounts {
  private readonly keys: string[] = [];
  private readonly counts: number[] = [];
  private map: Map<string, number> | null = null;

  get size(): number {
    return this.map ? this.map.size : this.keys.length;
  }

  get(key: string): number | undefined {
    if (this.map) return this.map.get(key);
    const keys = this.keys;
    for (let i = 0; i < keys.length; i++) if (keys[i] === key) return this.counts[i];
    return undefined;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** Counts one more child of this key; returns how many there were before. */
  add(key: string): number {
    const map = this.map;
    if (map) {
      const before = map.get(key) ?? 0;
      map.set(key, before + 1);
      return before;
    }
    const keys = this.keys;
    for (let i = 0; i < keys.length; i++) if (keys[i] === key) return this.counts[i]++;
    keys.push(key);
    this.counts.push(1);
    if (keys.length > 16) this.map = new Map(keys.map((k, i) => [k, this.counts[i]]));
    return 0;
  }
}

/** A node seen under another name (an attribute checked as if it were an element). */
export function renamed(node: Node, name: string): Node {
  const n = new Node(node.el, node.key, node, node.rule, node.lang, node.base, false);
  n.name = name;
  return n;
}

/**
 * What the element holds: text (a leaf, text kept for its rule), elements only (text is an
 * error), mixed (text and elements, e.g. XHTML; unknown children accepted), or anything (not
 * checked at all: extension elements).
 */
export type Content = 'text' | 'elements' | 'mixed' | 'any';

export interface ChildSpec {
  rule: Rule;
  /** At most one such child (DuplicateElement otherwise). */
  once?: boolean;
}

export type Check = (v: Validator, node: Node, value: string) => void;
export type AttrCheck = (v: Validator, node: Node, attr: XmlAttr) => void;

export interface Rule {
  content: Content;
  /** Allowed attributes without a namespace (true: no check), and namespaced ones by "prefix:local" key. */
  attrs?: Record<string, AttrCheck | true>;
  /** Allowed children by key. */
  children?: Record<string, ChildSpec> | ((v: Validator, node: Node, key: string, child: XmlElement) => ChildSpec | undefined);
  /** Called when the element opens (attributes are known, children not). */
  start?(v: Validator, node: Node): void;
  /** Called before a child opens, with the child's key (for order-dependent checks). */
  child?(v: Validator, node: Node, key: string, child: XmlElement): void;
  /** Called when the element closes; `value` is its trimmed text for text rules. */
  end?(v: Validator, node: Node, value: string): void;
  /** Keep the raw text (untrimmed) and pass it to end() as is. */
  raw?: boolean;
  /** For 'elements' content: handles non-white-space text instead of the UnexpectedText error. */
  onText?(v: Validator, node: Node, text: string): void;
}

/** Longest text kept per element; checks on longer values see the first part only. */
export const TEXT_LIMIT = 1 << 20;
/** How much of an element's text is looked at for BadCharacters: enough to catch a wrong encoding. */
const BAD_CHARACTERS_WINDOW = 4096;
/** Messages kept per report; beyond this they are counted, not listed. */
const MESSAGE_LIMIT = 1000;

export const NS = {
  atom: 'http://www.w3.org/2005/Atom',
  app: 'http://www.w3.org/2007/app',
  xhtml: 'http://www.w3.org/1999/xhtml',
  xml: 'http://www.w3.org/XML/1998/namespace',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rss1: 'http://purl.org/rss/1.0/',
  dc: 'http://purl.org/dc/elements/1.1/',
  dcterms: 'http://purl.org/dc/terms/',
  content: 'http://purl.org/rss/1.0/modules/content/',
  sy: 'http://purl.org/rss/1.0/modules/syndication/',
  admin: 'http://webns.net/mvcb/',
  slash: 'http://purl.org/rss/1.0/modules/slash/',
  wfw: 'http://wellformedweb.org/CommentAPI/',
  trackback: 'http://madskills.com/public/xml/rss/module/trackback/',
  media: 'http://search.yahoo.com/mrss/',
  itunes: 'http://www.itunes.com/dtds/podcast-1.0.dtd',
  thr: 'http://purl.org/syndication/thread/1.0',
  fh: 'http://purl.org/syndication/history/1.0',
  georss: 'http://www.georss.org/georss',
  gml: 'http://www.opengis.net/gml',
  geo: 'http://www.w3.org/2003/01/geo/wgs84_pos#',
  geourl: 'http://geourl.org/rss/module/',
  icbm: 'http://postneo.com/icbm',
  blogChannel: 'http://backend.userland.com/blogChannelModule',
  creativeCommons: 'http://backend.userland.com/creativeCommonsRssModule',
  cc: 'http://web.resource.org/cc/',
  feedburner: 'http://rssnamespace.org/feedburner/ext/1.0',
  opensearch: 'http://a9.com/-/spec/opensearch/1.1/',
  googleplay: 'http://www.google.com/schemas/play-podcasts/1.0',
  podcast: 'https://podcastindex.org/namespace/1.0',
} as const;

/** Conventional prefix of each known namespace, used for keys and messages. */
export const PREFIX: ReadonlyMap<string, string> = new Map(Object.entries(NS).map(([p, uri]) => [uri, p]));

/**
 * Namespaces whose vocabulary the validator knows completely: an element of one of them in a
 * place its specification does not allow is an error. Elements of other namespaces are
 * extensions and are accepted anywhere.
 */
export const STRICT_NS: ReadonlySet<string> = new Set<string>([
  NS.atom, NS.dc, NS.content, NS.sy, NS.admin, NS.slash, NS.wfw, NS.trackback, NS.media, NS.itunes, NS.thr, NS.fh,
  NS.georss, NS.geo, NS.geourl, NS.icbm, NS.blogChannel, NS.creativeCommons,
]);

/** Accepts anything below it: extension elements from namespaces we do not model. */
export const ANY: Rule = { content: 'any' };

/**
 * A rule as the engine reads it: every field present and in one order. Rules are declared as
 * object literals of many shapes, and reading a field of objects of many shapes is a slow
 * lookup; every element reads several fields of its rule and its parent's, so each rule is
 * copied once into this one shape. Record children are kept in a map, their rules shaped.
 */
class ShapedRule implements Rule {
  readonly content: Content;
  readonly attrs: Record<string, AttrCheck | true> | undefined;
  readonly children: Rule['children'];
  readonly start: Rule['start'];
  readonly child: Rule['child'];
  readonly end: Rule['end'];
  readonly raw: boolean;
  readonly onText: Rule['onText'];
  /** Whether the element's text is needed (see Validator.wantsText). */
  readonly wantsText: boolean;
  /** Whether attributes are checked against `attrs` (see Validator.open). */
  readonly checksAttributes: boolean;
  /** Shaped specs of record children, made on first use. */
  private specs: Map<string, ShapedSpec | null> | null = null;
  /** The two specs of this rule (a child allowed once, or many times): none made per element. */
  readonly once: ShapedSpec;
  readonly many: ShapedSpec;

  constructor(rule: Rule) {
    this.content = rule.content;
    this.attrs = rule.attrs;
    this.children = rule.children;
    this.start = rule.start;
    this.child = rule.child;
    this.end = rule.end;
    this.raw = rule.raw === true;
    this.onText = rule.onText;
    this.wantsText = rule.content === 'elements' || (rule.content === 'text' && rule.end !== undefined);
    this.checksAttributes = rule.content === 'text' || rule.content === 'elements' || (rule.attrs !== undefined && rule !== ANY);
    this.once = { rule: this, once: true };
    this.many = { rule: this, once: false };
  }

  /** The shaped spec of a child listed in a record of children (null when not listed). */
  recordSpec(key: string): ShapedSpec | null {
    const specs = (this.specs ??= new Map());
    let spec = specs.get(key);
    if (spec === undefined) {
      const children = this.children as Record<string, ChildSpec>;
      spec = Object.prototype.hasOwnProperty.call(children, key) ? shapedSpec(children[key]) : null;
      if (specs.size < 1000 && key.length <= LONGEST_CACHED_NAME) specs.set(key, spec);
    }
    return spec;
  }
}

interface ShapedSpec {
  readonly rule: ShapedRule;
  readonly once: boolean;
}

const shapedRules = new WeakMap<Rule, ShapedRule>();

function shaped(rule: Rule): ShapedRule {
  if (rule instanceof ShapedRule) return rule;
  let s = shapedRules.get(rule);
  if (s === undefined) shapedRules.set(rule, (s = new ShapedRule(rule)));
  return s;
}

function shapedSpec(spec: ChildSpec | undefined): ShapedSpec | null {
  if (!spec) return null;
  const rule = shaped(spec.rule);
  return spec.once === true ? rule.once : rule.many;
}

const SHAPED_ANY = shaped(ANY);

const keyCache = new Map<string, Map<string, string>>();

/**
 * A string of its own. Text handed over by the parser is often a slice of a whole input chunk;
 * keeping such a slice (in a cache, or a set of ids) would keep the chunk alive with it.
 */
export function detach(s: string): string {
  // Slicing a concatenation makes V8 copy the characters into a new, independent string.
  return s.length === 0 ? '' : (s + ' ').slice(0, -1);
}

/**
 * The lookup key of an element or attribute name. Interned: the same few names repeat
 * thousands of times, and one string object per name keeps map and property lookups fast.
 */
export function keyOf(uri: string, local: string): string {
  if (local.length > LONGEST_CACHED_NAME || uri.length > LONGEST_CACHED_URI) return makeKey(uri, local); // hostile: not kept
  let byLocal = keyCache.get(uri);
  if (!byLocal) {
    byLocal = new Map();
    if (keyCache.size < 1000) keyCache.set(detach(uri), byLocal);
  }
  let key = byLocal.get(local);
  if (key === undefined) {
    key = intern(makeKey(uri, local));
    if (byLocal.size < 1000) byLocal.set(intern(local), key);
  }
  return key;
}

function makeKey(uri: string, local: string): string {
  const p = uri === '' ? '' : PREFIX.get(uri);
  return uri === '' ? local : p ? `${p}:${local}` : `{${uri}}${local}`;
}

/** Namespace names longer than this are not kept in keyOf's cache. */
const LONGEST_CACHED_URI = 1000;

export class Validator implements XmlSink {
  readonly errors: Message[] = [];
  readonly warnings: Message[] = [];
  private dropped = 0;
  private stack: Node[] = [];
  format: FeedFormat = 'unknown';
  /** Document-wide state for rules (e.g. guids seen). */
  readonly state = new Map<string, unknown>();
  /** Set when the XML layer stopped early: end-of-element checks would only add noise. */
  halted = false;
  /**
   * The XML layer, which tells whether text may hold C1 controls or U+FFFD (BadCharacters):
   * when no text it read had any, looking through every text node is spared. None: it may.
   */
  textSource: { readonly mayHaveBadCharacters: boolean } | null = null;
  /**
   * The instant of validation (milliseconds since 1970), against which dates are judged
   * (FutureDate); null: no date is judged against a clock.
   */
  now: number | null = null;

  constructor(root: Rule) {
    const rootEl: XmlElement = { name: '#document', prefix: '', local: '#document', uri: '', attrs: [], nsDecls: {}, line: 1, column: 1 };
    this.stack.push(this.makeNode(rootEl, '#document', shaped(root), null));
  }

  /** Reports a message; its severity comes from the code table. */
  add(code: Code, params: Params, line: number | null, column: number | null): void {
    const info = CODES[code];
    const list = info.severity === 'error' ? this.errors : this.warnings;
    if (this.errors.length + this.warnings.length >= MESSAGE_LIMIT) {
      // Errors still count for validity even when not listed.
      if (info.severity === 'error' && this.errors.length === 0) this.errors.push(this.format1(code, params, line, column));
      else this.dropped++;
      return;
    }
    list.push(this.format1(code, params, line, column));
  }

  private format1(code: Code, params: Params, line: number | null, column: number | null): Message {
    const message = CODES[code].text.replace(/\{(\w+)\}/g, (_m, k: string) => (params[k] !== undefined ? String(params[k]) : '?'));
    return { code, message, line, column };
  }

  /** Reports at an element's start tag. */
  at(node: Node, code: Code, params: Params = {}): void {
    this.add(code, { element: node.name, parent: node.parent?.name ?? '', ...params }, node.el.line, node.el.column);
  }

  /** Reports a finding of a value check, filling in element, parent and value. */
  finding(node: Node, f: Finding | null, value: string, extra: Params = {}): boolean {
    if (!f) return true;
    this.at(node, f.code, { value: clip(value), ...f.params, ...extra });
    return CODES[f.code].severity !== 'error';
  }

  /** Messages not listed because of the limit. */
  get droppedCount(): number {
    return this.dropped;
  }

  get depth(): number {
    return this.stack.length - 1;
  }

  /** The innermost open element. */
  get current(): Node {
    return this.stack[this.stack.length - 1];
  }

  private makeNode(el: XmlElement, key: string, rule: ShapedRule, parent: Node | null): Node {
    let lang = parent ? parent.lang : null;
    let base = parent ? parent.base : null;
    const attrs = el.attrs;
    for (let i = 0; i < attrs.length; i++) {
      const a = attrs[i];
      if (a.uri === NS.xml) {
        if (a.local === 'lang') lang = a.value;
        else if (a.local === 'base') base = a.value;
      }
    }
    return new Node(el, key, parent, rule, lang, base, this.format === 'atom');
  }

  /**
   * The key of each element name in this document, for the namespace it last had: one lookup
   * of a string the XML reader hands out once per name, instead of keyOf's two.
   */
  private readonly keysByName = new Map<string, { uri: string; key: string }>();

  private keyOfElement(el: XmlElement): string {
    const known = this.keysByName.get(el.name);
    if (known !== undefined && known.uri === el.uri) return known.key;
    const key = keyOf(el.uri, el.local);
    if (known !== undefined) {
      known.uri = el.uri;
      known.key = key;
    } else if (this.keysByName.size < 1000 && el.name.length <= LONGEST_CACHED_NAME) {
      this.keysByName.set(el.name, { uri: el.uri, key });
    }
    return key;
  }

  start(el: XmlElement): void {
    const parent = this.current;
    const key = this.keyOfElement(el);
    const prule = parent.rule;
    let spec: ShapedSpec | null = null;
    const children = prule.children;
    if (children !== undefined) spec = typeof children === 'function' ? shapedSpec(children(this, parent, key, el)) : prule.recordSpec(key);
    if (prule.child !== undefined) prule.child(this, parent, key, el);
    const count = parent.children.add(key);
    if (spec !== null) {
      const node = this.makeNode(el, key, spec.rule, parent);
      if (spec.once && count > 0) this.at(node, 'DuplicateElement');
      this.open(node);
      return;
    }
    const node = this.makeNode(el, key, SHAPED_ANY, parent);
    if (prule.content !== 'any' && prule.content !== 'mixed') this.unknownChild(parent, node);
    this.open(node);
  }

  /** An element its parent's rule does not list. */
  private unknownChild(parent: Node, node: Node): void {
    const uri = node.el.uri;
    if (parent.rule.content === 'text') {
      this.at(node, 'UndefinedElement');
    } else if (uri === '') {
      if (this.format === 'atom') return; // no vocabulary to judge it by; Atom readers skip it
      this.at(node, 'UndefinedElement');
    } else if (STRICT_NS.has(uri)) {
      this.at(node, 'UndefinedElement');
    }
  }

  private open(node: Node): void {
    const r = node.rule;
    if (r.checksAttributes && node.el.attrs.length > 0) this.checkAttributes(node);
    this.stack.push(node);
    if (r.start !== undefined) r.start(this, node);
  }

  private checkAttributes(node: Node): void {
    const allowed = node.rule.attrs;
    for (const a of node.el.attrs) {
      if (a.uri === NS.xml) {
        if (a.local === 'lang') {
          if (a.value !== '' && !isLanguage(a.value)) this.at(node, 'InvalidLanguage', { element: 'xml:lang', value: a.value });
        } else if (a.local === 'base') {
          const f = checkUri(a.value, { iri: true });
          if (isUriError(f)) this.finding(node, f, a.value, { element: 'xml:base' });
        }
        continue;
      }
      const k = a.uri === '' ? a.local : keyOf(a.uri, a.local);
      const check = allowed && Object.prototype.hasOwnProperty.call(allowed, k) ? allowed[k] : undefined;
      if (check) {
        if (check !== true) check(this, node, a);
        continue;
      }
      if (a.uri === '' || STRICT_NS.has(a.uri)) this.at(node, 'UnexpectedAttribute', { attr: a.name });
      else if (this.format === 'rss' && node.el.uri === '') this.at(node, 'UseOfExtensionAttribute', { attr: a.name });
    }
  }

  /**
   * Whether the current element's text is needed: by its rule, or to find text where only
   * elements may be. Other text is only looked at for BadCharacters, and only when it may have
   * some (the XML reader hands it over then).
   */
  wantsText(): boolean {
    return this.current.rule.wantsText;
  }

  /** Text the XML reader did not hand over (see wantsText): free of suspect characters. */
  skippedText(length: number): void {
    const node = this.current;
    if (node.text.length === 0) node.skipped += length;
  }

  text(t: string): void {
    const node = this.current;
    const content = node.rule.content;
    if (content === 'text') {
      const limit = node.rule.end !== undefined ? TEXT_LIMIT : BAD_CHARACTERS_WINDOW;
      if (node.text.length < limit) node.text += t.length > TEXT_LIMIT ? t.slice(0, TEXT_LIMIT) : t;
    } else if (content === 'elements') {
      if (!node.reportedText && hasNonSpace(t) && node.el.local !== '#document') {
        node.reportedText = true;
        if (node.rule.onText) node.rule.onText(this, node, t);
        else this.at(node, 'UnexpectedText');
      }
    }
  }

  end(): void {
    const node = this.stack.pop()!;
    if (node.rule.content === 'text') {
      // Looking at the start is enough to catch a wrong encoding, and keeps long bodies cheap.
      if (this.textSource === null || this.textSource.mayHaveBadCharacters) {
        const room = BAD_CHARACTERS_WINDOW - node.skipped;
        if (room > 0 && hasBadCharacters(node.text.length > room ? node.text.slice(0, room) : node.text)) this.at(node, 'BadCharacters');
      }
      node.rule.end?.(this, node, node.rule.raw ? node.text : node.text.trim());
    } else {
      node.rule.end?.(this, node, '');
    }
  }

  /** Runs the end-of-document checks of the elements still open (none in a well-formed document). */
  finish(): void {
    if (this.halted) return;
    const root = this.stack[0];
    root.rule.end?.(this, root, '');
  }
}

/**
 * /\S/.test(text), for the white space between elements that makes up most text where only
 * elements may be: ASCII is settled character by character, anything else by the regular
 * expression (which knows Unicode's white space).
 */
function hasNonSpace(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) continue;
    return c >= 0x80 ? /\S/.test(text.slice(i)) : true;
  }
  return false;
}

/** Values quoted in messages are cut to a readable length. */
export function clip(value: string): string {
  const one = value.replace(/\s+/g, ' ');
  return one.length > 120 ? one.slice(0, 117) + '...' : one;
}

/** The value of an attribute without namespace, or undefined. */
export function attr(node: Node, name: string): string | undefined {
  for (const a of node.el.attrs) if (a.uri === '' && a.local === name) return a.value;
  return undefined;
}

/** The value of a namespaced attribute, or undefined. */
export function nsAttr(node: Node, uri: string, local: string): string | undefined {
  for (const a of node.el.attrs) if (a.uri === uri && a.local === local) return a.value;
  return undefined;
}
