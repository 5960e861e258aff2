// One look at every character of a text, for the few kinds the XML reader must know about
// before it can skip through the text with indexOf: characters XML forbids, the marks of a wrong
// encoding (C1 controls, U+FFFD), and surrogates (astral characters count as one column).
//
// Every character of every feed passes through here, so it is done eight UTF-16 units at a
// time by a small WebAssembly SIMD loop: about three times faster than one regular expression
// test, which had become the largest single cost of reading a feed. The loop is written out
// below instruction by instruction (no build step, no binary blob); where WebAssembly is not
// available (node --jitless) the regular expressions do the same job.

/** A character XML forbids: C0 controls but tab, LF and CR; U+FFFE, U+FFFF. */
export const FORBIDDEN_CHAR = 1;
/** A C1 control or U+FFFD: the marks of text decoded with the wrong encoding. */
export const SUSPECT_CHAR = 2;
/** Half of a surrogate pair (or a lone one). */
export const SURROGATE_CHAR = 4;

const FORBIDDEN = /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/;
const SUSPECT = /[\x80-\x9f\ufffd]/;
const SURROGATE = /[\ud800-\udfff]/;
/** Any of the above: most texts have none, and one test says so. */
const ANY = /[\x00-\x08\x0b\x0c\x0e-\x1f\x80-\x9f\ud800-\udfff\ufffd-\uffff]/;

/** Which kinds of character the text has (FORBIDDEN_CHAR | SUSPECT_CHAR | SURROGATE_CHAR). */
export function charKinds(text: string): number {
  if (scanner !== null && text.length >= SHORT) return scanner(text);
  return kindsByRegExp(text);
}

/** charKinds with regular expressions only (also the reference the SIMD loop is tested against). */
export function kindsByRegExp(text: string): number {
  if (!ANY.test(text)) return 0;
  return (FORBIDDEN.test(text) ? FORBIDDEN_CHAR : 0) | (SUSPECT.test(text) ? SUSPECT_CHAR : 0) | (SURROGATE.test(text) ? SURROGATE_CHAR : 0);
}

/** Below this length the regular expression wins: copying the text out costs a call. */
const SHORT = 256;
/** UTF-16 units copied into WebAssembly memory at a time (64 KB: one page). */
const WINDOW = 32 * 1024;

// ── The SIMD loop ────────────────────────────────────────────────────────────
//
//   scan(end): for p = 0, 16, ... < end, v = the eight u16 lanes at p:
//     bad |= (v < 0x20 and v not in {9, 10, 13}) or v >= 0xFFFE
//     sus |= (v - 0x80) < 0x20 or v == 0xFFFD          (unsigned lanes)
//     sur |= (v - 0xD800) < 0x800
//   return any(bad) | any(sus) << 1 | any(sur) << 2

const I32 = 0x7f;
const V128 = 0x7b;
const END = 0x0b;
const [END_PARAM, P, V, BAD, SUS, SUR] = [0, 1, 2, 3, 4, 5]; // local indexes

const simd = (op: number): number[] => [0xfd, ...uleb(op)];
const localGet = (i: number): number[] => [0x20, i];
const localSet = (i: number): number[] => [0x21, i];
const i32Const = (n: number): number[] => [0x41, ...sleb(n)];
/** The lanes of v, and `n` in every lane, for a lane-wise operation. */
const lanesAnd = (n: number): number[] => [...localGet(V), ...i32Const(n), ...simd(0x10) /* i16x8.splat */];
const eq = (n: number): number[] => [...lanesAnd(n), ...simd(0x2d) /* i16x8.eq */];
const ltU = (n: number): number[] => [...lanesAnd(n), ...simd(0x30) /* i16x8.lt_u */];
const geU = (n: number): number[] => [...lanesAnd(n), ...simd(0x36) /* i16x8.ge_u */];
/** (v - from) < size, unsigned: v in [from, from + size). */
const inRange = (from: number, size: number): number[] => [
  ...lanesAnd(from), ...simd(0x91) /* i16x8.sub */, ...i32Const(size), ...simd(0x10), ...simd(0x30),
];
const or = simd(0x50);
const andNot = simd(0x4f);
const anyTrue = simd(0x53);
const accumulate = (acc: number, test: number[]): number[] => [...localGet(acc), ...test, ...or, ...localSet(acc)];

const body = [
  0x02, 0x40, // block
  ...localGet(END_PARAM), 0x45 /* i32.eqz */, 0x0d, 0 /* br_if block */,
  0x03, 0x40, // loop
  ...localGet(P), ...simd(0x00), 4, 0 /* v128.load align=16 */, ...localSet(V),
  ...accumulate(BAD, [...ltU(0x20), ...eq(9), ...eq(10), ...eq(13), ...or, ...or, ...andNot, ...geU(0xfffe), ...or]),
  ...accumulate(SUS, [...inRange(0x80, 0x20), ...eq(0xfffd), ...or]),
  ...accumulate(SUR, inRange(0xd800, 0x800)),
  ...localGet(P), ...i32Const(16), 0x6a /* i32.add */, ...localSet(P),
  ...localGet(P), ...localGet(END_PARAM), 0x49 /* i32.lt_u */, 0x0d, 0 /* br_if loop */,
  END, END,
  ...localGet(BAD), ...anyTrue,
  ...localGet(SUS), ...anyTrue, ...i32Const(1), 0x74 /* i32.shl */,
  ...localGet(SUR), ...anyTrue, ...i32Const(2), 0x74,
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
const code = [0x02, 0x01, I32, 0x04, V128, ...body]; // locals: one i32, four v128
const moduleBytes = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // "\0asm", version 1
  ...section(1, [0x01, 0x60, 0x01, I32, 0x01, I32]), // type: (i32) -> i32
  ...section(3, [0x01, 0x00]), // function 0 has type 0
  ...section(5, [0x01, 0x00, 0x02]), // memory: two pages
  ...section(7, [0x02, ...name('memory'), 0x02, 0x00, ...name('scan'), 0x00, 0x00]),
  ...section(10, [0x01, ...uleb(code.length), ...code]),
]);

/** The little of the WebAssembly API used here (the DOM typings that describe it are not loaded). */
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: { scan: (end: number) => number; memory: { buffer: ArrayBuffer } } };
}

function makeScanner(): ((text: string) => number) | null {
  const wasm = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
  if (wasm === undefined) return null;
  try {
    const { exports } = new wasm.Instance(new wasm.Module(moduleBytes));
    const scan = exports.scan;
    const memory = Buffer.from(exports.memory.buffer);
    return (text) => {
      let kinds = 0;
      for (let at = 0; at < text.length; at += WINDOW) {
        const piece = at === 0 && text.length <= WINDOW ? text : text.slice(at, at + WINDOW);
        let end = memory.write(piece, 0, 'utf16le');
        // Spaces up to a whole vector: they are none of the kinds looked for.
        for (; end % 16 !== 0; end += 2) {
          memory[end] = 0x20;
          memory[end + 1] = 0;
        }
        kinds |= scan(end);
      }
      return kinds;
    };
  } catch {
    return null; // no WebAssembly (or no SIMD) here
  }
}

const scanner = makeScanner();

/** Whether the SIMD loop is in use (for tests). */
export const usesSimd = scanner !== null;

/** The module's bytes (for tests). */
export const scannerModule = moduleBytes;
