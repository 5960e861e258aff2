// The single-value checks behind the JSON Feed validator: dates, URLs, language tags, MIME types
// and HTML in plain text — including the inputs a hostile feed would use to make them slow.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkRfc3339, checkUrl, findHtml, isLanguageTag, isMimeType, rfc3339Millis } from '../../src/validate/jsonfeed-values.js';

test('RFC 3339: real instants pass', () => {
  for (const ok of [
    '2010-02-07T14:04:00-05:00',
    '2024-02-29T00:00:00Z',
    '2000-02-29T23:59:59.999999999+14:00',
    '2016-12-31T23:59:60Z',
    '2015-06-30T19:29:60-04:30',
    '1999-12-31t23:59:59z',
  ]) {
    assert.equal(checkRfc3339(ok), null, ok);
  }
});

test('RFC 3339: impossible dates and wrong shapes say why', () => {
  const cases: [string, RegExp][] = [
    ['2023-02-29T10:00:00Z', /February 2023 has no day 29/],
    ['1900-02-29T10:00:00Z', /February 1900 has no day 29/],
    ['2024-04-31T10:00:00Z', /April 2024 has no day 31/],
    ['2024-00-10T10:00:00Z', /no month 00/],
    ['2024-01-01T24:00:00Z', /hour 24/],
    ['2024-01-01T10:60:00Z', /minute 60/],
    ['2024-01-01T10:30:60Z', /second 60/],
    ['2024-01-01T10:00:00+24:00', /offset hour/],
    ['2024-01-01T10:00:00+14:60', /offset minute 60/],
    ['2024-01-01T10:00:00-00:60', /offset minute 60/],
    ['2024-01-01', /time and time zone are required/],
    ['2024-01-01 10:00:00Z', /separated by "T"/],
    ['2024-01-01T10:00Z', /seconds are required/],
    ['2024-01-01T10:00:00', /time zone/],
    ['2024-01-01T10:00:00+0100', /colon/],
    ['Mon, 01 Jan 2024 10:00:00 GMT', /RFC 822/],
    ['1704103200', /number of seconds/],
    ['2024-1-1T10:00:00Z', /expected a form/],
  ];
  for (const [value, why] of cases) assert.match(checkRfc3339(value) ?? 'accepted', why, value);
});

test('RFC 3339 instants order by time, not by text', () => {
  assert.ok(rfc3339Millis('2024-01-02T10:00:00+01:00') < rfc3339Millis('2024-01-02T09:30:00Z'));
  assert.ok(rfc3339Millis('2016-12-31T23:59:60Z') < rfc3339Millis('2017-01-01T00:00:00Z'));
  // The common forms are read by hand: the same instants as Date.parse gives.
  for (const value of ['2024-01-02T10:00:00+01:00', '2024-01-02T10:00:00-09:30', '2024-02-29T23:59:59Z', '1970-01-01T00:00:00Z', '0099-03-01T12:00:00Z']) {
    assert.equal(rfc3339Millis(value), Date.parse(value), value);
  }
  assert.equal(rfc3339Millis('2016-12-31T23:59:60Z'), Date.parse('2016-12-31T23:59:59Z'));
});

test('URLs: absolute, relative, and broken', () => {
  for (const ok of ['https://example.org/', 'http://example.org:8080/a?b=c#d', 'https://例え.jp/記事', 'mailto:desk@example.org', 'tag:example.org,2024:1', 'https://example.org/a%20b']) {
    assert.equal(checkUrl(ok), null, ok);
  }
  for (const rel of ['/posts/1', 'posts/1', '//cdn.example.org/x.png', '?page=2']) assert.equal(checkUrl(rel), 'relative', rel);
  const broken: [string, RegExp][] = [
    ['', /empty/],
    ['https://example.org/a b', /space/],
    ['https://example.org/<x>', /'<'/],
    ['https://example.org/100%', /%XX/],
    ['https:example.org', /needs "\/\/" and a host/],
    ['http://exa mple.org/', /space/],
    ['https://example.org:99999/', /malformed/],
    ['https://example.org/\u0000', /U\+0000/],
  ];
  for (const [value, why] of broken) assert.match(String(checkUrl(value)), why, value);
});

test('language tags follow RFC 5646', () => {
  for (const ok of ['en', 'en-US', 'es-419', 'zh-Hant-TW', 'sr-Latn-RS', 'de-CH-1996', 'x-private', 'en-a-myext-b-another', 'i-klingon', 'yue', 'zh-yue-HK']) {
    assert.ok(isLanguageTag(ok), ok);
  }
  for (const bad of ['', 'en_US', 'English', 'e', 'en-', '-en', 'en--US', 'en-US-', '12', 'en US', 'x'.repeat(200)]) assert.ok(!isLanguageTag(bad), bad);
});

test('MIME types', () => {
  for (const ok of ['audio/mpeg', 'video/mp4', 'audio/ogg; codecs=opus', 'application/vnd.apple.mpegurl', 'text/plain; charset="utf-8"']) assert.ok(isMimeType(ok), ok);
  for (const bad of ['mp3', 'audio/', '/mpeg', 'audio mpeg', 'audio/mpeg;', '']) assert.ok(!isMimeType(bad), bad);
});

test('HTML in plain text: markup and entities are found, ordinary punctuation is not', () => {
  assert.deepEqual(findHtml('A <b>bold</b> claim'), { what: 'HTML markup', sample: '<b>' });
  assert.deepEqual(findHtml('see </p>'), { what: 'HTML markup', sample: '</p>' });
  assert.deepEqual(findHtml('<a href="https://e.org/" title=\'x\'>x</a>')?.what, 'HTML markup');
  assert.deepEqual(findHtml('line<br/>break')?.sample, '<br/>');
  assert.deepEqual(findHtml('hidden <!-- note -->')?.sample, '<!--');
  assert.deepEqual(findHtml('Rock &amp; roll'), { what: 'an HTML entity', sample: '&amp;' });
  assert.deepEqual(findHtml('x &#8212; y')?.sample, '&#8212;');
  assert.deepEqual(findHtml('x &#x2014; y')?.sample, '&#x2014;');
  for (const plain of ['Tom & Jerry', 'a<b && c>d', '3 < 5 > 2', 'AT&T; R&D', '<name> placeholder', 'x <- y', '<3', 'f(x) = <x, y>', 'Why <blink> died']) {
    assert.equal(findHtml(plain), null, plain);
  }
});

test('hostile strings do not make the HTML check blow up', () => {
  for (const hostile of ['<b x="'.repeat(500_000), '<p '.repeat(500_000), '<b ' + 'a=b '.repeat(500_000), '&'.repeat(1_000_000) + 'amp', '<b ' + 'a '.repeat(1_000_000)]) {
    assert.equal(findHtml(hostile), null);
  }
  assert.equal(findHtml('<p '.repeat(100_000) + '<p>')?.sample, '<p>');
});
