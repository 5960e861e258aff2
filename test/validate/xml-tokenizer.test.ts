// The XML reader under the validator: the well-formedness rules of XML 1.0 it enforces, the
// positions it reports, what it hands to the feed rules, and that where the input is cut
// into chunks never changes any of it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createValidator, type ValidationReport } from '../../src/validate/index.js';
import { XmlReader, type XmlElement } from '../../src/validate/xml.js';
import { DOCTYPE_LIMIT, REFERENCE_BUDGET, TAG_LIMIT } from '../../src/validate/xml-tokenizer.js';
import { check, errorCodes, rss } from './helpers.js';

const enc = new TextEncoder();

/** Reads a document through XmlReader, returning its elements (with their text) and messages. */
function read(doc: string | Uint8Array, chunk = Infinity) {
  const bytes = typeof doc === 'string' ? enc.encode(doc) : doc;
  const elements: { el: XmlElement; text: string }[] = [];
  const open: { el: XmlElement; text: string }[] = [];
  const messages: { code: string; params: Record<string, string | number>; line: number | null; column: number | null }[] = [];
  const reader = new XmlReader(
    {
      start(el) {
        const e = { el, text: '' };
        elements.push(e);
        open.push(e);
      },
      text(t) {
        if (open.length > 0) open[open.length - 1].text += t;
      },
      end() {
        open.pop();
      },
    },
    (code, params, line, column) => messages.push({ code, params, line, column }),
  );
  const size = Math.min(chunk, bytes.length || 1);
  for (let i = 0; i < bytes.length; i += size) reader.write(bytes.subarray(i, i + size));
  reader.end();
  return { elements, messages, find: (name: string) => elements.find((e) => e.el.name === name)! };
}

function inChunks(bytes: Uint8Array, cuts: number[]): ValidationReport {
  const v = createValidator();
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    v.write(bytes.subarray(from, cut));
    from = cut;
  }
  return v.end();
}

/**
 * The first kilobyte is read whole (to tell the encoding), so a document is split for real
 * only past it: a comment after the XML declaration pushes the interesting part there.
 */
function padded(doc: string): string {
  const pad = `<!--${' '.repeat(1100)}-->`;
  return doc.startsWith('<?xml') ? doc.replace('?>', `?>${pad}`) : pad + doc;
}

// Documents that use every construct the reader knows, valid and not.
const SAMPLES = [
  '<?xml version="1.0" encoding="utf-8"?>\r\n<!DOCTYPE rss [\r\n<!ENTITY who "Đà Nẵng &#x1F600;">\r\n<!-- a ]> inside -->\r\n<?pi ]>?>\r\n]>\r\n' +
    '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>a &amp; b &who; c</title>\r\n<link>https://example.com/</link>' +
    '<description><![CDATA[x ]] y ]]] z <b>&amp;</b>\r\n]]>&#169;&lt;&gt;&quot;&apos;</description><!-- c - d --><?pi a ? b?>\r' +
    '<item><title>😀 one</title><guid isPermaLink="false">1</guid><dc:creator>Ana</dc:creator><a:x xmlns:a="urn:a" a:b="1"\tc="x\r\ny&amp;z"/></item>' +
    '</channel></rss>\r\n<!-- after -->\r\n',
  rss('<item><guid isPermaLink="false">1</guid><description><![CDATA[ a ]] b <c> ]]]></description><!-- c - d --><?pi a ? b ?></item>'),
  rss('<item><title>a ]]> b</title></item>'),
  rss('<item><title>a &b c</title></item>'),
  rss('<item><title x="1" x="2">t</title></item>'),
  rss('<item><!-- a -- b --></item>'),
  rss('<item><title>😀\u0001</title></item>'),
  rss('<item><title>t</titl></item>'),
  rss('<item>\r\n<title\r\nx="&#0;">t</title></item>'),
].map(padded);

test('where the input is cut never changes the report', () => {
  for (const doc of SAMPLES) {
    const bytes = enc.encode(doc);
    const whole = check(bytes);
    for (let cut = 1000; cut <= bytes.length; cut++) {
      assert.deepEqual(inChunks(bytes, [cut]), whole, `cut at byte ${cut} of ${JSON.stringify(doc.slice(0, 60))}`);
    }
    const threeWay = [Math.floor(bytes.length / 3), Math.floor((2 * bytes.length) / 3)];
    assert.deepEqual(inChunks(bytes, threeWay), whole);
  }
  // The first two samples are valid: the cuts above compared valid reports, not just errors.
  assert.deepEqual(errorCodes(check(SAMPLES[0])), []);
  assert.deepEqual(errorCodes(check(SAMPLES[1])), []);
});

