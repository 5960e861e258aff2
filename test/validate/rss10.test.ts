// RSS 1.0 (RDF Site Summary) rules: the root and namespaces, the channel and its items
// sequence, the top-level image, item and textinput elements, the URIs that tie them together,
// and the modules RSS 1.0 feeds use.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check, errorCodes, warningCodes } from './helpers.js';

const ROOT =
  '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"' +
  ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"' +
  ' xmlns:content="http://purl.org/rss/1.0/modules/content/">';

interface Parts {
  /** Extra channel children (after description). */
  channel?: string;
  /** The channel's items element, whole. */
  items?: string;
  /** Top-level elements after the channel (items, image, textinput). */
  body?: string;
  /** Replaces the channel start tag. */
  channelTag?: string;
}

const item = (n: number, inner = '') =>
  `<item rdf:about="https://example.com/${n}"><title>Post ${n}</title><link>https://example.com/${n}</link>${inner}</item>`;
const seq = (...ns: number[]) => `<items><rdf:Seq>${ns.map((n) => `<rdf:li rdf:resource="https://example.com/${n}"/>`).join('')}</rdf:Seq></items>`;

/** A valid RSS 1.0 document (two items), with one line per element so messages have telling lines. */
function rdf(p: Parts = {}): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    ROOT,
    p.channelTag ?? '<channel rdf:about="https://example.com/index.rdf">',
    '<title>Example</title>',
    '<link>https://example.com/</link>',
    '<description>An example feed</description>',
    p.channel ?? '',
    p.items ?? seq(1, 2),
    '</channel>',
    p.body ?? `${item(1)}\n${item(2)}`,
    '</rdf:RDF>',
    '',
  ].join('\n');
}

const IMAGE = '<image rdf:about="https://example.com/logo.png"><title>Example</title><url>https://example.com/logo.png</url><link>https://example.com/</link></image>';
const TEXTINPUT =
  '<textinput rdf:about="https://example.com/search"><title>Search</title><description>Search the site</description><name>q</name><link>https://example.com/search</link></textinput>';

test('a complete RSS 1.0 feed with image, textinput and modules gets no error and no warning', () => {
  const r = check(
    rdf({
      channel:
        '<dc:date>2024-03-05T10:00:00Z</dc:date><sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>2</sy:updateFrequency>' +
        '<sy:updateBase>2000-01-01T12:00+00:00</sy:updateBase><image rdf:resource="https://example.com/logo.png"/>' +
        '<textinput rdf:resource="https://example.com/search"/>',
      body: [
        IMAGE,
        item(1, '<description>The first</description><content:encoded><![CDATA[<p>The first</p>]]></content:encoded><dc:creator>Jane</dc:creator>'),
        item(2, '<dc:date>2024-03-05T10:00:00Z</dc:date><dc:subject>News</dc:subject>'),
        TEXTINPUT,
      ].join('\n'),
    }),
  );
  assert.equal(r.format, 'rss');
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.warnings, []);
  assert.equal(r.valid, true);
});

test('the unprefixed resource attribute of early RSS 1.0 feeds is accepted, and another RDF prefix works', () => {
  const items = '<items><rdf:Seq><rdf:li resource="https://example.com/1"/><rdf:li rdf:resource="https://example.com/2"/></rdf:Seq></items>';
  assert.deepEqual(check(rdf({ items })).errors, []);
  const other = rdf().replace(/rdf:/g, 'r:').replace('xmlns:rdf=', 'xmlns:r=');
  const r = check(other);
  assert.deepEqual([...errorCodes(r), ...warningCodes(r)], []);
});

