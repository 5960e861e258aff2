// A strict JSON (RFC 8259) checker that runs before JSON.parse. JSON.parse says neither where a
// document is broken in a form people can use (Node 20 often gives no position at all) nor that
// an object repeats a key (it silently keeps the last one). This scanner gives both, with line and
// column, and it never recurses: a nesting bomb of a million `[` costs one array of frames up to
// the depth limit and then a clear error, never a stack overflow.

import { indexPath, memberPath } from './json-path.js';

export interface JsonPosition {
  line: number;
  column: number;
}

export interface JsonSyntaxProblem extends JsonPosition {
  /** 'syntax' for broken JSON; 'depth' when nesting exceeds the limit. */
  kind: 'syntax' | 'depth';
  message: string;
}

export interface JsonDuplicateKey extends JsonPosition {
  /** Path of the repeated member, e.g. `items[0].id`. */
  path: string;
  key: string;
}

export interface JsonScan {
  problem: JsonSyntaxProblem | null;
  duplicateKeys: JsonDuplicateKey[];
  /** Position of the first character of the top-level value (for messages about the root). */
  root: JsonPosition;
}

/** Real feeds nest about six levels deep; extensions rarely add more than a few. */
export const DEFAULT_MAX_DEPTH = 256;
/** Reporting a thousand repeated keys helps nobody; keeping them all would cost memory. */
const MAX_DUPLICATES_KEPT = 100;

interface Frame {
  isObject: boolean;
  /** Keys seen so far (objects only). */
  keys: Set<string> | null;
  /** Current member key (objects) — for paths. */
  key: string;
  /** Current element index (arrays) — for paths. */
  index: number;
}

class Stop extends Error {
  constructor(
    readonly offset: number,
    readonly text: string,
    readonly kind: 'syntax' | 'depth' = 'syntax',
  ) {
    super(text);
  }
}

const enum State {
  Value, // a value must come next
  ValueOrClose, // just after `[`
  Key, // just after `,` in an object
  KeyOrClose, // just after `{`
  After, // a value just ended
}

/**
 * Checks `text` as one JSON document. Returns the first syntax problem (or nesting beyond
 * `maxDepth`) with its line and column, and every repeated object key (up to a bound).
 */
export function scanJson(text: string, maxDepth = DEFAULT_MAX_DEPTH): JsonScan {
  const duplicates: Array<{ offset: number; path: string; key: string }> = [];
  const stack: Frame[] = [];
  const n = text.length;
  let i = skipWhitespace(text, 0);
  const rootOffset = i;
  let state: State = State.Value;

  try {
    for (;;) {
      i = skipWhitespace(text, i);
      switch (state) {
        case State.Value:
        case State.ValueOrClose: {
          if (i >= n) throw new Stop(i, stack.length === 0 ? 'the document is empty: a JSON value was expected' : 'unexpected end of input: a value was expected');
          const c = text.charCodeAt(i);
          if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
            if (stack.length >= maxDepth) {
              throw new Stop(i, `nesting deeper than ${maxDepth} levels: no feed needs this, and it would exhaust a reader`, 'depth');
            }
            const isObject = c === 0x7b;
            stack.push({ isObject, keys: isObject ? new Set() : null, key: '', index: 0 });
            i++;
            state = isObject ? State.KeyOrClose : State.ValueOrClose;
          } else if (c === 0x5d /* ] */ && state === State.ValueOrClose) {
            stack.pop();
            i++;
            state = State.After;
          } else if (c === 0x5d || c === 0x7d) {
            throw new Stop(i, stack.length > 0 && isAfterComma(text, i) ? `trailing comma before '${text[i]}'` : `unexpected '${text[i]}': a value was expected`);
          } else {
            i = scanScalar(text, i);
            state = State.After;
          }
          break;
        }
        case State.Key:
        case State.KeyOrClose: {
          if (i >= n) throw new Stop(i, "unexpected end of input: a property name or '}' was expected");
          const c = text.charCodeAt(i);
          if (c === 0x7d /* } */) {
            if (state === State.Key) throw new Stop(i, "trailing comma before '}'");
            stack.pop();
            i++;
            state = State.After;
            break;
          }
          if (c !== 0x22 /* " */) {
            throw new Stop(i, c === 0x27 ? 'property names need double quotes, not single quotes' : `expected a property name in double quotes, found ${describeChar(text, i)}`);
          }
          const start = i;
          i = scanString(text, i);
          const key = decodeKey(text, start, i);
          const frame = stack[stack.length - 1];
          frame.key = key;
          if (frame.keys!.has(key)) {
            if (duplicates.length < MAX_DUPLICATES_KEPT) duplicates.push({ offset: start, path: pathOf(stack), key });
          } else {
            frame.keys!.add(key);
          }
          i = skipWhitespace(text, i);
          if (text.charCodeAt(i) !== 0x3a /* : */) {
            throw new Stop(i, i >= n ? "unexpected end of input: ':' was expected" : `expected ':' after the property name, found ${describeChar(text, i)}`);
          }
          i++;
          state = State.Value;
          break;
        }
        case State.After: {
          if (stack.length === 0) {
            if (i < n) throw new Stop(i, `unexpected ${describeChar(text, i)} after the end of the JSON value`);
            return { problem: null, duplicateKeys: duplicates.map((d) => ({ ...positionAt(text, d.offset), path: d.path, key: d.key })), root: positionAt(text, rootOffset) };
          }
          const frame = stack[stack.length - 1];
          const c = text.charCodeAt(i);
          const close = frame.isObject ? 0x7d : 0x5d;
          if (c === 0x2c /* , */) {
            i++;
            if (frame.isObject) {
              state = State.Key;
            } else {
              frame.index++;
              state = State.Value;
            }
          } else if (c === close) {
            stack.pop();
            i++;
          } else if (i >= n) {
            throw new Stop(i, `unexpected end of input: ',' or '${frame.isObject ? '}' : ']'}' was expected`);
          } else {
            throw new Stop(i, frame.isObject
              ? `expected ',' or '}' after a property value, found ${describeChar(text, i)}`
              : `expected ',' or ']' after an array element, found ${describeChar(text, i)}`);
          }
          break;
        }
      }
    }
  } catch (err) {
    if (!(err instanceof Stop)) throw err;
    return {
      problem: { kind: err.kind, message: err.text, ...positionAt(text, err.offset) },
      duplicateKeys: [],
      root: positionAt(text, rootOffset),
    };
  }
}

