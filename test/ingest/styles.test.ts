// Whole articles in each house style: what is body, and what is byline, note, dek, heading or photo.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { article, fixture } from './helpers.js';

test('AP wire: a By line with the employer, the (AP) dateline, an AP Photo caption', () => {
  const a = article('ap.txt', fixture('styles/ap-wire.txt'));
  assert.deepEqual(a.byline.map((p) => p.name), ['JANE DOE', 'JOHN ROE']);
  assert.deepEqual(a.dateline, { place: 'CEDAR RAPIDS, Iowa', date: null, agency: 'AP', raw: 'CEDAR RAPIDS, Iowa (AP) —' });
  assert.equal(a.body.length, 3);
  assert.ok(a.body[0].startsWith('The temporary flood barrier'));
  assert.deepEqual(a.media.map((m) => m.credit), ['AP Photo/Lena Ortiz']);
});

test('Reuters update: the advisory is a note, the By line and the trailer give people with roles', () => {
  const a = article('r.txt', fixture('styles/reuters-update.txt'), { firstSeen: '2024-03-27T12:00:00Z' });
  assert.deepEqual(a.notes, ['(Adds analyst comment, shares)']);
  assert.deepEqual(a.byline, [
    { name: 'Anna Berg', role: 'Reporting' },
    { name: 'Lars Holm', role: 'Additional reporting' },
    { name: 'Kim Sorensen', role: 'Editing' },
  ]);
  assert.equal(a.dateline?.place, 'COPENHAGEN');
  assert.equal(a.dateline?.agency, 'Reuters');
  assert.equal(a.dateline?.date, '2024-03-26');
  assert.equal(a.body.length, 3, 'neither advisory, byline nor trailer is a paragraph');
  assert.ok(a.body.every((p) => !p.includes('Reporting by')));
});

test('Reuters: a trailer glued to the last paragraph is taken off it', () => {
  const a = article('r.txt', 'Headline\n\nLONDON (Reuters) - Prices rose. Analysts were surprised. (Reporting by Ann Lee; Editing by Bo Park)\n');
  assert.deepEqual(a.body, ['Prices rose. Analysts were surprised.']);
  assert.deepEqual(a.byline.map((p) => `${p.name}/${p.role}`), ['Ann Lee/Reporting', 'Bo Park/Editing']);
});

test('feed leads: `Reuters - ` is a dateline with an agency and no place', () => {
  const a = article('f.txt', fixture('styles/feed-leads.txt'));
  assert.deepEqual(a.dateline, { place: null, date: null, agency: 'Reuters', raw: 'Reuters -' });
  assert.ok(a.body[0].startsWith('Apple growers'));
});

test('web page: the standfirst is the summary, sub-headings and photos are not paragraphs', () => {
  const a = article('w.txt', fixture('styles/web-page.txt'));
  assert.equal(a.summary, 'Shops that closed during the pandemic are reopening as co-operatives');
  assert.equal(a.dateline, null);
  assert.equal(a.body.length, 5);
  assert.deepEqual(a.headings, [
    { before: 2, text: 'A co-operative model' },
    { before: 4, text: 'What comes next' },
  ]);
  assert.deepEqual(a.media.map((m) => [m.caption, m.credit]), [
    [null, 'Maria Lopez / Bloomberg'],
    ['Volunteers repaint a shopfront on Mill Lane in April', 'PA'],
  ]);
});

test('German page: © and Foto: credits, the teaser as dek', () => {
  const a = article('g.txt', fixture('styles/german-page.txt'));
  assert.equal(a.summary, 'Nach zwei Jahren Bauzeit können Radfahrer den Kanal jetzt ohne Umweg überqueren.');
  assert.deepEqual(a.media.map((m) => m.credit), ['DPA Images | Karin Vogt', 'AFP/Jonas Keller']);
  assert.equal(a.body.length, 2);
});

test('copy without a dateline: capitalised openings stay body, nothing is taken for a dateline', () => {
  const a = article('n.txt', fixture('styles/no-dateline.txt'));
  assert.equal(a.dateline, null);
  assert.equal(a.body.length, 4);
  assert.equal(a.summary, a.body[0]);
});

