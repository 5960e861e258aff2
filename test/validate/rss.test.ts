// RSS 2.0 rules: required elements, values (dates, URLs, e-mails, guids), structure, and the
// common extension namespaces, which a well-made feed uses without a single message.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check, errorCodes, rss, warningCodes } from './helpers.js';

const NAMESPACES =
  ' xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"' +
  ' xmlns:media="http://search.yahoo.com/mrss/"';

/** A document with one item (a title, a guid, then `inner`) in a channel whose root has `rootAttrs`. */
const withItem = (inner: string, rootAttrs = '') => rss(`<item><title>x</title><guid isPermaLink="false">1</guid>${inner}</item>`, rootAttrs);

const GOOD_ITEM = `<item>
<title>Trump, Putin Release Joint Statement on Syria</title>
<link>https://news.example.com/2017/11/11/statement/</link>
<description>The United States and Russia released a joint statement.</description>
<content:encoded><![CDATA[<p><span class="dateline">DA’NANG, Vietnam —</span> The statement…</p>]]></content:encoded>
<dc:creator>Jane Doe</dc:creator>
<dc:coverage>DA’NANG, Vietnam</dc:coverage>
<category>World</category>
<guid isPermaLink="false">tag:news.example.com,2017-11-11:statement</guid>
<pubDate>Sat, 11 Nov 2017 09:30:00 +0000</pubDate>
<media:content url="https://img.example.com/a.jpg" type="image/jpeg" medium="image">
  <media:description type="plain">Presidents talk at the summit</media:description>
  <media:credit role="photographer" scheme="urn:ebu">MIKHAIL KLIMENTYEV/SPUTNIK</media:credit>
</media:content>
<media:credit role="photographer">EPA</media:credit>
</item>`;

test('a complete RSS feed with content, dc, atom and media gets no error and no warning', () => {
  const r = check(rss(`<language>en</language>\n<lastBuildDate>Sat, 11 Nov 2017 09:30:00 +0000</lastBuildDate>\n${GOOD_ITEM}`, NAMESPACES));
  assert.equal(r.format, 'rss');
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.warnings, []);
  assert.equal(r.valid, true);
});

test('channel title, link and description are required', () => {
  const doc = '<rss version="2.0"><channel><title>x</title></channel></rss>';
  const r = check(doc);
  assert.deepEqual(errorCodes(r), ['MissingElement', 'MissingElement']);
  assert.match(r.errors[0].message, /link/);
  assert.match(r.errors[1].message, /description/);
});

test('dates must be RFC 822 with a matching weekday; old forms only warn', () => {
  const item = (d: string) => rss(`<item><title>x</title><guid isPermaLink="false">1</guid><pubDate>${d}</pubDate></item>`);
  assert.deepEqual(errorCodes(check(item('Sat, 11 Nov 2017 09:30:00 GMT'))), []);
  assert.deepEqual(errorCodes(check(item('2017-11-11T09:30:00Z'))), ['InvalidRFC822Date']);
  assert.deepEqual(errorCodes(check(item('Mon, 11 Nov 2017 09:30:00 GMT'))), ['InvalidRFC822Date']);
  assert.deepEqual(errorCodes(check(item('Thu, 31 Feb 2017 09:30:00 GMT'))), ['InvalidRFC822Date']);
  assert.deepEqual(errorCodes(check(item('Sat, 11 Nov 2017 09:30:00 +01:00'))), ['InvalidRFC822Date']);
  const old = check(item('11 nov 17 09:30 EST'));
  assert.deepEqual(errorCodes(old), []);
  assert.ok(warningCodes(old).includes('ProblematicalRFC822Date'));
});

