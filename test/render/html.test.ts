import assert from 'node:assert/strict';
import { test } from 'node:test';
import { articleBody, articleBodyPieces, articleHtml, articleHtmlForXml, isPlain } from '../../src/render/html.js';
import { escapeAttr, escapeText, stripInvalidXmlChars } from '../../src/render/xml.js';
import { makeArticle, seedArticle } from './factory.js';

test('the seed: dateline span opens the first paragraph, one <p> per paragraph', () => {
  const a = seedArticle();
  const html = articleHtml(a);
  const paras = html.match(/<p>.*?<\/p>/g) ?? [];
  assert.equal(paras.length, a.body.length);
  assert.equal(paras[0], `<p><span class="dateline">DA’NANG, Vietnam —</span> ${a.body[0]}</p>`);
  assert.equal(paras[1], `<p>${a.body[1]}</p>`);
});

test('each photo is a figure with its caption and its credit in its own element', () => {
  const a = seedArticle();
  const figures = articleHtml(a).match(/<figure>.*?<\/figure>/g) ?? [];
  assert.equal(figures.length, 2);
  for (let i = 0; i < 2; i++) {
    assert.equal(
      figures[i],
      `<figure><figcaption>${a.media[i].caption} <small class="credit">${a.media[i].credit}</small></figcaption></figure>`,
    );
  }
});

test('a photo with a web URL gets an <img> with its title as alt text', () => {
  const html = articleHtml(makeArticle({}, 7));
  assert.match(html, /<figure><img src="https:\/\/news\.example\.com\/img\/7\.jpg" alt="Photo 7" width="1200" height="800"\/><figcaption>/);
});

