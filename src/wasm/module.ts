// The little WebAssembly binary writing our SIMD scanners share (the validator's character scan,
// ingest's byte scan): LEB128 numbers, the instructions they use, and a module of functions
// (i32) -> i32 over one exported memory. Each scanner writes its own function bodies.

/** Value types. */
export const I32 = 0x7f;
export const V128 = 0x7b;
/** Ends a block, a loop or a function body. */
export const END = 0x0b;

/** Unsigned LEB128. */
export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    const byte = n & 0x7f;
    n >>>= 7;
    out.push(n === 0 ? byte : byte | 0x80);
  } while (n !== 0);
  return out;
}

/** Signed LEB128. */
export function sleb(n: number): number[] {
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

export const localGet = (i: number): number[] => [0x20, i];
export const localSet = (i: number): number[] => [0x21, i];
export const i32Const = (n: number): number[] => [0x41, ...sleb(n)];
/** A SIMD instruction (prefix 0xFD, then its opcode). */
export const simd = (op: number): number[] => [0xfd, ...uleb(op)];

export interface WasmFunction {
  /** Its export name. */
  name: string;
  /** Locals besides the parameter, in runs: [how many, type]. */
  locals: Array<[number, number]>;
  body: number[];
}

/** A module of functions (i32) -> i32, exported by name with its memory ("memory", `pages` of 64 KB). */
export function wasmModule(pages: number, functions: WasmFunction[]): Uint8Array {
  const section = (id: number, content: number[]): number[] => [id, ...uleb(content.length), ...content];
  const name = (s: string): number[] => [s.length, ...Buffer.from(s, 'latin1')];
  const code = (f: WasmFunction): number[] => {
    const fn = [...uleb(f.locals.length), ...f.locals.flatMap(([count, type]) => [...uleb(count), type]), ...f.body];
    return [...uleb(fn.length), ...fn];
  };
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // "\0asm", version 1
    ...section(1, [0x01, 0x60, 0x01, I32, 0x01, I32]), // type 0: (i32) -> i32
    ...section(3, [...uleb(functions.length), ...functions.map(() => 0x00)]), // each of type 0
    ...section(5, [0x01, 0x00, ...uleb(pages)]), // one memory, no maximum
    ...section(7, [...uleb(functions.length + 1), ...name('memory'), 0x02, 0x00, ...functions.flatMap((f, i) => [...name(f.name), 0x00, ...uleb(i)])]),
    ...section(10, [...uleb(functions.length), ...functions.flatMap(code)]),
  ]);
}

/** The little of the WebAssembly API used here (the DOM typings that describe it are not loaded). */
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
}

/** The module's exports (its functions by name, and its memory), or null where WebAssembly is
 *  absent or refuses the module (e.g. no SIMD): the callers then use their plain code. */
export function instantiate<F extends string>(bytes: Uint8Array): ({ [name in F]: (arg: number) => number } & { memory: { buffer: ArrayBuffer } }) | null {
  const wasm = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
  if (wasm === undefined) return null;
  try {
    return new wasm.Instance(new wasm.Module(bytes)).exports as { [name in F]: (arg: number) => number } & { memory: { buffer: ArrayBuffer } };
  } catch {
    return null;
  }
}
