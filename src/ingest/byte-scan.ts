// One look at an article's bytes, before they are decoded, for what the steps after it would
// otherwise each search the whole text for: a byte above 0x7F (the text is not ASCII, and needs
// the UTF-8 decoder), anything cleanText could change, a run of two spaces (splitBlocks makes
// runs one), and the lines that may hold a caption's marker (`:`, `©`, `Pic/`, `by`): most
// paragraphs hold none, and markedCredit need not search them. On a 4 KB article those searches
// took ~13 µs; this takes about one.
//
// The answers may say yes where the text has nothing (a byte 0xEF that starts an ordinary
// character, say): the step then looks for itself, as it did without this. They never say no
// where the text has something.
//
// The loop is WebAssembly SIMD, sixteen bytes at a time, written out instruction by instruction
// (no build step, no binary file). Where WebAssembly is not available (node --jitless) every
// answer is yes.

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
   * space but ASCII's are such bytes), no `by`, `von` or `par` in any case before a space, tab
   * or line end. Null when not worked out (files over 64 KB, no WebAssembly).
   */
  markedLines: Uint8Array | null;
}

/** What the bytes may hold, and which lines may hold a caption's marker. */
export function scanArticleBytes(bytes: Uint8Array): ArticleScan {
  const scan = scanner === null ? { found: EVERYTHING, markedLines: null } : scanner(bytes);
  const last = bytes[bytes.length - 1];
  if (last === 0x20 || last === 0xa0) scan.found |= MAYBE_UNCLEAN;
  return scan;
}

// ── the SIMD loop ────────────────────────────────────────────────────────────
//
//   scan(end): for p = 0, 16, ... < end, v = the sixteen bytes at p, w = those at p + 1:
//     high  |= v
//     odd   |= (v < 0x20 and v != 0x0A) or v == 0xEF or ((v == 0x20 or v == 0xA0) and w == 0x0A)
//     runs  |= v == 0x20 and w == 0x20
//   return (any lane of high has its top bit) | any(odd) << 1 | any(runs) << 2

/** Bytes looked at per call; the memory holds one more (for w) and the padding after them. */
const WINDOW = 64 * 1024;
/** Bytes after the last one copied, set to a letter, which none of the tests takes. */
const PADDING = 32;

const I32 = 0x7f;
const V128 = 0x7b;
const END = 0x0b;
const [END_PARAM, P, V, W, HIGH, ODD, RUNS] = [0, 1, 2, 3, 4, 5, 6]; // local indexes

const simd = (op: number): number[] => [0xfd, op]; // every opcode used is below 0x80: one byte
const get = (i: number): number[] => [0x20, i];
const set = (i: number): number[] => [0x21, i];
const i32Const = (n: number): number[] => [0x41, ...sleb(n)];
/** i8x16.eq of a local and a byte in every lane. */
const eq = (local: number, byte: number): number[] => [...get(local), ...i32Const(byte), ...simd(0x0f), ...simd(0x23)];
const or = simd(0x50);
const and = simd(0x4e);
const andNot = simd(0x4f);
const accumulate = (acc: number, test: number[]): number[] => [...get(acc), ...test, ...or, ...set(acc)];
/** v128.load of the sixteen bytes at p + offset (align 1: p + 1 is not aligned). */
const load = (offset: number): number[] => [...get(P), ...simd(0x00), 0, offset];

