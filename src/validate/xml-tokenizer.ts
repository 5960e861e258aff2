// The XML 1.0 tokenizer under the validator: decoded text in (any chunking), start tags, end
// tags and character data out, with every well-formedness rule a feed can break and the line
// and column of the first one broken. It stops at that first error, as XML readers do.
//
// Why not a general SAX parser: reading character by character through a state table costs
// more than everything else the validator does. Here the hot loops (character data, attribute
// values) are tight scans over the chunk with slices handed out whole; states are kept only for
// constructs that may be long (comments, CDATA, processing instructions, the DOCTYPE). A start
// or end tag cut by a chunk boundary is kept and parsed again once its end has arrived; the
// search for that end resumes where it stopped, so long tags cost linear time, and a size limit
// bounds the memory they may take.
//
// Lines and columns follow XML's line-end handling (CR LF and lone CR are one line end) and
// count characters, not UTF-16 units. Namespaces, entity declarations and the encoding are the
// caller's business (xml.ts); this module knows only the five predefined entities and what
// the caller defines.

import { BRACKET_CHAR, charKinds, CR_CHAR, FORBIDDEN_CHAR, SUSPECT_CHAR, SURROGATE_CHAR, TAB_CHAR } from './char-scan.js';
import { objectArray } from './arrays.js';
import { intern } from './intern.js';

/** What the tokenizer reports, in document order. Callbacks may call stop(). */
export interface TokenHandler {
  /** The root element's name has been read: the prolog (XML declaration, DOCTYPE) is over. */
  rootStart(): void;
  /**
   * A start tag: raw names and normalised values of its attributes in document order (the
   * arrays are reused: read them before returning). A self-closing tag is followed by closeTag().
   */
  openTag(name: string, attrNames: readonly string[], attrValues: readonly string[], count: number, line: number, column: number): void;
  closeTag(): void;
  /** Character data, references resolved, line ends normalised; one text node may come in several calls. */
  text(text: string): void;
  /**
   * Character data of this many characters was checked but not handed out, because the caller
   * set `skipText` and no character read so far was suspect (see maySuspectText). Within one
   * element, skipped text always comes before text handed out.
   */
  skippedText(length: number): void;
  /** The DOCTYPE declaration: what follows "<!DOCTYPE" up to its closing ">". */
  doctype(body: string, line: number, column: number): void;
  /** The first fatal error; nothing is reported after it. */
  error(code: TokenError, params: Record<string, string | number>, line: number, column: number): void;
}

export type TokenError = 'NotWellFormed' | 'UndefinedEntity' | 'ValidatorLimit' | 'EntityExpansionLimit';

export interface XmlDeclaration {
  version?: string;
  encoding?: string;
  standalone?: string;
}

/** Largest start or end tag kept while waiting for its end, in characters. */
export const TAG_LIMIT = 8 * 1024 * 1024;
/** Largest DOCTYPE declaration read, in characters. */
export const DOCTYPE_LIMIT = 1_000_000;
/** How much of a new chunk a kept token is read again with (more if the token ends further on). */
const REJOIN = 4096;
/** Largest other construct kept across chunks (a reference, a PI target, the XML declaration). */
const SMALL_LIMIT = 64 * 1024;
/** Characters that references to declared entities may add to the document, in all. */
export const REFERENCE_BUDGET = 10_000_000;

// What the tokenizer is in the middle of, between tokens.
const TEXT = 0;
const COMMENT = 1;
const CDATA = 2;
const PI = 3;
const DOCTYPE = 4;

// What a kept (incomplete) token needs before it is parsed again.
const NONE = 0;
const TAG = 1; // a ">" outside quotes, or a "<"
const END_TAG = 2; // a ">" or a "<"
const MORE = 3; // any more text

// Parse results besides a position.
const INCOMPLETE = -1;
const STOPPED = -2;

// Sub-states of the DOCTYPE scan (after "<!DOCTYPE").
const DT_BODY = 0;
const DT_QUOTE = 1;
const DT_SUBSET = 2;
const DT_SUBSET_QUOTE = 3;
const DT_WAKA = 4; // "<" in the internal subset
const DT_WAKA_BANG = 5; // "<!"
const DT_WAKA_DASH = 6; // "<!-"
const DT_COMMENT = 7;
const DT_COMMENT_DASH = 8;
const DT_COMMENT_DASH2 = 9;
const DT_PI = 10;
const DT_PI_QUESTION = 11;

// ASCII name characters: bit 1 may start a name, bit 2 may continue one.
const ASCII_NAME = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const start = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x3a || c === 0x5f;
  const more = start || c === 0x2d || c === 0x2e || (c >= 0x30 && c <= 0x39);
  ASCII_NAME[c] = (start ? 1 : 0) | (more ? 2 : 0);
}

/** NameStartChar of XML 1.0 (fifth edition) for a code unit below U+D800 or above U+DFFF. */
function isNameStartBmp(c: number): boolean {
  if (c < 0x80) return (ASCII_NAME[c] & 1) !== 0;
  return (
    (c >= 0xc0 && c <= 0xd6) ||
    (c >= 0xd8 && c <= 0xf6) ||
    (c >= 0xf8 && c <= 0x2ff) ||
    (c >= 0x370 && c <= 0x37d) ||
    (c >= 0x37f && c <= 0x1fff) ||
    c === 0x200c ||
    c === 0x200d ||
    (c >= 0x2070 && c <= 0x218f) ||
    (c >= 0x2c00 && c <= 0x2fef) ||
    (c >= 0x3001 && c <= 0xd7ff) ||
    (c >= 0xf900 && c <= 0xfdcf) ||
    (c >= 0xfdf0 && c <= 0xfffd)
  );
}

function isNameCharBmp(c: number): boolean {
  if (c < 0x80) return (ASCII_NAME[c] & 2) !== 0;
  return isNameStartBmp(c) || c === 0xb7 || (c >= 0x300 && c <= 0x36f) || c === 0x203f || c === 0x2040;
}

/** Surrogate pairs from U+10000 to U+EFFFF are name characters; their high half is D800–DB7F. */
function isNameHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdb7f;
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/** The Char production, for character references. */
function isXmlChar(c: number): boolean {
  return (c >= 0x20 && c <= 0xd7ff) || c === 0x0a || c === 0x0d || c === 0x09 || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
}

const NAME_RE = /^[:A-Z_a-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\u{10000}-\u{EFFFF}][-.0-9:A-Z_a-z\u00B7\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u037D\u037F-\u1FFF\u200C\u200D\u203F\u2040\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\u{10000}-\u{EFFFF}]*$/u;

/** True if the string matches XML 1.0's Name production. */
export function isXmlName(s: string): boolean {
  return NAME_RE.test(s);
}

/** Slots of the name cache (a power of two; two slots a hash). */
const NAME_CACHE_SIZE = 512;
/** Longer names are not cached, nor the maps keyed by names downstream: memory stays small. */
export const LONGEST_CACHED_NAME = 100;

/**
 * Recently read names (see nameAt), shared by all documents: a name is the same string whatever
 * document it is read in, and the names of one feed are the names of the next.
 */
const recentNames: string[] = new Array<string>(NAME_CACHE_SIZE).fill('');

