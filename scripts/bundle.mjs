// Build step after tsc: bundles dist/main.js and everything it loads into dist/wirefeed.bundle.cjs,
// the file the launcher (dist/launch.cjs) runs, then makes its code cache (code-cache.mjs).
// One file instead of ~100 modules: a run resolves and reads one file, and V8's code cache can
// hold the compiled code of all of it.
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');

/**
 * Packages the bundle carries inside it. The code loads each one where it first needs it, through
 * `createRequire(import.meta.url)('name')`; here that call becomes a plain require, which esbuild
 * bundles (still run only when reached), so the package's compiled code is in V8's code cache.
 * yaml, for front matter: ~25–30 ms to resolve, read and compile its 74 files from node_modules.
 */
const CARRIED = ['yaml'];

/**
 * Each module keeps its own import.meta.url (the file it was in dist/), so that what it finds
 * beside itself (package.json, the pool's worker script, luxon through createRequire) is found
 * from the bundle too. CommonJS output has no import.meta; the bundle sits in dist/ itself.
 */
const ownUrls = {
  name: 'own-module-urls',
  setup(b) {
    b.onLoad({ filter: /\.js$/ }, async (args) => {
      if (!args.path.startsWith(dist + path.sep)) return undefined;
      let text = await readFile(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      for (const name of CARRIED) text = text.replaceAll(`createRequire(import.meta.url)('${name}')`, `require('${name}')`);
      const rel = path.relative(dist, args.path).split(path.sep);
      const url = `require('node:url').pathToFileURL(require('node:path').join(__dirname, ${rel.map((p) => JSON.stringify(p)).join(', ')})).href`;
      return { contents: text.replaceAll('import.meta.url', url), loader: 'js' };
    });
  },
};

await build({
  entryPoints: [path.join(dist, 'main.js')],
  outfile: path.join(dist, 'wirefeed.bundle.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // Loaded only by the runs that need them (WebSub pings and URL fetches; schedule; dates in
  // other zones and shapes, through createRequire), and found in node_modules as usual.
  external: ['undici', 'node-cron', 'luxon', 'tsx', 'tsx/*'],
  plugins: [ownUrls],
  // (The pool's import.meta.resolve is for running the sources through tsx, never the bundle.)
  logOverride: { 'empty-import-meta': 'silent' },
  logLevel: 'warning',
});

// The code cache, made in a process of its own: V8 takes a cache only from a process started with
// the same flags as the ones that will use it.
const made = spawnSync(process.execPath, [path.join(root, 'scripts', 'code-cache.mjs')], { stdio: ['ignore', 'ignore', 'inherit'] });
if (made.status !== 0) {
  console.error('bundle: the code cache was not made (the launcher runs without it)');
}