test("editor's notes and corrections are kept apart from the body", () => {
  const a = article('e.txt', fixture('styles/editors-note.txt'));
  assert.deepEqual(a.notes, [
    "Editor's note: An earlier version of this story gave the wrong cost for the scheme.",
    'Correction: The scheme will cost £8 million, not £18 million as first reported.',
  ]);
  assert.equal(a.dateline?.place, 'MANCHESTER');
  assert.deepEqual(a.body, ['The city council approved 12 miles of protected cycle lanes on Wednesday, at a cost of £8 million.', 'Work is due to start in the autumn.']);
});

test('wire tables and lists are body, not sub-headings', () => {
  const a = article('t.txt', 'RESULTS\n\nCHICAGO, April 2 - Quarterly results.\n\nShr 12 cts vs 10 cts\n\nNet 1.2 mln vs 900,000\n\nRevs 20.1 mln vs 18.3 mln\n');
  assert.equal(a.body.length, 4);
  assert.deepEqual(a.headings, []);
});

test('a short question is body in wire copy, a heading in a sectioned article', () => {
  const wire = article('q.txt', 'Headline\n\nBOSTON (AP) — The mayor spoke.\n\nWhat comes next for the city?\n\nShe did not say, but aides expect a decision this week.\n');
  assert.equal(wire.body.length, 3);
  const web = article('q.txt', 'Headline\n\nThe mayor spoke on Monday at length.\n\nThe speech\n\nShe spoke for an hour about transport and housing.\n\nWhat comes next?\n\nAides expect a decision this week.\n');
  assert.deepEqual(web.headings.map((h) => h.text), ['The speech', 'What comes next?']);
});

test('headings: quoted, kicker-and-quote and price lines are headings; AP-quoted sentences are not', () => {
  const a = article(
    'h.txt',
    [
      'Headline',
      'The first paragraph sets the scene at some length.',
      'Ministers split. „Not on our watch”',
      'The second section begins with a full sentence.',
      'He called the plan ``a historic mistake.\'\'',
      'The third paragraph follows the quotation.',
      'Harbour Red 2023, Portugal ($18.99, #123456)',
      'A fruity red that goes with everything.',
    ].join('\n\n'),
  );
  assert.deepEqual(a.headings.map((h) => h.text), ['Ministers split. „Not on our watch”', 'Harbour Red 2023, Portugal ($18.99, #123456)']);
  assert.ok(a.body.includes("He called the plan ``a historic mistake.''"));
});

test('live-blog entries with a time stamp are running text, not headings', () => {
  const a = article('l.txt', 'Live: markets\n\nThe day so far in one paragraph.\n\n9h05 - Paris opens higher\n\nThe CAC 40 rose 0.5 percent in early trade.\n');
  assert.deepEqual(a.headings, []);
  assert.equal(a.body.length, 3);
});

test('Japanese: sentence ends and a courtesy credit （…提供） are understood', () => {
  const a = article(
    'j.txt',
    '島の無線が改善\n\n島で通話試験を行う技官（警察庁提供）\n\n' + '本文の最初の段落です。'.repeat(4) + '\n\n改善で解消\n\n' + '二つ目の段落です。'.repeat(4) + '\n',
  );
  assert.deepEqual(a.media.map((m) => [m.caption, m.credit]), [['島で通話試験を行う技官', '警察庁']]);
  assert.deepEqual(a.headings.map((h) => h.text), ['改善で解消']);
  assert.equal(a.body.length, 2);
});

test("Reuters key-point bullets before the dateline paragraph do not hide the dateline", () => {
  const a = article('b.txt', 'Miner cuts output\n\n* Output down 8 pct\n\n* Shares fall\n\nJOHANNESBURG, May 3 (Reuters) - A miner cut its output forecast.\n\nIt blamed power cuts.\n');
  assert.equal(a.dateline?.place, 'JOHANNESBURG');
  assert.ok(a.body.includes('A miner cut its output forecast.'));
});
