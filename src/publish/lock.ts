// One publish at a time per project: a cron'd `wirefeed schedule` and a hand-typed
// `wirefeed publish` must not interleave their ledger and output writes.
//
// The lock is a file created with O_EXCL holding the owner's pid and host. A lock left by a
// process that no longer exists (kill -9, power cut) is stale and taken over; a lock held by a
// live process, or by another host (a shared disk, where we cannot see its processes), is not.
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { errCode, type PublishFs } from './fsio.js';

export interface LockOwner {
  pid: number;
  host: string;
  since: string;
  /** Random per acquisition: tells our own live lock from one left by an earlier process that had our pid. */
  token?: string;
}

/** Tokens of the locks this process holds right now. */
const held = new Set<string>();

export class LockedError extends Error {
  constructor(readonly file: string, readonly owner: LockOwner | null) {
    super(
      owner
        ? `${file}: another publish is running (pid ${owner.pid} on ${owner.host} since ${owner.since}); remove the file if that process is gone`
        : `${file}: another publish holds the lock; remove the file if no publish is running`,
    );
    this.name = 'LockedError';
  }
}

export interface Lock {
  file: string;
  release(): Promise<void>;
}

export async function acquireLock(fs: PublishFs, file: string, now: Date): Promise<Lock> {
  await fs.mkdir(path.dirname(file));
  const me: LockOwner = { pid: process.pid, host: os.hostname(), since: now.toISOString(), token: randomUUID() };
  // Two attempts: the second one follows the removal of a stale lock.
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await fs.createExclusive(file, JSON.stringify(me) + '\n');
      held.add(me.token!);
      return {
        file,
        release: async () => {
          held.delete(me.token!);
          await fs.remove(file);
        },
      };
    } catch (err) {
      if (errCode(err) !== 'EEXIST') throw err;
    }
    const owner = await readOwner(fs, file);
    if (owner === undefined) continue; // vanished between our attempt and the read: try again
    if (owner && !isStale(owner)) throw new LockedError(file, owner);
    if (owner === null) throw new LockedError(file, null);
    // Stale: move it aside under a name of our own first, so that of two processes taking over
    // the same stale lock, only one removes it and neither removes the other's fresh lock.
    const aside = `${file}.stale-${process.pid}`;
    try {
      await fs.rename(file, aside);
      await fs.remove(aside);
    } catch (err) {
      if (errCode(err) !== 'ENOENT') throw err;
    }
  }
  throw new LockedError(file, (await readOwner(fs, file)) ?? null);
}

/** The lock's owner; null when the file is unreadable as one; undefined when it is gone. */
async function readOwner(fs: PublishFs, file: string): Promise<LockOwner | null | undefined> {
  let text: string;
  try {
    text = new TextDecoder().decode(await fs.readFile(file));
  } catch (err) {
    if (errCode(err) === 'ENOENT') return undefined;
    throw err;
  }
  try {
    const v = JSON.parse(text) as Partial<LockOwner>;
    if (typeof v.pid === 'number' && typeof v.host === 'string')
      return { pid: v.pid, host: v.host, since: String(v.since ?? ''), token: typeof v.token === 'string' ? v.token : undefined };
  } catch {
    /* fall through */
  }
  // An empty or torn lock file: its writer died between create and write, so it is stale.
  return text.trim() === '' ? { pid: -1, host: os.hostname(), since: '' } : null;
}

function isStale(owner: LockOwner): boolean {
  if (owner.host !== os.hostname()) return false;
  // Our own pid: a container restarts its main process with the same pid every time, so a lock
  // with our pid that this process does not hold was left by an earlier life.
  if (owner.pid === process.pid) return !(owner.token && held.has(owner.token));
  return !isAlive(owner.pid);
}

/** Whether a process with this pid exists on this machine. */
export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return errCode(err) === 'EPERM';
  }
}