test('one byte at a time gives the same elements, text and messages', () => {
  for (const doc of SAMPLES) {
    const whole = read(doc);
    const bytewise = read(doc, 1);
    assert.deepEqual(bytewise.messages, whole.messages);
    assert.deepEqual(
      bytewise.elements.map((e) => e.el),
      whole.elements.map((e) => e.el),
    );
    // Text read before a fatal error may or may not have been handed over: compare it when there is none.
    if (whole.messages.length === 0) {
      assert.deepEqual(
        bytewise.elements.map((e) => e.text),
        whole.elements.map((e) => e.text),
      );
    }
  }
  assert.equal(read(SAMPLES[0]).messages.length, 0);
  assert.equal(read(SAMPLES[1]).messages.length, 0);
});

// [content placed inside <item>, whether a reader must refuse it] — XML 1.0 (Fifth Edition).
const WELL_FORMEDNESS: [string, boolean][] = [
  ['<title>a ]]> b</title>', false], // §2.4: "]]>" may not appear in character data
  ['<title>a ]]&gt; b ]] ]&gt;</title>', true],
  ['<!-- one -- two -->', false], // §2.5: "--" inside a comment
  ['<!-- one - two --><!---->', true],
  ['<!-- ends with a dash --->', false],
  ['<title>&#0;</title>', false], // §4.1 WFC Legal Character
  ['<title>&#xD800;</title>', false],
  ['<title>&#X41;</title>', false], // only a lowercase x
  ['<title>&#65;&#x41;&#x10FFFF;&#0000000065;</title>', true],
  ['<title>&;</title>', false],
  ['<title>AT&T</title>', false],
  ['<title>a & b</title>', false],
  ['<title>&nbsp;</title>', false], // §4.1 WFC Entity Declared
  ['<title x=1>t</title>', false], // §3.1: values are quoted
  ['<title x="a<b">t</title>', false], // §3.1 WFC No < in Attribute Values
  ['<title x>t</title>', false],
  ['<title x="1" x="2">t</title>', false], // §3.1 WFC Unique Att Spec
  ['<title x="1"y="2">t</title>', false],
  ['<title x = "1"\ty=\'2\'>t</title>', true],
  ['<title>t</title >', true],
  ['<title>t</ title>', false],
  ['<title/ >', false],
  ['< title>t</title>', false],
  ['<title>t</>', false],
  ['<title>t</TITLE>', false], // §3 WFC Element Type Match (case-sensitive)
  ['<title>\u0001</title>', false], // §2.2 Char
  ['<title>\uFFFE</title>', false],
  ['<title>\u0085 \u2028 \uFFFD 😀</title>', true],
  ['<title><![CDATA[ <not> &markup; ]] ]]]></title>', true],
  ['<title><![CDATA[ unclosed </title>', false],
  ['<title><![cdata[x]]></title>', false],
  ['<?php echo 1; ?><?a-b?>', true],
  ['<?xml version="1.0"?>', false], // §2.8: the XML declaration comes first only
  ['<?XmL x?>', false], // §2.6: targets matching [Xx][Mm][Ll] are reserved
  ['<? x?>', false],
  ['<!ELEMENT x ANY>', false],
  ['<!DOCTYPE x>', false], // §2.8: the DOCTYPE precedes the root element
  ['<title>&#x1F600;</title>', true],
  ['<n:x xmlns:n="urn:n" \u{10000}a="1"/><n:\u{10000}y/><?\u{10000}pi x?>', true], // names may use U+10000–U+EFFFF
  ['<n:x xmlns:n="urn:n" \u{F0000}a="1"/>', false],
];

test('the well-formedness rules of XML 1.0', () => {
  for (const [content, ok] of WELL_FORMEDNESS) {
    const r = check(rss(`<item><guid isPermaLink="false">1</guid>${content}</item>`));
    const xmlErrors = r.errors.filter((e) => ['NotWellFormed', 'UndefinedEntity'].includes(e.code));
    if (ok) assert.deepEqual(xmlErrors, [], content);
    else assert.equal(xmlErrors.length, 1, `${content} should be refused; got ${JSON.stringify(r.errors)}`);
  }
});

