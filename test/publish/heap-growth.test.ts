// The publishing commands cap V8's heap growth in their own process, unless node was told otherwise.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HEAP_GROWING_PERCENT, heapGrowthFlag } from '../../src/cli/heap-growth.js';

test('the cap is set when node was started without a choice of its own', () => {
  assert.equal(heapGrowthFlag([]), `--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  assert.equal(heapGrowthFlag(['--max-old-space-size=4096', '--enable-source-maps']), `--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
});

test('a growth given to node, in either spelling, is left as given', () => {
  assert.equal(heapGrowthFlag(['--heap-growing-percent=300']), null);
  assert.equal(heapGrowthFlag(['--enable-source-maps', '--heap_growing_percent=50']), null);
});
