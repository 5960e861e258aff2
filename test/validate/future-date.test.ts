// FutureDate: a date that says when something was published or updated, and lies ahead of the
// instant of validation by more than the tolerance (15 minutes). The validator judges dates only
// when given that instant (`now`); the command line gives it the real time.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { validateFeed, validateFeedText, type ValidationReport } from '../../src/validate/index.js';
import { runCli } from '../helpers/cli.js';
import { rss } from './helpers.js';

/** The instant of validation in these tests: Tuesday 5 March 2024, 12:00 UTC. */
const NOW = new Date(Date.UTC(2024, 2, 5, 12, 0, 0));
const DC = ' xmlns:dc="http://purl.org/dc/elements/1.1/"';

function check(doc: string, now: Date | null = NOW): ValidationReport {
  return validateFeed(new TextEncoder().encode(doc), now === null ? {} : { now });
}

/** FutureDate messages as "line message" (XML) or "path message" (JSON). */
function future(r: ValidationReport): string[] {
  return r.warnings.filter((w) => w.code === 'FutureDate').map((w) => `${w.path ?? w.line} ${w.message}`);
}

// ── RSS ──────────────────────────────────────────────────────────────────────

test('RSS: channel pubDate and lastBuildDate ahead of now are reported at their lines', () => {
  const r = check(rss('<pubDate>Fri, 15 Mar 2024 12:00:00 GMT</pubDate>\n<lastBuildDate>Tue, 05 Mar 2024 17:30:00 +0000</lastBuildDate>'));
  assert.equal(r.valid, true);
  assert.deepEqual(future(r), [
    '8 <pubDate> is 10 days in the future: "Fri, 15 Mar 2024 12:00:00 GMT"',
    '9 <lastBuildDate> is 5 hours in the future: "Tue, 05 Mar 2024 17:30:00 +0000"',
  ]);
});

test('RSS: an item pubDate years ahead', () => {
  const r = check(rss('<item><title>x</title><guid isPermaLink="false">1</guid>\n<pubDate>Sun, 05 Mar 2034 12:00:00 GMT</pubDate></item>'));
  assert.deepEqual(future(r), ['9 <pubDate> is 10 years in the future: "Sun, 05 Mar 2034 12:00:00 GMT"']);
});

test('RSS: the offset is read, so local time with its right offset is not ahead, and with GMT it is', () => {
  // 14:00 at +02:00 is 12:00 UTC: now.
  assert.deepEqual(future(check(rss('<pubDate>Tue, 05 Mar 2024 14:00:00 +0200</pubDate>'))), []);
  assert.deepEqual(future(check(rss('<pubDate>Tue, 05 Mar 2024 14:00:00 GMT</pubDate>'))), [
    '8 <pubDate> is 2 hours in the future: "Tue, 05 Mar 2024 14:00:00 GMT"',
  ]);
  // 09:00 EST is 14:00 UTC.
  assert.deepEqual(future(check(rss('<pubDate>Tue, 05 Mar 2024 09:00:00 EST</pubDate>'))), [
    '8 <pubDate> is 2 hours in the future: "Tue, 05 Mar 2024 09:00:00 EST"',
  ]);
});

test('RSS: within the tolerance, in the past, or malformed: no FutureDate', () => {
  assert.deepEqual(future(check(rss('<pubDate>Tue, 05 Mar 2024 12:10:00 GMT</pubDate>'))), []);
  assert.deepEqual(future(check(rss('<pubDate>Mon, 04 Mar 2024 12:00:00 GMT</pubDate>'))), []);
  const bad = check(rss('<pubDate>Fri, 15 Mar 2034 12:00:00 GMT</pubDate>')); // not a Friday
  assert.deepEqual(bad.errors.map((e) => e.code), ['InvalidRFC822Date']);
  assert.deepEqual(future(bad), []);
});

