// Measures the normalizer on the labelled corpus in ../shared/corpus (real wire, newspaper and
// scraped articles with ground truth) and checks the fidelity goals. Skips, successfully, when
// the corpus is not there: it is measurement data that never ships with the project.
//   npm run fidelity                     per-source figures and the goals
//   npm run fidelity -- --list-misses 40 also the first misses
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpus = path.resolve(root, '../shared/corpus');
const scorer = path.join(corpus, 'score.mjs');
if (!existsSync(scorer)) {
  console.log('fidelity: skipped — no labelled corpus at ../shared/corpus');
  process.exit(0);
}
const cli = path.join(root, 'dist/launch.cjs');
if (!existsSync(cli)) {
  console.error('fidelity: dist/launch.cjs is missing — run `npm run build` first');
  process.exit(2);
}

const res = spawnSync(process.execPath, [scorer, '--corpus', corpus, '--cmd', `${process.execPath} ${cli} normalize`, ...process.argv.slice(2)], {
  cwd: root,
  encoding: 'utf8',
  maxBuffer: 1 << 28,
});
process.stdout.write(res.stdout ?? '');
process.stderr.write(res.stderr ?? '');
if (res.status !== 0) process.exit(res.status ?? 2);

// The goals, read off the scorer's last line:
// fidelity: place A (n), false datelines F/N, headline H, paragraphs P, credits C (n), ..., errors E
const last = (res.stdout ?? '').trim().split('\n').pop() ?? '';
const num = (re) => Number(re.exec(last)?.[1] ?? NaN);
const falseDatelines = /false datelines (\d+)\/(\d+)/.exec(last);
const goals = [
  ['dateline place ≥ 0.98', num(/place ([\d.]+)/) >= 0.98],
  ['false datelines ≤ 0.5% of BBC', falseDatelines ? Number(falseDatelines[1]) <= 0.005 * Number(falseDatelines[2]) : false],
  ['headline ≥ 0.99', num(/headline ([\d.]+)/) >= 0.99],
  ['paragraph count ≥ 0.985', num(/paragraphs ([\d.]+)/) >= 0.985],
  ['photo credits ≥ 0.85', num(/credits ([\d.]+)/) >= 0.85],
  ['no errors', num(/errors (\d+)/) === 0],
];
for (const [name, ok] of goals) console.log(`${ok ? 'ok  ' : 'MISS'} ${name}`);
process.exit(goals.every(([, ok]) => ok) ? 0 : 1);
