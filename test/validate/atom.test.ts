// Atom 1.0 rules (RFC 4287), with threading (RFC 4685) and paging (RFC 5005).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { atom, check, entry, errorCodes, warningCodes } from './helpers.js';

test('a complete Atom feed with XHTML and HTML content and Media RSS gets no error and no warning', () => {
  const doc = atom(
    entry(
      `<summary type="text">Why &lt;blink&gt; died</summary>
<content type="html">&lt;p&gt;Body &amp;amp; more&lt;/p&gt;</content>
<author><name>Jane Doe</name><email>jane@example.com</email><uri>https://example.com/jane</uri></author>
<category term="world" label="World"/>
<published>2024-03-05T10:00:00+01:00</published>
<media:content url="https://img.example.com/a.jpg" type="image/jpeg" medium="image">
<media:description type="plain">A photo</media:description>
<media:credit role="photographer" scheme="urn:ebu">AP</media:credit>
</media:content>`,
    ) +
      entry(
        '<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Hello <b>world</b></p></div></content>',
        'tag:example.com,2024:2',
      ),
    ' xmlns:media="http://search.yahoo.com/mrss/" xml:lang="en"',
  );
  const r = check(doc);
  assert.equal(r.format, 'atom');
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.warnings, []);
});

test('feed and entry need id, title and updated; entries need an author from somewhere', () => {
  const noId = check(atom('').replace('<id>tag:example.com,2024:feed</id>', ''));
  assert.deepEqual(errorCodes(noId), ['MissingElement']);
  const noAuthor = atom(entry()).replace('<author><name>Jane Doe</name></author>', '');
  assert.deepEqual(errorCodes(check(noAuthor)), ['MissingElement']);
  // Entries with authors of their own stand in for the feed's; a feed with no entries has none.
  const byline = atom(entry('<author><name>Ann</name></author>')).replace('<author><name>Jane Doe</name></author>', '');
  assert.deepEqual(errorCodes(check(byline)), []);
  const empty = check(atom('').replace('<author><name>Jane Doe</name></author>', ''));
  assert.deepEqual(errorCodes(empty), ['MissingElement']);
  assert.match(empty.errors[0].message, /author/);
  assert.deepEqual(errorCodes(check(atom(''))), []);
});

test("the feed's own elements come before its entries", () => {
  const late = (el: string) => atom(entry()).replace('</feed>', `${el}</feed>`);
  assert.deepEqual(errorCodes(check(late('<author><name>J</name></author>'))), ['MisplacedMetadata']);
  const r = check(late('<rights>© 2024</rights>'));
  assert.deepEqual(errorCodes(r), ['MisplacedMetadata']);
  assert.match(r.errors[0].message, /<rights>/);
  // Another vocabulary's elements may stand anywhere; so may entries after entries.
  assert.deepEqual(errorCodes(check(late('<x:note xmlns:x="https://example.com/ns">n</x:note>'))), []);
  assert.deepEqual(errorCodes(check(atom(entry() + entry('', 'tag:example.com,2024:2')))), []);
});

test('dates are RFC 3339 with upper-case T and Z and real calendar values', () => {
  const at = (d: string) => atom(entry().replace('2024-03-05T10:00:00Z', d));
  assert.deepEqual(errorCodes(check(at('2024-02-29T23:59:60.5-05:30'))), []);
  for (const bad of ['2024-03-05', '2024-03-05t10:00:00z', '2023-02-29T10:00:00Z', '2024-03-05T24:00:00Z', '2024-03-05T10:00Z']) {
    assert.deepEqual(errorCodes(check(at(bad))), ['InvalidRFC3339Date'], bad);
  }
  assert.deepEqual(errorCodes(check(at(' 2024-03-05T10:00:00Z'))), ['UnexpectedWhitespace']);
});

test("a person's uri is an exact IRI; an e-mail address on a one-word host is a warning", () => {
  const contributor = (inner: string) => atom(entry(`<contributor><name>Ann</name>${inner}</contributor>`));
  assert.deepEqual(errorCodes(check(contributor('<uri>https://example.com/ann</uri>'))), []);
  assert.deepEqual(errorCodes(check(contributor('<uri>\n  https://example.com/ann\n</uri>'))), ['UnexpectedWhitespace']);
  const local = check(contributor('<email>ann@example</email>'));
  assert.deepEqual(errorCodes(local), []);
  assert.deepEqual(warningCodes(local), ['UnknownHost']);
  assert.deepEqual(errorCodes(check(contributor('<email>ann at example.com</email>'))), ['InvalidEmail']);
});

test('ids are absolute IRIs; tag: and urn:uuid: are checked to their RFCs', () => {
  const withId = (id: string) => atom(entry('', id));
  assert.deepEqual(errorCodes(check(withId('urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a'))), []);
  assert.deepEqual(errorCodes(check(withId('/relative'))), ['InvalidFullURI']);
  assert.deepEqual(errorCodes(check(withId('tag:example.com,24:x'))), ['InvalidTagURI']);
  assert.deepEqual(errorCodes(check(withId('urn:uuid:not-a-uuid'))), ['InvalidUUID']);
});

