// Small files that must never be seen half-written (the ledger, the cache, the status file):
// write a temporary sibling, fsync it, rename it over the old one, fsync the folder.
// A crash at any moment leaves either the old file or the new one.
import path from 'node:path';
import { readdirIfExists, type FileData, type PublishFs } from './fsio.js';
import { isAlive } from './lock.js';

export async function writeFileAtomic(fs: PublishFs, file: string, data: FileData): Promise<void> {
  const dir = path.dirname(file);
  await fs.mkdir(dir);
  const tmp = path.join(dir, `.${path.basename(file)}.tmp-${process.pid}`);
  try {
    await fs.writeFileSynced(tmp, data);
    await fs.rename(tmp, file);
  } catch (err) {
    await fs.remove(tmp).catch(() => undefined);
    throw err;
  }
  await fs.syncDir(dir);
}

/** Removes temporary files of atomic writes whose writer died (kill -9) in `dir`. */
export async function removeStaleTemps(fs: PublishFs, dir: string): Promise<void> {
  for (const e of await readdirIfExists(fs, dir)) {
    const m = /^\..+\.tmp-(\d+)$/.exec(e.name);
    if (m && e.isFile && (Number(m[1]) === process.pid || !isAlive(Number(m[1])))) await fs.remove(path.join(dir, e.name));
  }
}