/**
 * A quick look for what JSON.parse does not report: false if some object may repeat a key, the
 * nesting may pass `maxDepth`, or the text is not even shaped like JSON (an unterminated string,
 * unbalanced brackets). True means that, if JSON.parse accepts the text, scanJson would find no
 * problem and no repeated key. Strings are stepped over with indexOf and never decoded, except
 * keys written with escapes; the scanner's careful reading is left for documents that need it.
 */
export function mayBeClean(text: string, maxDepth = DEFAULT_MAX_DEPTH): boolean {
  const n = text.length;
  // Per open container: whether it is an object, and the keys seen in it (a list while short).
  const inObject = new Uint8Array(maxDepth + 1);
  const keyLists: string[][] = [];
  const keySets: (Set<string> | null)[] = [];
  let depth = 0;
  let expectKey = false;
  for (let i = 0; i < n; ) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      let end = text.indexOf('"', i + 1);
      // A quote after an odd number of backslashes is part of the string.
      while (end > 0 && text.charCodeAt(end - 1) === 0x5c) {
        let k = end - 1;
        while (text.charCodeAt(k - 1) === 0x5c) k--;
        if ((end - k) % 2 === 0) break;
        end = text.indexOf('"', end + 1);
      }
      if (end < 0) return false;
      if (expectKey) {
        expectKey = false;
        let key = text.slice(i + 1, end);
        if (key.includes('\\')) {
          try {
            key = JSON.parse(text.slice(i, end + 1)) as string;
          } catch {
            return false;
          }
        }
        const set = keySets[depth];
        if (set) {
          if (set.has(key)) return false;
          set.add(key);
        } else {
          const list = keyLists[depth];
          if (list.includes(key)) return false;
          list.push(key);
          if (list.length > 16) keySets[depth] = new Set(list); // long objects: no quadratic search
        }
      }
      i = end + 1;
      continue;
    }
    if (c === 0x7b || c === 0x5b) {
      if (depth >= maxDepth) return false;
      depth++;
      const object = c === 0x7b;
      inObject[depth] = object ? 1 : 0;
      if (object) {
        if (keyLists[depth] === undefined) keyLists[depth] = [];
        else keyLists[depth].length = 0;
        keySets[depth] = null;
      }
      expectKey = object;
    } else if (c === 0x7d || c === 0x5d) {
      if (depth === 0) return false;
      depth--;
      expectKey = false;
    } else if (c === 0x2c) {
      expectKey = inObject[depth] === 1;
    }
    i++;
  }
  return depth === 0;
}

/** Line and column of the top-level value's first character. */
export function rootPosition(text: string): JsonPosition {
  return positionAt(text, skipWhitespace(text, 0));
}

function skipWhitespace(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
    else return i;
  }
}

function isAfterComma(text: string, i: number): boolean {
  let j = i - 1;
  while (j >= 0 && /[ \t\r\n]/.test(text[j])) j--;
  return text[j] === ',';
}

