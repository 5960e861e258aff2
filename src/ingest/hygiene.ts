// Bytes → clean text. Every input kind goes through here first, so the rest of ingest can assume
// LF line ends, no BOM, no tabs, no trailing spaces and only characters XML 1.0 can carry.
import { diag, reject, REJECT, WARN } from './diagnostics.js';
import type { Diagnostic } from '../model/index.js';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decodes UTF-8, rejecting the file with the byte offset of the first bad sequence. */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    const offset = firstInvalidUtf8Offset(bytes);
    return reject(REJECT.InvalidUtf8, file, `not valid UTF-8: bad byte 0x${hex(bytes[offset])} at byte offset ${offset}`, {
      offset,
      line: lineAtByte(bytes, offset),
    });
  }
}

/**
 * decodeUtf8 for bytes that are ASCII before `firstWide` and after `lastWide` (the first and last
 * byte above 0x7F): those parts are their own characters, and only the part between them goes
 * through the decoder. Each part starts and ends between two characters (an ASCII byte is never
 * inside a sequence), so the text is the one decoding all of it gives; bytes the decoder refuses
 * are refused as decodeUtf8 refuses them. On a 4 KB article with one dash this takes less than half
 * the time of decoding it all.
 */
export function decodeUtf8Between(bytes: Uint8Array, file: string, firstWide: number, lastWide: number): string {
  let middle: string;
  try {
    middle = strictUtf8.decode(bytes.subarray(firstWide, lastWide + 1));
  } catch {
    return decodeUtf8(bytes, file);
  }
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return buffer.toString('latin1', 0, firstWide) + middle + buffer.toString('latin1', lastWide + 1, bytes.length);
}

/**
 * Walks the bytes by the rules of RFC 3629 (no overlongs, no surrogates, nothing above U+10FFFF)
 * and returns where the first ill-formed sequence starts. Only called once decoding has failed.
 */
export function firstInvalidUtf8Offset(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    let max = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) (need = 1), (min = 0x80);
    else if (c === 0xe0) (need = 2), (min = 0xa0);
    else if (c === 0xed) (need = 2), (min = 0x80), (max = 0x9f);
    else if (c >= 0xe1 && c <= 0xef) (need = 2), (min = 0x80);
    else if (c === 0xf0) (need = 3), (min = 0x90);
    else if (c === 0xf4) (need = 3), (min = 0x80), (max = 0x8f);
    else if (c >= 0xf1 && c <= 0xf3) (need = 3), (min = 0x80);
    else return i;
    for (let k = 1; k <= need; k++) {
      const d = b[i + k];
      if (d === undefined) return i;
      const lo = k === 1 ? min : 0x80;
      const hi = k === 1 ? max : 0xbf;
      if (d < lo || d > hi) return i;
    }
    i += need + 1;
  }
  return b.length;
}

function lineAtByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

function hex(n: number | undefined): string {
  return (n ?? 0).toString(16).padStart(2, '0').toUpperCase();
}

// C0 controls but tab/LF/CR, and the two noncharacters XML 1.0 excludes. Lone surrogates cannot
// come out of a UTF-8 decode, but they can come out of JSON escapes, so they are here too.
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Besides a BOM and spaces ending a line, everything cleanText could change: a CR, a tab, a
 * character FORBIDDEN may match (any surrogate: pairs are let through below, but are rare).
 */
const MAYBE_UNCLEAN = /[\r\t\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** A space or no-break space before a line end or the end: what `/[ \u00A0]+$/` takes off a line. */
function endsLineWithSpace(text: string): boolean {
  for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', nl + 1)) {
    const c = text.charCodeAt(nl - 1);
    if (c === 0x20 || c === 0xa0) return true;
  }
  const last = text.charCodeAt(text.length - 1);
  return last === 0x20 || last === 0xa0;
}

/** The most lines one file gets a warning for; the last warning says how many more there were. */
const MAX_LINE_WARNINGS = 10;

export interface CleanText {
  text: string;
  warnings: Diagnostic[];
}

/**
 * Normalises what differs between editors and systems without changing a word: BOM, CRLF/CR,
 * tabs (one space), trailing spaces. Characters XML cannot carry are removed, each line that had
 * any is named in a warning.
 */
export function cleanText(raw: string, file: string): CleanText {
  // Most files have nothing to clean: a quick look says so, and they are given back as they came.
  if (!MAYBE_UNCLEAN.test(raw) && raw.charCodeAt(0) !== 0xfeff && !endsLineWithSpace(raw)) return { text: raw, warnings: [] };
  let text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  text = text.replace(/\r\n?/g, '\n').replace(/\t/g, ' ');
  const warnings: Diagnostic[] = [];
  const lines = text.split('\n');
  let dirty = 0;
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i];
    FORBIDDEN.lastIndex = 0;
    if (FORBIDDEN.test(line)) {
      const found = new Set<string>();
      line = line.replace(FORBIDDEN, (ch) => {
        found.add('U+' + ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0'));
        return '';
      });
      dirty++;
      if (dirty <= MAX_LINE_WARNINGS)
        warnings.push(
          diag(WARN.ForbiddenCharacter, file, `removed ${[...found].join(', ')}: characters XML cannot carry`, { line: i + 1 }),
        );
    }
    lines[i] = line.replace(/[ \u00A0]+$/, '');
  }
  if (dirty > MAX_LINE_WARNINGS)
    warnings.push(diag(WARN.ForbiddenCharacter, file, `… and ${dirty - MAX_LINE_WARNINGS} more lines with characters XML cannot carry`));
  return { text: lines.join('\n'), warnings };
}

/** Removes characters XML cannot carry from one string (for values that did not come from lines). */
export function stripForbidden(s: string): { value: string; removed: boolean } {
  FORBIDDEN.lastIndex = 0;
  if (!FORBIDDEN.test(s)) return { value: s, removed: false };
  FORBIDDEN.lastIndex = 0;
  return { value: s.replace(FORBIDDEN, ''), removed: true };
}