test('<script> in any text reaches readers as characters, never as markup', () => {
  const evil = '<script>alert("x")</script>';
  const a = makeArticle({
    body: [evil, `a & b ${evil}`],
    dateline: { place: evil, date: null, agency: null, raw: evil },
    notes: [evil],
    media: [{ title: `"><script>`, caption: evil, credit: evil, url: 'https://x.example/a.jpg?"onerror="alert(1)', type: 'image/jpeg' }],
  });
  const html = articleHtml(a);
  assert.doesNotMatch(html, /<script/i);
  assert.doesNotMatch(html, /" onerror=|"onerror="/);
  assert.match(html, /&lt;script&gt;alert\("x"\)&lt;\/script&gt;/);
  assert.match(html, /a &amp; b /);
});

test('a javascript: URL is never used as a source', () => {
  const html = articleHtml(
    makeArticle({ media: [{ title: 't', caption: 'c', credit: 'k', url: 'javascript:alert(1)', type: 'image/png' }] }),
  );
  assert.doesNotMatch(html, /javascript:/);
  assert.match(html, /<figure><figcaption>c <small class="credit">k<\/small><\/figcaption><\/figure>/);
});

test('notes follow the body; an article without a dateline has no dateline span', () => {
  const html = articleHtml(makeArticle({ dateline: null, notes: ['Corrected: the date.'] }));
  assert.doesNotMatch(html, /dateline/);
  assert.match(html, /<p class="note"><em>Corrected: the date\.<\/em><\/p>$/);
});

test('the HTML the XML and JSON formats carry is exactly the body HTML escaped for each, hostile text included', () => {
  const nasty = `a\u0001&<>"'\\\r\n\t\uD800 ]]> 📰 &amp; \u2028`;
  const articles = [
    seedArticle(),
    makeArticle({}, 9),
    makeArticle({ body: [], notes: [] }, 10),
    makeArticle({ body: [], dateline: null, media: [], notes: [] }, 11),
    makeArticle({
      headline: nasty,
      body: [nasty, nasty],
      notes: [nasty],
      headings: [{ before: 1, text: nasty }],
      dateline: { place: nasty, date: null, agency: null, raw: nasty },
      media: [
        { title: nasty, caption: nasty, credit: nasty, url: `https://x.example/${nasty}`, type: 'image/png', width: 1, height: 2 },
        { title: nasty, caption: null, credit: null, url: `https://x.example/${nasty}`, type: 'video/mp4', width: 3 },
        { title: nasty, caption: null, credit: nasty, url: `https://x.example/${nasty}`, type: 'audio/mpeg' },
        { title: nasty, caption: null, credit: nasty, url: null, type: null, before: 2 },
      ],
    }),
  ];
  for (const a of articles) {
    const { html, xml, json } = articleBody(a);
    assert.equal(html, articleHtml(a));
    assert.equal(xml, escapeText(html));
    assert.equal(articleHtmlForXml(a), xml);
    assert.equal(json, JSON.stringify(html).slice(1, -1));
    const pieces = articleBodyPieces(a);
    assert.deepEqual([pieces.xml.join(''), pieces.json.join('')], [xml, json]);
  }
});

test('every UTF-16 code unit, in text and in an attribute, gets the same forms as escaping the whole HTML would give', () => {
  const units = Array.from({ length: 0x10000 }, (_, c) => String.fromCharCode(c));
  // Several units a paragraph (and a photo URL and title, which become attribute values), so that
  // each is seen alone and beside the others.
  for (let i = 0; i < units.length; i += 64) {
    const chunk = units.slice(i, i + 64);
    const a = makeArticle({
      body: chunk.map((u) => `a${u}b`),
      dateline: null,
      notes: [],
      media: chunk.map((u) => ({ title: `t${u}`, caption: null, credit: null, url: `https://x.example/${u}`, type: 'image/png' })),
    });
    const { html, xml, json } = articleBody(a);
    assert.equal(xml, escapeText(html), `U+${i.toString(16)}…`);
    assert.equal(json, JSON.stringify(html).slice(1, -1), `U+${i.toString(16)}…`);
  }
});

test('text called plain is written as it is in every form: XML text, attribute value, HTML in XML and JSON string', () => {
  // Every UTF-16 code unit alone and between letters, a lone and a paired surrogate, the specials.
  const samples = ['', 'plain text, 1–2 “quoted” — ok', '\ud83d\ude00', 'a\ud800b', 'a\udc00', 'x&y', "it's", 'say "x"', 'a\\b', 'tab\there'];
  for (let c = 0; c < 0x10000; c++) samples.push(String.fromCharCode(c), `a${String.fromCharCode(c)}b`);
  for (const s of samples) {
    if (!isPlain(s)) continue;
    assert.equal(escapeText(s), s, JSON.stringify(s));
    assert.equal(escapeAttr(s), s, JSON.stringify(s));
    assert.equal(escapeText(escapeText(s)), s, JSON.stringify(s));
    assert.equal(JSON.stringify(stripInvalidXmlChars(s)), `"${s}"`, JSON.stringify(s));
  }
  assert.ok(isPlain('plain text, 1–2 “quoted” — ok'));
  for (const s of ['x&y', "it's", 'say "x"', 'a\\b', 'tab\there', 'a\ud800b', '\ud83d\ude00']) assert.ok(!isPlain(s), JSON.stringify(s));
});

test('photos and sub-headings stand where the source had them; unplaced photos lead', () => {
  const a = makeArticle({
    body: ['one', 'two', 'three'],
    dateline: null,
    notes: [],
    headings: [{ before: 2, text: 'A heading' }],
    media: [
      { title: 'placed', caption: 'Placed photo', credit: 'AP', url: null, type: null, before: 1 },
      { title: 'lead', caption: 'Lead photo', credit: 'EPA', url: null, type: null },
      { title: 'last', caption: 'Closing photo', credit: 'AFP', url: null, type: null, before: 3 },
    ],
  });
  const blocks = articleHtml(a).split('\n').map((b) => b.replace(/<small.*$/, '').replace(/<[^>]+>/g, '').trim());
  assert.deepEqual(blocks, ['Lead photo', 'one', 'Placed photo', 'two', 'A heading', 'three', 'Closing photo']);
  assert.match(articleHtml(a), /<h2>A heading<\/h2>/);
});
