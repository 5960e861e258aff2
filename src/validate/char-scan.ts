// One look at every character of a text, for the few kinds the XML reader must know about
// before it can skip through the text with indexOf: characters XML forbids, the marks of a wrong
// encoding (C1 controls, U+FFFD), and surrogates (astral characters count as one column).
//
// Every character of every feed passes through here, so it is done by a small WebAssembly SIMD
// loop: about three times faster than one regular expression test, which had become the largest
// single cost of reading a feed. Text with no character above U+00FF (all of most feeds in
// English, which V8 keeps one byte a character) is copied out one byte a character and looked at
// sixteen at a time; from the first wider character on, two bytes a character, eight at a time.
// The loops are written out below instruction by instruction (no build step, no binary blob);
// where WebAssembly is not available (node --jitless) the regular expressions do the same job.
import { END, I32, i32Const, instantiate, localGet, localSet, simd, V128, wasmModule } from '../wasm/module.js';

/** A character XML forbids: C0 controls but tab, LF and CR; U+FFFE, U+FFFF. */
export const FORBIDDEN_CHAR = 1;
/** A C1 control or U+FFFD: the marks of text decoded with the wrong encoding. */
export const SUSPECT_CHAR = 2;
/** Half of a surrogate pair (or a lone one). */
export const SURROGATE_CHAR = 4;
/**
 * A CR, a tab, a "]": characters the reader must look for in some places (line ends to
 * normalise, attribute values, "]]>"). Most feeds have none, which spares searching for them.
 */
export const CR_CHAR = 8;
export const TAB_CHAR = 16;
export const BRACKET_CHAR = 32;

const FORBIDDEN = /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/;
const SUSPECT = /[\x80-\x9f\ufffd]/;
const SURROGATE = /[\ud800-\udfff]/;
/** Any of the above: most texts have none, and one test says so. */
const ANY = /[\x00-\x08\x0b\x0c\x0e-\x1f\x80-\x9f\ud800-\udfff\ufffd-\uffff]/;
/**
 * A character above U+00FF. On a string V8 keeps one byte a character this search answers at
 * once, without reading the text: its one-byte code cannot match anything. On another string it
 * reads up to the first such character (usually near the start of a feed that has any).
 */
const WIDE = /[\u0100-\uffff]/;

/** Which kinds of character the text has (FORBIDDEN_CHAR | SUSPECT_CHAR | ... | BRACKET_CHAR). */
export function charKinds(text: string): number {
  if (scanner !== null && text.length >= SHORT) return scanner(text);
  return kindsByRegExp(text);
}

/** charKinds with regular expressions only (also the reference the SIMD loop is tested against). */
export function kindsByRegExp(text: string): number {
  const marks = (text.includes('\r') ? CR_CHAR : 0) | (text.includes('\t') ? TAB_CHAR : 0) | (text.includes(']') ? BRACKET_CHAR : 0);
  if (!ANY.test(text)) return marks;
  return marks | (FORBIDDEN.test(text) ? FORBIDDEN_CHAR : 0) | (SUSPECT.test(text) ? SUSPECT_CHAR : 0) | (SURROGATE.test(text) ? SURROGATE_CHAR : 0);
}

/** Below this length the regular expression wins: copying the text out costs a call. */
const SHORT = 256;
/** UTF-16 units copied into WebAssembly memory at a time (64 KB: one page). */
const WINDOW = 32 * 1024;
/** Characters below U+0100 copied at a time, one byte each (the whole memory, two pages). */
const BYTE_WINDOW = 128 * 1024;

// ── The SIMD loops ───────────────────────────────────────────────────────────
//
//   scan(end): for p = 0, 16, ... < end, v = the eight u16 lanes at p:
//     bad |= (v < 0x20 and v not in {9, 10, 13}) or v >= 0xFFFE
//     sus |= (v - 0x80) < 0x20 or v == 0xFFFD          (unsigned lanes)
//     sur |= (v - 0xD800) < 0x800
//     cr |= v == 13;  tab |= v == 9;  br |= v == 0x5D
//   return any(bad) | any(sus) << 1 | any(sur) << 2 | any(cr) << 3 | any(tab) << 4 | any(br) << 5
//
//   scanBytes(end): the same over sixteen u8 lanes (characters below U+0100), where no
//   surrogate, U+FFFD, U+FFFE or U+FFFF can be.

const [END_PARAM, P, V, BAD, SUS, SUR, CR, TAB, BR] = [0, 1, 2, 3, 4, 5, 6, 7, 8]; // local indexes

/** Lane-wise opcodes of the two lane widths. */
interface Lanes {
  splat: number;
  eq: number;
  ltU: number;
  geU: number;
  sub: number;
}
const U16: Lanes = { splat: 0x10, eq: 0x2d, ltU: 0x30, geU: 0x36, sub: 0x91 };
const U8: Lanes = { splat: 0x0f, eq: 0x23, ltU: 0x26, geU: 0x2c, sub: 0x71 };

