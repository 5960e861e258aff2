// The look at an article's bytes never says "nothing there" about something the text holds, and
// an article reads the same whichever way its bytes are found to be.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAYBE_UNCLEAN, NOT_ASCII, scanArticleBytes, SPACE_RUN, usesSimd } from '../../src/ingest/byte-scan.js';
import { cleanText, decodeUtf8, decodeUtf8Between } from '../../src/ingest/hygiene.js';
import { markedCredit } from '../../src/ingest/credit.js';
import { ingest } from './helpers.js';
import { seededRandom } from '../helpers/random.js';

/** The answer byte by byte, as the SIMD loop should give it. */
function expected(b: Uint8Array): number {
  let found = 0;
  for (let i = 0; i < b.length; i++) {
    const v = b[i];
    const w = b[i + 1];
    if (v >= 0x80) found |= NOT_ASCII;
    if ((v < 0x20 && v !== 0x0a) || v === 0xef || ((v === 0x20 || v === 0xa0) && w === 0x0a)) found |= MAYBE_UNCLEAN;
    if (v === 0x20 && w === 0x20) found |= SPACE_RUN;
  }
  const last = b[b.length - 1];
  if (last === 0x20 || last === 0xa0) found |= MAYBE_UNCLEAN;
  return found;
}

const ODD = [0x00, 0x09, 0x0a, 0x0d, 0x1f, 0x20, 0x7f, 0x80, 0xa0, 0xbb, 0xbf, 0xef, 0xff];

test('WebAssembly SIMD is available on the Node versions wirefeed supports', () => {
  assert.equal(usesSimd, true);
});

test('each byte is seen wherever it stands, alone or before a space or line end', () => {
  const plain = new Uint8Array(70_000).fill(0x61);
  assert.equal(scanArticleBytes(plain).found, 0);
  assert.equal(scanArticleBytes(new Uint8Array(0)).found, 0);
  for (const v of ODD) {
    for (const next of [0x61, 0x20, 0x0a]) {
      // At the start, inside a vector, at a vector's end, across the 64 KB window, at the end.
      for (const at of [0, 5, 15, 300, 65_534, 65_535, 65_536, 69_998, 69_999]) {
        const b = plain.slice();
        b[at] = v;
        if (at + 1 < b.length) b[at + 1] = next;
        assert.equal(scanArticleBytes(b).found, expected(b), `0x${v.toString(16)} then 0x${next.toString(16)} at ${at}`);
      }
    }
  }
});

test('random bytes get the answer of the byte-by-byte reading', () => {
  const rnd = seededRandom(11);
  for (let i = 0; i < 3000; i++) {
    const b = new Uint8Array(rnd(400));
    for (let k = 0; k < b.length; k++) b[k] = rnd(60) === 0 ? ODD[rnd(ODD.length)] : 0x21 + rnd(0x5e);
    assert.equal(scanArticleBytes(b).found, expected(b), Buffer.from(b).toString('hex'));
  }
});

test('where the scan finds nothing to clean, cleaning would have changed nothing', () => {
  const texts = ['Head\n\nBody text.', 'Head  with  runs\n\nBody', 'Ünïcødé — “quotes”\n\nNEW YORK (AP) — Text.', 'Head\n\nBody\n', '\u00a0x\u00a0y'];
  for (const t of texts) {
    const bytes = new TextEncoder().encode(t);
    const { found } = scanArticleBytes(bytes);
    assert.equal((found & NOT_ASCII) !== 0, /[^\x00-\x7f]/.test(t), t);
    assert.equal((found & SPACE_RUN) !== 0, t.includes('  '), t);
    if (!(found & MAYBE_UNCLEAN)) assert.equal(cleanText(decodeUtf8(bytes, 'f.txt'), 'f.txt').text, t, t);
  }
});

test('runs of spaces, tabs, CRs and trailing spaces read the same as before', () => {
  const a = ingest('a.txt', 'Head  line\n\nNEW YORK (AP) — One  two.\n\nThree\tfour. \r\nFive.\u00a0\n');
  assert.ok(a.ok);
  assert.equal(a.article.headline, 'Head  line');
  assert.deepEqual(a.article.body, ['One two.', 'Three four. Five.']);
  const b = ingest('b.txt', 'Head\n\nOne two.');
  assert.ok(b.ok);
  assert.deepEqual(b.article.body, ['One two.']);
});

