// utf8Bytes: the bytes every feed is validated and written as, made in one pass.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { utf8Bytes, utf8Text } from '../../src/publish/fsio.js';

/** Texts on both sides of the one-pass threshold, in every width V8 keeps strings in. */
function texts(): string[] {
  const pieces = ['<item>plain ASCII</item>\n', 'café Zürich ½ ', 'DA’NANG, Vietnam — ', '漢字 ', 'emoji 🗞️ ', 'lone \ud800 half ', 'other \udc00 half '];
  const out: string[] = [''];
  for (const length of [10, 16 * 1024 - 1, 16 * 1024, 16 * 1024 + 1, 200_000]) {
    for (const piece of pieces) out.push(piece.repeat(Math.ceil(length / piece.length)).slice(0, length));
    out.push(pieces.join('').repeat(Math.ceil(length / 100)).slice(0, length));
  }
  return out;
}

test('utf8Bytes gives the bytes TextEncoder gives, lone surrogates as U+FFFD included', () => {
  const encoder = new TextEncoder();
  for (const text of texts()) assert.deepEqual(Buffer.from(utf8Bytes(text)), Buffer.from(encoder.encode(text)), `${text.length} units: ${JSON.stringify(text.slice(0, 20))}`);
});

test('the bytes of a long text read back as the text', () => {
  const text = 'DA’NANG, Vietnam — Photo: MIKHAIL KLIMENTYEV/SPUTNIK/KREML / EPA 🗞️\n'.repeat(3000);
  assert.equal(utf8Text(utf8Bytes(text)), text);
});

test('each result owns its whole buffer (a worker hands it over) and is not overwritten by the next', () => {
  const first = 'a—'.repeat(20_000);
  const second = 'b’'.repeat(30_000);
  const a = utf8Bytes(first);
  const b = utf8Bytes(second);
  for (const bytes of [a, b]) {
    assert.equal(bytes.byteOffset, 0);
    assert.equal(bytes.byteLength, bytes.buffer.byteLength);
  }
  assert.notEqual(a.buffer, b.buffer);
  assert.equal(utf8Text(a), first, 'the first result is intact after the second was made');
  assert.equal(utf8Text(b), second);
});