/** What may follow "<!". */
const BANG_KEYWORDS = ['--', '[CDATA[', 'DOCTYPE'];

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export class XmlTokenizer {
  /** The XML declaration's pseudo-attributes, once read. */
  readonly xmlDecl: XmlDeclaration = {};

  private stopped = false;
  // Position: `base` is the document offset of the current text's first character; `lineStart`
  // the offset where the current line starts; `astral` the characters of that line, up to where
  // reading has got, that take two UTF-16 units (columns count characters).
  private base = 0;
  private lineNo = 1;
  private lineStart = 0;
  private astral = 0;

  private state = TEXT;
  private begun = false;
  private xmlDeclPossible = true;
  private sawRoot = false;
  private closedRoot = false;
  private sawDoctype = false;
  /** Names of the open elements, innermost last. */
  private readonly open: string[] = objectArray();
  private piTarget = '';
  /** The two characters before the current text (for "]]>" split across chunks). */
  private before = '';

  // A token cut by the end of the text: its pieces, and what must arrive before trying again.
  private pieces: string[] = [];
  private pendingLength = 0;
  private pendingKind = NONE;
  private pendingLimit = SMALL_LIMIT;
  private pendingQuote = 0;

  // The DOCTYPE being read.
  private dtParts: string[] = [];
  private dtLength = 0;
  private dtState = DT_BODY;
  private dtQuote = 0;

  /** Entities that references may name: the predefined five and what the caller defines. */
  private readonly entities: Map<string, string> = new Map(Object.entries(PREDEFINED));
  private longestEntityName = 4;
  private referenceBudget = REFERENCE_BUDGET;

  /**
   * Set by the caller while the current element's text is not needed (only checked). Its text
   * is then not built into strings, as long as no suspect character has been read: suspect text
   * is always handed out, so that the caller can look for it.
   */
  skipText = false;


  // Reused for the attributes of each start tag.
  private readonly attrNames: string[] = objectArray();
  private readonly attrValues: string[] = objectArray();

  constructor(private readonly h: TokenHandler) {}

  /** Current line (1-based) of the reading position. */
  get line(): number {
    return this.lineNo;
  }

  /** Column of the last character read (1-based; 0 at the start of a line). */
  get column(): number {
    return this.base - this.lineStart - this.astral;
  }

  /**
   * False while no text read so far (nor any reference) has had a C1 control character or
   * U+FFFD: then no text handed out can have one, and checks for them can be skipped.
   */
  get maySuspectText(): boolean {
    return this.suspect;
  }

  /** Makes `&name;` stand for `value` from now on (the first definition of a name binds). */
  defineEntity(name: string, value: string): void {
    if (this.entities.has(name)) return;
    if ((charKinds(value) & SUSPECT_CHAR) !== 0) this.suspect = true;
    this.entities.set(name, value);
    if (name.length > this.longestEntityName) this.longestEntityName = name.length;
  }

  /** Stops reading: nothing more is reported. */
  stop(): void {
    this.stopped = true;
  }

  write(text: string): void {
    if (!this.stopped && text.length > 0) this.feed(text, false);
  }

  /** The end of the document: reports an unclosed element or construct. */
  end(): void {
    if (this.stopped) return;
    this.feed('', true);
    if (this.stopped) return;
    const line = this.lineNo;
    const column = this.column;
    if (!this.sawRoot) this.fail(line, column, 'document must contain a root element');
    else if (this.open.length > 0) this.fail(line, column, `unclosed tag: ${this.open[this.open.length - 1]}`);
    else if (this.state !== TEXT || this.pendingKind !== NONE) this.fail(line, column, 'unexpected end');
  }

  // ── driving ────────────────────────────────────────────────────────────────

  private feed(text: string, final: boolean): void {
    while (this.pendingKind !== NONE) {
      const end = this.keptTokenEnd(text);
      if (!final && end < 0) {
        this.pieces.push(text);
        this.pendingLength += text.length;
        const limit = this.pendingLimit;
        if (this.pendingLength > limit) this.fail(this.lineNo, this.column + 1, null, 'ValidatorLimit', { limit });
        return;
      }
      // The kept token is read again with the start of the text only (reading is the same
      // however the text is cut): joined to the whole of a new chunk, it would copy all of it.
      const cut = final ? text.length : Math.min(text.length, Math.max(end, REJOIN));
      this.pieces.push(cut === text.length ? text : text.slice(0, cut));
      const s = this.pieces.join('');
      this.pieces = [];
      this.pendingLength = 0;
      this.pendingKind = NONE;
      this.run(s, final);
      if (cut === text.length || this.stopped) return;
      text = text.slice(cut);
    }
    this.run(text, final);
  }

  /**
   * Whether `text` brings what the kept token was waiting for: the index just past the end of a
   * kept tag (0 when any text will do), or -1 when it does not (the search then advances).
   */
  private keptTokenEnd(text: string): number {
    if (this.pendingKind === MORE) return 0;
    if (this.pendingKind === END_TAG) {
      const gt = text.indexOf('>');
      const lt = text.indexOf('<');
      const at = gt < 0 ? lt : lt < 0 ? gt : Math.min(gt, lt);
      return at < 0 ? -1 : at + 1;
    }
    return this.findTagEnd(text, 0);
  }

  /**
   * Searches a start tag's text for its end, a ">" outside quoted values or a "<" (an error):
   * the index just past it, or -1.
   */
  private findTagEnd(text: string, from: number): number {
    let q = this.pendingQuote;
    for (let k = from; k < text.length; k++) {
      const c = text.charCodeAt(k);
      if (c === 0x3c) return k + 1;
      if (q !== 0) {
        if (c === q) q = 0;
      } else if (c === 0x3e) {
        return k + 1;
      } else if (c === 0x22 || c === 0x27) {
        q = c;
      }
    }
    this.pendingQuote = q;
    return -1;
  }

  /** Keeps s[from..] for the next write: a token cut by the end of the text. */
  private keep(s: string, from: number, kind: number): void {
    const rest = s.slice(from);
    this.base += from;
    this.pieces = [rest];
    this.pendingLength = rest.length;
    this.pendingKind = kind;
    this.pendingLimit = kind === MORE ? SMALL_LIMIT : TAG_LIMIT;
    if (kind === TAG) {
      this.pendingQuote = 0;
      // The part already here decides whether the quote is open; if it already holds an end,
      // the parse needed more than the search expects: try again with the next text.
      if (this.findTagEnd(rest, 1) >= 0) this.pendingKind = MORE;
    }
    if (rest.length > this.pendingLimit) this.fail(this.lineNo, this.column + 1, null, 'ValidatorLimit', { limit: this.pendingLimit });
  }

  private run(s: string, final: boolean): void {
    const n = s.length;
    let i = 0;
    // One pass over the text usually settles it: nothing forbidden, no surrogate, nothing suspect.
    const kinds = charKinds(s);
    this.clean = (kinds & FORBIDDEN_CHAR) === 0;
    if ((kinds & SUSPECT_CHAR) !== 0) this.suspect = true;
    this.surAt = (kinds & SURROGATE_CHAR) === 0 ? n : -1; // -1: looked for when needed
    this.ltAt = this.ampAt = this.nlAt = -1;
    // None of these anywhere in the text (the usual case): no search will be needed.
    this.crAt = (kinds & CR_CHAR) === 0 ? n : -1;
    this.tabAt = (kinds & TAB_CHAR) === 0 ? n : -1;
    this.cdAt = (kinds & BRACKET_CHAR) === 0 ? n : -1;
    if (!this.begun && n > 0) {
      this.begun = true;
      if (s.charCodeAt(0) === 0xfeff) i = 1; // a byte order mark the decoder left in
    }
    while (i < n) {
      let j: number;
      switch (this.state) {
        case TEXT:
          j = this.open.length > 0 ? this.scanContent(s, i, final) : this.scanOutside(s, i, final);
          if (j >= 0 && j < n && this.state === TEXT) j = this.token(s, j, final);
          break;
        case COMMENT:
          j = this.scanComment(s, i, final);
          break;
        case CDATA:
          j = this.scanCdata(s, i, final);
          break;
        case PI:
          j = this.scanPi(s, i, final);
          break;
        default:
          j = this.scanDoctype(s, i, final);
      }
      if (j === STOPPED || this.stopped) return;
      if (j === INCOMPLETE) {
        if (!final) return; // keep() was called
        // The document ends inside a token: end() reports it, at the end of the text.
        this.pendingKind = MORE;
        this.advance(s, this.holdFrom, n);
        this.base += n;
        return;
      }
      i = j;
    }
    if (n >= 2) this.before = s.slice(n - 2);
    else this.before = (this.before + s).slice(-2);
    this.base += n;
  }

  /** Where the token that could not be completed starts (set with INCOMPLETE). */
  private holdFrom = 0;

  /** Returns INCOMPLETE after keeping s[from..] (or noting it, at the end of the document). */
  private incomplete(s: string, from: number, kind: number, final: boolean): number {
    if (final) this.holdFrom = from;
    else this.keep(s, from, kind);
    return INCOMPLETE;
  }

  /** At "<" or "&" in text. */
  private token(s: string, i: number, final: boolean): number {
    if (s.charCodeAt(i) === 0x26) return this.textReference(s, i, final);
    const n = s.length;
    if (i + 1 >= n) return this.incomplete(s, i, MORE, final);
    const c = s.charCodeAt(i + 1);
    if (c < 0x80 ? (ASCII_NAME[c] & 1) !== 0 : isNameHighSurrogate(c) || isNameStartBmp(c)) return this.startTag(s, i, final);
    if (c === 0x3f) return this.processingInstruction(s, i, final);
    this.xmlDeclPossible = false;
    if (c === 0x2f) return this.endTag(s, i, final);
    if (c === 0x21) return this.bang(s, i, final);
    return this.failAt(i + 1, 'disallowed character in tag name');
  }

  // ── position helpers ───────────────────────────────────────────────────────

  /** Column of s[p], when the line state is up to date at p. */
  private col(p: number): number {
    return this.base + p - this.lineStart - this.astral + 1;
  }

  /** Updates the line state over s[from..to) (for positions after text that was skipped). */
  private advance(s: string, from: number, to: number): void {
    for (let k = from; k < to; k++) {
      const c = s.charCodeAt(k);
      if (c === 0x0a) {
        if (k === 0 || s.charCodeAt(k - 1) !== 0x0d) this.lineNo++;
        this.lineStart = this.base + k + 1;
        this.astral = 0;
      } else if (c === 0x0d) {
        this.lineNo++;
        this.lineStart = this.base + k + 1;
        this.astral = 0;
      } else if (c >= 0xd800 && c <= 0xdbff && k + 1 < to) {
        const d = s.charCodeAt(k + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          this.astral++;
          k++;
        }
      }
    }
  }

  /** A line end at s[k] (LF, or CR; an LF right after a CR belongs to it). */
  private newline(s: string, k: number): void {
    if (s.charCodeAt(k) === 0x0d || k === 0 || s.charCodeAt(k - 1) !== 0x0d) this.lineNo++;
    this.lineStart = this.base + k + 1;
    this.astral = 0;
  }

  private fail(line: number, column: number, detail: string | null, code: TokenError = 'NotWellFormed', params?: Record<string, string | number>): number {
    if (this.stopped) return STOPPED;
    this.stopped = true;
    this.h.error(code, params ?? { detail: detail ?? '' }, line, column);
    return STOPPED;
  }

  /** A well-formedness error at index p of the current text (line state up to date at p). */
  private failAt(p: number, detail: string): number {
    return this.fail(this.lineNo, this.col(p), detail);
  }

  /**
   * A character that needs a look: a surrogate, U+FFFE or U+FFFF. Returns the index of its last
   * unit, INCOMPLETE when its second half is not here yet, or STOPPED.
   */
  private wide(s: string, i: number, final: boolean): number {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      if (i + 1 >= s.length) return final ? this.failAt(i, 'disallowed character') : INCOMPLETE;
      const d = s.charCodeAt(i + 1);
      if (d < 0xdc00 || d > 0xdfff) return this.failAt(i, 'disallowed character');
      this.astral++;
      return i + 1;
    }
    if (c <= 0xdfff || c >= 0xfffe) return this.failAt(i, 'disallowed character');
    return i;
  }

  // ── character data ─────────────────────────────────────────────────────────

  // Where the next "<", "&", LF, CR, tab and "]]>" are in the current text, at or after the
  // last place looked (the text's length if none; -1 before the first look). A search resumes
  // only once reading has passed the position found, so each costs one pass over the text.
  private ltAt = -1;
  private ampAt = -1;
  private nlAt = -1;
  private crAt = -1;
  private tabAt = -1;
  private cdAt = -1;
  private surAt = -1;
  /** The current text has no character XML forbids (see FORBIDDEN_CHAR): it may be read with indexOf. */
  private clean = false;
  /** Some text read so far had a C1 control or U+FFFD (see SUSPECT_CHAR). */
  private suspect = false;

  /** Hands out character data, or only its length while text is skipped. */
  private emit(text: string): void {
    if (this.skipText && !this.suspect) this.h.skippedText(text.length);
    else this.h.text(text);
  }

  /** Where the next surrogate is (an astral character: one column, two units). */
  private nextSurrogate(s: string, i: number): number {
    if (this.surAt < i) {
      SURROGATE.lastIndex = i;
      const m = SURROGATE.exec(s);
      this.surAt = m === null ? s.length : m.index;
    }
    return this.surAt;
  }

  /**
   * The astral characters (surrogate pairs) in s[i..end), or -1 if a surrogate there is not
   * half of a pair within it (the careful path reports that).
   */
  private pairsIn(s: string, i: number, end: number): number {
    let pairs = 0;
    for (let k = this.nextSurrogate(s, i); k < end; k = this.nextSurrogate(s, k + 2)) {
      if (s.charCodeAt(k) > 0xdbff || k + 1 >= end) return -1;
      const d = s.charCodeAt(k + 1);
      if (d < 0xdc00 || d > 0xdfff) return -1;
      pairs++;
    }
    return pairs;
  }

  /**
   * Line ends and astral characters of s[i..end) (no CR, surrogates paired: see pairsIn) into
   * the position state.
   */
  private advanceFast(s: string, i: number, end: number, pairs: number): void {
    const line = this.lineNo;
    this.lines(s, i, end);
    if (pairs === 0) return;
    if (this.lineNo === line) {
      this.astral += pairs;
      return;
    }
    // Only the ones after the last line end count; the cached position lies past them.
    this.surAt = -1;
    for (let k = this.nextSurrogate(s, this.lineStart - this.base); k < end; k = this.nextSurrogate(s, k + 2)) this.astral++;
  }

  private nextLt(s: string, i: number): number {
    if (this.ltAt < i) this.ltAt = found(s.indexOf('<', i), s);
    return this.ltAt;
  }

  private nextAmp(s: string, i: number): number {
    if (this.ampAt < i) this.ampAt = found(s.indexOf('&', i), s);
    return this.ampAt;
  }

  private nextNl(s: string, i: number): number {
    if (this.nlAt < i) this.nlAt = found(s.indexOf('\n', i), s);
    return this.nlAt;
  }

  private nextCr(s: string, i: number): number {
    if (this.crAt < i) this.crAt = found(s.indexOf('\r', i), s);
    return this.crAt;
  }

  private nextTab(s: string, i: number): number {
    if (this.tabAt < i) this.tabAt = found(s.indexOf('\t', i), s);
    return this.tabAt;
  }

  /** Counts the LFs in s[i..end) (no CR among them). */
  private lines(s: string, i: number, end: number): void {
    let nl = this.nlAt;
    if (nl < i) nl = found(s.indexOf('\n', i), s);
    while (nl < end) {
      this.lineNo++;
      this.lineStart = this.base + nl + 1;
      this.astral = 0;
      nl = found(s.indexOf('\n', nl + 1), s);
    }
    this.nlAt = nl;
  }

  /**
   * Character data inside the root element, up to the next "<" or the first reference other
   * than the five predefined ones (returned), or the end of the text. Line ends are normalised;
   * forbidden characters and "]]>" are errors. In a text without unusual characters the run is
   * found with indexOf, its references replaced on the way, and the run is then looked at once
   * for what needs the careful path (a CR, "]]>", a lone surrogate); so a text node usually goes
   * out in one piece, and text that is not wanted is not built at all (see skipText).
   */
  private scanContent(s: string, i: number, final: boolean): number {
    if (!this.clean || i < 2) return this.scanContentSlowly(s, i, final);
    // The suspect flag cannot change here: the chunk has been looked at as a whole, and the
    // predefined entities are plain ASCII.
    const skip = this.skipText && !this.suspect;
    const lt = this.nextLt(s, i);
    let end = lt;
    let text = '';
    let from = i; // start of the text not yet added to `text`
    let saved = 0; // characters the references replaced took beyond their replacement
    let amp = this.nextAmp(s, i);
    let ampKnown = true; // amp is the next "&" (else only: none before lt)
    while (amp < lt) {
      const length = predefinedLength(s, amp);
      if (length === 0) {
        end = amp; // a character reference or a declared entity: the general path
        break;
      }
      if (skip) {
        saved += length - 1;
      } else {
        const ch = predefinedAt(s, amp);
        text = text === '' ? (amp > from ? s.slice(from, amp) + ch : ch) : text + (amp > from ? s.slice(from, amp) + ch : ch);
      }
      from = amp + length;
      // Escaped markup has its references a few characters apart ("&lt;p&gt;"): look there first.
      const near = from + 4 < lt ? from + 4 : lt;
      let k = from;
      while (k < near && s.charCodeAt(k) !== 0x26) k++;
      if (k < near) amp = k;
      else if (near === lt) {
        amp = lt;
        ampKnown = false;
      } else {
        amp = found(s.indexOf('&', near), s);
      }
    }
    this.ampAt = ampKnown ? amp : -1;
    if (this.cdAt < i) this.cdAt = found(s.indexOf(']]>', i), s);
    const pairs = this.nextCr(s, i) < end || this.cdAt < end ? -1 : this.pairsIn(s, i, end);
    // A CR to normalise, a "]]>" or a lone surrogate to report: character by character.
    if (pairs < 0) return this.scanContentSlowly(s, i, final);
    this.advanceFast(s, i, end, pairs);
    if (skip) {
      if (end > i) this.h.skippedText(end - i - saved);
    } else {
      if (end > from) text = text === '' ? s.slice(from, end) : text + s.slice(from, end);
      if (text !== '') this.h.text(text);
    }
    return end;
  }

  /** Character by character: see scanContent. */
  private scanContentSlowly(s: string, i: number, final: boolean): number {
    const n = s.length;
    let start = i;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c > 0x3e) {
        if (c < 0xd800) continue;
        const j = this.wide(s, i, final);
        if (j >= 0) {
          i = j;
          continue;
        }
        if (j === STOPPED) return STOPPED;
        break; // a pair cut in two: hold its first half
      }
      if (c === 0x3c || c === 0x26) break;
      if (c === 0x3e) {
        if (this.isCdataEnd(s, i)) return this.failAt(i, 'the string "]]>" is disallowed in char data');
        continue;
      }
      if (c >= 0x20 || c === 0x09) continue;
      if (c === 0x0a) {
        this.lineNo++;
        this.lineStart = this.base + i + 1;
        this.astral = 0;
        continue;
      }
      if (c === 0x0d) {
        if (i + 1 >= n && !final) break; // is an LF next? hold the CR
        if (i > start) this.emit(s.slice(start, i));
        this.emit('\n');
        if (s.charCodeAt(i + 1) === 0x0a) i++;
        start = i + 1;
        this.lineNo++;
        this.lineStart = this.base + i + 1;
        this.astral = 0;
        continue;
      }
      return this.failAt(i, 'disallowed character');
    }
    if (i > start) this.emit(s.slice(start, i));
    if (i < n && s.charCodeAt(i) !== 0x3c && s.charCodeAt(i) !== 0x26) return this.incomplete(s, i, MORE, final);
    return i;
  }

  /** Whether the ">" at s[i] ends a literal "]]>" (the brackets may be in the previous text). */
  private isCdataEnd(s: string, i: number): boolean {
    const b = this.before;
    const c1 = i >= 1 ? s.charCodeAt(i - 1) : b.charCodeAt(b.length - 1);
    if (c1 !== 0x5d) return false;
    const c2 = i >= 2 ? s.charCodeAt(i - 2) : b.charCodeAt(b.length - 2 + i);
    return c2 === 0x5d;
  }

  /** Before and after the root element: only white space, up to the next "<". */
  private scanOutside(s: string, i: number, final: boolean): number {
    const n = s.length;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c === 0x3c) return i;
      if (c === 0x20 || c === 0x09) {
        this.xmlDeclPossible = false;
        continue;
      }
      if (c === 0x0a || c === 0x0d) {
        if (c === 0x0d && i + 1 >= n && !final) return this.incomplete(s, i, MORE, final);
        this.xmlDeclPossible = false;
        this.newline(s, i);
        continue;
      }
      if (c < 0x20 || (c >= 0xd800 && (c <= 0xdfff || c >= 0xfffe))) {
        const j = this.wide(s, i, final);
        if (j === STOPPED) return STOPPED;
      }
      return this.failAt(i, 'text data outside of root node');
    }
    return i;
  }

  // ── references ─────────────────────────────────────────────────────────────

  /** `&...;` in character data: its replacement text goes out as text. */
  private textReference(s: string, i: number, final: boolean): number {
    const end = this.reference(s, i, final);
    if (end < 0) return end;
    if (this.replacement.length > 0) this.emit(this.replacement);
    return end;
  }

  /** Replacement text of the last reference read. */
  private replacement = '';

  /**
   * Reads the reference at s[i] ("&"): sets `replacement` and returns the index after its ";",
   * or INCOMPLETE (nothing kept: the caller keeps its whole token) or STOPPED.
   */
  private reference(s: string, i: number, final: boolean, inTag = false): number {
    const n = s.length;
    let k = i + 1;
    if (k >= n) return inTag ? INCOMPLETE : this.incomplete(s, i, MORE, final);
    let c = s.charCodeAt(k);
    if (c === 0x23) {
      // A character reference: &#123; or &#x7B; (a lowercase x only).
      k++;
      const hex = k < n && s.charCodeAt(k) === 0x78;
      if (hex) k++;
      const digitsFrom = k;
      for (; k < n; k++) {
        c = s.charCodeAt(k);
        if (c >= 0x30 && c <= 0x39) continue;
        if (hex && ((c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46))) continue;
        break;
      }
      if (k >= n) return inTag ? INCOMPLETE : this.incomplete(s, i, MORE, final);
      if (c !== 0x3b || k === digitsFrom) return this.failAt(k, 'malformed character entity');
      const code = parseInt(s.slice(digitsFrom, k), hex ? 16 : 10); // leading zeros are allowed
      if (!isXmlChar(code)) return this.failAt(k, 'malformed character entity');
      if ((code >= 0x80 && code <= 0x9f) || code === 0xfffd) this.suspect = true;
      this.replacement = String.fromCodePoint(code);
      return k + 1;
    }
    if (c === 0x3b) return this.failAt(k, 'empty entity name');
    const nameFrom = k;
    const astralBefore = this.astral;
    for (; k < n; k++) {
      c = s.charCodeAt(k);
      if (c < 0x80) {
        if ((ASCII_NAME[c] & (k === nameFrom ? 1 : 2)) !== 0) continue;
        break;
      }
      if (isNameHighSurrogate(c) && k + 1 < n && s.charCodeAt(k + 1) >= 0xdc00 && s.charCodeAt(k + 1) <= 0xdfff) {
        this.astral++;
        k++;
        continue;
      }
      if (c >= 0xd800 && c <= 0xdbff && k + 1 >= n) break;
      if (k === nameFrom ? isNameStartBmp(c) : isNameCharBmp(c)) continue;
      break;
    }
    if (k >= n || (c >= 0xd800 && c <= 0xdbff && k + 1 >= n)) {
      this.astral = astralBefore;
      if (k - nameFrom > Math.max(this.longestEntityName, SMALL_LIMIT / 2)) {
        return this.fail(this.lineNo, this.col(k), null, 'UndefinedEntity', { name: s.slice(nameFrom, nameFrom + 40) + '…' });
      }
      return inTag ? INCOMPLETE : this.incomplete(s, i, MORE, final);
    }
    if (c !== 0x3b) return this.failAt(k, 'disallowed character in entity name');
    const name = s.slice(nameFrom, k);
    const value = this.entities.get(name);
    if (value === undefined) return this.fail(this.lineNo, this.col(k), null, 'UndefinedEntity', { name });
    if (value.length > k + 1 - i && !Object.prototype.hasOwnProperty.call(PREDEFINED, name)) {
      this.referenceBudget -= value.length - (k + 1 - i);
      if (this.referenceBudget < 0) {
        return this.fail(this.lineNo, this.col(k), null, 'EntityExpansionLimit', { name, limit: REFERENCE_BUDGET });
      }
    }
    this.replacement = value;
    return k + 1;
  }

  // ── tags ───────────────────────────────────────────────────────────────────

  /**
   * Reads a name from s[k], whose first character the caller has checked if it must. Returns
   * the index after it (n if the text ends first). Counts astral characters into the line state.
   */
  private nameEnd(s: string, k: number): number {
    const n = s.length;
    for (; k < n; k++) {
      const c = s.charCodeAt(k);
      if (c < 0x80) {
        if ((ASCII_NAME[c] & 2) !== 0) continue;
        return k;
      }
      if (isNameHighSurrogate(c)) {
        if (k + 1 >= n) return n;
        const d = s.charCodeAt(k + 1);
        if (d < 0xdc00 || d > 0xdfff) return k;
        this.astral++;
        k++;
        continue;
      }
      if (!isNameCharBmp(c)) return k;
    }
    return n;
  }

  /** Skips white space from s[k] (tracking lines); returns the first other index (n at the end). */
  private skipSpace(s: string, k: number): number {
    const n = s.length;
    for (; k < n; k++) {
      const c = s.charCodeAt(k);
      if (c === 0x20 || c === 0x09) continue;
      if (c === 0x0a || c === 0x0d) {
        this.newline(s, k);
        continue;
      }
      return k;
    }
    return n;
  }

  /** A tag cut by the end of the text: the line state goes back to its start, which is kept. */
  private rollBack(s: string, i: number, final: boolean, kind: number, line: number, lineStart: number, astral: number): number {
    this.lineNo = line;
    this.lineStart = lineStart;
    this.astral = astral;
    return this.incomplete(s, i, kind, final);
  }

  /**
   * The name s[from..to): the string handed out last time when the same name was read recently.
   * Element and attribute names repeat all through a feed; one string per name saves making it
   * again, and lets the maps and objects it is looked up in downstream find it quickly.
   */
  private nameAt(s: string, from: number, to: number): string {
    const length = to - from;
    if (length > LONGEST_CACHED_NAME) return s.slice(from, to); // no feed has such names: not worth keeping
    // Two slots a hash: names whose hashes collide (in RSS, "item" and "scheme") both stay.
    const slot = ((s.charCodeAt(from) * 31 + s.charCodeAt(to - 1) * 7 + length) << 1) & (NAME_CACHE_SIZE - 1);
    const names = recentNames;
    const cached = names[slot];
    if (cached.length === length && sameAt(s, from, cached)) return cached;
    const other = names[slot + 1];
    if (other.length === length && sameAt(s, from, other)) return other;
    const name = intern(s.slice(from, to));
    names[slot + 1] = cached;
    names[slot] = name;
    return name;
  }

  /** `<name attr="value" ...>` or `.../>` at s[i]. */
  private startTag(s: string, i: number, final: boolean): number {
    const n = s.length;
    const line0 = this.lineNo;
    const lineStart0 = this.lineStart;
    const astral0 = this.astral;
    const line = line0;
    const column = this.col(i);
    let k = this.nameEnd(s, i + 1);
    if (k >= n) return this.rollBack(s, i, final, TAG, line0, lineStart0, astral0);
    const name = this.nameAt(s, i + 1, k);
    this.xmlDeclPossible = false;
    if (this.closedRoot) return this.failAt(k, 'documents may contain only one root');
    if (!this.sawRoot) {
      this.sawRoot = true;
      this.h.rootStart();
      if (this.stopped) return STOPPED;
    }
    const names = this.attrNames;
    const values = this.attrValues;
    let count = 0;
    let c = s.charCodeAt(k);
    if (c !== 0x3e && c !== 0x2f && !isSpace(c)) return this.failAt(k, 'disallowed character in tag name');
    let selfClosing = false;
    for (;;) {
      // Between attributes: white space, then ">", "/>" or a name.
      k = this.skipSpace(s, k);
      if (k >= n) return this.rollBack(s, i, final, TAG, line0, lineStart0, astral0);
      c = s.charCodeAt(k);
      if (c === 0x3e) {
        k++;
        break;
      }
      if (c === 0x2f) {
        if (k + 1 >= n) return this.rollBack(s, i, final, TAG, line0, lineStart0, astral0);
        if (s.charCodeAt(k + 1) !== 0x3e) return this.failAt(k + 1, 'forward-slash in opening tag not followed by >');
        selfClosing = true;
        k += 2;
        break;
      }
      if (!(c < 0x80 ? (ASCII_NAME[c] & 1) !== 0 : isNameHighSurrogate(c) || isNameStartBmp(c))) {
        return this.failAt(k, 'disallowed character in attribute name');
      }
      const nameFrom = k;
      k = this.nameEnd(s, k); // from the first character: it may be a surrogate pair
      if (k >= n) return this.rollBack(s, i, final, TAG, line0, lineStart0, astral0);
      const aname = this.nameAt(s, nameFrom, k);
      c = s.charCodeAt(k);
      if (c !== 0x3d) {
        if (!isSpace(c)) return this.failAt(k, c === 0x3e ? 'attribute without value' : 'disallowed character in attribute name');
        k = this.skipSpace(s, k);
        if (k >= n) return this.rollBack(s, i, final, TAG, line0, lineStart0, astral0);
        if (s.charCodeAt(k) !== 0x3d) return this.failAt(k, 'attribute without value');
      }
      k = this.skipSpace(s, k + 1);
      if (k >= n) return this.rollBack(s, i, final, TAG, line0, lineStart0, astral0);
      const q = s.charCodeAt(k);
      if (q !== 0x22 && q !== 0x27) return this.failAt(k, 'unquoted attribute value');
      // The value: references resolved, each white-space character a space.
      let value = '';
      let from = ++k;
      const close = this.clean ? s.indexOf(q === 0x22 ? '"' : "'", k) : -1;
      if (close >= 0 && this.nextAmp(s, k) > close && this.nextLt(s, k) > close && this.nextNl(s, k) > close && this.nextCr(s, k) > close && this.nextTab(s, k) > close) {
        const pairs = this.pairsIn(s, k, close);
        if (pairs >= 0) {
          this.astral += pairs; // no line end in between
          k = close; // nothing to replace or check: the common case
        }
      }
      for (;;) {
        if (k >= n) return this.rollBack(s, i, final, TAG, line0, lineStart0, astral0);
        c = s.charCodeAt(k);
        if (c === q) break;
        if (c > 0x3e) {
          if (c >= 0xd800) {
            const j = this.wide(s, k, final);
            if (j === STOPPED) return STOPPED;
            if (j === INCOMPLETE) return this.rollBack(s, i, final, TAG, line0, lineStart0, astral0);
            k = j;
          }
          k++;
          continue;
        }
        if (c === 0x26) {
          const end = this.reference(s, k, final, true);
          if (end === STOPPED) return STOPPED;
          if (end === INCOMPLETE) return this.rollBack(s, i, final, TAG, line0, lineStart0, astral0);
          value += s.slice(from, k) + this.replacement;
          k = from = end;
          continue;
        }
        if (c === 0x3c) return this.failAt(k, 'disallowed character');
        if (c >= 0x20) {
          k++;
          continue;
        }
        if (c === 0x09 || c === 0x0a || c === 0x0d) {
          value += s.slice(from, k) + ' ';
          if (c !== 0x09) {
            this.newline(s, k);
            if (c === 0x0d && k + 1 < n && s.charCodeAt(k + 1) === 0x0a) this.newline(s, ++k);
          }
          k++;
          from = k;
          continue;
        }
        return this.failAt(k, 'disallowed character');
      }
      value += s.slice(from, k);
      k++;
      names[count] = aname;
      values[count] = value;
      count++;
      if (k >= n) return this.rollBack(s, i, final, TAG, line0, lineStart0, astral0);
      c = s.charCodeAt(k);
      if (c === 0x3e || c === 0x2f || isSpace(c)) continue;
      const nameNext = c < 0x80 ? (ASCII_NAME[c] & 1) !== 0 : isNameHighSurrogate(c) || isNameStartBmp(c);
      return this.failAt(k, nameNext ? 'no whitespace between attributes' : 'disallowed character in attribute name');
    }
    if (count > 1) {
      const dup = duplicate(names, count);
      if (dup !== null) return this.failAt(k - 1, `duplicate attribute: ${dup}`);
    }
    this.h.openTag(name, names, values, count, line, column);
    if (this.stopped) return STOPPED;
    if (selfClosing) {
      this.h.closeTag();
      if (this.open.length === 0) this.closedRoot = true;
    } else {
      this.open.push(name);
    }
    return this.stopped ? STOPPED : k;
  }

  /** `</name>` at s[i]. */
  private endTag(s: string, i: number, final: boolean): number {
    const n = s.length;
    const open = this.open;
    const top = open.length > 0 ? open[open.length - 1] : '';
    let k = i + 2 + top.length;
    // The usual case: the innermost open element's name right before ">" (a name without
    // astral characters, which would need their columns counted).
    if (top !== '' && k < n && s.charCodeAt(k) === 0x3e && sameBmpAt(s, i + 2, top)) return this.closeElement(k);
    const line0 = this.lineNo;
    const lineStart0 = this.lineStart;
    const astral0 = this.astral;
    k = this.nameEnd(s, i + 2);
    if (k >= n) return this.rollBack(s, i, final, END_TAG, line0, lineStart0, astral0);
    const nameEnd = k;
    let c = s.charCodeAt(k);
    if (c !== 0x3e) {
      if (!isSpace(c)) return this.failAt(k, 'disallowed character in closing tag');
      k = this.skipSpace(s, k);
      if (k >= n) return this.rollBack(s, i, final, END_TAG, line0, lineStart0, astral0);
      c = s.charCodeAt(k);
      if (c !== 0x3e) return this.failAt(k, 'disallowed character in closing tag');
    }
    if (top === '' || nameEnd - (i + 2) !== top.length || !sameAt(s, i + 2, top)) {
      const name = s.slice(i + 2, nameEnd);
      if (name === '') return this.failAt(k, 'weird empty close tag');
      if (open.length === 0) return this.failAt(k, `unmatched closing tag: ${name}`);
      return this.failAt(k, `unexpected close tag: </${name}> where </${top}> was expected`);
    }
    return this.closeElement(k);
  }

  /** The innermost element closes with the ">" at s[k]. */
  private closeElement(k: number): number {
    const open = this.open;
    open.pop();
    this.h.closeTag();
    if (open.length === 0) this.closedRoot = true;
    return this.stopped ? STOPPED : k + 1;
  }

  // ── comments, CDATA, DOCTYPE ───────────────────────────────────────────────

  /** `<!` at s[i]: a comment, a CDATA section or the DOCTYPE; anything else is an error. */
  private bang(s: string, i: number, final: boolean): number {
    const n = s.length;
    let k = i + 2;
    for (let len = 1; len <= 7; len++, k++) {
      if (k >= n) return this.incomplete(s, i, MORE, final);
      const seen = s.slice(i + 2, k + 1);
      if (seen === '--') {
        this.state = COMMENT;
        return k + 1;
      }
      if (seen === '[CDATA[') {
        if (!this.sawRoot || this.closedRoot) return this.failAt(k, 'text data outside of root node');
        this.state = CDATA;
        return k + 1;
      }
      if (seen === 'DOCTYPE') {
        if (this.sawDoctype || this.sawRoot) return this.failAt(k, 'inappropriately located doctype declaration');
        this.state = DOCTYPE;
        this.dtState = DT_BODY;
        this.dtParts = [];
        this.dtLength = 0;
        return k + 1;
      }
      if (!BANG_KEYWORDS.some((w) => w.startsWith(seen))) {
        // Report where a reader gives up: at the seventh character, or at a line end before it.
        const c = s.charCodeAt(k);
        if (c === 0x0a || c === 0x0d || c < 0x20 || len === 7) return this.failAt(k, 'incorrect syntax');
      }
    }
    return this.failAt(k - 1, 'incorrect syntax');
  }

  /** Inside a comment: up to "-->"; "--" may not appear inside. */
  private scanComment(s: string, i: number, final: boolean): number {
    const n = s.length;
    if (this.clean && i >= 2) {
      // Fast path: jump to the next "--"; what it is followed by is checked below.
      const dashes = s.indexOf('--', i);
      const end = dashes < 0 ? Math.max(i, n - 2) : dashes; // a "-" at the very end may begin "--"
      const pairs = this.nextCr(s, i) < end ? -1 : this.pairsIn(s, i, end);
      if (pairs >= 0) {
        this.advanceFast(s, i, end, pairs);
        i = end;
      }
    }
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c === 0x2d) {
        if (i + 2 >= n) {
          if (final) continue;
          if (i + 1 < n && s.charCodeAt(i + 1) !== 0x2d) continue;
          return this.incomplete(s, i, MORE, final);
        }
        if (s.charCodeAt(i + 1) !== 0x2d) continue;
        if (s.charCodeAt(i + 2) === 0x3e) {
          this.state = TEXT;
          return i + 3;
        }
        return this.failAt(i + 2, 'malformed comment');
      }
      if (c >= 0x20 && c < 0xd800) continue;
      const j = this.special(s, i, final);
      if (j < 0) return j;
      i = j;
    }
    return i;
  }

  /**
   * A character below U+0020 or from U+D800 in a comment, CDATA section, PI or DOCTYPE: line
   * ends counted, forbidden characters reported. Returns the index of its last unit.
   */
  private special(s: string, i: number, final: boolean): number {
    const c = s.charCodeAt(i);
    if (c === 0x09) return i;
    if (c === 0x0a) {
      this.newline(s, i);
      return i;
    }
    if (c === 0x0d) {
      if (i + 1 >= s.length && !final) return this.incomplete(s, i, MORE, final);
      this.newline(s, i);
      if (s.charCodeAt(i + 1) === 0x0a) {
        this.lineStart++;
        return i + 1;
      }
      return i;
    }
    if (c < 0x20) return this.failAt(i, 'disallowed character');
    const j = this.wide(s, i, final);
    if (j === INCOMPLETE) return this.incomplete(s, i, MORE, final);
    return j;
  }

  /** Inside a CDATA section: its text goes out as character data, up to "]]>". */
  private scanCdata(s: string, i: number, final: boolean): number {
    const n = s.length;
    if (this.clean && i >= 2) {
      // Fast path: the section's text up to "]]>" (or the end of the text) in one piece.
      const close = s.indexOf(']]>', i);
      const end = close < 0 ? Math.max(i, n - 2) : close;
      const pairs = this.nextCr(s, i) < end ? -1 : this.pairsIn(s, i, end);
      if (pairs >= 0) {
        this.advanceFast(s, i, end, pairs);
        if (end > i) {
          if (this.skipText && !this.suspect) this.h.skippedText(end - i);
          else this.h.text(s.slice(i, end));
        }
        i = end;
      }
    }
    let start = i;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c === 0x5d) {
        if (i + 2 < n) {
          if (s.charCodeAt(i + 1) === 0x5d && s.charCodeAt(i + 2) === 0x3e) {
            if (i > start) this.emit(s.slice(start, i));
            this.state = TEXT;
            return i + 3;
          }
          continue;
        }
        if (final || (i + 1 < n && s.charCodeAt(i + 1) !== 0x5d)) continue;
        if (i > start) this.emit(s.slice(start, i));
        return this.incomplete(s, i, MORE, final);
      }
      if (c >= 0x20 && c < 0xd800) continue;
      if (c === 0x0d) {
        if (i + 1 >= n && !final) break;
        if (i > start) this.emit(s.slice(start, i));
        this.emit('\n');
        this.newline(s, i);
        if (s.charCodeAt(i + 1) === 0x0a) {
          i++;
          this.lineStart++;
        }
        start = i + 1;
        continue;
      }
      const j = this.special(s, i, final);
      if (j === STOPPED) return STOPPED;
      if (j === INCOMPLETE) {
        if (i > start) this.emit(s.slice(start, i));
        return INCOMPLETE;
      }
      i = j;
    }
    if (i > start) this.emit(s.slice(start, i));
    if (i < n) return this.incomplete(s, i, MORE, final);
    return i;
  }

  /** `<?` at s[i]: the XML declaration (first thing in the document only) or a processing instruction. */
  private processingInstruction(s: string, i: number, final: boolean): number {
    const n = s.length;
    const declPossible = this.xmlDeclPossible;
    this.xmlDeclPossible = false;
    const k0 = i + 2;
    if (k0 >= n) return this.keepDeclPossible(declPossible, this.incomplete(s, i, MORE, final));
    const c = s.charCodeAt(k0);
    if (!(c < 0x80 ? (ASCII_NAME[c] & 1) !== 0 : isNameHighSurrogate(c) || isNameStartBmp(c))) {
      return this.failAt(k0, c === 0x3f || isSpace(c) ? 'processing instruction without a target' : 'disallowed character in processing instruction name');
    }
    const astral0 = this.astral;
    const k = this.nameEnd(s, k0);
    if (k >= n) {
      this.astral = astral0;
      return this.keepDeclPossible(declPossible, this.incomplete(s, i, MORE, final));
    }
    const target = s.slice(k0, k);
    const t = s.charCodeAt(k);
    if (t !== 0x3f && !isSpace(t)) return this.failAt(k, 'disallowed character in processing instruction name');
    if (target === 'xml') {
      if (!declPossible) return this.failAt(k, 'an XML declaration must be at the start of the document');
      const end = this.xmlDeclaration(s, i, k, final);
      if (end === INCOMPLETE) this.xmlDeclPossible = true;
      return end;
    }
    this.piTarget = target;
    this.state = PI;
    return k;
  }

  private keepDeclPossible(possible: boolean, result: number): number {
    this.xmlDeclPossible = possible;
    return result;
  }

  /** Inside a processing instruction: up to "?>". */
  private scanPi(s: string, i: number, final: boolean): number {
    const n = s.length;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c === 0x3f) {
        if (i + 1 >= n) {
          if (final) continue;
          return this.incomplete(s, i, MORE, final);
        }
        if (s.charCodeAt(i + 1) !== 0x3e) continue;
        if (this.piTarget.toLowerCase() === 'xml') return this.failAt(i + 1, 'the XML declaration must appear at the start of the document');
        this.state = TEXT;
        return i + 2;
      }
      if (c >= 0x20 && c < 0xd800) continue;
      const j = this.special(s, i, final);
      if (j < 0) return j;
      i = j;
    }
    return i;
  }

  /**
   * `<?xml version="1.0" encoding="..." standalone="..."?>`: s[i] is "<", s[k] the character
   * after "xml". The pseudo-attributes must come in this order, version first.
   */
  private xmlDeclaration(s: string, i: number, k: number, final: boolean): number {
    const n = s.length;
    const line0 = this.lineNo;
    const lineStart0 = this.lineStart;
    const astral0 = this.astral;
    const more = (): number => {
      this.lineNo = line0;
      this.lineStart = lineStart0;
      this.astral = astral0;
      return this.incomplete(s, i, MORE, final);
    };
    const order = ['version', 'encoding', 'standalone'];
    let next = 0; // index in `order` of the first name still allowed
    const decl: XmlDeclaration = {};
    for (;;) {
      if (k >= n) return more();
      let c = s.charCodeAt(k);
      if (c === 0x3f) break;
      if (!isSpace(c)) return this.failAt(k, 'whitespace required');
      k = this.skipSpace(s, k);
      if (k >= n) return more();
      c = s.charCodeAt(k);
      if (c === 0x3f) break;
      const nameFrom = k;
      while (k < n && (c = s.charCodeAt(k)) !== 0x3d && c !== 0x3f && !isSpace(c)) k++;
      if (k >= n) return more();
      const name = s.slice(nameFrom, k);
      if (c === 0x3f) return this.failAt(k, 'XML declaration is incomplete');
      const at = order.indexOf(name);
      if (at < next || (next === 0 && at !== 0)) {
        return this.failAt(k, next >= order.length ? 'did not expect any more name/value pairs' : `expected one of ${order.slice(next === 0 ? 0 : next, next === 0 ? 1 : 3).join(', ')}`);
      }
      k = this.skipSpace(s, k);
      if (k >= n) return more();
      c = s.charCodeAt(k);
      if (c !== 0x3d) return this.failAt(k, c === 0x3f ? 'XML declaration is incomplete' : 'value required');
      k = this.skipSpace(s, k + 1);
      if (k >= n) return more();
      const q = s.charCodeAt(k);
      if (q !== 0x22 && q !== 0x27) return this.failAt(k, q === 0x3f ? 'XML declaration is incomplete' : 'value must be quoted');
      const valueFrom = ++k;
      while (k < n && (c = s.charCodeAt(k)) !== q && c !== 0x3f) {
        if (c === 0x0a || c === 0x0d) this.newline(s, k);
        k++;
      }
      if (k >= n) return more();
      if (c === 0x3f) return this.failAt(k, 'XML declaration is incomplete');
      const value = s.slice(valueFrom, k);
      if (name === 'version') {
        if (!/^1\.[0-9]+$/.test(value)) return this.failAt(k, 'version number must match /^1\\.[0-9]+$/');
        decl.version = value;
      } else if (name === 'encoding') {
        if (!/^[A-Za-z][A-Za-z0-9._-]*$/.test(value)) return this.failAt(k, 'encoding value must match /^[A-Za-z][A-Za-z0-9._-]*$/');
        decl.encoding = value;
      } else {
        if (value !== 'yes' && value !== 'no') return this.failAt(k, 'standalone value must match "yes" or "no"');
        decl.standalone = value;
      }
      next = at + 1;
      k++;
    }
    // s[k] is "?": ">" must follow.
    if (k + 1 >= n) return more();
    if (s.charCodeAt(k + 1) !== 0x3e) return this.failAt(k + 1, 'The character ? is disallowed anywhere in XML declarations');
    if (decl.version === undefined) return this.failAt(k + 1, 'XML declaration must contain a version');
    Object.assign(this.xmlDecl, decl);
    this.xmlDeclPossible = false;
    return k + 2;
  }

  /**
   * Inside the DOCTYPE (after "<!DOCTYPE"): collected up to its ">", skipping quoted strings
   * and, in the internal subset, comments and processing instructions.
   */
  private scanDoctype(s: string, i: number, final: boolean): number {
    const n = s.length;
    let start = i;
    let st = this.dtState;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x20 || c >= 0xd800) {
        const j = this.special(s, i, final);
        if (j === STOPPED) return STOPPED;
        if (j === INCOMPLETE) {
          this.dtState = st;
          return this.doctypeHold(s, start, i);
        }
        i = j;
      }
      switch (st) {
        case DT_BODY:
          if (c === 0x3e) {
            if (this.dtLength + i - start > DOCTYPE_LIMIT) return this.fail(this.lineNo, this.col(i), null, 'ValidatorLimit', { limit: DOCTYPE_LIMIT });
            this.dtParts.push(s.slice(start, i));
            const body = this.dtParts.join('').replace(/\r\n?/g, '\n');
            this.dtParts = [];
            this.state = TEXT;
            this.sawDoctype = true;
            this.h.doctype(body, this.lineNo, this.col(i));
            return this.stopped ? STOPPED : i + 1;
          }
          if (c === 0x22 || c === 0x27) {
            this.dtQuote = c;
            st = DT_QUOTE;
          } else if (c === 0x5b) st = DT_SUBSET;
          break;
        case DT_QUOTE:
          if (c === this.dtQuote) st = DT_BODY;
          break;
        case DT_SUBSET:
          if (c === 0x5d) st = DT_BODY;
          else if (c === 0x3c) st = DT_WAKA;
          else if (c === 0x22 || c === 0x27) {
            this.dtQuote = c;
            st = DT_SUBSET_QUOTE;
          }
          break;
        case DT_SUBSET_QUOTE:
          if (c === this.dtQuote) st = DT_SUBSET;
          break;
        case DT_WAKA:
          st = c === 0x21 ? DT_WAKA_BANG : c === 0x3f ? DT_PI : DT_SUBSET;
          break;
        case DT_WAKA_BANG:
          st = c === 0x2d ? DT_WAKA_DASH : DT_SUBSET;
          break;
        case DT_WAKA_DASH:
          st = c === 0x2d ? DT_COMMENT : DT_SUBSET;
          break;
        case DT_COMMENT:
          if (c === 0x2d) st = DT_COMMENT_DASH;
          break;
        case DT_COMMENT_DASH:
          st = c === 0x2d ? DT_COMMENT_DASH2 : DT_COMMENT;
          break;
        case DT_COMMENT_DASH2:
          if (c !== 0x3e) return this.failAt(i, 'malformed comment');
          st = DT_SUBSET;
          break;
        case DT_PI:
          if (c === 0x3f) st = DT_PI_QUESTION;
          break;
        default: // DT_PI_QUESTION: up to the next ">"
          if (c === 0x3e) st = DT_SUBSET;
      }
    }
    this.dtState = st;
    this.dtParts.push(s.slice(start, i));
    this.dtLength += i - start;
    if (this.dtLength > DOCTYPE_LIMIT) return this.fail(this.lineNo, this.column, null, 'ValidatorLimit', { limit: DOCTYPE_LIMIT });
    return i;
  }

  /** The DOCTYPE text read so far is kept; s[from..] waits for more text. */
  private doctypeHold(s: string, start: number, from: number): number {
    this.dtParts.push(s.slice(start, from));
    this.dtLength += from - start;
    return INCOMPLETE;
  }
}

