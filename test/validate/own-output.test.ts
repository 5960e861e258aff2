// The feeds wirefeed writes pass its own validator without a single message: the seed article,
// an article with a byline, tags and a photo, and one whose text is full of markup-like characters.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderAtom, renderRss } from '../../src/render/index.js';
import { validateFeed } from '../../src/validate/index.js';
import { makeArticle, makeSite, seedArticle } from '../render/factory.js';

const site = makeSite({ hubs: ['https://hub.example.com/'], copyright: 'Copyright Example News' });
const articles = [
  seedArticle(),
  makeArticle({ byline: [{ name: 'Jane Doe', email: null, url: null, role: null }], tags: ['World', 'Law & <Order>'] }),
  makeArticle({
    headline: 'Why <blink> died, & other "stories" ]]> </script>',
    summary: 'Escaping: &amp; is how you write & in HTML; <b> is bold.',
    media: [{ title: 'A <photo>', caption: 'Caption & </b> credit', credit: 'AP', url: 'https://img.example.com/a.jpg', type: 'image/jpeg' }],
  }),
];

for (const [name, text] of [
  ['RSS', renderRss({ site, articles, selfUrl: 'https://news.example.com/feeds/rss.xml' })],
  ['Atom', renderAtom({ site, articles, selfUrl: 'https://news.example.com/feeds/atom.xml' })],
] as const) {
  test(`our ${name} output has no error and no warning`, () => {
    const r = validateFeed(new TextEncoder().encode(text));
    assert.equal(r.format, name.toLowerCase());
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.warnings, []);
  });
}