/** Scans a string, number or literal starting at `i`; returns the offset just past it. */
function scanScalar(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 0x22) return scanString(text, i);
  if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return scanNumber(text, i);
  for (const literal of ['true', 'false', 'null']) {
    if (text.startsWith(literal, i)) return i + literal.length;
  }
  if (c === 0x27) throw new Stop(i, 'strings need double quotes, not single quotes');
  if (c === 0x2f) throw new Stop(i, 'comments are not allowed in JSON');
  const word = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(text.slice(i, i + 40));
  if (word) throw new Stop(i, `unexpected word '${word[0]}': JSON values are strings in double quotes, numbers, true, false, null, objects or arrays`);
  throw new Stop(i, `unexpected ${describeChar(text, i)}: a value was expected`);
}

function scanString(text: string, start: number): number {
  const n = text.length;
  let i = start + 1;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c === 0x5c /* \ */) {
      const e = text.charCodeAt(i + 1);
      if (e === 0x75 /* u */) {
        if (!/^[0-9A-Fa-f]{4}$/.test(text.slice(i + 2, i + 6))) throw new Stop(i, '\\u must be followed by four hexadecimal digits');
        i += 6;
      } else if (e === 0x22 || e === 0x5c || e === 0x2f || e === 0x62 || e === 0x66 || e === 0x6e || e === 0x72 || e === 0x74) {
        i += 2;
      } else if (i + 1 >= n) {
        break;
      } else {
        throw new Stop(i, `invalid escape '\\${text[i + 1]}' in a string (valid: \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)`);
      }
    } else if (c < 0x20) {
      throw new Stop(i, `unescaped control character U+${c.toString(16).toUpperCase().padStart(4, '0')} in a string (write it as an escape such as \\n)`);
    } else {
      i++;
    }
  }
  const at = positionAt(text, start);
  throw new Stop(n, `unterminated string (it starts at line ${at.line}, column ${at.column})`);
}

function scanNumber(text: string, start: number): number {
  let i = start;
  if (text.charCodeAt(i) === 0x2d) i++;
  const digits = (from: number): number => {
    let j = from;
    while (j < text.length && text.charCodeAt(j) >= 0x30 && text.charCodeAt(j) <= 0x39) j++;
    return j;
  };
  if (text.charCodeAt(i) === 0x30) {
    i++;
    if (isDigit(text.charCodeAt(i))) throw new Stop(start, 'numbers must not have leading zeros');
  } else {
    const end = digits(i);
    if (end === i) throw new Stop(i, `a digit was expected after '-', found ${describeChar(text, i)}`);
    i = end;
  }
  if (text.charCodeAt(i) === 0x2e /* . */) {
    const end = digits(i + 1);
    if (end === i + 1) throw new Stop(i + 1, `a digit was expected after the decimal point, found ${describeChar(text, i + 1)}`);
    i = end;
  }
  const e = text.charCodeAt(i);
  if (e === 0x65 || e === 0x45) {
    i++;
    const sign = text.charCodeAt(i);
    if (sign === 0x2b || sign === 0x2d) i++;
    const end = digits(i);
    if (end === i) throw new Stop(i, `a digit was expected in the exponent, found ${describeChar(text, i)}`);
    i = end;
  }
  return i;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function decodeKey(text: string, start: number, end: number): string {
  const raw = text.slice(start + 1, end - 1);
  // Already checked, so JSON.parse of the quoted slice cannot throw.
  return raw.includes('\\') ? (JSON.parse(text.slice(start, end)) as string) : raw;
}

function pathOf(stack: Frame[]): string {
  let path = '';
  for (const frame of stack) path = frame.isObject ? memberPath(path, frame.key) : indexPath(path, frame.index);
  return path;
}

function describeChar(text: string, i: number): string {
  if (i >= text.length) return 'the end of input';
  const cp = text.codePointAt(i)!;
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp === 0xfeff) return `character U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return `'${String.fromCodePoint(cp)}'`;
}

/**
 * 1-based line and column of offset `at`. Lines end at LF, CRLF or a lone CR; columns count
 * characters (code points), as editors show them.
 */
export function positionAt(text: string, at: number): JsonPosition {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(at, text.length);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) {
      line++;
      lineStart = i + 1;
    } else if (c === 0x0d) {
      if (text.charCodeAt(i + 1) === 0x0a) i++;
      line++;
      lineStart = i + 1;
    }
  }
  let column = 1;
  for (let i = lineStart; i < at; i++) {
    const c = text.charCodeAt(i);
    // A surrogate pair is one character.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < at) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    column++;
  }
  return { line, column };
}
