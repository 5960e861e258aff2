// One look at an article's bytes, before they are decoded, for what the steps after it would
// otherwise each search the whole text for: a byte above 0x7F (the text is not ASCII, and needs
// the UTF-8 decoder), anything cleanText could change, and a run of two spaces (splitBlocks makes
// runs one). On a 4 KB article those three searches took ~8 µs; this takes well under one.
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

/** What the bytes may hold (NOT_ASCII | MAYBE_UNCLEAN | SPACE_RUN). */
export function scanArticleBytes(bytes: Uint8Array): number {
  let found = scanner === null ? EVERYTHING : scanner(bytes);
  const last = bytes[bytes.length - 1];
  if (last === 0x20 || last === 0xa0) found |= MAYBE_UNCLEAN;
  return found;
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
const fn = [0x02, 0x01, I32, 0x05, V128, ...body]; // locals: one i32, five v128
const moduleBytes = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // "\0asm", version 1
  ...section(1, [0x01, 0x60, 0x01, I32, 0x01, I32]), // type: (i32) -> i32
  ...section(3, [0x01, 0x00]), // function 0 has type 0
  ...section(5, [0x01, 0x00, 0x02]), // memory: two pages (a window, the byte after it, the padding)
  ...section(7, [0x02, ...name('memory'), 0x02, 0x00, ...name('scan'), 0x00, 0x00]),
  ...section(10, [0x01, ...uleb(fn.length), ...fn]),
]);

/** The little of the WebAssembly API used here (the DOM typings that describe it are not loaded). */
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: { scan: (end: number) => number; memory: { buffer: ArrayBuffer } } };
}

function makeScanner(): ((bytes: Uint8Array) => number) | null {
  const wasm = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
  if (wasm === undefined) return null;
  try {
    const { exports } = new wasm.Instance(new wasm.Module(moduleBytes));
    const { scan } = exports;
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
      return found;
    };
  } catch {
    return null; // no WebAssembly (or no SIMD) here
  }
}

const scanner = makeScanner();

/** Whether the SIMD loop is in use (for tests). */
export const usesSimd = scanner !== null;
