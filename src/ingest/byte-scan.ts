// One look at an article's bytes, before they are decoded, for what the steps after it would
// otherwise each search the whole text for: a byte above 0x7F (the text is not ASCII, and needs
// the UTF-8 decoder), anything cleanText could change, a run of two spaces (splitBlocks makes
// runs one), and the lines that may hold a caption's marker (`:`, `©`, `Pic/`, `by`): most
// paragraphs hold none, and markedCredit need not search them; and where the bytes above 0x7F
// begin and end (decodeUtf8Between). On a 4 KB article those searches took ~12 µs; this takes one
// to two, the copy into WebAssembly memory included.
//
// The answers may say yes where the text has nothing (a byte 0xEF that starts an ordinary
// character, say): the step then looks for itself, as it did without this. They never say no
// where the text has something.
//
// The loop is WebAssembly SIMD, sixteen bytes at a time, written out instruction by instruction
// (no build step, no binary file). Where WebAssembly is not available (node --jitless) every
// answer is yes.
import { END, I32, i32Const, instantiate, localGet, localSet, simd, uleb, V128, wasmModule } from '../wasm/module.js';

/** A byte above 0x7F: the text is not ASCII. */
export const NOT_ASCII = 1;
/**
 * What cleanText may change: a C0 control but LF (CR, tab, the forbidden ones), a byte 0xEF (the
 * first of a BOM, U+FFFE and U+FFFF), a space or a byte 0xA0 (the last of U+00A0) before an LF,
 * or one of them last.
 */
export const MAYBE_UNCLEAN = 2;
/** Two spaces in a row. */
export const SPACE_RUN = 4;
const EVERYTHING = NOT_ASCII | MAYBE_UNCLEAN | SPACE_RUN;

export interface ArticleScan {
  /** What the bytes may hold (NOT_ASCII | MAYBE_UNCLEAN | SPACE_RUN). */
  found: number;
  /**
   * One entry per line of the file (0 for line 1): 0 when the line holds nothing markedCredit's
   * first test (ANY_MARK) could find — no `:`, no `/`, no byte above 0x7F (`©`, `Ⓒ` and every
   * space but ASCII's are such bytes), no `by`, `von` or `par` in any case before a byte up to
   * 0x20 or above 0x7F. Null when not worked out (files over 64 KB, no WebAssembly).
   */
  markedLines: Uint8Array | null;
  /**
   * The first and the last byte above 0x7F (-1 when there is none, or when not worked out): the
   * bytes before and after them are ASCII, and need no UTF-8 decoder.
   */
  firstWide: number;
  lastWide: number;
}

/** What the bytes may hold, and which lines may hold a caption's marker. */
export function scanArticleBytes(bytes: Uint8Array): ArticleScan {
  const scan = scanner === null ? { found: EVERYTHING, markedLines: null, firstWide: -1, lastWide: -1 } : scanner(bytes);
  const last = bytes[bytes.length - 1];
  if (last === 0x20 || last === 0xa0) scan.found |= MAYBE_UNCLEAN;
  return scan;
}

// ── the SIMD loop ────────────────────────────────────────────────────────────
//
//   scan(end): line = 0, flags[0] = 0; for p = 0, 16, ... < end, v, w1, w2, w3 = the sixteen
//   bytes at p, p + 1, p + 2, p + 3; lower(x) = x | 0x20; space(x) = x <= 0x20 or x > 0x7F
//   (every ASCII space, tab and line end, and every byte of the other spaces):
//     high  |= v
//     odd   |= (v < 0x20 and v != 0x0A) or v == 0xEF or ((v == 0x20 or v == 0xA0) and w1 == 0x0A)
//     runs  |= v == 0x20 and w1 == 0x20
//     cand   = v == ':' or v == '/' or v > 0x7F
//              or (lower(v) == 'b' and lower(w1) == 'y' and space(w2))
//              or (lower(v), lower(w1), lower(w2) == 'v', 'o', 'n' or 'p', 'a', 'r', and space(w3))
//     for each lane, in order, that is an LF or in cand:
//       LF: line += 1, flags[line] = 0; cand: flags[line] = 1
//   return (any lane of high has its top bit) | any(odd) << 1 | any(runs) << 2 | (line + 1) << 3
//
// A marker of a block is on one of its lines: lines are joined with a space, and a `by` that ends
// a line stands before its LF (or before the spaces trimmed off it).