/** The lanes of v, and `n` in every lane, for a lane-wise operation. */
const lanesAnd = (l: Lanes, n: number): number[] => [...localGet(V), ...i32Const(n), ...simd(l.splat)];
const eq = (l: Lanes, n: number): number[] => [...lanesAnd(l, n), ...simd(l.eq)];
const ltU = (l: Lanes, n: number): number[] => [...lanesAnd(l, n), ...simd(l.ltU)];
const geU = (l: Lanes, n: number): number[] => [...lanesAnd(l, n), ...simd(l.geU)];
/** (v - from) < size, unsigned: v in [from, from + size). */
const inRange = (l: Lanes, from: number, size: number): number[] => [
  ...lanesAnd(l, from), ...simd(l.sub), ...i32Const(size), ...simd(l.splat), ...simd(l.ltU),
];
const or = simd(0x50);
const andNot = simd(0x4f);
const anyTrue = simd(0x53);
const accumulate = (acc: number, test: number[]): number[] => [...localGet(acc), ...test, ...or, ...localSet(acc)];
/** A C0 control other than tab, LF and CR. */
const c0 = (l: Lanes): number[] => [...ltU(l, 0x20), ...eq(l, 9), ...eq(l, 10), ...eq(l, 13), ...or, ...or, ...andNot];

/** The loop over the memory up to END_PARAM, sixteen bytes at a time, then the kinds found. */
const scanBody = (accumulations: number[]): number[] => [
  0x02, 0x40, // block
  ...localGet(END_PARAM), 0x45 /* i32.eqz */, 0x0d, 0 /* br_if block */,
  0x03, 0x40, // loop
  ...localGet(P), ...simd(0x00), 4, 0 /* v128.load align=16 */, ...localSet(V),
  ...accumulations,
  ...localGet(P), ...i32Const(16), 0x6a /* i32.add */, ...localSet(P),
  ...localGet(P), ...localGet(END_PARAM), 0x49 /* i32.lt_u */, 0x0d, 0 /* br_if loop */,
  END, END,
  ...localGet(BAD), ...anyTrue,
  ...[SUS, SUR, CR, TAB, BR].flatMap((acc, k) => [...localGet(acc), ...anyTrue, ...i32Const(k + 1), 0x74 /* i32.shl */, 0x72 /* i32.or */]),
  END,
];

/** Line-end, tab and bracket marks, the same in both lane widths. */
const markAccumulations = (l: Lanes): number[] => [...accumulate(CR, eq(l, 13)), ...accumulate(TAB, eq(l, 9)), ...accumulate(BR, eq(l, 0x5d))];

const unitsBody = scanBody([
  ...accumulate(BAD, [...c0(U16), ...geU(U16, 0xfffe), ...or]),
  ...accumulate(SUS, [...inRange(U16, 0x80, 0x20), ...eq(U16, 0xfffd), ...or]),
  ...accumulate(SUR, inRange(U16, 0xd800, 0x800)),
  ...markAccumulations(U16),
]);

const bytesBody = scanBody([...accumulate(BAD, c0(U8)), ...accumulate(SUS, inRange(U8, 0x80, 0x20)), ...markAccumulations(U8)]);

const moduleBytes = wasmModule(2, [
  { name: 'scan', locals: [[1, I32], [7, V128]], body: unitsBody },
  { name: 'scanBytes', locals: [[1, I32], [7, V128]], body: bytesBody },
]);

function makeScanner(): ((text: string) => number) | null {
  const exports = instantiate<'scan' | 'scanBytes'>(moduleBytes);
  if (exports === null) return null; // no WebAssembly (or no SIMD) here
  const { scan, scanBytes } = exports;
  const memory = Buffer.from(exports.memory.buffer);
  /** Kinds in text[from..to), all of whose characters are below U+0100: copied as Latin-1, which is then exact. */
  const scanNarrow = (text: string, from: number, to: number): number => {
    let kinds = 0;
    for (let at = from; at < to; at += BYTE_WINDOW) {
      const piece = at === 0 && to === text.length && to <= BYTE_WINDOW ? text : text.slice(at, Math.min(at + BYTE_WINDOW, to));
      let end = memory.write(piece, 0, 'latin1');
      // Spaces up to a whole vector: they are none of the kinds looked for.
      for (; end % 16 !== 0; end++) memory[end] = 0x20;
      kinds |= scanBytes(end);
    }
    return kinds;
  };
  /** Kinds in text[from..], two bytes a character. */
  const scanWide = (text: string, from: number): number => {
    let kinds = 0;
    for (let at = from; at < text.length; at += WINDOW) {
      const piece = at === 0 && text.length <= WINDOW ? text : text.slice(at, at + WINDOW);
      let end = memory.write(piece, 0, 'utf16le');
      for (; end % 16 !== 0; end += 2) {
        memory[end] = 0x20;
        memory[end + 1] = 0;
      }
      kinds |= scan(end);
    }
    return kinds;
  };
  return (text) => {
    // The characters before the first one above U+00FF (all of them, usually) a byte each.
    const wide = text.search(WIDE);
    if (wide < 0) return scanNarrow(text, 0, text.length);
    return (wide > 0 ? scanNarrow(text, 0, wide) : 0) | scanWide(text, wide);
  };
}

const scanner = makeScanner();

/** Whether the SIMD loop is in use (for tests). */
export const usesSimd = scanner !== null;