test('a guid is a URL unless isPermaLink="false", and unique in the feed', () => {
  assert.deepEqual(errorCodes(check(rss('<item><title>x</title><guid>12345</guid></item>'))), ['InvalidGuid']);
  // An isPermaLink other than "false" leaves the guid a permalink, which "a" is not.
  assert.deepEqual(errorCodes(check(rss('<item><title>x</title><guid isPermaLink="no">a</guid></item>'))), ['InvalidBoolean', 'InvalidGuid']);
  const dup = rss('<item><title>a</title><guid isPermaLink="false">1</guid></item><item><title>b</title><guid isPermaLink="false">&#49;</guid></item>');
  assert.deepEqual(errorCodes(check(dup)), ['DuplicateValue']);
});

test('links are absolute URLs without spaces or non-ASCII characters', () => {
  const item = (u: string) => rss(`<item><title>x</title><link>${u}</link><guid isPermaLink="false">1</guid></item>`);
  assert.deepEqual(errorCodes(check(item('https://example.com/a%20b?q=1#f'))), []);
  assert.deepEqual(errorCodes(check(item('/relative/path'))), ['InvalidFullURI']);
  assert.deepEqual(errorCodes(check(item('https://example.com/a b'))), ['InvalidURIChar']);
  assert.deepEqual(errorCodes(check(item('https://example.com/caf\u00e9'))), ['IRINotURI']);
  assert.deepEqual(errorCodes(check(item('http://'))), ['InvalidFullURI']);
});

test('author is an e-mail address; a bare name is an error, "Name <addr>" a warning', () => {
  const item = (a: string) => rss(`<item><title>x</title><author>${a}</author><guid isPermaLink="false">1</guid></item>`);
  assert.deepEqual(errorCodes(check(item('jane@example.com (Jane Doe)'))), []);
  assert.deepEqual(errorCodes(check(item('Jane Doe'))), ['InvalidEmail']);
  const angle = check(item('Jane Doe &lt;jane@example.com&gt;'));
  assert.deepEqual(errorCodes(angle), []);
  assert.deepEqual(warningCodes(angle), ['EmailFormat']);
});

test('an address on a one-word host is well-formed: a warning, not an error', () => {
  const item = (a: string) => withItem(`<author>${a}</author>`);
  for (const a of ['root@localhost', 'jane@intranet (Jane Doe)']) {
    const r = check(item(a));
    assert.deepEqual(errorCodes(r), [], a);
    assert.deepEqual(warningCodes(r), ['UnknownHost'], a);
    assert.match(r.warnings[0].message, new RegExp(`"${a.split(' ')[0]}"`), a);
  }
  assert.deepEqual(warningCodes(check(item('jane@example.com (Jane Doe)'))), []);
  assert.deepEqual(errorCodes(check(item('jane@ (Jane Doe)'))), ['InvalidEmail']);
});

test('an item needs a title or a description; unknown core elements and duplicates are errors', () => {
  assert.deepEqual(errorCodes(check(rss('<item><guid isPermaLink="false">1</guid></item>'))), ['ItemMissingTitleOrDescription']);
  assert.deepEqual(errorCodes(check(rss('<item><title>a</title><title>b</title><guid isPermaLink="false">1</guid></item>'))), ['DuplicateElement']);
  assert.deepEqual(errorCodes(check(rss('<item><title>a</title><foo>b</foo><guid isPermaLink="false">1</guid></item>'))), ['UndefinedElement']);
  // Extensions in a namespace of one's own are always allowed.
  const own = rss('<item><title>a</title><x:foo>b</x:foo><guid isPermaLink="false">1</guid></item>', ' xmlns:x="https://example.com/ns"');
  assert.deepEqual(errorCodes(check(own)), []);
});