test('RSS: an old-style RFC 822 date is judged too; one without a zone only if it is ahead in every zone', () => {
  const loose = check(rss('<pubDate>fri, 15 mar 2024 12:00 gmt</pubDate>'));
  assert.deepEqual(loose.warnings.map((w) => w.code), ['ProblematicalRFC822Date', 'FutureDate']);
  // 20:00 in an unknown zone may be 06:00 UTC (at +14:00): not surely ahead.
  assert.deepEqual(future(check(rss('<pubDate>Tue, 05 Mar 2024 20:00:00</pubDate>'))), []);
  assert.deepEqual(future(check(rss('<pubDate>Thu, 07 Mar 2024 12:00:00</pubDate>'))), [
    '8 <pubDate> is 1 day in the future: "Thu, 07 Mar 2024 12:00:00"',
  ]);
});

test('RSS: dc:date in channel and item', () => {
  const r = check(rss('<dc:date>2024-03-06T12:00:00Z</dc:date>\n<item><title>x</title><guid isPermaLink="false">1</guid>\n<dc:date>2024-04</dc:date></item>', DC));
  assert.deepEqual(future(r), [
    '8 <dc:date> is 1 day in the future: "2024-03-06T12:00:00Z"',
    '10 <dc:date> is 25 days in the future: "2024-04"',
  ]);
});

test('dc:date of a day without a time is ahead only once that day has begun nowhere', () => {
  // 6 March begins at 10:00 UTC on 5 March at +14:00: already begun there.
  assert.deepEqual(future(check(rss('<dc:date>2024-03-06</dc:date>', DC))), []);
  assert.deepEqual(future(check(rss('<dc:date>2024-03-07</dc:date>', DC))), ['8 <dc:date> is 22 hours in the future: "2024-03-07"']);
  assert.deepEqual(future(check(rss('<dc:date>2024</dc:date>', DC))), []);
});

test('RSS 1.0: dc:date of the channel and of an item', () => {
  const doc = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '<channel rdf:about="https://example.com/index.rdf">',
    '<title>Example</title>',
    '<link>https://example.com/</link>',
    '<description>An example feed</description>',
    '<dc:date>2024-03-05T11:00:00Z</dc:date>',
    '<items><rdf:Seq><rdf:li rdf:resource="https://example.com/1"/></rdf:Seq></items>',
    '</channel>',
    '<item rdf:about="https://example.com/1"><title>One</title><link>https://example.com/1</link>',
    '<dc:date>2024-03-09T12:00:00+01:00</dc:date></item>',
    '</rdf:RDF>',
  ].join('\n');
  const r = check(doc);
  assert.equal(r.valid, true, JSON.stringify(r.errors));
  assert.deepEqual(future(r), ['11 <dc:date> is 3 days in the future: "2024-03-09T12:00:00+01:00"']);
});

// ── Atom ─────────────────────────────────────────────────────────────────────

const atomDoc = (feedUpdated: string, entryDates: string, sourceUpdated = '2024-01-01T00:00:00Z'): string => `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
<title>Example</title>
<id>tag:example.com,2024:feed</id>
<updated>${feedUpdated}</updated>
<author><name>Jane Doe</name></author>
<link rel="self" href="https://example.com/atom.xml"/>
<link href="https://example.com/"/>
<entry>
<title>One</title>
<id>tag:example.com,2024:1</id>
<link href="https://example.com/1"/>
${entryDates}
<source>
<id>tag:example.org,2024:feed</id>
<title>Elsewhere</title>
<updated>${sourceUpdated}</updated>
</source>
</entry>
</feed>
`;

test('Atom: updated and published of feed, entry and source ahead of now, at their lines', () => {
  const r = check(
    atomDoc('2024-03-05T13:00:00+00:00', '<updated>2024-03-05T12:00:00-03:00</updated>\n<published>2025-03-05T12:00:00Z</published>', '2024-03-12T12:00:00.5Z'),
  );
  assert.equal(r.valid, true, JSON.stringify(r.errors));
  assert.deepEqual(future(r), [
    '5 <updated> is 1 hour in the future: "2024-03-05T13:00:00+00:00"',
    '13 <updated> is 3 hours in the future: "2024-03-05T12:00:00-03:00"',
    '14 <published> is 1 year in the future: "2025-03-05T12:00:00Z"',
    '18 <updated> is 7 days in the future: "2024-03-12T12:00:00.5Z"',
  ]);
});

