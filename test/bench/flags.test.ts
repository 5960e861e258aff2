// `npm run bench` takes minutes: a mistyped flag or --help must print the usage and stop at once,
// not start the full run. (The bench's numbers are measured by running it, never in tests.)
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const BENCH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bench/run.mjs');

function bench(...args: string[]) {
  return spawnSync(process.execPath, [BENCH, ...args], { encoding: 'utf8', timeout: 20_000 });
}

test('an unknown flag, --help included, prints the usage and exits 2 before any work', () => {
  for (const flag of ['--help', '--quik']) {
    const r = bench(flag, '--no-build');
    assert.equal(r.status, 2, `${flag}: exit ${r.status}, stderr ${r.stderr.slice(0, 300)}`);
    assert.match(r.stderr, new RegExp(`unknown: ${flag}`));
    for (const known of ['--quick', '--runs N', '--only S', '--keep-env', '--no-build']) assert.ok(r.stderr.includes(known), `the usage lists ${known}`);
    assert.ok(!/corpus:/.test(r.stderr), 'no corpus was written');
  }
});

test('--runs wants a whole number; the values of --runs and --only are not taken for flags', () => {
  const r = bench('--runs', 'x', '--no-build');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--runs wants a whole number/);
  // "--only -x" names a case filter, not a flag; with no case matching, the bench prints an empty table.
  const none = bench('--only', '-no-such-case', '--no-build', '--runs', '1');
  assert.equal(none.status, 0, none.stderr.slice(0, 500));
  assert.match(none.stdout, /\| case /);
});