const body = [
  0x02, 0x40, // block
  ...get(END_PARAM), 0x45 /* i32.eqz */, 0x0d, 0 /* br_if block */,
  0x03, 0x40, // loop
  ...load(0), ...set(V),
  ...load(1), ...set(W),
  ...accumulate(HIGH, get(V)),
  ...accumulate(ODD, [
    ...get(V), ...i32Const(0x20), ...simd(0x0f), ...simd(0x26) /* i8x16.lt_u */, ...eq(V, 0x0a), ...andNot,
    ...eq(V, 0xef), ...or,
    ...eq(V, 0x20), ...eq(V, 0xa0), ...or, ...eq(W, 0x0a), ...and, ...or,
  ]),
  ...accumulate(RUNS, [...eq(V, 0x20), ...eq(W, 0x20), ...and]),
  ...get(P), ...i32Const(16), 0x6a /* i32.add */, ...set(P),
  ...get(P), ...get(END_PARAM), 0x49 /* i32.lt_u */, 0x0d, 0 /* br_if loop */,
  END, END,
  ...get(HIGH), ...simd(0x64) /* i8x16.bitmask */, ...i32Const(0), 0x47 /* i32.ne */,
  ...get(ODD), ...simd(0x53) /* v128.any_true */, ...i32Const(1), 0x74 /* i32.shl */,
  ...get(RUNS), ...simd(0x53), ...i32Const(2), 0x74,
  0x72, 0x72 /* i32.or, i32.or */,
  END,
];

//   marks(end): line = 0, flags[0] = 0; for p = 0, 16, ... < end, v, w1, w2, w3 = the sixteen bytes
//   at p, p + 1, p + 2, p + 3, and lower(x) = x | 0x20, space(x) = x in 9..13 or x == 0x20 or x > 0x7F:
//     cand = v == ':' or v == '/' or v > 0x7F
//            or (lower(v) == 'b' and lower(w1) == 'y' and space(w2))
//            or (lower(v) == 'v' and lower(w1) == 'o' and lower(w2) == 'n' and space(w3))
//            or (lower(v) == 'p' and lower(w1) == 'a' and lower(w2) == 'r' and space(w3))
//     for each lane, in order, that is an LF or a candidate:
//       LF: line += 1, flags[line] = 0; candidate: flags[line] = 1
//   return line + 1 (the number of lines)
//
// A marker of a block is on one of its lines: lines are joined with a space, and a `by` that ends
// a line stands before its LF (or the spaces trimmed off it).

/** Where marks writes its flags: after a window, the byte after it and the padding. */
const FLAGS = 2 * 64 * 1024;
const [MEND, MP, LINE, BITS, NL, POS, MV, MW1, MW2, MW3] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
const splat = simd(0x0f);
const sub = simd(0x71);
const ltU = simd(0x26);
const ltS = simd(0x25);
const bitmask = simd(0x64);
const loadAt = (offset: number): number[] => [...get(MP), ...simd(0x00), 0, offset];
/** Lanes of a local that are a given letter in either case. */
const letter = (local: number, ch: number): number[] => [...get(local), ...i32Const(0x20), ...splat, ...or, ...i32Const(ch), ...splat, ...simd(0x23)];
/** Lanes of a local that are an ASCII space, tab or line end, or a byte above 0x7F. */
const space = (local: number): number[] => [
  ...get(local), ...i32Const(9), ...splat, ...sub, ...i32Const(5), ...splat, ...ltU,
  ...eq(local, 0x20), ...or,
  ...get(local), ...i32Const(0), ...splat, ...ltS, ...or,
];
const store8 = (value: number): number[] => [...get(LINE), ...i32Const(value), 0x3a /* i32.store8 */, 0, ...uleb(FLAGS)];

