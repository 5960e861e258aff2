// The streaming XML pass: bytes in (any chunking), well-formedness and namespace errors with
// line and column out, and a flat stream of start/text/end events for the feed rules.
// xml-tokenizer.ts reads the XML; this module adds what a feed validator needs around it:
// encoding sniffing and checking, the XML version, entities declared in the DOCTYPE (expanded
// here with a hard budget, never fetched), namespace names, and stopping at the first fatal
// error as every XML reader does. Memory stays bounded: no tree is built.
import { sniffEncoding, SNIFF_BYTES, type StreamDecoder } from './encoding.js';
import { HTML_ENTITIES } from './html-entities.js';
import { objectArray } from './arrays.js';
import { intern } from './intern.js';
import { isXmlName, LONGEST_CACHED_NAME, XmlTokenizer, type TokenError, type TokenHandler } from './xml-tokenizer.js';

export interface XmlAttr {
  /** The qualified name as written (e.g. "xml:lang", "isPermaLink"). */
  name: string;
  prefix: string;
  local: string;
  /** Namespace URI; '' for unprefixed attributes. */
  uri: string;
  value: string;
}

export interface XmlElement {
  name: string;
  prefix: string;
  local: string;
  uri: string;
  attrs: XmlAttr[];
  /** Namespace declarations made on this element: prefix ('' for the default) → URI. */
  nsDecls: Record<string, string>;
  line: number;
  column: number;
}

export interface Doctype {
  name: string;
  publicId: string | null;
  systemId: string | null;
}

/** Receives the document, in order. All callbacks stop after the first fatal error. */
export interface XmlSink {
  start(el: XmlElement): void;
  /** Character data (entities resolved, CDATA included); one text node may come in several calls. */
  text(text: string): void;
  /**
   * Whether the text of the element just opened (or returned to) is needed. When not, it is
   * checked but handed out only if it may be suspect (see XmlTokenizer.skipText); the length
   * of what was skipped goes to skippedText.
   */
  wantsText?(): boolean;
  skippedText?(length: number): void;
  end(): void;
  doctype?(d: Doctype, line: number): void;
}

export type XmlReport = (code: string, params: Record<string, string | number>, line: number | null, column: number | null) => void;

/** Entity expansion budget per document, in characters (a feed needs a few hundred at most). */
const ENTITY_BUDGET = 1_000_000;

/** Shared by the many elements that declare no namespace (never written to). */
const NO_DECLS: Record<string, string> = Object.freeze({}) as Record<string, string>;
/** Shared by the many elements without attributes (never written to). */
const NO_ATTRS: XmlAttr[] = [];

const PREDEFINED = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

interface QName {
  readonly prefix: string;
  readonly local: string;
  /** The namespace the prefix was last resolved to (undefined: unbound), while `epoch` is current. */
  uri: string | undefined;
  epoch: number;
}

/**
 * Numbers the states of namespace bindings, of every reader: a reader takes a new number at
 * each change of its bindings, so a namespace remembered with a number that is its current one
 * is still right. Bindings change at a few elements of a feed (usually only the root).
 */
let bindingStates = 0;

/** Distinct names whose split is remembered at most (a feed has a few dozen). */
const QNAME_CACHE_LIMIT = 1000;

/**
 * Names split at their colon, by name (the tokenizer hands out one string per name). Shared by
 * all documents: the split depends on the name alone, and feeds use the same few names.
 */
const qnames = new Map<string, QName>();

/** Whether the element declares namespaces (most do not, and share one empty record). */
export function declaresNamespaces(el: XmlElement): boolean {
  return el.nsDecls !== NO_DECLS;
}

interface EntityDecl {
  value: string | null; // null: external (SYSTEM/PUBLIC), never read
}

