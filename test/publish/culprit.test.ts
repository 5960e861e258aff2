import assert from 'node:assert/strict';
import { test } from 'node:test';
import { itemIdAt } from '../../src/publish/culprit.js';

const at = (line: number, column: number | null = 1) => ({ code: 'X', message: 'x', line, column });

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>T</title>
    <item>
      <title>One</title>
      <guid isPermaLink="false">tag:example.org,2024:one</guid>
      <pubDate>never</pubDate>
    </item>
    <item>
      <title>Two &amp; more</title>
      <guid isPermaLink="false">tag:example.org,2024:a&amp;b</guid>
    </item>
    <lastBuildDate>never</lastBuildDate>
  </channel>
</rss>`;

test('an error inside an RSS item is that item’s guid; outside any item, no one’s', () => {
  assert.equal(itemIdAt(RSS, at(8, 7)), 'tag:example.org,2024:one');
  assert.equal(itemIdAt(RSS, at(5, 5)), 'tag:example.org,2024:one', 'on the <item> tag itself');
  assert.equal(itemIdAt(RSS, at(11, 7)), 'tag:example.org,2024:a&b', 'escaped ids are read back');
  assert.equal(itemIdAt(RSS, at(14, 5)), null, 'the channel’s own element');
  assert.equal(itemIdAt(RSS, at(4, 5)), null);
  assert.equal(itemIdAt(RSS, at(99, 1)), null, 'past the end');
  assert.equal(itemIdAt(RSS, { code: 'X', message: 'x', line: null, column: null }), null);
});

test('an error inside an Atom entry (with attributes) is that entry’s id', () => {
  const atom = `<feed xmlns="http://www.w3.org/2005/Atom">
  <id>urn:feed</id>
  <entry xml:lang="en">
    <id>urn:entry:1</id>
    <updated>later</updated>
  </entry>
  <entryway/>
</feed>`;
  assert.equal(itemIdAt(atom, at(5, 5)), 'urn:entry:1');
  assert.equal(itemIdAt(atom, at(2, 3)), null, 'the feed’s own id');
  assert.equal(itemIdAt(atom, at(7, 3)), null, 'an element whose name only starts like entry');
});

test('a JSON Feed error path names its item; other paths and broken JSON name none', () => {
  const json = JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'T', items: [{ id: 'a' }, { id: 'b', date_published: 'never' }] });
  const path = (p: string) => ({ code: 'X', message: 'x', line: null, column: null, path: p });
  assert.equal(itemIdAt(json, path('items[1].date_published')), 'b');
  assert.equal(itemIdAt(json, path('items[0]')), 'a');
  assert.equal(itemIdAt(json, path('title')), null);
  assert.equal(itemIdAt(json, path('items[7].id')), null);
  assert.equal(itemIdAt('{"items": [', path('items[0].id')), null);
});