test('Atom: within the tolerance, past, malformed, and dc:date in an entry', () => {
  const quiet = check(atomDoc('2024-03-05T12:14:59Z', '<updated>2024-03-05T13:00:00+01:00</updated>\n<published>2023-03-05T12:00:00Z</published>'));
  assert.deepEqual(future(quiet), []);
  const bad = check(atomDoc('2034-03-05 12:00:00Z', '<updated>2024-03-05T10:00:00Z</updated>'));
  assert.deepEqual(bad.errors.map((e) => e.code), ['InvalidRFC3339Date']);
  assert.deepEqual(future(bad), []);
  const dc = check(atomDoc('2024-03-05T10:00:00Z', '<updated>2024-03-05T10:00:00Z</updated>\n<dc:date>2024-03-05T18:00:00+02:00</dc:date>'));
  assert.deepEqual(future(dc), ['14 <dc:date> is 4 hours in the future: "2024-03-05T18:00:00+02:00"']);
});

// ── JSON Feed ────────────────────────────────────────────────────────────────

const jsonDoc = (...items: object[]): string =>
  JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: 'Example',
    home_page_url: 'https://example.com/',
    feed_url: 'https://example.com/feed.json',
    items: items.map((item, i) => ({ id: String(i), url: `https://example.com/${i}`, content_text: 'x', ...item })),
  });

test('JSON Feed: date_published and date_modified ahead of now, by path', () => {
  const r = check(jsonDoc({ date_published: '2024-03-04T12:00:00Z' }, { date_published: '2024-03-05T12:30:00Z', date_modified: '2024-03-08t12:00:00z' }));
  assert.equal(r.valid, true);
  assert.deepEqual(future(r), [
    'items[1].date_published date_published is 30 minutes in the future: "2024-03-05T12:30:00Z"',
    'items[1].date_modified date_modified is 3 days in the future: "2024-03-08t12:00:00z"',
  ]);
  assert.ok(r.warnings.every((w) => w.line === null && w.column === null));
});

test('JSON Feed: within the tolerance, past, or malformed: no FutureDate', () => {
  const r = check(jsonDoc({ date_published: '2024-03-05T12:05:00Z' }, { date_modified: '2024-03-05T06:00:00-05:00' }, { date_published: '2034-03-05' }));
  assert.deepEqual(r.errors.map((e) => `${e.path} ${e.code}`), ['items[2].date_published InvalidDate']);
  assert.deepEqual(future(r), []);
});

// ── Without `now`, and through every entry point ─────────────────────────────

test('without now, no date is judged against a clock', () => {
  const docs = [
    rss('<pubDate>Sun, 05 Mar 2034 12:00:00 GMT</pubDate>\n<dc:date>2034-03-05</dc:date>', DC),
    atomDoc('2034-03-05T12:00:00Z', '<updated>2034-03-05T12:00:00Z</updated>'),
    jsonDoc({ date_published: '2034-03-05T12:00:00Z' }),
  ];
  for (const doc of docs) {
    assert.deepEqual(future(check(doc, null)), []);
    assert.deepEqual(future(validateFeedText(doc)), []);
  }
});

test('validateFeedText takes now too, for XML and JSON', () => {
  assert.equal(future(validateFeedText(rss('<pubDate>Fri, 15 Mar 2024 12:00:00 GMT</pubDate>'), { now: NOW })).length, 1);
  assert.equal(future(validateFeedText(jsonDoc({ date_published: '2024-03-15T12:00:00Z' }), { now: NOW })).length, 1);
});

// ── The command line ─────────────────────────────────────────────────────────

test('wirefeed validate judges dates against the real time', async () => {
  const ahead = new Date();
  ahead.setUTCFullYear(ahead.getUTCFullYear() + 10);
  const past = new Date(Date.now() - 86_400_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'wirefeed-future-'));
  const file = path.join(dir, 'future.xml');
  writeFileSync(file, rss(`<lastBuildDate>${past.toUTCString()}</lastBuildDate>\n<pubDate>${ahead.toUTCString()}</pubDate>`));
  const r = await runCli(['validate', '--json', file]);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as ValidationReport;
  assert.equal(out.valid, true);
  assert.deepEqual(
    out.warnings.map((w) => [w.code, w.line, w.message]),
    [['FutureDate', 9, `<pubDate> is 10 years in the future: "${ahead.toUTCString()}"`]],
  );
});
