// All-or-nothing output. New files are written into a staging folder beside output/, fsynced,
// and only then renamed into output/ one by one (rename(2) replaces a file atomically), then the
// output folder is fsynced. A reader, or a kill -9 at any moment, sees each file either whole
// and old or whole and new — never torn, never empty.
//
// The staging folder must be on output/'s file system, or rename fails with EXDEV. It is a
// sibling `.<output name>.staging-<pid>` of output/; when output/ is itself a mount point (a
// volume a web server shares), it goes inside output/ instead, as `.staging-<pid>`.
import path from 'node:path';
import { errCode, type PublishFs } from './fsio.js';
import { isAlive } from './lock.js';

export interface Staging {
  dir: string;
  outputDir: string;
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

/** Writes each file into staging, each fsynced, then fsyncs the folder. */
export async function stageFiles(fs: PublishFs, staging: Staging, files: Record<string, Uint8Array>, signal?: AbortSignal): Promise<void> {
  for (const [name, bytes] of Object.entries(files)) {
    signal?.throwIfAborted();
    await fs.writeFileSynced(path.join(staging.dir, name), bytes);
  }
  await fs.syncDir(staging.dir);
}

/**
 * Moves every file of the staging folder into output/. Compressed siblings (`rss.xml.gz`) go
 * before the file they belong to, so a new feed never sits beside an older compressed copy
 * for longer than the rename of one file. Returns the names moved.
 */
export async function swapIntoPlace(fs: PublishFs, staging: Staging): Promise<string[]> {
  const names = (await fs.readdir(staging.dir)).filter((e) => e.isFile).map((e) => e.name);
  names.sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
  for (const name of names) await fs.rename(path.join(staging.dir, name), path.join(staging.outputDir, name));
  await fs.syncDir(staging.outputDir);
  return names;
}

/** fsyncs files that others added to the staging folder (compressed siblings), then the folder. */
export async function syncStaged(fs: PublishFs, staging: Staging, already: string[]): Promise<void> {
  const done = new Set(already);
  for (const e of await fs.readdir(staging.dir)) if (e.isFile && !done.has(e.name)) await fs.syncFile(path.join(staging.dir, e.name));
  await fs.syncDir(staging.dir);
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
    let entries;
    try {
      entries = await fs.readdir(dir);
    } catch (err) {
      if (errCode(err) === 'ENOENT') return;
      throw err;
    }
    for (const e of entries) {
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
