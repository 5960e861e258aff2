// Which character encoding an XML document is in, from its first bytes (XML 1.0 Appendix F):
// the byte order mark, else the pattern of "<?xml", then the encoding declaration, checked
// against the bytes. Returns a streaming decoder for the rest. Pure: bytes in, text out.
import { isAscii } from 'node:buffer';
import { TextDecoder } from 'node:util';

/** An encoding problem found while sniffing or decoding; the caller turns it into a message. */
export interface EncodingProblem {
  code: 'UnknownEncoding' | 'EncodingMismatch' | 'InvalidEncodedBytes';
  params: Record<string, string>;
  /** Character offset of the problem in the XML declaration (for line 1 positions), if known. */
  column?: number;
}

/** Turns byte chunks into text, streaming (a character split across chunks is kept for the next). */
export interface StreamDecoder {
  readonly name: string;
  /** The text of `bytes`, in pieces made from at most DECODE_PIECE bytes each. */
  decode(bytes: Uint8Array, final: boolean): string[];
  /** Set once bytes were met that are not valid in the encoding (they decode as U+FFFD). */
  invalidBytes: boolean;
}

/**
 * Bytes decoded into one string at most. V8 makes strings this small in the young generation,
 * where they cost next to nothing to allocate and free; a whole 0.5 MB feed decoded into one
 * string lands in the large-object space instead, and decoding it that way was measured about
 * four times slower (UTF-8 with some non-ASCII text: ~0.35 against ~1.4 GB/s).
 */
export const DECODE_PIECE = 32 * 1024;

/** `decodeOne` applied to each DECODE_PIECE bytes of `bytes` in turn. */
function inPieces(bytes: Uint8Array, decodeOne: (piece: Uint8Array, last: boolean) => string): string[] {
  if (bytes.length <= DECODE_PIECE) return [decodeOne(bytes, true)];
  const out: string[] = [];
  for (let off = 0; off < bytes.length; off += DECODE_PIECE) {
    out.push(decodeOne(bytes.subarray(off, off + DECODE_PIECE), off + DECODE_PIECE >= bytes.length));
  }
  return out;
}

/** Enough bytes to see the BOM and a normal XML declaration. */
export const SNIFF_BYTES = 1024;

type Family = 'utf-8' | 'utf-16le' | 'utf-16be' | 'ascii-compatible' | 'other';

const UTF8_NAMES = new Set(['utf-8', 'utf8']);
const UTF16_NAMES = new Set(['utf-16', 'utf16', 'utf-16le', 'utf-16be', 'ucs-2', 'iso-10646-ucs-2']);
const LATIN1_NAMES = new Set(['iso-8859-1', 'iso8859-1', 'iso_8859-1', 'latin1', 'latin-1', 'l1', 'iso-ir-100', 'cp819', 'ibm819']);
const ASCII_NAMES = new Set(['us-ascii', 'ascii', 'iso646-us', 'ansi_x3.4-1968', 'us']);

