// Scores `wirefeed validate` on the W3C Feed Validation Service test cases kept beside the
// repository in ../shared/conformance/w3c (not part of the repository). Builds first, so the
// figure is for the current source. Extra arguments go to the scorer (e.g. --list-misses,
// --family atom10).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const scorer = path.resolve(root, '../shared/conformance/w3c/score.mjs');

if (!existsSync(scorer)) {
  console.log('conformance: skipped, ../shared/conformance/w3c is not present next to this repository');
  process.exit(0);
}

const build = spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], {
  cwd: root,
  stdio: 'inherit',
});
if (build.status !== 0) {
  console.error('conformance: the build failed');
  process.exit(build.status ?? 1);
}

const res = spawnSync(
  process.execPath,
  [scorer, '--set', 'public', '--cmd', `node ${JSON.stringify(path.join(root, 'dist/launch.cjs'))} validate --json`, ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
);
process.exit(res.status ?? 1);