test('Media RSS rates and durations, and a GeoRSS radius, are numbers of zero or more', () => {
  const ns = NAMESPACES + ' xmlns:georss="http://www.georss.org/georss"';
  const item = (x: string) => withItem(x, ns);
  const content = (attrs: string) => item(`<media:content url="https://example.com/a.mp3" type="audio/mpeg" ${attrs}/>`);
  assert.deepEqual(errorCodes(check(content('bitrate="128" samplingrate="44.1" duration="185.5" framerate="0"'))), []);
  for (const attrs of ['bitrate="-128"', 'duration="-1"', 'samplingrate="-44.1"']) {
    assert.deepEqual(errorCodes(check(content(attrs))), ['InvalidNonNegativeNumber'], attrs);
  }
  assert.deepEqual(errorCodes(check(content('bitrate="128kbps"'))), ['InvalidNumber']);
  assert.deepEqual(errorCodes(check(item('<georss:point>45.256 -71.92</georss:point><georss:radius>500</georss:radius>'))), []);
  assert.deepEqual(errorCodes(check(item('<georss:point>45.256 -71.92</georss:point><georss:radius>-5</georss:radius>'))), ['InvalidNonNegativeNumber']);
  // A height may lie below the sea.
  assert.deepEqual(errorCodes(check(item('<georss:point>31.5 35.5</georss:point><georss:elev>-430</georss:elev>'))), []);
});

test("items may carry Atom threading, as Blogger's RSS does", () => {
  const thr = ' xmlns:thr="http://purl.org/syndication/thread/1.0"';
  const item = (x: string) => withItem(x, thr);
  assert.deepEqual(errorCodes(check(item('<thr:total>3</thr:total>'))), []);
  assert.deepEqual(errorCodes(check(item('<thr:in-reply-to ref="tag:example.com,2024:1" href="https://example.com/1"/>'))), []);
  assert.deepEqual(errorCodes(check(item('<thr:total>many</thr:total>'))), ['InvalidNonNegativeInteger']);
  assert.deepEqual(errorCodes(check(item('<thr:in-reply-to href="https://example.com/1"/>'))), ['MissingAttribute']);
});

test('enclosure needs url, length and type', () => {
  const item = (e: string) => rss(`<item><title>x</title>${e}<guid isPermaLink="false">1</guid></item>`);
  assert.deepEqual(errorCodes(check(item('<enclosure url="https://e.com/a.mp3" length="123" type="audio/mpeg"/>'))), []);
  assert.deepEqual(errorCodes(check(item('<enclosure url="https://e.com/a.mp3" type="audio/mpeg"/>'))), ['MissingAttribute']);
  assert.deepEqual(errorCodes(check(item('<enclosure url="https://e.com/a.mp3" length="-5" type="audio"/>'))), [
    'InvalidNonNegativeInteger',
    'InvalidMIMEType',
  ]);
});

test('ttl is a whole number of minutes above zero', () => {
  assert.deepEqual(errorCodes(check(rss('<ttl>60</ttl>'))), []);
  assert.deepEqual(errorCodes(check(rss('<ttl>0</ttl>'))), ['InvalidPositiveInteger']);
  assert.deepEqual(errorCodes(check(rss('<ttl>1.5</ttl>'))), ['InvalidPositiveInteger']);
  assert.deepEqual(errorCodes(check(rss('<ttl>an hour</ttl>'))), ['InvalidPositiveInteger']);
  const blank = check(rss('<ttl></ttl>'));
  assert.deepEqual(errorCodes(blank), []);
  assert.deepEqual(warningCodes(blank), ['NotBlank']);
});

test('admin:generatorAgent names its generator by a full URI', () => {
  const admin = (r: string) =>
    rss(`<admin:generatorAgent rdf:resource="${r}"/>`, ' xmlns:admin="http://webns.net/mvcb/" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"');
  assert.deepEqual(errorCodes(check(admin('https://example.com/generator/2.1'))), []);
  assert.deepEqual(errorCodes(check(admin('MovableType2.21'))), ['InvalidFullURI']);
});

test('skipHours and skipDays take valid, distinct values', () => {
  assert.deepEqual(errorCodes(check(rss('<skipHours><hour>0</hour><hour>23</hour></skipHours>'))), []);
  assert.deepEqual(errorCodes(check(rss('<skipHours><hour>25</hour></skipHours>'))), ['InvalidHour']);
  assert.deepEqual(errorCodes(check(rss('<skipHours><hour>5</hour><hour>5</hour></skipHours>'))), ['DuplicateValue']);
  assert.deepEqual(errorCodes(check(rss('<skipDays><day>Sunday</day><day>sunday</day></skipDays>'))), ['InvalidDay']);
});