/** Reads the XML declaration's encoding pseudo-attribute from text that starts with "<?xml". */
export function declaredEncoding(text: string): { name: string; column: number } | null {
  if (!text.startsWith('<?xml')) return null;
  const end = text.indexOf('?>');
  const decl = end < 0 ? text.slice(0, 200) : text.slice(0, end);
  const m = /\sencoding\s*=\s*(["'])([^"']*)\1/.exec(decl);
  if (!m) return null;
  return { name: m[2], column: m.index + m[0].indexOf(m[1]) + 2 };
}

function familyOf(b: Uint8Array): { family: Family; bom: number } {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { family: 'utf-8', bom: 3 };
  if (b[0] === 0xfe && b[1] === 0xff) return { family: 'utf-16be', bom: 2 };
  if (b[0] === 0xff && b[1] === 0xfe) {
    // FF FE 00 00 is the UTF-32LE mark, which no reader supports.
    if (b[2] === 0 && b[3] === 0) return { family: 'other', bom: 0 };
    return { family: 'utf-16le', bom: 2 };
  }
  if (b[0] === 0x00 && b[1] === 0x3c && b[2] === 0x00 && b[3] === 0x3f) return { family: 'utf-16be', bom: 0 };
  if (b[0] === 0x3c && b[1] === 0x00 && b[2] === 0x3f && b[3] === 0x00) return { family: 'utf-16le', bom: 0 };
  if (b[0] === 0x4c && b[1] === 0x6f && b[2] === 0xa7 && b[3] === 0x94) return { family: 'other', bom: 0 }; // EBCDIC
  if (b.length >= 4 && b[0] === 0 && b[1] === 0) return { family: 'other', bom: 0 }; // UTF-32BE and friends
  return { family: 'ascii-compatible', bom: 0 };
}

/** A decoder from the platform (WHATWG labels), or null if it does not know the label. */
function platformDecoder(label: string): TextDecoder | null {
  try {
    return new TextDecoder(label, { fatal: true });
  } catch {
    return null;
  }
}

function textDecoderStream(name: string, label: string): StreamDecoder {
  let fatal: TextDecoder | null = new TextDecoder(label, { fatal: true });
  let lenient: TextDecoder | null = null;
  // Pure ASCII pieces of UTF-8 are read as Latin-1, which gives the same text about ten times
  // faster; but only once the decoder has given text (it drops a byte order mark at the start
  // of its stream) and when the last piece it read did not end inside a character.
  const ascii = label === 'utf-8';
  let begun = false;
  let midCharacter = false;
  const reader = (decoder: TextDecoder, final: boolean) => (piece: Uint8Array, last: boolean): string => {
    if (ascii && begun && !midCharacter && isAscii(piece)) return latin1(piece);
    const text = decoder.decode(piece, { stream: !(final && last) });
    if (text.length > 0) begun = true;
    if (piece.length > 0) midCharacter = piece[piece.length - 1] >= 0x80;
    return text;
  };
  const d: StreamDecoder = {
    name,
    invalidBytes: false,
    decode(bytes, final) {
      if (fatal) {
        try {
          return inPieces(bytes, reader(fatal, final));
        } catch {
          // Invalid bytes: report once, then carry on with replacement characters so the rest of
          // the document can still be checked. The whole chunk is read again, as if it had come
          // in one piece, by a new decoder: what the pieces before the bad one gave is dropped.
          d.invalidBytes = true;
          fatal = null;
          lenient = new TextDecoder(label);
          begun = false;
          midCharacter = false;
        }
      }
      return inPieces(bytes, reader(lenient!, final));
    },
  };
  return d;
}

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

/** ISO-8859-1 maps each byte to the code point of the same value (unlike WHATWG's windows-1252 alias). */
function latin1Stream(): StreamDecoder {
  return {
    name: 'iso-8859-1',
    invalidBytes: false,
    decode(bytes) {
      return inPieces(bytes, latin1);
    },
  };
}

function asciiStream(): StreamDecoder {
  const d: StreamDecoder = {
    name: 'us-ascii',
    invalidBytes: false,
    decode(bytes) {
      const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      if (!d.invalidBytes) {
        for (let i = 0; i < buf.length; i++) {
          if (buf[i] > 0x7f) {
            d.invalidBytes = true;
            break;
          }
        }
      }
      return inPieces(buf, latin1);
    },
  };
  return d;
}

export interface Sniffed {
  decoder: StreamDecoder;
  /** Bytes of byte order mark to skip before decoding. */
  bom: number;
  problems: EncodingProblem[];
  /** The family of the bytes, for messages ("UTF-16", "UTF-8"). */
  family: string;
}

/**
 * Decides the encoding from the first bytes of the document (up to SNIFF_BYTES of them, or all
 * if the document is shorter). Never throws: unknown encodings are reported and read as UTF-8
 * so the document's shape can still be seen.
 */
export function sniffEncoding(head: Uint8Array): Sniffed {
  const { family, bom } = familyOf(head);
  const problems: EncodingProblem[] = [];
  if (family === 'other') {
    problems.push({ code: 'UnknownEncoding', params: { value: 'UTF-32 or EBCDIC' } });
    return { decoder: textDecoderStream('utf-8', 'utf-8'), bom: 0, problems, family: 'unknown' };
  }
  if (family === 'utf-16le' || family === 'utf-16be') {
    const decoder = textDecoderStream('utf-16', family);
    const text = new TextDecoder(family).decode(head.subarray(bom, Math.min(head.length, bom + 400)));
    const decl = declaredEncoding(text);
    if (decl) {
      const name = decl.name.toLowerCase();
      if (!UTF16_NAMES.has(name)) {
        problems.push({ code: 'EncodingMismatch', params: { actual: 'UTF-16', declared: decl.name }, column: decl.column });
      }
    }
    if (bom === 0 && !decl) {
      // UTF-16 without a byte order mark or declaration cannot be told from other encodings.
      problems.push({ code: 'EncodingMismatch', params: { actual: 'UTF-16 without a byte order mark', declared: 'none' } });
    }
    return { decoder, bom, problems, family: 'UTF-16' };
  }
  // UTF-8 BOM or ASCII-compatible bytes: the declaration (read as Latin-1) decides.
  const text = Buffer.from(head.buffer, head.byteOffset + bom, Math.max(0, Math.min(head.length - bom, 400))).toString('latin1');
  const decl = declaredEncoding(text);
  const utf8 = (): Sniffed => ({ decoder: textDecoderStream('utf-8', 'utf-8'), bom, problems, family: 'UTF-8' });
  if (!decl) return utf8();
  const name = decl.name.toLowerCase();
  if (UTF8_NAMES.has(name)) return utf8();
  if (UTF16_NAMES.has(name)) {
    problems.push({ code: 'EncodingMismatch', params: { actual: bom ? 'UTF-8' : '8-bit', declared: decl.name }, column: decl.column });
    return utf8();
  }
  if (bom) {
    // A UTF-8 byte order mark in front of a declaration naming another encoding.
    problems.push({ code: 'EncodingMismatch', params: { actual: 'UTF-8', declared: decl.name }, column: decl.column });
    return utf8();
  }
  if (LATIN1_NAMES.has(name)) return { decoder: latin1Stream(), bom, problems, family: 'ISO-8859-1' };
  if (ASCII_NAMES.has(name)) return { decoder: asciiStream(), bom, problems, family: 'US-ASCII' };
  if (!/^[A-Za-z][A-Za-z0-9._-]*$/.test(decl.name) || !platformDecoder(name)) {
    problems.push({ code: 'UnknownEncoding', params: { value: decl.name }, column: decl.column });
    return utf8();
  }
  return { decoder: textDecoderStream(name, name), bom, problems, family: name };
}
