// The publishing commands tune V8 for their own process, leaving alone what node was told.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { flagsToSet, PUBLISH_V8_FLAGS } from '../../src/cli/v8-settings.js';
import { loadConfig } from '../../src/publish/config.js';
import { runPublish } from '../../src/publish/job.js';
import { defaultStages } from '../../src/publish/stages.js';
import { datedArticle, fixedClock, makeProject } from '../helpers/project.js';

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

test('WIREFEED_V8_DEFAULTS leaves V8 as it is', () => {
  assert.deepEqual(flagsToSet(PUBLISH_V8_FLAGS, [], { WIREFEED_V8_DEFAULTS: '1' }), []);
  assert.deepEqual(flagsToSet(PUBLISH_V8_FLAGS, [], { WIREFEED_V8_DEFAULTS: '0' }), [...PUBLISH_V8_FLAGS]);
});

test('the command line tunes its process only once a run has work: never for a run that finds nothing changed', async (t) => {
  const p = await makeProject({ articles: { 'a.txt': datedArticle(1, '2024-02-01T09:00:00Z') } });
  t.after(() => p.cleanup());
  const config = await loadConfig(p.configFile);
  let tuned = 0;
  const run = () => runPublish({ config, articlesDir: p.articlesDir, outputDir: p.outputDir, now: fixedClock('2024-03-01T12:00:00Z').now, stages: { ...defaultStages({ beforeWork: () => tuned++ }), notify: undefined } });
  assert.equal((await run()).outcome, 'published');
  assert.equal(tuned, 1, 'a first run has work');
  assert.equal((await run()).outcome, 'unchanged');
  assert.equal(tuned, 1, 'an unchanged run does not tune');
  await writeFile(path.join(p.articlesDir, 'b.txt'), datedArticle(2, '2024-02-02T09:00:00Z'));
  assert.equal((await run()).outcome, 'published');
  assert.equal(tuned, 2, 'a run with a new article has work');
});