/** Bytes looked at per call; the memory holds one more (for w1) and the padding after them. */
const WINDOW = 64 * 1024;
/** Bytes after the last one copied, set to a letter, which none of the tests takes. */
const PADDING = 32;
/** Where the line flags are written: past a window, the byte after it and the padding. */
const FLAGS = 2 * 64 * 1024;
/** Where the first and last byte above 0x7F are written (two i32, -1 for none), just before. */
const WIDE_AT = FLAGS - 8;

/** The bytes compared with, each in all sixteen lanes of a local of its own (set before the loop). */
const CONSTANTS = [0x00, 0x0a, 0x20, 0x21, 0x2f, 0x3a, 0xa0, 0xef, 0x61, 0x62, 0x6e, 0x6f, 0x70, 0x72, 0x76, 0x79];
// Local indexes: the parameter, five i32, then the v128 ones, the constants last.
const [END_PARAM, P, LINE, BITS, NL, POS, FIRST_WIDE, LAST_WIDE, WIDE_LANES] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
const I32_LOCALS = 8;
const [V, W1, W2, W3, L0, L1, L2, HIGH, ODD, RUNS, LF, CAND] = [9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20];
const FIRST_CONSTANT = 21;
const k = (byte: number): number => FIRST_CONSTANT + CONSTANTS.indexOf(byte);

const or = simd(0x50);
const and = simd(0x4e);
const andNot = simd(0x4f);
/** Lanes of a local equal to a byte (whose constant local is set). */
const eq = (local: number, byte: number): number[] => [...localGet(local), ...localGet(k(byte)), ...simd(0x23)];
/** Lanes of a local below a byte, signed: bytes above 0x7F are below everything. */
const ltS = (local: number, byte: number): number[] => [...localGet(local), ...localGet(k(byte)), ...simd(0x25)];
const ltU = (local: number, byte: number): number[] => [...localGet(local), ...localGet(k(byte)), ...simd(0x26)];
const accumulate = (acc: number, test: number[]): number[] => [...localGet(acc), ...test, ...or, ...localSet(acc)];
/** v128.load of the sixteen bytes at p + offset (align 1: only p itself is aligned). */
const load = (offset: number): number[] => [...localGet(P), ...simd(0x00), 0, offset];
const lower = (from: number, to: number): number[] => [...localGet(from), ...localGet(k(0x20)), ...or, ...localSet(to)];
const store8 = (value: number): number[] => [...localGet(LINE), ...i32Const(value), 0x3a /* i32.store8 */, 0, ...uleb(FLAGS)];

