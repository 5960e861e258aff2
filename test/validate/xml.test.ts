// XML-level checks: well-formedness with positions, namespaces, entities (bounded, never
// fetched), the XML declaration and character encodings.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check, errorCodes, rss, warningCodes } from './helpers.js';
import { XmlReader } from '../../src/validate/xml.js';

test('a mismatched end tag is reported with its line and column', () => {
  const r = check('<?xml version="1.0"?>\n<rss version="2.0">\n<channel>\n<title>x</titel>\n</channel></rss>');
  assert.equal(r.valid, false);
  assert.equal(r.errors[0].code, 'NotWellFormed');
  assert.equal(r.errors[0].line, 4);
  assert.ok(r.errors[0].column! > 1);
});

test('an unclosed document is not well-formed', () => {
  assert.deepEqual(errorCodes(check('<rss version="2.0"><channel><title>x</title>')), ['NotWellFormed']);
});

test('an undeclared prefix on an element or an attribute is an error', () => {
  assert.ok(errorCodes(check(rss('<item><title>x</title><dc:creator>Jane</dc:creator></item>'))).includes('UndeclaredPrefix'));
  assert.ok(errorCodes(check(rss('<item><title x:y="1">x</title></item>'))).includes('UndeclaredPrefix'));
});

test('HTML entities are errors unless the document declares them', () => {
  const bad = check(rss('<item><title>caf&eacute;</title></item>'));
  assert.deepEqual(errorCodes(bad), ['UndefinedEntity']);
  assert.match(bad.errors[0].message, /eacute/);
  const declared = rss('<item><title>caf&eacute;</title></item>').replace(
    '<rss version',
    '<!DOCTYPE rss [<!ENTITY eacute "&#233;">]>\n<rss version',
  );
  assert.deepEqual(errorCodes(check(declared)), []);
});

test('billion laughs is refused quickly and with little memory', () => {
  let dtd = '<!ENTITY lol0 "lollollollollollollollollollol">';
  for (let i = 1; i <= 9; i++) dtd += `<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`;
  const doc = `<?xml version="1.0"?><!DOCTYPE rss [${dtd}]><rss version="2.0"><channel><title>&lol9;</title></channel></rss>`;
  const before = process.memoryUsage().heapUsed;
  const r = check(doc);
  assert.ok(errorCodes(r).includes('EntityExpansionLimit'));
  assert.ok(process.memoryUsage().heapUsed - before < 64 * 1024 * 1024);
});