/** Per line, what the marks loop should say, byte by byte. */
function expectedMarks(b: Uint8Array): number[] {
  const flags = [0];
  let line = 0;
  const lower = (x: number | undefined): number => (x ?? 0) | 0x20;
  const space = (x: number | undefined): boolean => x !== undefined && (x <= 0x20 || x >= 0x80);
  for (let i = 0; i < b.length; i++) {
    const v = b[i];
    if (v === 0x0a) {
      flags[++line] = 0;
      continue;
    }
    if (
      v === 0x3a || v === 0x2f || v >= 0x80 ||
      (lower(v) === 0x62 && lower(b[i + 1]) === 0x79 && space(b[i + 2])) ||
      (lower(v) === 0x76 && lower(b[i + 1]) === 0x6f && lower(b[i + 2]) === 0x6e && space(b[i + 3])) ||
      (lower(v) === 0x70 && lower(b[i + 1]) === 0x61 && lower(b[i + 2]) === 0x72 && space(b[i + 3]))
    )
      flags[line] = 1;
  }
  return flags;
}

test('the lines that may hold a caption marker are the ones the byte-by-byte reading finds', () => {
  const rnd = seededRandom(5);
  const alphabet = [0x20, 0x0a, 0x62, 0x42, 0x79, 0x59, 0x76, 0x6f, 0x6e, 0x70, 0x50, 0x61, 0x72, 0x3a, 0x2f, 0x80, 0xc2, 0xa9, 0x09, 0x0d];
  for (let i = 0; i < 3000; i++) {
    const b = new Uint8Array(rnd(200));
    for (let k = 0; k < b.length; k++) b[k] = rnd(3) === 0 ? alphabet[rnd(alphabet.length)] : 0x61 + rnd(26);
    assert.deepEqual(Array.from(scanArticleBytes(b).markedLines ?? []), expectedMarks(b), Buffer.from(b).toString('hex'));
  }
  assert.equal(scanArticleBytes(new Uint8Array(70_000).fill(0x61)).markedLines, null, 'files over one window are not worked out');
});

test('a line the look passes over holds nothing markedCredit would take', () => {
  const lines = [
    'Crowds gathered outside. Photo: Jane Doe/Reuters',
    'Crowds gathered outside (AP Photo/Jane Doe)',
    'A caption. Photo by Jane Doe / Getty Images',
    'Ein Bild. © DPA Images | Anett Seidler',
    'Stars on the carpet. Pics/Getty Images',
    'A caption. PHOTO BY JANE DOE',
    'Plain words about the council vote and the harbour.',
    'Standing by the river.',
  ];
  const bytes = new TextEncoder().encode(lines.join('\n'));
  const marked = scanArticleBytes(bytes).markedLines;
  assert.ok(marked);
  lines.forEach((line, i) => {
    if (marked[i] === 0) assert.equal(markedCredit(line), null, line);
  });
  assert.deepEqual(Array.from(marked), [1, 1, 1, 1, 1, 1, 0, 1]);
});

test('the first and last byte above 0x7F are found, and the text decodes the same between them', () => {
  const rnd = seededRandom(13);
  const pieces = ['a', ' ', '\n', '—', 'é', '日', '\u{1F600}', '\ufeff'];
  for (let i = 0; i < 2000; i++) {
    let text = '';
    for (let k = rnd(300); k > 0; k--) text += rnd(8) === 0 ? pieces[rnd(pieces.length)] : 'x';
    const bytes = new TextEncoder().encode(text);
    // Now and then a byte no UTF-8 text holds.
    if (bytes.length > 0 && rnd(10) === 0) bytes[rnd(bytes.length)] = 0xc0 + rnd(64);
    const { firstWide, lastWide } = scanArticleBytes(bytes);
    const wide = [...bytes.keys()].filter((k) => bytes[k] >= 0x80);
    assert.equal(firstWide, wide.length ? wide[0] : -1);
    assert.equal(lastWide, wide.length ? wide[wide.length - 1] : -1);
    if (firstWide < 0) continue;
    let whole: string | Error;
    let between: string | Error;
    try {
      whole = decodeUtf8(bytes, 'f.txt');
    } catch (err) {
      whole = err as Error;
    }
    try {
      between = decodeUtf8Between(bytes, 'f.txt', firstWide, lastWide);
    } catch (err) {
      between = err as Error;
    }
    assert.deepEqual(between, whole);
  }
});