test('text constructs: type is text, html or xhtml; xhtml needs its div', () => {
  const title = (t: string) => atom(entry().replace('<title>One</title>', t));
  assert.deepEqual(errorCodes(check(title('<title type="text/plain">x</title>'))), ['InvalidTextType']);
  assert.deepEqual(errorCodes(check(title('<title type="xhtml">no div</title>'))), ['MissingXhtmlDiv']);
  assert.deepEqual(errorCodes(check(title('<title type="text"><b>x</b></title>'))), ['UndefinedElement']);
  assert.deepEqual(errorCodes(check(title('<title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">x</div></title>'))), []);
});

test('XHTML content may embed SVG but not elements of the feed vocabularies', () => {
  const body = (inner: string) => atom(entry(`<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">${inner}</div></content>`));
  assert.deepEqual(errorCodes(check(body('<p>x <svg xmlns="http://www.w3.org/2000/svg"><circle r="1"/></svg></p>'))), []);
  const strays = [
    '<edited xmlns="http://www.w3.org/2007/app">x</edited>',
    '<a:title xmlns:a="http://www.w3.org/2005/Atom">x</a:title>',
    '<dc:subject xmlns:dc="http://purl.org/dc/elements/1.1/">x</dc:subject>',
  ];
  for (const stray of strays) {
    assert.deepEqual(errorCodes(check(body(`<p>x</p>${stray}`))), ['UndefinedElement'], stray);
  }
});

test('Base64 content comes in whole groups of four characters', () => {
  const jpeg = (data: string) => atom(entry(`<summary>A photo</summary><content type="image/jpeg">${data}</content>`));
  assert.deepEqual(errorCodes(check(jpeg('/9j/4AAQ\nSkZJRgAB\nAQ=='))), []);
  for (const bad of ['insert image here', '/9j/4AAQSkZJRg=', 'abc$', '/9j/4AAQSkZJRg==/9j/4AAQ']) {
    assert.deepEqual(errorCodes(check(jpeg(bad))), ['InvalidBase64'], bad);
  }
});

test('an entry without content needs an alternate link; out-of-line content needs a summary', () => {
  const noAlt = atom(entry().replace('<link href="https://example.com/1"/>', ''));
  assert.deepEqual(errorCodes(check(noAlt)), ['MissingContentOrAlternate']);
  const src = atom(entry('<content src="https://example.com/1.pdf" type="application/pdf"/>'));
  assert.deepEqual(errorCodes(check(src)), ['MissingSummary']);
});

test("a link's length is a positive number of octets", () => {
  const withLength = (n: string) => atom(entry(`<link rel="enclosure" type="audio/mpeg" href="https://example.com/a.mp3" length="${n}"/>`));
  assert.deepEqual(errorCodes(check(withLength('12345'))), []);
  assert.deepEqual(errorCodes(check(withLength('0'))), ['InvalidPositiveInteger']);
  assert.deepEqual(errorCodes(check(withLength('-1'))), ['InvalidPositiveInteger']);
});

test('two alternate links with the same type and hreflang are an error', () => {
  const doc = atom(entry('<link rel="alternate" href="https://example.com/other"/>'));
  assert.deepEqual(errorCodes(check(doc)), ['DuplicateAtomLink']);
  const langs = atom(entry('<link rel="alternate" hreflang="fr" href="https://example.com/fr"/>'));
  assert.deepEqual(errorCodes(check(langs)), []);
});

test('elements of the Atom namespace must be defined; foreign elements are allowed', () => {
  assert.deepEqual(errorCodes(check(atom(entry('<subtitle>x</subtitle>')))), ['UndefinedElement']);
  assert.deepEqual(errorCodes(check(atom(entry('<x:any xmlns:x="https://example.com/ns"><x:deep/></x:any>')))), []);
});

test('wrong or missing namespace on feed is an error', () => {
  assert.ok(errorCodes(check('<feed><title>x</title></feed>')).includes('MissingNamespace'));
  assert.ok(errorCodes(check('<feed xmlns="http://purl.org/atom/ns#"><title>x</title></feed>')).includes('InvalidNamespace'));
});

test('threading and paging extensions', () => {
  const thr = ' xmlns:thr="http://purl.org/syndication/thread/1.0"';
  const reply = atom(entry('<thr:in-reply-to ref="tag:example.com,2024:0" href="https://example.com/0"/><link rel="replies" href="https://example.com/c" thr:count="3"/>'), thr);
  assert.deepEqual(errorCodes(check(reply)), []);
  const badCount = atom(entry('<link rel="replies" href="https://example.com/c" thr:count="three"/>'), thr);
  assert.deepEqual(errorCodes(check(badCount)), ['InvalidInteger']);
  const fh = ' xmlns:fh="http://purl.org/syndication/history/1.0"';
  const complete = atom('<fh:complete/><link rel="next" href="https://example.com/2"/>', fh);
  assert.deepEqual(errorCodes(check(complete)), ['FeedRelInCompleteFeed']);
});

test('every entry sharing one id is an error; two sharing one is a warning', () => {
  const two = atom(entry() + entry());
  assert.deepEqual(errorCodes(check(two)), []);
  assert.ok(warningCodes(check(two)).includes('DuplicateEntries'));
  assert.deepEqual(errorCodes(check(atom(entry() + entry() + entry()))), ['DuplicateIds']);
});