test('the prolog and what may follow the root element', () => {
  const body = '<rss version="2.0"><channel><title>t</title><link>https://example.com/</link><description>d</description></channel></rss>';
  const cases: [string, boolean][] = [
    [`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${body}`, true],
    [`<?xml version='1.0'?>\n<!-- c -->\n<?pi x?>\n<!DOCTYPE rss>\n${body}\n<!-- c -->\n<?pi?>\n`, true],
    [`\uFEFF<?xml version="1.0"?>${body}`, true],
    [` <?xml version="1.0"?>${body}`, false],
    [`<?xml encoding="utf-8"?>${body}`, false],
    [`<?xml version="1.0"encoding="utf-8"?>${body}`, false],
    [`<?xml version="1.0" standalone="maybe"?>${body}`, false],
    [`<?xml version="1.0" encoding="utf-8" version="1.0"?>${body}`, false],
    [`<?xml version="2.0"?>${body}`, false],
    [`<?xml version="1.0" ?>${body}`, true],
    [`text${body}`, false],
    [`${body}text`, false],
    [`${body}<rss/>`, false],
    [`${body}<![CDATA[x]]>`, false],
    [`${body}&amp;`, false],
    [`<!DOCTYPE a><!DOCTYPE b>${body}`, false],
    [`<!-- only a comment -->`, false],
    ['', false],
  ];
  for (const [doc, ok] of cases) {
    const r = check(doc);
    assert.equal(r.errors.filter((e) => e.code === 'NotWellFormed').length === 0, ok, `${JSON.stringify(doc.slice(0, 70))}: ${JSON.stringify(r.errors)}`);
  }
});

test('elements are placed at their "<", counting characters, with CR LF and CR as line ends', () => {
  const doc = '<rss>\r\n  <channel\n    a="1">\r<x/>😀😀<y/>\ud83d\ude00é<z\r\n/><v a="😀😀"/><w/>😀\n😀😀<u/></channel></rss>';
  const { find } = read(doc);
  assert.deepEqual([find('w').el.line, find('w').el.column], [5, 14]); // after an attribute value with two astral characters
  assert.deepEqual([find('u').el.line, find('u').el.column], [6, 3]); // only the ones after the line end count
  assert.deepEqual([find('rss').el.line, find('rss').el.column], [1, 1]);
  assert.deepEqual([find('channel').el.line, find('channel').el.column], [2, 3]);
  assert.deepEqual([find('x').el.line, find('x').el.column], [4, 1]);
  assert.deepEqual([find('y').el.line, find('y').el.column], [4, 7]); // two emoji: two columns
  assert.deepEqual([find('z').el.line, find('z').el.column], [4, 13]);
});

test('errors point at the offending character', () => {
  const at = (doc: string) => {
    const e = check(doc).errors.find((m) => ['NotWellFormed', 'UndefinedEntity'].includes(m.code))!;
    return [e.code, e.line, e.column];
  };
  assert.deepEqual(at('<rss>\n  <a>AT&T 😀</a>\n</rss>'), ['NotWellFormed', 2, 10]); // the space ending "&T" with no ";"
  assert.deepEqual(at('<rss>\r\n<a>x</b>\r\n</rss>'), ['NotWellFormed', 2, 8]); // the ">" of the wrong end tag
  assert.deepEqual(at('<rss>\n\t<a>&nbsp;</a></rss>'), ['UndefinedEntity', 2, 10]);
  assert.deepEqual(at('<rss><a x="1" x="2"/></rss>'), ['NotWellFormed', 1, 21]); // the end of the tag
  assert.deepEqual(at('<rss>😀\u0001</rss>'), ['NotWellFormed', 1, 7]);
});

test('text and attribute values are normalised as XML says', () => {
  const doc =
    '<rss a="x\r\ny\tz&#10;&amp;" b=\'"\'><t>one\r\ntwo\rthree\n&lt;&#x1F600;&#233;</t><c><![CDATA[a\r\nb <&> ]]]]><![CDATA[>]]></c></rss>';
  const { find } = read(doc);
  assert.deepEqual(
    find('rss').el.attrs.map((a) => [a.name, a.value]),
    [
      ['a', 'x y z\n&'],
      ['b', '"'],
    ],
  );
  assert.equal(find('t').text, 'one\ntwo\nthree\n<😀é');
  assert.equal(find('c').text, 'a\nb <&> ]]>');
});