const marksBody = [
  ...store8(0),
  0x02, 0x40, // block
  ...get(MEND), 0x45, 0x0d, 0,
  0x03, 0x40, // loop over vectors
  ...loadAt(0), ...set(MV), ...loadAt(1), ...set(MW1), ...loadAt(2), ...set(MW2), ...loadAt(3), ...set(MW3),
  ...eq(MV, 0x3a), ...eq(MV, 0x2f), ...or, ...get(MV), ...i32Const(0), ...splat, ...ltS, ...or,
  ...letter(MV, 0x62), ...letter(MW1, 0x79), ...and, ...space(MW2), ...and, ...or,
  ...letter(MV, 0x76), ...letter(MW1, 0x6f), ...and, ...letter(MW2, 0x6e), ...and, ...space(MW3), ...and, ...or,
  ...letter(MV, 0x70), ...letter(MW1, 0x61), ...and, ...letter(MW2, 0x72), ...and, ...space(MW3), ...and, ...or,
  ...bitmask, ...set(BITS),
  ...eq(MV, 0x0a), ...bitmask, ...set(NL),
  ...get(BITS), ...get(NL), 0x72 /* i32.or */, ...set(BITS),
  0x02, 0x40, // block: the lanes found, in order
  ...get(BITS), 0x45, 0x0d, 0,
  0x03, 0x40, // loop over set bits
  ...get(BITS), 0x68 /* i32.ctz */, ...set(POS),
  ...get(NL), ...get(POS), 0x76 /* i32.shr_u */, ...i32Const(1), 0x71 /* i32.and */,
  0x04, 0x40, // if LF
  ...get(LINE), ...i32Const(1), 0x6a, ...set(LINE), ...store8(0),
  0x05, // else
  ...store8(1),
  END,
  ...get(BITS), ...get(BITS), ...i32Const(1), 0x6b /* i32.sub */, 0x71 /* i32.and */, ...set(BITS),
  ...get(BITS), 0x0d, 0, // br_if loop over bits
  END, END,
  ...get(MP), ...i32Const(16), 0x6a, ...set(MP),
  ...get(MP), ...get(MEND), 0x49, 0x0d, 0, // br_if loop over vectors
  END, END,
  ...get(LINE), ...i32Const(1), 0x6a,
  END,
];

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    const byte = n & 0x7f;
    n >>>= 7;
    out.push(n === 0 ? byte : byte | 0x80);
  } while (n !== 0);
  return out;
}

function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

const section = (id: number, content: number[]): number[] => [id, ...uleb(content.length), ...content];
const name = (s: string): number[] => [s.length, ...Buffer.from(s, 'latin1')];
const code = (locals: number[], instructions: number[]): number[] => {
  const fn = [...locals, ...instructions];
  return [...uleb(fn.length), ...fn];
};
const moduleBytes = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // "\0asm", version 1
  ...section(1, [0x01, 0x60, 0x01, I32, 0x01, I32]), // type: (i32) -> i32
  ...section(3, [0x02, 0x00, 0x00]), // functions 0 and 1 have type 0
  ...section(5, [0x01, 0x00, 0x04]), // memory: four pages (a window, the byte after it, the padding; the flags)
  ...section(7, [0x03, ...name('memory'), 0x02, 0x00, ...name('scan'), 0x00, 0x00, ...name('marks'), 0x00, 0x01]),
  ...section(10, [
    0x02,
    ...code([0x02, 0x01, I32, 0x05, V128], body), // locals: one i32, five v128
    ...code([0x02, 0x05, I32, 0x04, V128], marksBody), // locals: five i32, four v128
  ]),
]);

/** The little of the WebAssembly API used here (the DOM typings that describe it are not loaded). */
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => {
    exports: { scan: (end: number) => number; marks: (end: number) => number; memory: { buffer: ArrayBuffer } };
  };
}

function makeScanner(): ((bytes: Uint8Array) => ArticleScan) | null {
  const wasm = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
  if (wasm === undefined) return null;
  try {
    const { exports } = new wasm.Instance(new wasm.Module(moduleBytes));
    const { scan, marks } = exports;
    const memory = new Uint8Array(exports.memory.buffer);
    return (bytes) => {
      let found = 0;
      for (let at = 0; at < bytes.length; at += WINDOW) {
        const count = Math.min(WINDOW, bytes.length - at);
        // One byte more than the window when there is one: the w of its last byte.
        const copied = Math.min(count + 1, bytes.length - at);
        memory.set(at === 0 && copied === bytes.length ? bytes : bytes.subarray(at, at + copied), 0);
        memory.fill(0x61, copied, copied + PADDING);
        found |= scan(count);
      }
      // A file of one window is still in memory, padded.
      const markedLines = bytes.length <= WINDOW ? memory.slice(FLAGS, FLAGS + marks(bytes.length)) : null;
      return { found, markedLines };
    };
  } catch {
    return null; // no WebAssembly (or no SIMD) here
  }
}

const scanner = makeScanner();

/** Whether the SIMD loop is in use (for tests). */
export const usesSimd = scanner !== null;
