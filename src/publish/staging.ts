// All-or-nothing output. New files are written into a staging folder beside output/, fsynced,
// and only then renamed into output/ one by one (rename(2) replaces a file atomically), then the
// output folder is fsynced. A reader, or a kill -9 at any moment, sees each file either whole
// and old or whole and new — never torn, never empty.
//
// The staging folder must be on output/'s file system, or rename fails with EXDEV. It is a
// sibling `.<output name>.staging-<pid>` of output/; when output/ is itself a mount point (a
// volume a web server shares), it goes inside output/ instead, as `.staging-<pid>`.
import path from 'node:path';
import { readdirIfExists, type PublishFs } from './fsio.js';
import { isAlive } from './lock.js';

export interface Staging {
  dir: string;
  outputDir: string;
  /** Subfolders created inside the staging folder so far (`archive`). */
  folders?: Set<string>;
}

const SIBLING = (outputDir: string): RegExp => new RegExp(`^\\.${escapeRe(path.basename(outputDir))}\\.staging-(\\d+)$`);
const INSIDE = /^\.staging-(\d+)$/;

/** Creates a fresh staging folder for this process. */
export async function createStaging(fs: PublishFs, outputDir: string): Promise<Staging> {
  const parent = path.dirname(outputDir);
  let dir = path.join(parent, `.${path.basename(outputDir)}.staging-${process.pid}`);
  const [out, up] = await Promise.all([fs.stat(outputDir), fs.stat(parent)]);
  if (out.dev !== up.dev) dir = path.join(outputDir, `.staging-${process.pid}`);
  await fs.remove(dir); // ours from an aborted run of this same process
  await fs.mkdir(dir);
  return { dir, outputDir };
}

/** Writes each file into staging, each fsynced, then fsyncs the folders. Names may have
 *  subfolders (`archive/rss-1.xml`); they are created as needed. */
export async function stageFiles(fs: PublishFs, staging: Staging, files: Record<string, Uint8Array>, signal?: AbortSignal): Promise<void> {
  for (const [name, bytes] of Object.entries(files)) {
    signal?.throwIfAborted();
    await stageFile(fs, staging, name, bytes);
  }
  await syncStagingFolders(fs, staging);
}

/** Writes one file into staging, fsynced (for callers that produce files one at a time). */
export async function stageFile(fs: PublishFs, staging: Staging, name: string, bytes: Uint8Array): Promise<void> {
  const folder = path.posix.dirname(name);
  staging.folders ??= new Set();
  if (folder !== '.' && !staging.folders.has(folder)) {
    await fs.mkdir(path.join(staging.dir, folder));
    staging.folders.add(folder);
  }
  await fs.writeFileSynced(path.join(staging.dir, name), bytes);
}

/** fsyncs the staging folder and the subfolders files were staged in, so their entries last. */
export async function syncStagingFolders(fs: PublishFs, staging: Staging): Promise<void> {
  for (const folder of staging.folders ?? []) await fs.syncDir(path.join(staging.dir, folder));
  await fs.syncDir(staging.dir);
}

/** Every file under `dir`, as `/`-separated names relative to it. */
async function listFiles(fs: PublishFs, dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await fs.readdir(dir)) {
    if (e.isFile) out.push(prefix + e.name);
    else if (e.isDirectory) out.push(...(await listFiles(fs, path.join(dir, e.name), `${prefix}${e.name}/`)));
  }
  return out;
}

/**
 * Moves every file of the staging folder into output/. Files in subfolders (archive pages) go
 * first, so a main feed never links to a page that is not there yet; compressed siblings
 * (`rss.xml.gz`) go before the file they belong to, so a new feed never sits beside an older
 * compressed copy for longer than the rename of one file. Returns the names moved.
 */
export async function swapIntoPlace(fs: PublishFs, staging: Staging): Promise<string[]> {
  const names = await listFiles(fs, staging.dir);
  const depth = (n: string): number => n.split('/').length;
  names.sort((a, b) => depth(b) - depth(a) || b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
  const folders = new Set<string>();
  for (const name of names) {
    const folder = path.posix.dirname(name);
    if (folder !== '.' && !folders.has(folder)) {
      await fs.mkdir(path.join(staging.outputDir, folder));
      folders.add(folder);
    }
    await fs.rename(path.join(staging.dir, name), path.join(staging.outputDir, name));
  }
  for (const folder of folders) await fs.syncDir(path.join(staging.outputDir, folder));
  await fs.syncDir(staging.outputDir);
  return names;
}

/** fsyncs files that others added to the staging folder (compressed siblings), then the folders. */
export async function syncStaged(fs: PublishFs, staging: Staging, already: string[]): Promise<void> {
  const done = new Set(already);
  for (const name of await listFiles(fs, staging.dir)) if (!done.has(name)) await fs.syncFile(path.join(staging.dir, name));
  await syncStagingFolders(fs, staging);
}

export async function discardStaging(fs: PublishFs, staging: Staging): Promise<void> {
  await fs.remove(staging.dir);
}

/**
 * Removes staging folders left by runs that died (kill -9, power cut) — any whose process is
 * gone. Returns the paths removed.
 */
export async function removeStaleStaging(fs: PublishFs, outputDir: string): Promise<string[]> {
  const removed: string[] = [];
  const sweep = async (dir: string, pattern: RegExp): Promise<void> => {
    for (const e of await readdirIfExists(fs, dir)) {
      const m = pattern.exec(e.name);
      if (!m || !e.isDirectory) continue;
      const pid = Number(m[1]);
      if (pid !== process.pid && isAlive(pid)) continue;
      await fs.remove(path.join(dir, e.name));
      removed.push(path.join(dir, e.name));
    }
  };
  await sweep(path.dirname(outputDir), SIBLING(outputDir));
  await sweep(outputDir, INSIDE);
  return removed;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