test('entities declared in the DOCTYPE are replaced, in text and in attributes', () => {
  const doc = '<!DOCTYPE rss [\n<!ENTITY co "Example &amp; Co">\n<!ENTITY full "&co; &#169;">\n<!ENTITY ext SYSTEM "file:///etc/passwd">\n]><rss a="&full;"><t>&full;|&ext;|</t></rss>';
  const { find, messages } = read(doc);
  assert.equal(find('rss').el.attrs[0].value, 'Example & Co ©');
  assert.equal(find('t').text, 'Example & Co ©||');
  assert.deepEqual(
    messages.map((m) => m.code),
    ['ExternalEntity'],
  );
});

test('a tag larger than the limit is refused, not buffered', () => {
  const v = createValidator();
  v.write(enc.encode(rss('<item><title a="@').split('@')[0]));
  const block = enc.encode('x'.repeat(1 << 20));
  for (let i = 0; i <= TAG_LIMIT / block.length; i++) v.write(block);
  v.write(enc.encode('">t</title></item></channel></rss>'));
  const r = v.end();
  assert.deepEqual(errorCodes(r), ['ValidatorLimit']);
});

test('a DOCTYPE larger than its limit is refused', () => {
  const r = check(`<!DOCTYPE rss [${'<!-- x -->'.repeat(DOCTYPE_LIMIT / 10 + 1)}]><rss/>`);
  assert.ok(errorCodes(r).includes('ValidatorLimit'));
});

test('references to a declared entity may not add more than the budget to the document', () => {
  const big = 'x'.repeat(100_000);
  const refs = '&big;'.repeat(REFERENCE_BUDGET / big.length + 2);
  const doc = `<!DOCTYPE rss [<!ENTITY big "${big}">]>` + rss(`<item><title>${refs}</title></item>`).replace(/^<\?xml[^>]*>/, '');
  assert.ok(errorCodes(check(doc)).includes('EntityExpansionLimit'));
  // A few references are fine.
  const few = `<!DOCTYPE rss [<!ENTITY big "${big}">]>` + rss('<item><title>&big;&big;</title><guid isPermaLink="false">1</guid></item>').replace(/^<\?xml[^>]*>/, '');
  assert.deepEqual(errorCodes(check(few)), []);
});

test('an entity reference that never ends is refused without being kept', () => {
  const v = createValidator();
  v.write(enc.encode(rss('<item><title>@').split('@')[0] + '&'));
  const block = enc.encode('a'.repeat(1 << 16));
  for (let i = 0; i < 64; i++) v.write(block);
  v.write(enc.encode(';</title></item></channel></rss>'));
  assert.deepEqual(errorCodes(v.end()), ['UndefinedEntity']);
});

test('long comments, CDATA sections and processing instructions stream through', () => {
  const v = createValidator();
  v.write(enc.encode(rss('<item><guid isPermaLink="false">1</guid><description>@').split('@')[0] + '<![CDATA['));
  const block = enc.encode('a]b]]c<&>-\r\n'.repeat(80_000)); // about 1 MB
  for (let i = 0; i < 8; i++) v.write(block);
  v.write(enc.encode(']]></description><!--'));
  const dashes = enc.encode('- a - b '.repeat(100_000));
  for (let i = 0; i < 8; i++) v.write(dashes);
  v.write(enc.encode('--><?pi '));
  for (let i = 0; i < 8; i++) v.write(enc.encode('? > ?'.repeat(100_000)));
  v.write(enc.encode('?></item></channel></rss>'));
  assert.deepEqual(v.end().errors, []);
});

test('text that looks wrongly decoded is still found, however it got into the document', () => {
  const doc = (text: string, encoding = 'utf-8') => rss(`<item><guid isPermaLink="false">1</guid><description>${text}</description></item>`).replace('utf-8', encoding);
  const warned = (bytes: Uint8Array) => check(bytes).warnings.some((w) => w.code === 'BadCharacters');
  assert.equal(warned(new Uint8Array(Buffer.from(doc('quote \u0093here\u0094', 'iso-8859-1'), 'latin1'))), true); // C1 controls
  assert.equal(warned(enc.encode(doc('a &#150; b'))), true);
  assert.equal(warned(enc.encode(doc('a \uFFFD b'))), true);
  const declared = doc('&w;').replace('<rss', '<!DOCTYPE rss [<!ENTITY w "&#x92;">]>\n<rss').replace(/^<\?xml[^>]*>\n/, '');
  assert.equal(warned(enc.encode(declared)), true);
  assert.equal(warned(enc.encode(doc('clean — text ’ é 😀'))), false);
});