test('an entity that refers to itself is an error, and external entities are never read', () => {
  const rec = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "x&b;"><!ENTITY b "&a;">]><rss version="2.0"><channel><title>&a;</title></channel></rss>`;
  assert.ok(errorCodes(check(rec)).includes('RecursiveEntity'));
  const ext = rss('<item><title>&ext;</title></item>').replace(
    '<rss version',
    '<!DOCTYPE rss [<!ENTITY ext SYSTEM "http://127.0.0.1:1/secret">]>\n<rss version',
  );
  const r = check(ext);
  assert.ok(warningCodes(r).includes('ExternalEntity'));
});

test('XML 1.1 is reported: feeds are XML 1.0', () => {
  assert.ok(errorCodes(check(rss('').replace('version="1.0"', 'version="1.1"'))).includes('BadXmlVersion'));
});

test('UTF-16 with a byte order mark is read, little- and big-endian', () => {
  const doc = rss('<item><title>Đà Nẵng ☕</title><guid isPermaLink="false">1</guid></item>').replace('utf-8', 'utf-16');
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(doc, 'utf16le')]);
  const be = Buffer.from(le);
  be.swap16();
  for (const bytes of [le, be]) {
    const r = check(new Uint8Array(bytes));
    assert.equal(r.format, 'rss');
    assert.deepEqual(errorCodes(r), []);
  }
});

test('ISO-8859-1 and windows-1252 documents are decoded as declared', () => {
  const latin = Buffer.from(rss('<item><title>caf\u00e9</title><guid isPermaLink="false">1</guid></item>').replace('utf-8', 'iso-8859-1'), 'latin1');
  assert.deepEqual(errorCodes(check(new Uint8Array(latin))), []);
  const cp = rss('<item><title>quote X</title><guid isPermaLink="false">1</guid></item>').replace('utf-8', 'windows-1252');
  const bytes = Buffer.from(cp, 'latin1');
  bytes[bytes.indexOf('X')] = 0x93; // a curly quote in windows-1252
  const r = check(new Uint8Array(bytes));
  assert.deepEqual(errorCodes(r), []);
  assert.deepEqual(warningCodes(r).filter((c) => c === 'BadCharacters'), []);
});

test('Latin-1 bytes in a document that says (or defaults to) UTF-8 are an error', () => {
  const bytes = Buffer.from(rss('<item><title>caf\u00e9</title></item>'), 'latin1');
  assert.ok(errorCodes(check(new Uint8Array(bytes))).includes('InvalidEncodedBytes'));
});

test('the declaration must agree with the bytes, and name a known encoding', () => {
  const doc = rss('');
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(doc, 'utf16le')]); // says utf-8
  assert.ok(errorCodes(check(new Uint8Array(utf16))).includes('EncodingMismatch'));
  const unknown = check(doc.replace('utf-8', 'x-no-such-charset'));
  assert.ok(errorCodes(unknown).includes('UnknownEncoding'));
  assert.equal(unknown.errors[0].line, 1);
});

test('a namespace name with white space is an error', () => {
  assert.ok(errorCodes(check(rss('', ' xmlns:dc="http://purl.org/dc/ elements/1.1/"'))).includes('InvalidNamespaceName'));
});

test('chunk boundaries do not change the result', async () => {
  const { createValidator } = await import('../../src/validate/index.js');
  const doc = new TextEncoder().encode(rss('<item><title>Đà Nẵng &amp; ☕</title><guid isPermaLink="false">a</guid></item>'));
  const whole = check(doc);
  for (const size of [1, 2, 3, 7, 64]) {
    const v = createValidator();
    for (let i = 0; i < doc.length; i += size) v.write(doc.subarray(i, i + size));
    assert.deepEqual(v.end(), whole, `chunks of ${size}`);
  }
});

test('a prefix bound to other namespaces in turn names each element by the binding in scope', () => {
  // Names and what their prefixes resolve to are remembered across elements and documents:
  // each binding must still give its own namespace, in one document, in the next, and in two
  // documents read at once.
  const read = (doc: string): string[] => {
    const seen: string[] = [];
    const reader = new XmlReader({ start: (el) => seen.push(`${el.local}@${el.uri}`), text: () => {}, end: () => {} }, () => {});
    reader.readText(doc);
    return seen;
  };
  const doc = (uri: string): string => `<r xmlns:a="${uri}"><a:x/><s xmlns:a="urn:inner"><a:x/></s><a:x/></r>`;
  assert.deepEqual(read(doc('urn:one')), ['r@', 'x@urn:one', 's@', 'x@urn:inner', 'x@urn:one']);
  assert.deepEqual(read(doc('urn:two')), ['r@', 'x@urn:two', 's@', 'x@urn:inner', 'x@urn:two']);
  const seen: string[][] = [[], []];
  const readers = [0, 1].map((k) => new XmlReader({ start: (el) => seen[k].push(`${el.local}@${el.uri}`), text: () => {}, end: () => {} }, () => {}));
  const bytes = [doc('urn:one'), doc('urn:two')].map((d) => Buffer.from(d));
  for (let at = 0; at < bytes[0].length; at += 5) for (const k of [0, 1]) readers[k].write(bytes[k].subarray(at, at + 5));
  for (const r of readers) r.end();
  assert.deepEqual(seen, [
    ['r@', 'x@urn:one', 's@', 'x@urn:inner', 'x@urn:one'],
    ['r@', 'x@urn:two', 's@', 'x@urn:inner', 'x@urn:two'],
  ]);
});
