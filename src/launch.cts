#!/usr/bin/env node
// The installed `wirefeed` command (package.json's bin). It runs the command line from one bundle
// of the whole program, dist/wirefeed.bundle.cjs, with V8's code cache for it beside it: the
// bytecode of every function a few runs at build time compiled (scripts/code-cache.mjs). A run
// then spends its time on its work rather than on resolving ~100 modules and parsing and
// compiling them: measured at 10k articles, ~40–55 ms of a one-change publish and ~10–15 ms of an
// unchanged one. A cache made by another Node or with other V8 flags is refused by V8 and the
// bundle is compiled as usual; without the bundle (a build that stopped before making it) the
// modules run as they are, through cli.js.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { constants, Script } from 'node:vm';

export const BUNDLE_FILE = path.join(__dirname, 'wirefeed.bundle.cjs');
export const CODE_CACHE_FILE = path.join(__dirname, 'wirefeed.bundle.cache');

/** What the bundle exports (main.ts). */
interface BundleExports {
  main(argv: string[]): Promise<number>;
  runMain(argv: string[]): Promise<void>;
  startNotes: string[];
}

export interface LoadedBundle extends BundleExports {
  /** Whether V8 took the code cache: 'used', 'refused' (made for another Node or other flags), 'none'. */
  codeCache: 'used' | 'refused' | 'none';
  /** Writes the code cache for what this process has compiled so far (build time only). */
  saveCodeCache(): void;
}

/** Loads the bundle (null when there is none), with its code cache unless told not to. */
export function loadBundle({ useCodeCache = true, codeCacheFile = CODE_CACHE_FILE } = {}): LoadedBundle | null {
  let source: string;
  try {
    source = readFileSync(BUNDLE_FILE, 'utf8');
  } catch {
    return null;
  }
  let cachedData: Buffer | undefined;
  if (useCodeCache) {
    try {
      cachedData = readFileSync(codeCacheFile);
    } catch {
      // none: compiled as usual
    }
  }
  // The CommonJS wrapper, as Node's own loader gives a module. (The bundle loads packages through
  // require; an import() would go to Node's loader where this Node has the constant for it.)
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: BUNDLE_FILE,
    cachedData,
    ...(constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER ? { importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER } : {}),
  });
  const bundle = { exports: {} as BundleExports };
  (script.runInThisContext() as (...args: unknown[]) => void)(bundle.exports, createRequire(BUNDLE_FILE), bundle, BUNDLE_FILE, __dirname);
  const codeCache = cachedData === undefined ? 'none' : script.cachedDataRejected ? 'refused' : 'used';
  return {
    ...bundle.exports,
    codeCache,
    saveCodeCache() {
      const tmp = `${codeCacheFile}.${process.pid}.tmp`;
      writeFileSync(tmp, script.createCachedData());
      renameSync(tmp, codeCacheFile);
    },
  };
}

if (require.main === module) {
  const bundle = loadBundle();
  if (bundle) {
    bundle.startNotes.push(`code cache ${bundle.codeCache}`);
    void bundle.runMain(process.argv.slice(2));
  } else {
    void import(pathToFileURL(path.join(__dirname, 'cli.js')).href);
  }
}
