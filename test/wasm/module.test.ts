import assert from 'node:assert/strict';
import { test } from 'node:test';
import { END, I32, i32Const, instantiate, localGet, sleb, uleb, wasmModule } from '../../src/wasm/module.js';

test('LEB128 numbers as the WebAssembly binary format writes them', () => {
  assert.deepEqual(uleb(0), [0]);
  assert.deepEqual(uleb(127), [0x7f]);
  assert.deepEqual(uleb(128), [0x80, 0x01]);
  assert.deepEqual(uleb(624485), [0xe5, 0x8e, 0x26]);
  assert.deepEqual(sleb(-1), [0x7f]);
  assert.deepEqual(sleb(63), [0x3f]);
  assert.deepEqual(sleb(64), [0xc0, 0x00]);
  assert.deepEqual(sleb(-64), [0x40]);
  assert.deepEqual(sleb(-123456), [0xc0, 0xbb, 0x78]);
});

test('a module of (i32) -> i32 functions runs, each under its name, with its memory exported', { skip: typeof WebAssembly === 'undefined' && 'no WebAssembly here' }, () => {
  const bytes = wasmModule(1, [
    { name: 'plusOne', locals: [], body: [...localGet(0), ...i32Const(1), 0x6a /* i32.add */, END] },
    // A local of its own, and a constant that needs more than one byte.
    { name: 'minus300', locals: [[1, I32]], body: [...localGet(0), ...i32Const(-300), 0x6a, END] },
  ]);
  const m = instantiate<'plusOne' | 'minus300'>(bytes);
  assert.ok(m);
  assert.equal(m.plusOne(41), 42);
  assert.equal(m.minus300(1000), 700);
  assert.equal(m.memory.buffer.byteLength, 65536);
  assert.equal(instantiate(new Uint8Array([0, 1, 2])), null, 'a module WebAssembly refuses gives null');
});
