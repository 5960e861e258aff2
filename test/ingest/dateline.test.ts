// Datelines in every house style the wires use, and paragraphs that only look like them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { headlineSource, matchDateline } from '../../src/ingest/dateline.js';
import { article } from './helpers.js';

const cases: [string, string, { place: string | null; agency: string | null; raw: string; when?: [number, number, number | null] }][] = [
  ['CITY, Country —', 'OSLO, Norway — Ferries ran again on Monday.', { place: 'OSLO, Norway', agency: null, raw: 'OSLO, Norway —' }],
  ['CITY —', 'NAIROBI — The rains came early this year.', { place: 'NAIROBI', agency: null, raw: 'NAIROBI —' }],
  ['CITY (AP) —', 'BOISE, Idaho (AP) — A wildfire forced evacuations.', { place: 'BOISE, Idaho', agency: 'AP', raw: 'BOISE, Idaho (AP) —' }],
  ['CITY, Nov. 11 (Reuters) -', 'SEOUL, Nov. 11 (Reuters) - Exports rose in October.', { place: 'SEOUL', agency: 'Reuters', raw: 'SEOUL, Nov. 11 (Reuters) -', when: [11, 11, null] }],
  ['CITY, March 26 -', 'GREAT FALLS, Mont., March 26 - The company said profit fell.', { place: 'GREAT FALLS, Mont.', agency: null, raw: 'GREAT FALLS, Mont., March 26 -', when: [3, 26, null] }],
  ['CITY Oct 27 (Reuters) -', 'FRANKFURT Oct 27 (Reuters) - The bank said it would cut jobs.', { place: 'FRANKFURT', agency: 'Reuters', raw: 'FRANKFURT Oct 27 (Reuters) -', when: [10, 27, null] }],
  ['CITY --', 'DENVER -- Snow closed the interstate.', { place: 'DENVER', agency: null, raw: 'DENVER --' }],
  ['CITY:', 'NEW DELHI: The monsoon arrived a week late.', { place: 'NEW DELHI', agency: null, raw: 'NEW DELHI:' }],
  ['bare (Reuters) -', '(Reuters) - Oil prices slipped on Friday.', { place: null, agency: 'Reuters', raw: '(Reuters) -' }],
  ['Canadian Press - CITY (CP) -', 'Canadian Press - HALIFAX (CP) - Fishermen returned to port.', { place: 'HALIFAX', agency: 'CP', raw: 'Canadian Press - HALIFAX (CP) -' }],
  ['MONTH D, YYYY (SERVICE) -', 'MAY 03, 2005 (IDG NEWS SERVICE) - A chip maker cut prices.', { place: null, agency: 'IDG NEWS SERVICE', raw: 'MAY 03, 2005 (IDG NEWS SERVICE) -', when: [5, 3, 2005] }],
  ['CITY/CITY (Reuters) -', 'PARIS/BERLIN (Reuters) - Leaders met on Tuesday.', { place: 'PARIS/BERLIN', agency: 'Reuters', raw: 'PARIS/BERLIN (Reuters) -' }],
  ['Place in ordinary case with an agency', 'Leeds, England (Sports Network) - The home side won 2-0.', { place: 'Leeds, England', agency: 'Sports Network', raw: 'Leeds, England (Sports Network) -' }],
  ['AP McCITY style', 'McALLEN, Texas (AP) — Border crossings slowed.', { place: 'McALLEN, Texas', agency: 'AP', raw: 'McALLEN, Texas (AP) —' }],
];

for (const [style, text, want] of cases) {
  test(`dateline: ${style}`, () => {
    const m = matchDateline(text);
    assert.ok(m, `no dateline found in ${JSON.stringify(text)}`);
    assert.equal(m.dateline.place, want.place);
    assert.equal(m.dateline.agency, want.agency);
    assert.equal(m.dateline.raw, want.raw);
    if (want.when) assert.deepEqual([m.dateline.when?.month, m.dateline.when?.day, m.dateline.when?.year], want.when);
    assert.ok(/^[A-Z(]/.test(m.rest), `the paragraph text stays: ${m.rest}`);
  });
}

test('dateline: a feed lead names only its source (`AP - `, or the source the headline credits)', () => {
  assert.deepEqual(matchDateline('AP - A grant will fund the study.')?.dateline, { place: null, agency: 'AP', when: null, raw: 'AP -' });
  const src = headlineSource('Chip prices fall again (TechWire)');
  assert.equal(src, 'TechWire');
  assert.equal(matchDateline('TechWire - Memory prices fell.', { headlineSource: src })?.dateline.agency, 'TechWire');
  assert.equal(matchDateline('TechWire - Memory prices fell.'), null, 'an unknown source without the headline is not a dateline');
});

test('dateline: paragraphs that merely start with capitals are not datelines', () => {
  for (const text of [
    'WASHINGTON is bracing for another budget fight.',
    'The minister said - again - that nothing would change.',
    'Mr Smith (pictured) - who joined in 2019 - will step down.',
    'NATO and the EU both declined to comment.',
    'By the time the polls closed, turnout was 61%.',
    'In March 2005 the plant closed.',
    'I - like many others - was surprised.',
    'NOTE: Figures are restated for the merger.',
    'UPDATE: The road has reopened.',
  ])
    assert.equal(matchDateline(text), null, text);
});

test('dateline: the year is the one that puts the date closest before first sight', () => {
  const wire = (dl: string) => `Headline\n\n${dl} (Reuters) - Shares rose.\n`;
  assert.equal(article('a.txt', wire('TOKYO, March 26'), { firstSeen: '2024-03-20T00:00:00Z' }).dateline?.date, '2023-03-26');
  assert.equal(article('a.txt', wire('TOKYO, March 26'), { firstSeen: '2024-03-27T09:00:00Z' }).dateline?.date, '2024-03-26');
  assert.equal(article('a.txt', wire('TOKYO, Feb 29'), { firstSeen: '2023-06-01T00:00:00Z' }).dateline?.date, '2020-02-29');
  // A year in the dateline wins; front matter's date is the reference when there is one.
  assert.equal(article('a.txt', wire('TOKYO, Aug 25, 2004')).dateline?.date, '2004-08-25');
  const withDate = `---\ndate: 1987-04-02T12:00:00Z\n---\n${wire('TOKYO, March 31')}`;
  assert.equal(article('a.txt', withDate).dateline?.date, '1987-03-31');
});

test('dateline: its date dates the article when front matter does not, at first sight on that day', () => {
  const a = article('a.txt', 'Headline\n\nTOKYO, March 26 (Reuters) - Shares rose.\n', { firstSeen: '2024-03-28T10:00:00Z' });
  assert.equal(a.published, '2024-03-26T00:00:00Z');
  const b = article('a.txt', 'Headline\n\nTOKYO, March 28 (Reuters) - Shares rose.\n', { firstSeen: '2024-03-28T10:00:00Z' });
  assert.equal(b.published, '2024-03-28T10:00:00Z');
});