const SURROGATE = /[\ud800-\udfff]/g;

/** Whether s holds `name` at `at` (short names: a loop the compiler inlines beats a call to startsWith). */
function sameAt(s: string, at: number, name: string): boolean {
  for (let k = 0; k < name.length; k++) if (s.charCodeAt(at + k) !== name.charCodeAt(k)) return false;
  return true;
}

/** sameAt for a name without surrogates (false for any other). */
function sameBmpAt(s: string, at: number, name: string): boolean {
  for (let k = 0; k < name.length; k++) {
    const c = name.charCodeAt(k);
    if ((c >= 0xd800 && c <= 0xdfff) || s.charCodeAt(at + k) !== c) return false;
  }
  return true;
}

/** An indexOf result, with "not found" as the text's length. */
function found(at: number, s: string): number {
  return at < 0 ? s.length : at;
}

/** What `&lt;` `&gt;` `&amp;` `&quot;` or `&apos;` at s[k] stands for; '' for anything else. */
function predefinedAt(s: string, k: number): string {
  switch (predefinedLength(s, k)) {
    case 4:
      return s.charCodeAt(k + 1) === 0x6c ? '<' : '>';
    case 5:
      return '&';
    case 6:
      return s.charCodeAt(k + 1) === 0x61 ? "'" : '"';
    default:
      return '';
  }
}

