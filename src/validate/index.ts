// The validator's entry point: feed it bytes, get a report. Pure and streaming: no file or
// network access, memory bounded (XML is checked in one pass without building a tree; JSON is
// collected up to a limit and handed to the JSON Feed checker).
import { isAscii } from 'node:buffer';
import { documentRule } from './document.js';
import { detectSyntax, detectTextSyntax } from './detect.js';
import { validateJsonFeed } from './jsonfeed.js';
import type { FeedFormat, Message, ValidationReport } from './report.js';
import { Validator } from './tree.js';
import { declaresNamespaces, XmlReader, type Doctype, type XmlElement, type XmlSink } from './xml.js';
import { makeMessage } from './message.js';
import type { Code } from './codes.js';

export type { FeedFormat, Message, ValidationReport } from './report.js';
export { CODES, type Code } from './codes.js';

export interface ValidateOptions {
  /** Content-Type the document was served with (for URLs); checked against the format. */
  contentType?: string | null;
  /**
   * The instant of validation. With it, dates that say when something was published or updated
   * and lie ahead of it are reported (FutureDate); without it, no date is judged against a
   * clock, and the report depends on the document alone.
   */
  now?: Date;
}

export interface StreamingValidator {
  write(chunk: Uint8Array): void;
  end(): ValidationReport;
}

/** Largest JSON document read (JSON Feed checking needs the whole text). */
export const JSON_LIMIT = 64 * 1024 * 1024;

const MRSS_WITHOUT_SLASH = 'http://search.yahoo.com/mrss';

interface XmlValidator extends StreamingValidator {
  /**
   * XmlReader.readText, then the report; null if the text must be read as bytes, or (with
   * `mayHaveLoneSurrogates`) if reading stopped at an error and the text has a lone surrogate.
   */
  readText(text: string, mayHaveLoneSurrogates: boolean): ValidationReport | null;
}

/**
 * What the XML reader reads goes to the rule engine; namespace declarations are looked at on the
 * way. A class (not an object of closures made per document): see XmlReader.
 */
class FeedSink implements XmlSink {
  constructor(private readonly rules: Validator) {}

  start(el: XmlElement): void {
    if (declaresNamespaces(el)) {
      for (const prefix in el.nsDecls) {
        if (el.nsDecls[prefix] === MRSS_WITHOUT_SLASH) this.rules.add('MediaRssNamespace', {}, el.line, el.column);
      }
    }
    this.rules.start(el);
  }

  text(t: string): void {
    this.rules.text(t);
  }

  wantsText(): boolean {
    return this.rules.wantsText();
  }

  skippedText(length: number): void {
    this.rules.skippedText(length);
  }

  end(): void {
    this.rules.end();
  }

  doctype(d: Doctype): void {
    this.rules.state.set('doctype', d);
  }
}

/** The instant of validation in milliseconds, or null when none was given. */
function nowOf(opts: ValidateOptions): number | null {
  return opts.now === undefined ? null : opts.now.getTime();
}

/** XML checking: the XML reader feeds the rule engine. */
function xmlValidator(now: number | null): XmlValidator {
  const rules = new Validator(documentRule);
  rules.now = now;
  const reader = new XmlReader(new FeedSink(rules), (code, params, line, column) => rules.add(code as Code, params, line, column));
  rules.textSource = reader;
  const finish = (): ValidationReport => {
    rules.halted = reader.stopped;
    rules.finish();
    return report(rules.format, rules.errors, rules.warnings, rules.droppedCount);
  };
  return {
    write: (chunk) => reader.write(chunk),
    end() {
      reader.end();
      return finish();
    },
    readText(text, mayHaveLoneSurrogates) {
      if (!reader.readText(text)) return null;
      if (mayHaveLoneSurrogates && reader.stopped && !wellFormed(text)) return null;
      return finish();
    },
  };
}

function report(format: FeedFormat, errors: Message[], warnings: Message[], dropped = 0): ValidationReport {
  const w = dropped > 0 ? [...warnings, makeMessage('MessagesTruncated', { count: dropped })] : warnings;
  return { format, valid: errors.length === 0, errors, warnings: w };
}