const body = [
  ...CONSTANTS.flatMap((byte) => [...i32Const(byte), ...simd(0x0f) /* i8x16.splat */, ...localSet(k(byte))]),
  ...store8(0),
  ...i32Const(-1), ...localSet(FIRST_WIDE), ...i32Const(-1), ...localSet(LAST_WIDE),
  0x02, 0x40, // block
  ...localGet(END_PARAM), 0x45 /* i32.eqz */, 0x0d, 0 /* br_if block */,
  0x03, 0x40, // loop over vectors
  ...load(0), ...localSet(V), ...load(1), ...localSet(W1), ...load(2), ...localSet(W2), ...load(3), ...localSet(W3),
  ...eq(V, 0x0a), ...localSet(LF),
  ...accumulate(HIGH, localGet(V)),
  // Where the bytes above 0x7F begin and end.
  ...localGet(V), ...simd(0x64) /* i8x16.bitmask */, ...localSet(WIDE_LANES),
  ...localGet(WIDE_LANES),
  0x04, 0x40, // if any
  ...localGet(FIRST_WIDE), ...i32Const(0), 0x48 /* i32.lt_s */,
  0x04, 0x40, ...localGet(P), ...localGet(WIDE_LANES), 0x68 /* i32.ctz */, 0x6a, ...localSet(FIRST_WIDE), END,
  ...localGet(P), ...i32Const(31), ...localGet(WIDE_LANES), 0x67 /* i32.clz */, 0x6b /* i32.sub */, 0x6a, ...localSet(LAST_WIDE),
  END,
  ...accumulate(ODD, [
    ...ltU(V, 0x20), ...localGet(LF), ...andNot,
    ...eq(V, 0xef), ...or,
    ...eq(V, 0x20), ...eq(V, 0xa0), ...or, ...eq(W1, 0x0a), ...and, ...or,
  ]),
  ...accumulate(RUNS, [...eq(V, 0x20), ...eq(W1, 0x20), ...and]),
  ...lower(V, L0), ...lower(W1, L1), ...lower(W2, L2),
  ...eq(V, 0x3a), ...eq(V, 0x2f), ...or, ...ltS(V, 0x00), ...or,
  ...eq(L0, 0x62), ...eq(L1, 0x79), ...and, ...ltS(W2, 0x21), ...and, ...or,
  ...eq(L0, 0x76), ...eq(L1, 0x6f), ...and, ...eq(L2, 0x6e), ...and,
  ...eq(L0, 0x70), ...eq(L1, 0x61), ...and, ...eq(L2, 0x72), ...and, ...or,
  ...ltS(W3, 0x21), ...and, ...or, ...localSet(CAND),
  // The lanes that are LFs or candidates, in order.
  ...localGet(LF), ...simd(0x64) /* i8x16.bitmask */, ...localSet(NL),
  ...localGet(CAND), ...simd(0x64), ...localGet(NL), 0x72 /* i32.or */, ...localSet(BITS),
  0x02, 0x40, // block
  ...localGet(BITS), 0x45, 0x0d, 0,
  0x03, 0x40, // loop over the lanes found
  ...localGet(BITS), 0x68 /* i32.ctz */, ...localSet(POS),
  ...localGet(NL), ...localGet(POS), 0x76 /* i32.shr_u */, ...i32Const(1), 0x71 /* i32.and */,
  0x04, 0x40, // if an LF
  ...localGet(LINE), ...i32Const(1), 0x6a /* i32.add */, ...localSet(LINE), ...store8(0),
  0x05, // else
  ...store8(1),
  END,
  ...localGet(BITS), ...localGet(BITS), ...i32Const(1), 0x6b /* i32.sub */, 0x71 /* i32.and */, ...localSet(BITS),
  ...localGet(BITS), 0x0d, 0, // br_if: more lanes
  END, END,
  ...localGet(P), ...i32Const(16), 0x6a, ...localSet(P),
  ...localGet(P), ...localGet(END_PARAM), 0x49 /* i32.lt_u */, 0x0d, 0, // br_if: more vectors
  END, END,
  ...i32Const(0), ...localGet(FIRST_WIDE), 0x36 /* i32.store */, 2, ...uleb(WIDE_AT),
  ...i32Const(0), ...localGet(LAST_WIDE), 0x36, 2, ...uleb(WIDE_AT + 4),
  ...localGet(HIGH), ...simd(0x64), ...i32Const(0), 0x47 /* i32.ne */,
  ...localGet(ODD), ...simd(0x53) /* v128.any_true */, ...i32Const(1), 0x74 /* i32.shl */,
  ...localGet(RUNS), ...simd(0x53), ...i32Const(2), 0x74,
  ...localGet(LINE), ...i32Const(1), 0x6a, ...i32Const(3), 0x74,
  0x72, 0x72, 0x72 /* i32.or ×3 */,
  END,
];

// Locals: the i32 ones, then the v128 ones (the constants last).
const moduleBytes = wasmModule(4 /* a window, the byte after it, the padding; the flags */, [
  { name: 'scan', locals: [[I32_LOCALS, I32], [FIRST_CONSTANT - V + CONSTANTS.length, V128]], body },
]);

function makeScanner(): ((bytes: Uint8Array) => ArticleScan) | null {
  const exports = instantiate<'scan'>(moduleBytes);
  if (exports === null) return null; // no WebAssembly (or no SIMD) here
  const { scan } = exports;
  const memory = new Uint8Array(exports.memory.buffer);
  const wide = new Int32Array(exports.memory.buffer, WIDE_AT, 2);
  return (bytes) => {
    let found = 0;
    let lines = 1;
    for (let at = 0; at < bytes.length; at += WINDOW) {
      const count = Math.min(WINDOW, bytes.length - at);
      // One byte more than the window when there is one: the w of its last byte.
      const copied = Math.min(count + 1, bytes.length - at);
      memory.set(at === 0 && copied === bytes.length ? bytes : bytes.subarray(at, at + copied), 0);
      memory.fill(0x61, copied, copied + PADDING);
      const answer = scan(count);
      found |= answer & EVERYTHING;
      lines = answer >>> 3;
    }
    // The flags of a file of one window are its lines' (the lines of a longer one are not counted across windows).
    const markedLines = bytes.length === 0 ? new Uint8Array(1) : bytes.length <= WINDOW ? memory.slice(FLAGS, FLAGS + lines) : null;
    const single = bytes.length > 0 && bytes.length <= WINDOW;
    return { found, markedLines, firstWide: single ? wide[0] : -1, lastWide: single ? wide[1] : -1 };
  };
}

const scanner = makeScanner();

/** Whether the SIMD loop is in use (for tests). */
export const usesSimd = scanner !== null;