/** The length of the predefined entity reference at s[k] ("&"), or 0 if there is none. */
function predefinedLength(s: string, k: number): number {
  const c1 = s.charCodeAt(k + 1);
  const c2 = s.charCodeAt(k + 2);
  const c3 = s.charCodeAt(k + 3);
  if (c1 === 0x6c || c1 === 0x67) return c2 === 0x74 && c3 === 0x3b ? 4 : 0; // &lt; &gt;
  if (c1 === 0x61) {
    if (c2 === 0x6d) return c3 === 0x70 && s.charCodeAt(k + 4) === 0x3b ? 5 : 0; // &amp;
    return c2 === 0x70 && c3 === 0x6f && s.charCodeAt(k + 4) === 0x73 && s.charCodeAt(k + 5) === 0x3b ? 6 : 0; // &apos;
  }
  if (c1 === 0x71) return c2 === 0x75 && c3 === 0x6f && s.charCodeAt(k + 4) === 0x74 && s.charCodeAt(k + 5) === 0x3b ? 6 : 0; // &quot;
  return 0;
}

/** The first attribute name given twice, or null. */
function duplicate(names: readonly string[], count: number): string | null {
  if (count <= 8) {
    for (let a = 1; a < count; a++) for (let b = 0; b < a; b++) if (names[a] === names[b]) return names[a];
    return null;
  }
  const seen = new Set<string>();
  for (let a = 0; a < count; a++) {
    if (seen.has(names[a])) return names[a];
    seen.add(names[a]);
  }
  return null;
}
