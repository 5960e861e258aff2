// The SIMD loop that looks at every character of a feed finds what the regular expressions find.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { charKinds, FORBIDDEN_CHAR, kindsByRegExp, SURROGATE_CHAR, SUSPECT_CHAR, usesSimd } from '../../src/validate/char-scan.js';
import { seededRandom } from '../helpers/random.js';

const EDGES = [0, 1, 8, 9, 10, 11, 12, 13, 14, 0x1f, 0x20, 0x7e, 0x7f, 0x80, 0x85, 0x9f, 0xa0, 0xff, 0x100, 0xd7ff, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xe000, 0xfffc, 0xfffd, 0xfffe, 0xffff];

test('WebAssembly SIMD is available on the Node versions wirefeed supports', () => {
  assert.equal(usesSimd, true);
});

test('each kind of character is found, wherever it is in a long text', () => {
  const plain = 'a'.repeat(70_000);
  assert.equal(charKinds(plain), 0);
  for (const code of EDGES) {
    const want = kindsByRegExp(String.fromCharCode(code));
    // At the start, in the middle of a vector, at the end, and across the copying window.
    for (const at of [0, 5, 300, 32_767, 32_768, 69_999]) {
      const text = plain.slice(0, at) + String.fromCharCode(code) + plain.slice(at + 1);
      assert.equal(charKinds(text), want, `U+${code.toString(16)} at ${at}`);
    }
  }
  assert.equal(kindsByRegExp('\u0001'), FORBIDDEN_CHAR);
  assert.equal(kindsByRegExp('\u0085'), SUSPECT_CHAR);
  assert.equal(kindsByRegExp('\ud83d\ude00'), SURROGATE_CHAR);
});

test('random texts get the same answer from the SIMD loop and the regular expressions', () => {
  const rnd = seededRandom(42);
  for (let i = 0; i < 3000; i++) {
    const codes: number[] = [];
    const length = 256 + rnd(700);
    for (let k = 0; k < length; k++) codes.push(rnd(200) === 0 ? EDGES[rnd(EDGES.length)] : 0x20 + rnd(0x60));
    const text = String.fromCharCode(...codes);
    assert.equal(charKinds(text), kindsByRegExp(text), JSON.stringify(text));
  }
});

test('texts with no character above U+00FF (read a byte at a time) get the same answer', () => {
  const rnd = seededRandom(7);
  const narrow = EDGES.filter((c) => c < 0x100);
  for (let i = 0; i < 2000; i++) {
    const codes: number[] = [];
    const length = 256 + rnd(700);
    for (let k = 0; k < length; k++) codes.push(rnd(100) === 0 ? narrow[rnd(narrow.length)] : 0x20 + rnd(0xe0));
    const text = String.fromCharCode(...codes);
    assert.equal(charKinds(text), kindsByRegExp(text), JSON.stringify(text));
  }
  // Across the copying window, and right at its end.
  const plain = 'a'.repeat(300_000);
  for (const code of narrow) {
    for (const at of [131_071, 131_072, 131_087, 262_143, 299_999]) {
      const text = plain.slice(0, at) + String.fromCharCode(code) + plain.slice(at + 1);
      assert.equal(charKinds(text), kindsByRegExp(text), `U+${code.toString(16)} at ${at}`);
    }
  }
});

test('a text read a byte at a time up to its first wide character, then two, gets the same answer', () => {
  const plain = 'a'.repeat(140_000);
  for (const wideAt of [0, 1, 300, 131_072, 139_999]) {
    for (const code of EDGES) {
      for (const at of [0, 17, 131_071, 131_090, 139_999]) {
        const put = (t: string, i: number, ch: string): string => t.slice(0, i) + ch + t.slice(i + 1);
        const wide = put(plain, wideAt, '\u0101');
        const text = at === wideAt ? wide : put(wide, at, String.fromCharCode(code));
        assert.equal(charKinds(text), kindsByRegExp(text), `U+${code.toString(16)} at ${at}, wide at ${wideAt}`);
      }
    }
  }
});
