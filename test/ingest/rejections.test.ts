// Bad input is rejected with a stable code, the file, and the line or byte offset — and the text
// hygiene that lets every other article through.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { article, fixture, ingest, rejection } from './helpers.js';

test('an empty file and a blank file are EmptyArticle', () => {
  assert.equal(rejection('empty.txt', fixture('bad/empty.txt')).code, 'EmptyArticle');
  const e = rejection('blank.txt', fixture('bad/blank.txt'));
  assert.equal(e.code, 'EmptyArticle');
  assert.equal(e.file, 'blank.txt');
});

test('front matter and no story is MissingHeadline, on the line after the front matter', () => {
  const e = rejection('fm.txt', fixture('bad/frontmatter-only.txt'));
  assert.equal(e.code, 'MissingHeadline');
  assert.equal(e.line, 4);
});

test('a first line that is a dateline paragraph means the headline is missing', () => {
  const e = rejection('p.txt', 'LONDON (Reuters) - The pound rose on Tuesday after data showed wages growing faster than expected, lifting bets on rates.\n\nMore text.\n');
  assert.equal(e.code, 'MissingHeadline');
  assert.equal(e.line, 1);
});

test('invalid UTF-8 is rejected with the byte offset', () => {
  const e = rejection('u.txt', fixture('bad/invalid-utf8.txt'));
  assert.equal(e.code, 'InvalidUtf8');
  assert.equal(e.offset, 3);
  assert.match(e.message, /byte offset 3/);
  // An overlong encoding and a lone surrogate encoded in UTF-8 are invalid too.
  assert.equal(rejection('o.txt', new Uint8Array([0x48, 0x0a, 0xc0, 0xaf])).offset, 2);
  assert.equal(rejection('s.txt', new Uint8Array([0x48, 0x69, 0xed, 0xa0, 0x80])).offset, 2);
});

test('broken front matter names its line', () => {
  const e = rejection('b.txt', fixture('bad/broken-frontmatter.txt'));
  assert.equal(e.code, 'BadFrontMatter');
  assert.ok(e.line && e.line >= 2 && e.line <= 4, `line ${e.line}`);
  const unclosed = rejection('c.txt', '---\ntags: [a]\nHeadline\n\nBody.\n');
  assert.equal(unclosed.code, 'BadFrontMatter');
  assert.equal(unclosed.line, 1);
  const badUrl = rejection('d.txt', '---\ntags: [a]\nurl: not a url\n---\nHeadline\n\nBody.\n');
  assert.equal(badUrl.code, 'BadFrontMatter');
  assert.equal(badUrl.line, 3);
  assert.match(badUrl.message, /^url: /);
});

test('an impossible date is ImpossibleDate on its line', () => {
  const e = rejection('i.txt', fixture('bad/impossible-date.txt'));
  assert.equal(e.code, 'ImpossibleDate');
  assert.equal(e.line, 2);
  assert.match(e.message, /2023-02-30/);
});

test('a file over the size limit is ArticleTooLarge', () => {
  const e = rejection('big.txt', 'Headline\n\n' + 'x'.repeat(2000), { maxBytes: 1000 });
  assert.equal(e.code, 'ArticleTooLarge');
  assert.match(e.message, /1000-byte limit/);
});

test('one bad article does not need the others: every result is a value, never a throw', () => {
  const results = [fixture('bad/empty.txt'), fixture('styles/ap-wire.txt'), fixture('bad/invalid-utf8.txt')].map((b, i) => ingest(`f${i}.txt`, b));
  assert.deepEqual(results.map((r) => r.ok), [false, true, false]);
});

test('hygiene: BOM, CRLF, tabs and trailing spaces are normalised without changing words', () => {
  const a = article('h.txt', '\uFEFFHeadline here  \r\n\r\nFirst\tparagraph   \r\nwraps here.\r\n\r\nSecond paragraph.\r\n');
  assert.equal(a.headline, 'Headline here');
  assert.deepEqual(a.body, ['First paragraph wraps here.', 'Second paragraph.']);
});

test('hygiene: characters XML cannot carry are removed, with a warning naming file and line', () => {
  const r = ingest('x.txt', 'Head\u0007line\n\nA para\u0000graph with \uFFFE junk.\n\nClean.\n');
  assert.ok(r.ok);
  assert.equal(r.article.headline, 'Headline');
  assert.equal(r.article.body[0], 'A paragraph with junk.');
  assert.deepEqual(r.warnings.map((w) => [w.code, w.file, w.line]), [
    ['ForbiddenCharacter', 'x.txt', 1],
    ['ForbiddenCharacter', 'x.txt', 3],
  ]);
  assert.match(r.warnings[1].message, /U\+0000/);
});
