// The XML reader decodes in pieces of DECODE_PIECE bytes (and reads pure ASCII pieces of UTF-8
// as Latin-1): the text must be what one decoder reading the whole chunk gives, wherever the
// pieces fall: characters cut in two, byte order marks, invalid bytes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDecoder } from 'node:util';
import { DECODE_PIECE, sniffEncoding } from '../../src/validate/encoding.js';
import { validateFeed } from '../../src/validate/index.js';

const P = DECODE_PIECE;
const ascii = (n: number): Buffer => Buffer.alloc(n, 0x61);
const bytes = (...parts: (Buffer | string | number[])[]): Buffer =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.isBuffer(p) ? p : Buffer.from(p))));

/** What the document's decoder makes of `chunks` written in turn, and whether it met invalid bytes. */
function decodeInPieces(chunks: Buffer[]): { text: string; invalid: boolean } {
  const { decoder } = sniffEncoding(chunks[0]);
  const parts: string[] = [];
  for (const c of chunks) parts.push(...decoder.decode(c, false));
  parts.push(...decoder.decode(new Uint8Array(0), true));
  return { text: parts.join(''), invalid: decoder.invalidBytes };
}

/** The same through one platform decoder per chunk sequence (a new lenient one after invalid bytes). */
function decodeAtOnce(chunks: Buffer[]): { text: string; invalid: boolean } {
  let fatal: TextDecoder | null = new TextDecoder('utf-8', { fatal: true });
  let lenient: TextDecoder | null = null;
  const parts: string[] = [];
  for (const [k, c] of [...chunks, Buffer.alloc(0)].entries()) {
    const final = k === chunks.length;
    if (fatal) {
      try {
        parts.push(fatal.decode(c, { stream: !final }));
        continue;
      } catch {
        fatal = null;
        lenient = new TextDecoder('utf-8');
      }
    }
    parts.push(lenient!.decode(c, { stream: !final }));
  }
  return { text: parts.join(''), invalid: fatal === null };
}

const cases: [string, Buffer][] = [
  ['ASCII only, several pieces', ascii(3 * P + 5)],
  ['a character cut by a piece boundary', bytes(ascii(P - 1), '—', ascii(P))],
  ['a four-byte character cut by a piece boundary', bytes(ascii(P - 2), '😀', ascii(10))],
  ['a character ending a piece, ASCII after', bytes(ascii(P - 3), '—', ascii(P + 7))],
  ['U+FEFF at the start of a later ASCII-led piece', bytes(ascii(P), '\ufeff', ascii(P))],
  ['U+FEFF right after a byte order mark', bytes('\ufeff\ufeff', ascii(2 * P))],
  ['a byte order mark then ASCII pieces', bytes('\ufeff', ascii(2 * P), '\ufeffb')],
  ['invalid bytes in a later piece', bytes(ascii(P + 10), [0xff], ascii(P), '—')],
  ['a lead byte cut off before ASCII at a boundary', bytes(ascii(P - 1), [0xe2], ascii(P))],
  ['a lead byte at the very end', bytes(ascii(2 * P), [0xe2, 0x80])],
];

test('decoding in pieces gives the text and the invalid-byte finding of decoding at once', () => {
  for (const [what, doc] of cases) {
    for (const chunkSize of [doc.length, P, P + 1, P - 1, 1000, 7]) {
      const chunks: Buffer[] = [];
      for (let i = 0; i < doc.length; i += chunkSize) chunks.push(doc.subarray(i, i + chunkSize));
      assert.deepEqual(decodeInPieces(chunks), decodeAtOnce(chunks), `${what}, chunks of ${chunkSize}`);
    }
  }
});

test('an XML document read in pieces reports what is in it, wherever the pieces fall', () => {
  const item = (i: number) => `<item><title>Title ${i} — naïve</title><guid>https://example.com/${i}</guid><description>&lt;p&gt;x&lt;/p&gt;</description></item>\n`;
  const head = '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>t</title><link>https://example.com/</link><description>d</description>\n';
  let body = '';
  for (let i = 0; body.length < 3 * P; i++) body += item(i);
  const good = Buffer.from(`${head}${body}</channel></rss>\n`, 'utf8');
  assert.ok(validateFeed(good).valid);
  // A C1 control far into the document is still found as BadCharacters, an invalid byte as InvalidEncodedBytes.
  const at = good.indexOf('Title 300 ') + 6;
  const c1 = Buffer.concat([good.subarray(0, at), Buffer.from('\u0085', 'utf8'), good.subarray(at)]);
  assert.ok(validateFeed(c1).warnings.concat(validateFeed(c1).errors).some((m) => m.code === 'BadCharacters'));
  const bad = Buffer.concat([good.subarray(0, at), Buffer.from([0xff]), good.subarray(at)]);
  assert.ok(validateFeed(bad).errors.some((m) => m.code === 'InvalidEncodedBytes'));
});