/** Parses the internal subset of a DOCTYPE: general entity declarations only (others are skipped). */
function parseInternalSubset(subset: string): Map<string, EntityDecl> {
  const out = new Map<string, EntityDecl>();
  const re = /<!ENTITY\s+(%\s+)?([^\s"'>]+)\s+(?:"([^"]*)"|'([^']*)'|(SYSTEM|PUBLIC)\s[^>]*)\s*(?:NDATA\s+\S+\s*)?>/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(subset)) !== null) {
    if (m[1]) continue; // parameter entity: only used inside the DTD
    const name = m[2];
    if (out.has(name)) continue; // XML 1.0 §4.2: the first declaration binds
    if (m[5]) out.set(name, { value: null });
    else out.set(name, { value: m[3] ?? m[4] ?? '' });
  }
  return out;
}

/** Splits `name (PUBLIC "p" "s" | SYSTEM "s")? [subset]?` as it follows "<!DOCTYPE". */
function parseDoctype(text: string): { doctype: Doctype; subset: string } {
  const t = text.trim();
  const name = /^[^\s[>]+/.exec(t)?.[0] ?? '';
  let rest = t.slice(name.length).trim();
  let publicId: string | null = null;
  let systemId: string | null = null;
  const pub = /^PUBLIC\s*(["'])([^"']*)\1\s*(?:(["'])([^"']*)\3)?/.exec(rest);
  const sys = /^SYSTEM\s*(["'])([^"']*)\1/.exec(rest);
  if (pub) {
    publicId = pub[2];
    systemId = pub[4] ?? null;
    rest = rest.slice(pub[0].length);
  } else if (sys) {
    systemId = sys[2];
    rest = rest.slice(sys[0].length);
  }
  const open = rest.indexOf('[');
  const close = rest.lastIndexOf(']');
  const subset = open >= 0 && close > open ? rest.slice(open + 1, close) : '';
  return { doctype: { name, publicId, systemId }, subset };
}

/**
 * Reads a document and hands its elements and text to a sink. It is also the handler of its
 * tokenizer's events (the methods under "tokenizer events"): methods of one class are the same
 * functions for every document, so optimised code keeps calling them directly, where closures
 * made for each reader were new functions each time, and the calls to them were deoptimised at
 * every new document.
 */
export class XmlReader implements TokenHandler {
  private readonly tokens: XmlTokenizer;
  private decoder: StreamDecoder | null = null;
  private head: Uint8Array[] = [];
  private headLength = 0;
  private failed = false;
  private entityBudget = ENTITY_BUDGET;
  private declared = new Map<string, EntityDecl>();
  private reportedBadBytes = false;
  /** The encoding the document was read in (known after the first bytes). */
  encoding = 'utf-8';

  constructor(
    private readonly sink: XmlSink,
    private readonly report: XmlReport,
  ) {
    this.tokens = new XmlTokenizer(this);
  }

  /** True once a fatal (well-formedness) error was reported: events stopped there. */
  get stopped(): boolean {
    return this.failed;
  }

  /** False while no text read so far has had a C1 control or U+FFFD (signs of a wrong encoding). */
  get mayHaveBadCharacters(): boolean {
    return this.tokens.maySuspectText;
  }

  get line(): number {
    return this.tokens.line;
  }

  get column(): number {
    return this.tokens.column;
  }

  write(chunk: Uint8Array): void {
    if (this.failed) return;
    if (!this.decoder) {
      this.head.push(chunk);
      this.headLength += chunk.length;
      if (this.headLength < SNIFF_BYTES) return;
      this.startDecoding();
      return;
    }
    this.feed(this.decoder.decode(chunk, false));
  }

  /**
   * Reads a whole document held as a string, as write() and end() would read its UTF-8 encoding
   * but without encoding and decoding it. The string must have no lone surrogates (encoding
   * turns them into U+FFFD). Returns false, having read nothing, when the document's first bytes
   * say it is not UTF-8: only its bytes can then tell what a reader sees.
   */
  readText(text: string): boolean {
    // The first SNIFF_BYTES characters encode to at least as many bytes: all that sniffing reads.
    const sniffed = sniffEncoding(Buffer.from(text.slice(0, SNIFF_BYTES), 'utf8'));
    if (sniffed.decoder.name !== 'utf-8') return false;
    this.decoder = sniffed.decoder;
    this.encoding = sniffed.decoder.name;
    for (const p of sniffed.problems) this.report(p.code, p.params, 1, p.column ?? 1);
    // A UTF-8 byte order mark is one character; the decoder would drop one more at the start.
    let start = sniffed.bom > 0 ? 1 : 0;
    if (text.charCodeAt(start) === 0xfeff) start++;
    this.feed([start === 0 ? text : text.slice(start)]);
    this.end();
    return true;
  }

  end(): void {
    if (!this.decoder) this.startDecoding();
    if (!this.failed) this.feed(this.decoder!.decode(new Uint8Array(0), true));
    if (!this.failed) this.tokens.end();
  }

  private startDecoding(): void {
    let all: Uint8Array;
    if (this.head.length === 1) {
      all = this.head[0];
    } else {
      all = new Uint8Array(this.headLength);
      let off = 0;
      for (const c of this.head) {
        all.set(c, off);
        off += c.length;
      }
    }
    this.head = [];
    const sniffed = sniffEncoding(all);
    this.decoder = sniffed.decoder;
    this.encoding = sniffed.decoder.name;
    for (const p of sniffed.problems) this.report(p.code, p.params, 1, p.column ?? 1);
    this.feed(this.decoder.decode(all.subarray(sniffed.bom), false));
  }

  /** Hands a decoded chunk to the tokenizer, piece by piece. */
  private feed(pieces: string[]): void {
    if (this.failed) return;
    if (this.decoder?.invalidBytes && !this.reportedBadBytes && pieces.some((p) => p.length > 0)) {
      this.reportedBadBytes = true;
      this.report('InvalidEncodedBytes', { encoding: this.decoder.name.toUpperCase() }, this.tokens.line, this.tokens.column);
    }
    for (const text of pieces) {
      if (this.failed) return;
      if (text.length > 0) this.tokens.write(text);
    }
  }

  // ── tokenizer events (TokenHandler) ────────────────────────────────────────

  text(text: string): void {
    this.sink.text(text);
  }

  skippedText(length: number): void {
    this.sink.skippedText?.(length);
  }

  error(code: TokenError, params: Record<string, string | number>, line: number, column: number): void {
    this.failed = true;
    this.report(code, params, line, column);
  }

  /** The root element starts: the prolog is over. */
  rootStart(): void {
    const version = this.tokens.xmlDecl.version;
    if (version !== undefined && version !== '1.0') this.report('BadXmlVersion', { value: version }, 1, 1);
  }

  /** In-scope namespace bindings: prefix → stack of URIs ('' is the default namespace). */
  private readonly bindings = new Map<string, string[]>([
    ['xml', [XML_NS]],
    ['xmlns', [XMLNS_NS]],
  ]);
  /** For each open element, the prefixes it declared (null when none: the common case). */
  private readonly declStack: (string[] | null)[] = objectArray();
  /** The number of the current state of `bindings` (see bindingStates). */
  private epoch = ++bindingStates;

  doctype(text: string, line: number, column: number): void {
    const { doctype, subset } = parseDoctype(text);
    const hasExternalSubset = doctype.systemId !== null || doctype.publicId !== null;
    this.declared = parseInternalSubset(subset);
    const tokens = this.tokens;
    for (const [name, decl] of this.declared) {
      if (PREDEFINED.has(name) || !isXmlName(name)) continue;
      if (decl.value === null) {
        tokens.defineEntity(name, '');
        this.report('ExternalEntity', { name }, line, column);
        continue;
      }
      const expanded = this.expand(name, new Set(), line, column);
      if (expanded === null) return; // error already reported
      tokens.defineEntity(name, expanded);
    }
    if (hasExternalSubset) {
      // An external DTD may declare entities we do not read. The one feeds use (RSS 0.91)
      // declares the HTML 4 character entities, so those are known; others stay undefined.
      for (const [name, ch] of Object.entries(HTML_ENTITIES)) tokens.defineEntity(name, ch);
    }
    this.sink.doctype?.(doctype, line);
  }

  /**
   * The replacement text of a declared entity, with character references and nested entities
   * expanded, or null (and an error reported) past the budget or on recursion.
   */
  private expand(name: string, open: Set<string>, line: number, column: number): string | null {
    const decl = this.declared.get(name);
    if (!decl || decl.value === null) return '';
    if (open.has(name)) {
      this.stop('RecursiveEntity', { name }, line, column);
      return null;
    }
    open.add(name);
    let out = '';
    const re = /&(#x[0-9a-fA-F]+|#[0-9]+|[^\s&;]+);/g;
    let last = 0;
    let m: RegExpExecArray | null;
    const value = decl.value;
    while ((m = re.exec(value)) !== null) {
      out += value.slice(last, m.index);
      last = m.index + m[0].length;
      const ref = m[1];
      let piece: string | null;
      if (ref[0] === '#') {
        const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
        piece = code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
      } else if (PREDEFINED.has(ref)) {
        piece = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[ref] ?? '';
      } else if (this.declared.has(ref)) {
        piece = this.expand(ref, open, line, column);
        if (piece === null) return null;
      } else {
        piece = m[0];
      }
      out += piece;
      this.entityBudget -= piece.length;
      if (this.entityBudget < 0 || out.length > ENTITY_BUDGET) {
        this.stop('EntityExpansionLimit', { name, limit: ENTITY_BUDGET }, line, column);
        return null;
      }
    }
    out += value.slice(last);
    open.delete(name);
    return out;
  }

  private resolve(prefix: string): string | undefined {
    const stack = this.bindings.get(prefix);
    return stack && stack.length > 0 ? stack[stack.length - 1] : undefined;
  }

  /** The namespace of a name's prefix (undefined: unbound), remembered until the bindings change. */
  private namespaceOf(q: QName): string | undefined {
    if (q.epoch === this.epoch) return q.uri;
    const uri = this.resolve(q.prefix);
    q.uri = uri;
    q.epoch = this.epoch;
    return uri;
  }

  /** Namespaces in XML 1.0: declarations, prefixed names, unbound prefixes, duplicate names. */
  openTag(name: string, names: readonly string[], values: readonly string[], count: number, line: number, column: number): void {
    let nsDecls: Record<string, string> = NO_DECLS;
    let declared: string[] | null = null;
    let plain = 0; // attributes that are not namespace declarations
    for (let a = 0; a < count; a++) {
      const aname = names[a];
      // Declarations first (they apply to the element's own name and attributes).
      if (aname.charCodeAt(0) !== 0x78 /* x */ || (aname !== 'xmlns' && !aname.startsWith('xmlns:'))) {
        plain++;
        continue;
      }
      const prefix = aname === 'xmlns' ? '' : aname.slice(6);
      const uri = values[a];
      if (prefix === 'xmlns' || (prefix === 'xml' && uri !== XML_NS) || (prefix !== 'xml' && (uri === XML_NS || uri === XMLNS_NS))) {
        return this.stop('NotWellFormed', { detail: `the prefix "${prefix}" or its namespace is reserved` }, line, column);
      }
      if (prefix !== '' && (uri === '' || !isNcName(prefix))) {
        return this.stop('NotWellFormed', { detail: uri === '' ? `xmlns:${prefix}="" cannot undeclare a prefix in XML 1.0` : `malformed prefix "${prefix}"` }, line, column);
      }
      if (/\s/.test(uri)) this.report('InvalidNamespaceName', { value: uri }, line, column);
      if (nsDecls === NO_DECLS) nsDecls = {};
      nsDecls[prefix] = uri;
      let stack = this.bindings.get(prefix);
      if (!stack) this.bindings.set(prefix, (stack = []));
      stack.push(uri);
      (declared ??= []).push(prefix);
      this.epoch = ++bindingStates;
    }
    this.declStack.push(declared);
    const qname = this.split(name);
    if (qname === null) return this.stop('NotWellFormed', { detail: `malformed name "${name}"` }, line, column);
    const { prefix, local } = qname;
    const uri = this.namespaceOf(qname);
    if (uri === undefined && prefix !== '') return this.stop('UndeclaredPrefix', { prefix, element: name }, line, column);
    const attrs: XmlAttr[] = plain === 0 ? NO_ATTRS : [];
    if (plain > 0) {
      // Two prefixes for one namespace must not give an element the same attribute twice; the
      // set of expanded names is made only for a second prefixed attribute.
      let seen: Set<string> | null = null;
      let first: XmlAttr | null = null;
      for (let a = 0; a < count; a++) {
        const aname = names[a];
        if (aname.charCodeAt(0) === 0x78 && (aname === 'xmlns' || aname.startsWith('xmlns:'))) continue;
        const q = this.split(aname);
        if (q === null) return this.stop('NotWellFormed', { detail: `malformed attribute name "${aname}"` }, line, column);
        if (q.prefix === '') {
          attrs.push({ name: aname, prefix: '', local: aname, uri: '', value: values[a] });
          continue;
        }
        const auri = this.namespaceOf(q);
        if (auri === undefined) return this.stop('UndeclaredPrefix', { prefix: q.prefix, element: name }, line, column);
        const attr: XmlAttr = { name: aname, prefix: q.prefix, local: q.local, uri: auri, value: values[a] };
        if (first === null) {
          first = attr;
        } else {
          seen ??= new Set([`{${first.uri}}${first.local}`]);
          const expanded = `{${auri}}${q.local}`;
          if (seen.has(expanded)) return this.stop('NotWellFormed', { detail: `duplicate attribute ${expanded}` }, line, column);
          seen.add(expanded);
        }
        attrs.push(attr);
      }
    }
    this.sink.start({ name, prefix, local, uri: uri ?? '', attrs, nsDecls, line, column });
    this.tokens.skipText = this.sink.wantsText?.() === false;
  }

  /** A name's prefix and local part, or null for a malformed name (a colon first, last or twice). */
  private split(name: string): QName | null {
    let q = qnames.get(name);
    if (q !== undefined) return q;
    const colon = name.indexOf(':');
    if (colon < 0) q = { prefix: '', local: name, uri: undefined, epoch: 0 };
    else if (colon === 0 || colon === name.length - 1 || name.indexOf(':', colon + 1) >= 0) return null;
    else q = { prefix: intern(name.slice(0, colon)), local: intern(name.slice(colon + 1)), uri: undefined, epoch: 0 };
    if (name.length <= LONGEST_CACHED_NAME) {
      // Full (a document with thousands of made-up names): start again, so that the names of
      // the documents read next are kept.
      if (qnames.size >= QNAME_CACHE_LIMIT) qnames.clear();
      qnames.set(name, q);
    }
    return q;
  }

  closeTag(): void {
    const declared = this.declStack.pop();
    if (declared) {
      for (const prefix of declared) this.bindings.get(prefix)!.pop();
      this.epoch = ++bindingStates;
    }
    this.sink.end();
    this.tokens.skipText = this.sink.wantsText?.() === false;
  }

  /** A fatal error found here (not by the tokenizer): report it and stop reading. */
  private stop(code: string, params: Record<string, string | number>, line: number, column: number): void {
    this.failed = true;
    this.tokens.stop();
    this.report(code, params, line, column);
  }
}

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

// NCName: an XML name without colons (the tokenizer has checked the name characters already).
function isNcName(s: string): boolean {
  return s.length > 0 && !s.includes(':');
}
