// Photo credits in the house styles of wires, newspapers and picture agencies.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { article, fixture } from './helpers.js';

/** One caption block between body paragraphs → its (caption, credit). */
function photo(block: string) {
  const a = article('c.txt', `Headline\n\nThe first paragraph of the story ends here.\n\nThe second one too.\n\n${block}\n\nThe story goes on after the photo.\n`);
  assert.equal(a.body.length, 3, `the caption block must not be body: ${JSON.stringify(a.body)}`);
  assert.equal(a.media.length, 1);
  return [a.media[0].caption, a.media[0].credit];
}

const styles: [string, string, string | null, string][] = [
  ['AP (AP Photo/Name)', 'Firefighters cool the roof on Friday. (AP Photo/Dana Reyes)', 'Firefighters cool the roof on Friday.', 'AP Photo/Dana Reyes'],
  ['( Image: Name/Outlet)', 'Crowds gather outside the stadium ( Image: Tom Baker/Daily Example)', 'Crowds gather outside the stadium', 'Tom Baker/Daily Example'],
  ['© DPA Images | Name', 'Rauch über dem Hafen. © DPA Images | Lena Maurer', 'Rauch über dem Hafen.', 'DPA Images | Lena Maurer'],
  ['printed twice: © Name | Name', 'Die Halle am Morgen. © Lena Maurer | Lena Maurer', 'Die Halle am Morgen.', 'Lena Maurer'],
  ['Foto: AFP/Name', 'Der Minister bei seiner Ankunft Foto: AFP/Jens Roth', 'Der Minister bei seiner Ankunft', 'AFP/Jens Roth'],
  ['Photo by Name/Bloomberg', 'Traders on the exchange floor. Photo by Sam Lee/Bloomberg', 'Traders on the exchange floor.', 'Sam Lee/Bloomberg'],
  ['(Picture: PA)', 'The Prime Minister leaves Downing Street (Picture: PA)', 'The Prime Minister leaves Downing Street', 'PA'],
  ['(Photo by Name/Agency)', 'A rescue boat nears the shore. (Photo by Ana Ruiz/Getty Images)', 'A rescue boat nears the shore.', 'Ana Ruiz/Getty Images'],
  ['Guardian Photograph:', 'Police outside the court. Photograph: Kim Ng/Reuters', 'Police outside the court.', 'Kim Ng/Reuters'],
  ['/-joined upper-case names', 'The two leaders shake hands in Vienna YURI PETROV/TASS / EPA', 'The two leaders shake hands in Vienna', 'YURI PETROV/TASS / EPA'],
  ['Name / Agency via Getty Images', 'Protesters march in the capital on Sunday. MARTA SILVA / AFP via Getty Images', 'Protesters march in the capital on Sunday.', 'MARTA SILVA / AFP via Getty Images'],
  ['a trailing agency after the caption', 'Pakete aus Übersee stapeln sich im Lager. dpa', 'Pakete aus Übersee stapeln sich im Lager.', 'dpa'],
  ['agency then name, no full stop', 'Friedrich Example REUTERS/Nora Vogel', 'Friedrich Example', 'REUTERS/Nora Vogel'],
  ['short caption, then the outlet', 'The post was later deleted. Truth Social', 'The post was later deleted.', 'Truth Social'],
  ['(Name) after a full caption', 'Court papers released on Friday run to 900 pages. (AAP)', 'Court papers released on Friday run to 900 pages.', 'AAP'],
];

for (const [style, block, caption, credit] of styles) {
  test(`credit: ${style}`, () => {
    assert.deepEqual(photo(block), [caption, credit]);
  });
}

test('credit: a block that is only a credit is a photo without caption', () => {
  assert.deepEqual(photo('Getty Images'), [null, 'Getty Images']);
  assert.deepEqual(photo('Ruth Cole/AP'), [null, 'Ruth Cole/AP']);
  assert.deepEqual(photo('Photo by kimlee / Getty Images/iStockphoto'), [null, 'kimlee / Getty Images/iStockphoto']);
});

test('credit: a body sentence that ends in an agency name is still body', () => {
  const a = article('b.txt', fixture('styles/no-dateline.txt'));
  assert.equal(a.media.length, 0);
  assert.equal(a.body.length, 4);
  assert.ok(a.body[3].endsWith('as first reported by Reuters.'));
});

test('credit: the NBC/scraped layout — Image: line doubled, then a caption ending in a credit', () => {
  const text = [
    'Bridge talks resume',
    'The talks resumed on Monday.',
    'Image: Negotiators arrive at the ministry Image: Negotiators arrive at the ministry',
    'Negotiators arrive at the ministry in Lisbon on Monday. Pedro Nunes / Reuters',
    'Image: The old bridge',
    'The old bridge at dusk',
    'Both sides said progress was slow.',
  ].join('\n\n');
  const a = article('n.txt', text);
  assert.deepEqual(
    a.media.map((m) => [m.title, m.caption, m.credit]),
    [
      ['Negotiators arrive at the ministry', 'Negotiators arrive at the ministry in Lisbon on Monday.', 'Pedro Nunes / Reuters'],
      ['The old bridge', 'The old bridge at dusk', null],
    ],
  );
  assert.deepEqual(a.body, ['The talks resumed on Monday.', 'Both sides said progress was slow.']);
});

test('an unmarked credit splits the same whatever the spaces between the words', async () => {
  const { unmarkedCredit } = await import('../../src/ingest/credit.js');
  const want = { caption: 'Firefighters at the scene on Saturday.', credit: 'ANA RUIZ/AFP/Getty Images' };
  assert.deepEqual(unmarkedCredit('Firefighters at the scene on Saturday. ANA RUIZ/AFP/Getty Images'), want);
  assert.deepEqual(unmarkedCredit('Firefighters  at the\u00a0scene on Saturday.  ANA RUIZ/AFP/Getty Images '), want);
  assert.deepEqual(unmarkedCredit('Energy prices rose again. PRIYA NAIR / EPA'), { caption: 'Energy prices rose again.', credit: 'PRIYA NAIR / EPA' });
  assert.equal(unmarkedCredit('The council met on Tuesday to vote.'), null);
});
