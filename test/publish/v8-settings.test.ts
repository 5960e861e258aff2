// The publishing commands tune V8 for their own process, leaving alone what node was told.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { flagsToSet, PUBLISH_V8_FLAGS } from '../../src/cli/v8-settings.js';

test('every setting applies when node was started without one of its own', () => {
  assert.deepEqual(flagsToSet(PUBLISH_V8_FLAGS, []), [...PUBLISH_V8_FLAGS]);
  assert.deepEqual(flagsToSet(PUBLISH_V8_FLAGS, ['--max-old-space-size=4096', '--enable-source-maps']), [...PUBLISH_V8_FLAGS]);
});

test('a setting given to node, in either spelling, is left as given; the others still apply', () => {
  const growth = PUBLISH_V8_FLAGS.find((f) => f.startsWith('--heap-growing-percent='))!;
  const budget = PUBLISH_V8_FLAGS.find((f) => f.startsWith('--interrupt-budget='))!;
  assert.deepEqual(flagsToSet(PUBLISH_V8_FLAGS, ['--heap-growing-percent=300']), [budget]);
  assert.deepEqual(flagsToSet(PUBLISH_V8_FLAGS, ['--enable-source-maps', '--interrupt_budget=1000']), [growth]);
  assert.deepEqual(flagsToSet(PUBLISH_V8_FLAGS, ['--interrupt-budget=1000', '--heap_growing_percent=50']), []);
});
