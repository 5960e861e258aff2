// The door between the publish job and the disk. Every read, write, rename and fsync of a
// publish run goes through one of these functions, so a test can put a failing disk (ENOSPC,
// a read-only folder) or a read counter in their place without touching the real machine.
// (One exception: when the stages read many articles at once, they read them themselves, on
// whichever thread ingests them: see PublishStages.ingestFiles.)
import { isAscii } from 'node:buffer';
import fs, { accessSync, closeSync, constants, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';

/**
 * UTF-8 bytes as text; with `fatal`, bytes that are not UTF-8 throw (else they become U+FFFD).
 * ASCII bytes are their own characters, taken as Latin-1 without the decoder's work: the cache
 * and ledger files (megabytes at 10,000 articles) are ASCII unless an article's path is not.
 */
export function utf8Text(bytes: Uint8Array, { fatal = false } = {}): string {
  if (isAscii(bytes)) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return new TextDecoder('utf-8', { fatal }).decode(bytes);
}

/**
 * A text's UTF-8 bytes, in a Uint8Array that owns its whole ArrayBuffer (so a worker can hand
 * it over without a copy). TextEncoder.encode and Buffer.from measure the text's UTF-8 length
 * first and then encode it, two passes over every character; writing into a buffer with room for
 * the worst case (3 bytes a UTF-16 unit) takes V8's one pass, and the bytes are then copied into
 * a buffer of their own size. On feeds (~470,000 characters, two bytes each in V8 once one is
 * above U+00FF) about a third less time: the 297 pages of the 10k bench, 140 MB, 120 → 80 ms.
 */
export function utf8Bytes(text: string): Uint8Array {
  const room = text.length * 3;
  if (text.length < ONE_PASS_MIN || room > SCRATCH_MAX) return encoder.encode(text);
  if (scratch.byteLength < room) scratch = Buffer.allocUnsafeSlow(room);
  const size = scratch.write(text, 'utf8');
  const bytes = new Uint8Array(size);
  bytes.set(scratch.subarray(0, size));
  return bytes;
}

/** Shorter texts: one call either way. Longer ones than SCRATCH_MAX / 3: not kept a buffer for. */
const ONE_PASS_MIN = 16 * 1024;
const SCRATCH_MAX = 16 * 1024 * 1024;
const encoder = new TextEncoder();
/** This thread's buffer for utf8Bytes, grown to the largest text it has encoded. */
let scratch = Buffer.alloc(0);

/** A callback-style fs call as a promise. */
function call<T = void>(start: (cb: (err: NodeJS.ErrnoException | null, value?: T) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => start((err, value) => (err ? reject(err) : resolve(value as T))));
}

export interface FileStat {
  size: number;
  mtimeMs: number;
  /** Device number: two paths on different devices cannot be renamed into each other. */
  dev: number;
  isFile: boolean;
  isDirectory: boolean;
}

/** What the publish job compares between runs: a file's size and modification time. */
export interface FileTimes {
  size: number;
  mtimeMs: number;
}

/** A path's size and mtime with its kind (symbolic links followed). */
export interface EntryStat extends FileTimes {
  isFile: boolean;
  isDirectory: boolean;
}

export interface DirEntry {
  name: string;
  isFile: boolean;
  isDirectory: boolean;
}

/** A file's contents: text (written as UTF-8), bytes, or bytes in pieces, written in order. A file
 *  made mostly of pieces of one read before (the ledger, the article cache) is written from them
 *  without joining them first: joining the 4 MB article cache took 3–18 ms of a one-change run,
 *  most of it the fresh memory's page faults. */
export type FileData = string | Uint8Array | readonly Uint8Array[];

/** The pieces of a file's contents, in order. */
export function piecesOf(data: FileData): readonly Uint8Array[] {
  return typeof data === 'string' ? [utf8Bytes(data)] : data instanceof Uint8Array ? [data] : data;
}

export interface PublishFs {
  readFile(file: string): Promise<Uint8Array>;
  /** Creates or truncates `file`, writes `data` and fsyncs it before resolving. */
  writeFileSynced(file: string, data: FileData): Promise<void>;
  /** Creates `file` only if it does not exist yet (EEXIST otherwise), fsynced. */
  createExclusive(file: string, data: string): Promise<void>;
  /** fsync of a file written by someone else (e.g. a compressed sibling). */
  syncFile(file: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  /** fsync of a folder, so the renames inside it survive a power cut. */
  syncDir(dir: string): Promise<void>;
  mkdir(dir: string): Promise<void>;
  readdir(dir: string): Promise<DirEntry[]>;
  /** The names in a folder, without their kinds: for a caller that stats every entry anyway. */
  readdirNames(dir: string): Promise<string[]>;
  stat(file: string): Promise<FileStat>;
  /** Size and mtime of many files at once, in order; null for a path that does not exist
   *  (other errors reject). */
  statMany(files: readonly string[]): Promise<Array<FileTimes | null>>;
  /** statMany with each path's kind (links followed): a folder listing's names made entries. */
  statEntries(files: readonly string[]): Promise<Array<EntryStat | null>>;
  /** Rejects with EACCES/EROFS when the folder cannot be written to. */
  checkWritable(dir: string): Promise<void>;
  /** Removes a file or a folder tree; a missing path is not an error. */
  remove(file: string): Promise<void>;
}

export const nodeFs: PublishFs = {
  async readFile(file) {
    // In line, like stat: an article is a few KB, and open+read+close costs ~15 µs this way,
    // several times that through the thread pool and its promises.
    return readFileSync(file);
  },
  async writeFileSynced(file, data) {
    // On the thread pool (fsync waits for the disk), through the callback API: fs/promises is
    // not loaded by runs that write nothing.
    const fd = await call<number>((cb) => fs.open(file, 'w', cb));
    try {
      let pieces = piecesOf(data).filter((p) => p.byteLength > 0);
      while (pieces.length) {
        let written = await call<number>((cb) => fs.writev(fd, pieces as Uint8Array[], null, cb));
        // What a short write left: the rest of the piece it stopped in, and the pieces after it.
        let i = 0;
        while (i < pieces.length && written >= pieces[i].byteLength) written -= pieces[i++].byteLength;
        pieces = i < pieces.length ? [pieces[i].subarray(written), ...pieces.slice(i + 1)] : [];
      }
      await call((cb) => fs.fsync(fd, cb));
    } finally {
      await call((cb) => fs.close(fd, cb));
    }
  },
  async createExclusive(file, data) {
    // In line: the lock file, once per run, a few bytes.
    const fd = openSync(file, 'wx');
    try {
      writeFileSync(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  },
  async syncFile(file) {
    const fd = await call<number>((cb) => fs.open(file, 'r+', cb));
    try {
      await call((cb) => fs.fsync(fd, cb));
    } finally {
      await call((cb) => fs.close(fd, cb));
    }
  },
  async rename(from, to) {
    await call((cb) => fs.rename(from, to, cb));
  },
  async syncDir(dir) {
    const fd = await call<number>((cb) => fs.open(dir, 'r', cb));
    try {
      await call((cb) => fs.fsync(fd, cb));
    } catch (err) {
      // Some file systems refuse fsync on a folder; the renames are still atomic there.
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EINVAL' && code !== 'ENOTSUP' && code !== 'EISDIR') throw err;
    } finally {
      await call((cb) => fs.close(fd, cb));
    }
  },
  async mkdir(dir) {
    // In line: a folder or two per run.
    mkdirSync(dir, { recursive: true });
  },
  async readdir(dir) {
    // In line, like stat: a folder of 10,000 articles is listed in ~10 ms.
    const entries = readdirSync(dir, { withFileTypes: true });
    return entries.map((e) => ({ name: e.name, isFile: e.isFile(), isDirectory: e.isDirectory() }));
  },
  async readdirNames(dir) {
    // Names only: the kinds readdir gives cost ~4 ms per 10,000 entries in Dirent objects.
    return readdirSync(dir);
  },
  async stat(file) {
    // Synchronous on purpose: a run stats every article, and 10,000 stats through the thread
    // pool cost ~45 ms more than in line (a few µs each, cached by the kernel).
    const s = statSync(file);
    return { size: s.size, mtimeMs: s.mtimeMs, dev: s.dev, isFile: s.isFile(), isDirectory: s.isDirectory() };
  },
  async statMany(files) {
    // One after another, in line: see stat. (A missing file is answered without an exception.)
    const out = new Array<FileTimes | null>(files.length);
    for (let i = 0; i < files.length; i++) {
      const s = statSync(files[i], { throwIfNoEntry: false });
      out[i] = s ? { size: s.size, mtimeMs: s.mtimeMs } : null;
    }
    return out;
  },
  async statEntries(files) {
    // In line, like statMany.
    const out = new Array<EntryStat | null>(files.length);
    for (let i = 0; i < files.length; i++) {
      const s = statSync(files[i], { throwIfNoEntry: false });
      out[i] = s ? { size: s.size, mtimeMs: s.mtimeMs, isFile: s.isFile(), isDirectory: s.isDirectory() } : null;
    }
    return out;
  },
  async checkWritable(dir) {
    accessSync(dir, constants.W_OK);
  },
  async remove(file) {
    // In line: fs.promises.rm loads its own code on first use (~1–5 ms on every run, for the lock).
    rmSync(file, { recursive: true, force: true });
  },
};

/** A folder's entries; a folder that does not exist has none. */
export async function readdirIfExists(fs: PublishFs, dir: string): Promise<DirEntry[]> {
  try {
    return await fs.readdir(dir);
  } catch (err) {
    if (errCode(err) === 'ENOENT') return [];
    throw err;
  }
}

/** The errno code of a failed fs call ('' when it is not one). */
export function errCode(err: unknown): string {
  return (err as NodeJS.ErrnoException | null)?.code ?? '';
}

/** `EACCES: permission denied` → a short reason a user can act on. */
export function describeFsError(err: unknown): string {
  const code = errCode(err);
  const reasons: Record<string, string> = {
    ENOENT: 'not found',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'read-only file system',
    ENOSPC: 'no space left on device',
    EDQUOT: 'disk quota exceeded',
    ENOTDIR: 'not a folder',
    EISDIR: 'is a folder',
    EIO: 'input/output error',
  };
  return reasons[code] ? `${reasons[code]} (${code})` : (err as Error)?.message ?? String(err);
}
