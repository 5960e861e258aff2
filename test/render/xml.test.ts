import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeAttr, escapeText, stripInvalidXmlChars } from '../../src/render/xml.js';
import { HAVE_XMLLINT, parseXml, text, xmllint } from './tools.js';

const FORBIDDEN_C0 = Array.from({ length: 32 }, (_, i) => i).filter((i) => i !== 9 && i !== 10 && i !== 13);

test('plain text passes through unchanged', () => {
  const s = 'Trump, Putin Release Joint Statement on Syria — DA’NANG 📰';
  assert.equal(escapeText(s), s);
  assert.equal(escapeAttr(s), s);
  assert.equal(stripInvalidXmlChars(s), s);
});

test('markup characters become entities, in text and in attributes', () => {
  assert.equal(escapeText('Why <blink> died & "why" \'not\''), 'Why &lt;blink&gt; died &amp; "why" \'not\'');
  assert.equal(escapeAttr('a&b<c>d"e\'f'), 'a&amp;b&lt;c&gt;d&quot;e&#39;f');
  assert.equal(escapeAttr('tab\tlf\ncr\r'), 'tab&#9;lf&#10;cr&#13;');
});

test(']]> can never close anything: > is always escaped', () => {
  assert.equal(escapeText(']]>]]>'), ']]&gt;]]&gt;');
});

test('each C0 control but tab/LF/CR is dropped; tab and LF stay in text', () => {
  for (const code of FORBIDDEN_C0) {
    const ch = String.fromCharCode(code);
    assert.equal(escapeText(`a${ch}b`), 'ab', `U+${code.toString(16).padStart(4, '0')}`);
    assert.equal(escapeAttr(`a${ch}b`), 'ab');
  }
  assert.equal(escapeText('a\tb\nc'), 'a\tb\nc');
});

test('U+FFFE, U+FFFF and lone surrogates are dropped; surrogate pairs (emoji) are kept', () => {
  assert.equal(stripInvalidXmlChars('a\uFFFEb\uFFFFc'), 'abc');
  assert.equal(stripInvalidXmlChars('x\uD800y'), 'xy');
  assert.equal(stripInvalidXmlChars('x\uDC00y'), 'xy');
  assert.equal(stripInvalidXmlChars('x\uDC00\uD800y'), 'xy'); // reversed pair is two lone halves
  assert.equal(stripInvalidXmlChars('end\uD83D'), 'end');
  assert.equal(stripInvalidXmlChars('emoji 📰 🇻🇳'), 'emoji 📰 🇻🇳');
  assert.equal(escapeText('<📰\uD800>'), '&lt;📰&gt;');
});

test('every character survives a trip through an XML parser, minus the forbidden ones', async (t) => {
  let all = '';
  for (let c = 0; c < 0x3000; c++) all += String.fromCharCode(c);
  all += '\uFFFD\uFFFE\uFFFF \uD83D\uDCF0 \uD800 \uDFFF ]]> ]]> \u200F\u202E';
  const expected = stripInvalidXmlChars(all);
  assert.ok(expected.length < all.length);
  const doc = `<?xml version="1.0" encoding="UTF-8"?>\n<r a="${escapeAttr(all)}" b='${escapeAttr(all)}'>${escapeText(all)}</r>`;
  const parsed = await parseXml(doc);
  assert.equal(text(parsed.r), expected);
  assert.equal(parsed.r.$.a, expected);
  assert.equal(parsed.r.$.b, expected);
  if (!HAVE_XMLLINT) return t.skip('xmllint not installed');
  const lint = xmllint(doc);
  assert.ok(lint.ok, lint.stderr);
});
