// Runs every test/**/*.test.ts with node's own test runner through tsx.
// (Node 20's --test does not expand globs itself.) Extra arguments narrow the set:
//   npm test -- test/render        runs only the files under test/render
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

function findTests(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...findTests(p));
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const args = process.argv.slice(2);
const roots = args.filter((a) => !a.startsWith('-'));
const flags = args.filter((a) => a.startsWith('-'));
const files = (roots.length ? roots : ['test']).flatMap((r) => (statSync(r).isDirectory() ? findTests(r) : [r]));
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}

const res = spawnSync(process.execPath, ['--import', 'tsx', '--test', "--test-reporter=spec", ...flags, ...files], {
  stdio: 'inherit',
});
process.exit(res.status ?? 1);