test('a core element in no namespace or another one is an error, and is still checked', () => {
  const noDefault = rdf().replace(' xmlns="http://purl.org/rss/1.0/"', '');
  const r = check(noDefault);
  // channel and both items: one error each; their children share the parent's namespace and are not reported again.
  assert.deepEqual(errorCodes(r), ['MissingNamespace', 'MissingNamespace', 'MissingNamespace']);
  assert.equal(r.errors[0].line, 3);
  assert.match(r.errors[0].message, /<channel> must be in the namespace http:\/\/purl\.org\/rss\/1\.0\//);
  const wrong = check(rdf().replace('xmlns="http://purl.org/rss/1.0/"', 'xmlns="http://purl.org/rss/1.0"'));
  assert.deepEqual(errorCodes(wrong), ['InvalidNamespace', 'InvalidNamespace', 'InvalidNamespace']);
  // A child written in no namespace inside a proper channel.
  const child = check(rdf({ channel: '<language xmlns="">en</language>' }));
  assert.deepEqual(errorCodes(child), ['UndefinedElement']);
  const title = check(rdf({ body: `${item(1)}\n<item rdf:about="https://example.com/2"><title xmlns="">Two</title><link>https://example.com/2</link></item>` }));
  assert.deepEqual(errorCodes(title), ['MissingNamespace']);
  assert.equal(title.errors[0].line, 11);
});

test('channel is required, once, with rdf:about, title, link, description and items', () => {
  const none = check(`${ROOT}\n${item(1)}\n</rdf:RDF>`);
  assert.deepEqual(errorCodes(none), ['MissingElement']);
  assert.match(none.errors[0].message, /<rdf:RDF> must contain <channel>/);
  const twice = check(rdf({ body: `<channel rdf:about="https://example.com/b"><title>b</title><link>https://example.com/</link><description>d</description>${seq(1, 2)}</channel>\n${item(1)}\n${item(2)}` }));
  assert.deepEqual(errorCodes(twice), ['DuplicateElement']);
  assert.equal(twice.errors[0].line, 10);
  const noAbout = check(rdf({ channelTag: '<channel>' }));
  assert.deepEqual(errorCodes(noAbout), ['MissingAttribute']);
  assert.match(noAbout.errors[0].message, /<channel> must have a rdf:about attribute/);
  assert.equal(noAbout.errors[0].line, 3);
  const bare = check(`${ROOT}\n<channel rdf:about="https://example.com/"></channel>\n${item(1)}\n</rdf:RDF>`);
  assert.deepEqual(
    bare.errors.map((e) => e.message),
    ['<channel> must contain <title>', '<channel> must contain <link>', '<channel> must contain <description>', '<channel> must contain <items>'],
  );
});

test('items holds one rdf:Seq of rdf:li, each with rdf:resource', () => {
  const noSeq = check(rdf({ items: '<items></items>' }));
  assert.deepEqual(errorCodes(noSeq), ['MissingElement']);
  assert.match(noSeq.errors[0].message, /<items> must contain <rdf:Seq>/);
  const bag = check(rdf({ items: '<items><rdf:Bag><rdf:li rdf:resource="https://example.com/1"/></rdf:Bag></items>' }));
  assert.ok(errorCodes(bag).includes('UndefinedElement'));
  const noResource = check(rdf({ items: '<items><rdf:Seq><rdf:li rdf:resource="https://example.com/1"/><rdf:li rdf:resource="https://example.com/2"/><rdf:li/></rdf:Seq></items>' }));
  assert.deepEqual(errorCodes(noResource), ['MissingAttribute']);
  assert.match(noResource.errors[0].message, /<rdf:li> must have a rdf:resource attribute/);
  const badUri = check(rdf({ items: '<items><rdf:Seq><rdf:li rdf:resource="https://example.com/1"/><rdf:li rdf:resource="https://example.com/2 x"/></rdf:Seq></items>' }));
  assert.ok(errorCodes(badUri).includes('InvalidURIChar'));
  // RDF's numbered members stand for rdf:li; rdf:_0 is no member.
  const numbered = check(rdf({ items: '<items><rdf:Seq><rdf:_1 rdf:resource="https://example.com/1"/><rdf:_2 rdf:resource="https://example.com/2"/></rdf:Seq></items>' }));
  assert.deepEqual([...errorCodes(numbered), ...warningCodes(numbered)], []);
  const zero = check(rdf({ items: '<items><rdf:Seq><rdf:li rdf:resource="https://example.com/1"/><rdf:li rdf:resource="https://example.com/2"/><rdf:_0 rdf:resource="https://example.com/2"/></rdf:Seq></items>' }));
  assert.deepEqual(errorCodes(zero), ['UndefinedElement']);
});

test('items are siblings of the channel, at least one; more than fifteen is a warning', () => {
  const inside = check(rdf({ channel: item(3) }));
  assert.deepEqual(errorCodes(inside), ['UndefinedElement']);
  assert.match(inside.errors[0].message, /<item> is not allowed in <channel>/);
  const none = check(rdf({ items: '<items><rdf:Seq></rdf:Seq></items>', body: '' }));
  assert.deepEqual(errorCodes(none), ['MissingElement']);
  assert.match(none.errors[0].message, /<rdf:RDF> must contain <item>/);
  const ns = Array.from({ length: 16 }, (_, i) => i + 1);
  const many = check(rdf({ items: seq(...ns), body: ns.map((n) => item(n)).join('\n') }));
  assert.deepEqual(errorCodes(many), []);
  assert.deepEqual(warningCodes(many), ['TooManyItems']);
  const fifteen = ns.slice(0, 15);
  assert.deepEqual(warningCodes(check(rdf({ items: seq(...fifteen), body: fifteen.map((n) => item(n)).join('\n') }))), []);
});

test('an item has rdf:about, title and link; description is optional; its about should be its link', () => {
  const bare = check(rdf({ body: `<item rdf:about="https://example.com/1"></item>\n${item(2)}` }));
  assert.deepEqual(bare.errors.map((e) => e.message), ['<item> must contain <title>', '<item> must contain <link>']);
  assert.equal(bare.errors[0].line, 10);
  const noAbout = check(rdf({ body: `${item(1)}\n<item><title>Two</title><link>https://example.com/2</link></item>` }));
  assert.deepEqual(errorCodes(noAbout), ['MissingAttribute']);
  assert.deepEqual(warningCodes(noAbout), ['UndescribedResource']);
  const relative = check(rdf({ body: `${item(1)}\n<item rdf:about="https://example.com/2"><title>Two</title><link>/2</link></item>` }));
  assert.deepEqual(errorCodes(relative), ['InvalidFullURI']);
  const differs = check(rdf({ body: `${item(1)}\n<item rdf:about="https://example.com/2"><title>Two</title><link>https://example.com/two</link></item>` }));
  assert.deepEqual(errorCodes(differs), []);
  assert.deepEqual(warningCodes(differs), ['AboutNotLink']);
  assert.equal(differs.warnings[0].line, 11);
  const unknown = check(rdf({ body: `${item(1, '<guid>x</guid>')}\n${item(2)}` }));
  assert.deepEqual(errorCodes(unknown), ['UndefinedElement']);
  const twice = check(rdf({ body: `${item(1, '<title>again</title>')}\n${item(2)}` }));
  assert.deepEqual(errorCodes(twice), ['DuplicateElement']);
});

test('the channel lists every item and every listed item is in the document (warnings, naming the URI)', () => {
  const missing = check(rdf({ items: seq(1, 2, 3) }));
  assert.deepEqual(errorCodes(missing), []);
  assert.deepEqual(warningCodes(missing), ['UndescribedResource']);
  assert.match(missing.warnings[0].message, /"https:\/\/example\.com\/3"/);
  assert.equal(missing.warnings[0].line, 8);
  const unlisted = check(rdf({ items: seq(1) }));
  assert.deepEqual(errorCodes(unlisted), []);
  assert.deepEqual(warningCodes(unlisted), ['UnlistedItem']);
  assert.match(unlisted.warnings[0].message, /<item rdf:about="https:\/\/example\.com\/2">/);
  assert.equal(unlisted.warnings[0].line, 11);
  // References are compared as resolved against xml:base.
  const based = rdf({ items: '<items xml:base="https://example.com/"><rdf:Seq><rdf:li rdf:resource="1"/><rdf:li rdf:resource="2"/></rdf:Seq></items>' });
  assert.deepEqual(warningCodes(check(based)), []);
});

test('an item rdf:about is unique among the rdf:about of the document', () => {
  const r = check(rdf({ body: `${item(1)}\n${item(2)}\n${item(1)}` }));
  assert.deepEqual(errorCodes(r), ['DuplicateValue']);
  assert.equal(r.errors[0].line, 12);
  const asChannel = check(rdf({ channelTag: '<channel rdf:about="https://example.com/1">' }));
  assert.deepEqual(errorCodes(asChannel), ['DuplicateValue']);
});

test('image: the top-level element needs the channel reference, the same URI, and title, url and link', () => {
  const ref = '<image rdf:resource="https://example.com/logo.png"/>';
  assert.deepEqual(errorCodes(check(rdf({ channel: ref, body: `${IMAGE}\n${item(1)}\n${item(2)}` }))), []);
  const unreferenced = check(rdf({ body: `${IMAGE}\n${item(1)}\n${item(2)}` }));
  assert.deepEqual(errorCodes(unreferenced), ['MissingElement']);
  assert.match(unreferenced.errors[0].message, /<channel> must contain <image>/);
  const mismatch = check(rdf({ channel: '<image rdf:resource="https://example.com/other.png"/>', body: `${IMAGE}\n${item(1)}\n${item(2)}` }));
  assert.deepEqual(errorCodes(mismatch), ['ResourceMismatch']);
  assert.equal(mismatch.errors[0].line, 7);
  const absent = check(rdf({ channel: ref }));
  assert.deepEqual(errorCodes(absent), []);
  assert.deepEqual(warningCodes(absent), ['UndescribedResource']);
  const empty = check(rdf({ channel: ref, body: `<image rdf:about="https://example.com/logo.png"></image>\n${item(1)}\n${item(2)}` }));
  assert.deepEqual(empty.errors.map((e) => e.message), ['<image> must contain <title>', '<image> must contain <url>', '<image> must contain <link>']);
  const badUrl = check(rdf({ channel: ref, body: `${IMAGE.replace('<url>https://example.com/logo.png', '<url>logo.png')}\n${item(1)}\n${item(2)}` }));
  assert.deepEqual(errorCodes(badUrl), ['InvalidFullURI']);
  const noAbout = check(rdf({ channel: ref, body: `${IMAGE.replace(' rdf:about="https://example.com/logo.png"', '')}\n${item(1)}\n${item(2)}` }));
  assert.deepEqual(errorCodes(noAbout), ['MissingAttribute']);
});

test('textinput: the same cross-checks, with title, description, name and link required', () => {
  const ref = '<textinput rdf:resource="https://example.com/search"/>';
  assert.deepEqual(errorCodes(check(rdf({ channel: ref, body: `${item(1)}\n${item(2)}\n${TEXTINPUT}` }))), []);
  assert.deepEqual(errorCodes(check(rdf({ body: `${item(1)}\n${item(2)}\n${TEXTINPUT}` }))), ['MissingElement']);
  const mismatch = check(rdf({ channel: '<textinput rdf:resource="https://example.com/find"/>', body: `${item(1)}\n${item(2)}\n${TEXTINPUT}` }));
  assert.deepEqual(errorCodes(mismatch), ['ResourceMismatch']);
  const empty = check(rdf({ channel: ref, body: `${item(1)}\n${item(2)}\n<textinput rdf:about="https://example.com/search"></textinput>` }));
  assert.deepEqual(
    empty.errors.map((e) => e.message),
    ['<textinput> must contain <title>', '<textinput> must contain <description>', '<textinput> must contain <name>', '<textinput> must contain <link>'],
  );
});

test('suggested lengths are warnings', () => {
  const long = check(rdf({ body: `${item(1)}\n<item rdf:about="https://example.com/2"><title>${'x'.repeat(101)}</title><link>https://example.com/2</link></item>` }));
  assert.deepEqual(errorCodes(long), []);
  assert.deepEqual(warningCodes(long), ['LongerThanSuggested']);
  assert.match(long.warnings[0].message, /<title> is 101 characters long; RSS 1\.0 suggests at most 100/);
  assert.deepEqual(warningCodes(check(rdf().replace('<title>Example</title>', `<title>${'x'.repeat(41)}</title>`))), ['LongerThanSuggested']);
});

test('module values are checked: Dublin Core dates, Syndication period, frequency and base', () => {
  const channel = (inner: string) => errorCodes(check(rdf({ channel: inner })));
  assert.deepEqual(channel('<dc:date>2024-03-05</dc:date>'), []);
  assert.deepEqual(channel('<dc:date>5 March 2024</dc:date>'), ['InvalidW3CDTFDate']);
  assert.deepEqual(channel('<sy:updatePeriod>often</sy:updatePeriod>'), ['InvalidEnumeration']);
  assert.deepEqual(channel('<sy:updateFrequency>0</sy:updateFrequency>'), ['InvalidPositiveInteger']);
  assert.deepEqual(channel('<sy:updateBase>yesterday</sy:updateBase>'), ['InvalidW3CDTFDate']);
  assert.deepEqual(channel('<sy:unknown>1</sy:unknown>'), ['UndefinedElement']);
  // Syndication is a channel module: not in items.
  assert.deepEqual(errorCodes(check(rdf({ body: `${item(1, '<sy:updatePeriod>daily</sy:updatePeriod>')}\n${item(2)}` }))), ['UndefinedElement']);
  // Elements of namespaces the validator does not model are extensions, allowed anywhere.
  assert.deepEqual(channel('<x:thing xmlns:x="https://example.com/ns">1</x:thing>'), []);
});

test('RDF descriptions beside the channel are allowed; an unknown RSS 1.0 element is not', () => {
  const cc = '<cc:License xmlns:cc="http://web.resource.org/cc/" rdf:about="http://creativecommons.org/licenses/by/4.0/"/>';
  assert.deepEqual(errorCodes(check(rdf({ body: `${item(1)}\n${item(2)}\n${cc}` }))), []);
  const unknown = check(rdf({ body: `${item(1)}\n${item(2)}\n<entry/>` }));
  assert.deepEqual(errorCodes(unknown), ['UndefinedElement']);
  assert.match(unknown.errors[0].message, /<entry> is not allowed in <rdf:RDF>/);
});

test('an RSS 0.90 document (same root, its own namespace) is recognised and not checked as RSS 1.0', () => {
  const doc = `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://my.netscape.com/rdf/simple/0.9/">
<channel><title>Old</title><link>http://example.com/</link><description>d</description></channel>
<item><title>One</title><link>http://example.com/1</link></item>
</rdf:RDF>`;
  const r = check(doc);
  assert.equal(r.format, 'rss');
  assert.deepEqual(r.errors, []);
});

test('a Dublin Core element may hold a resource (rdf:Description with rdf:value) instead of a string', () => {
  const subject =
    '<dc:subject><rdf:Description><rdf:value>XML</rdf:value><dc:source>https://example.com/topics/xml</dc:source></rdf:Description></dc:subject>';
  const rich = check(rdf({ body: `${item(1, subject)}\n${item(2, '<dc:date><rdf:Description><rdf:value>2024</rdf:value></rdf:Description></dc:date>')}` }));
  assert.deepEqual(errorCodes(rich), []);
  // A string is still checked as one, and other elements still may not appear.
  assert.deepEqual(errorCodes(check(rdf({ body: `${item(1, '<dc:date>last week</dc:date>')}\n${item(2)}` }))), ['InvalidW3CDTFDate']);
  assert.deepEqual(errorCodes(check(rdf({ body: `${item(1, '<dc:subject><b>XML</b></dc:subject>')}\n${item(2)}` }))), ['UndefinedElement']);
});