/** JSON: the text is collected (up to JSON_LIMIT bytes) and checked as a whole. */
function jsonValidator(now: number | null): StreamingValidator {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let tooLarge = false;
  return {
    write(chunk) {
      if (tooLarge) return;
      size += chunk.length;
      if (size > JSON_LIMIT) {
        tooLarge = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    },
    end() {
      if (tooLarge) {
        return report('json', [makeMessage('ValidatorLimit', { limit: JSON_LIMIT })], []);
      }
      const joined = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
      const bytes = Buffer.from(joined.buffer, joined.byteOffset, joined.byteLength);
      // ASCII reads the same as Latin-1, which is decoded faster.
      return jsonReport(bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8'), now);
    },
  };
}

function jsonReport(text: string, now: number | null): ValidationReport {
  const { errors, warnings } = validateJsonFeed(text, now);
  return report('json', errors, warnings);
}

/**
 * A streaming validator: write() the document's bytes in any chunks, then end() for the report.
 * The kind of document (JSON or XML) is decided from its first non-blank byte.
 */
export function createValidator(opts: ValidateOptions = {}): StreamingValidator {
  const now = nowOf(opts);
  let inner: StreamingValidator | null = null;
  const pending: Uint8Array[] = [];
  const decide = (final: boolean): void => {
    const head = pending.length === 1 ? pending[0] : Buffer.concat(pending);
    const syntax = detectSyntax(head);
    if (syntax === 'undecided' && !final) return;
    inner = syntax === 'json' ? jsonValidator(now) : xmlValidator(now);
    for (const c of pending) inner.write(c);
    pending.length = 0;
  };
  return {
    write(chunk) {
      if (inner) {
        inner.write(chunk);
        return;
      }
      pending.push(chunk);
      decide(false);
    },
    end() {
      if (!inner) decide(true);
      return inner!.end();
    },
  };
}

/** Validates a whole document held in memory. */
export function validateFeed(bytes: Uint8Array, opts: ValidateOptions = {}): ValidationReport {
  const v = createValidator(opts);
  v.write(bytes);
  return v.end();
}

interface WellFormedString {
  isWellFormed(): boolean;
  toWellFormed(): string;
}

/** Whether the string has no lone surrogate. */
function wellFormed(text: string): boolean {
  return (text as unknown as WellFormedString).isWellFormed();
}

/** The string with each lone surrogate replaced by U+FFFD, as UTF-8 encoding does. */
function toWellFormed(text: string): string {
  return (text as unknown as WellFormedString).toWellFormed();
}

/**
 * Validates a document held as a string: the same report as validateFeed(Buffer.from(text,
 * 'utf8')), without the encoding and decoding. Lone surrogates, which encoding turns into U+FFFD,
 * are read as U+FFFD (and so may give BadCharacters, as the bytes would). A document that
 * declares another encoding than UTF-8 is read as its UTF-8 bytes, as validateFeed would.
 */
export function validateFeedText(text: string, opts: ValidateOptions = {}): ValidationReport {
  const now = nowOf(opts);
  if (detectTextSyntax(text) === 'json') {
    const doc = wellFormed(text) ? text : toWellFormed(text);
    // Every character takes one to three bytes (a surrogate pair, two characters, four).
    if (doc.length > JSON_LIMIT || (doc.length * 3 > JSON_LIMIT && Buffer.byteLength(doc, 'utf8') > JSON_LIMIT)) {
      return report('json', [makeMessage('ValidatorLimit', { limit: JSON_LIMIT })], []);
    }
    return jsonReport(doc, now);
  }
  // The XML reader stops at a lone surrogate, as at any character XML forbids: only when it
  // stopped is it worth looking for one, and reading again what encoding makes of it.
  const first = xmlValidator(now).readText(text, true);
  if (first) return first;
  const doc = wellFormed(text) ? text : toWellFormed(text);
  return (doc === text ? null : xmlValidator(now).readText(doc, false)) ?? validateFeed(Buffer.from(doc, 'utf8'), opts);
}