test('image width and height have limits; cloud needs its attributes', () => {
  const img = (w: string) => rss(`<image><url>https://example.com/a.png</url><title>Example</title><link>https://example.com/</link><width>${w}</width></image>`);
  assert.deepEqual(errorCodes(check(img('88'))), []);
  assert.deepEqual(errorCodes(check(img('145'))), ['InvalidImageWidth']);
  assert.deepEqual(errorCodes(check(rss('<cloud domain="rpc.example.com" port="80" path="/RPC2" registerProcedure="p" protocol="xml-rpc"/>'))), []);
  assert.deepEqual(errorCodes(check(rss('<cloud domain="rpc.example.com" port="0" path="/RPC2" registerProcedure="p" protocol="xml-rpc"/>'))), [
    'InvalidPositiveInteger',
  ]);
});

test('the rss element is in no namespace and has the version of a published RSS', () => {
  assert.ok(errorCodes(check('<rss xmlns="http://example.com/" version="2.0"><channel/></rss>')).includes('InvalidNamespace'));
  const channel = '<channel><title>t</title><link>https://e.com/</link><description>d</description></channel>';
  assert.ok(errorCodes(check(`<rss>${channel}</rss>`)).includes('MissingAttribute'));
  for (const version of ['2.0', '0.92', '0.91']) assert.deepEqual(errorCodes(check(`<rss version="${version}">${channel}</rss>`)), [], version);
  for (const version of ['2.01', '3.0', '2', ' 2.0']) {
    assert.deepEqual(errorCodes(check(`<rss version="${version}">${channel}</rss>`)), ['InvalidRSSVersion'], version);
  }
  assert.equal(check('<html><body/></html>').format, 'unknown');
  assert.deepEqual(errorCodes(check('<html><body/></html>')), ['UnknownFormat']);
});

test('extension values are checked: Dublin Core dates, Media RSS, iTunes', () => {
  const dc = rss('<item><title>x</title><guid isPermaLink="false">1</guid><dc:date>2017-13-01</dc:date></item>', NAMESPACES);
  assert.deepEqual(errorCodes(check(dc)), ['InvalidW3CDTFDate']);
  const media = rss('<item><title>x</title><guid isPermaLink="false">1</guid><media:thumbnail width="-1"/></item>', NAMESPACES);
  assert.deepEqual(errorCodes(check(media)), ['InvalidPositiveInteger', 'MissingAttribute']);
  const wrongNs = rss('<item><title>x</title><guid isPermaLink="false">1</guid></item>', ' xmlns:media="http://search.yahoo.com/mrss"');
  assert.deepEqual(errorCodes(check(wrongNs)), ['MediaRssNamespace']);
  const it = ' xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"';
  assert.deepEqual(errorCodes(check(rss('<itunes:category text="Technology"/>', it))), []);
  assert.deepEqual(errorCodes(check(rss('<itunes:category text="Cats"/>', it))), ['InvalidItunesCategory']);
  assert.deepEqual(errorCodes(check(rss('<itunes:duration>10:00</itunes:duration>', it))), ['UndefinedElement']);
});

test('itunes:duration is whole seconds, or minutes and seconds (and hours) in two-digit fields', () => {
  const it = ' xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"';
  const item = (d: string) => withItem(`<itunes:duration>${d}</itunes:duration>`, it);
  for (const d of ['1800', '7:04', '00:07:04', '1:02:03', '90:00']) assert.deepEqual(errorCodes(check(item(d))), [], d);
  for (const d of ['00:07:74', '7:4', '1:2:3', '61.5', '00:07:04.5', '1:00:00:00', '-5']) {
    assert.deepEqual(errorCodes(check(item(d))), ['InvalidEnumeration'], d);
  }
});
