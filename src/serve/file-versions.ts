// What the server knows about each version of each file: its content hash (the ETag) and its
// Content-Type, and whether a precompressed sibling really holds the same bytes. Each is worked
// out once per file version, not per request. A version is told by device, inode, size, mtime
// and ctime, so an atomic rename (new inode) or any rewrite is a new version at once.
import { createHash } from 'node:crypto';
import type { Stats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { contentTypeOf } from './content-type.js';
import type { Coding } from './precompress.js';

const gunzip = promisify(zlib.gunzip);
const unbrotli = promisify(zlib.brotliDecompress);

export interface FileFacts {
  /** sha256 of the bytes, base64url: the strong ETag's opaque part. */
  hash: string;
  contentType: string;
}

function versionKey(st: Stats): string {
  return `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
}

function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('base64url');
}

/** A bounded map from path to the facts of the version last seen there. */
export class FileVersions {
  private readonly facts = new Map<string, { key: string; value: Promise<FileFacts> }>();
  private readonly siblings = new Map<string, { key: string; value: Promise<string | null> }>();

  constructor(private readonly limit = 4096) {}

  /** Hash and type of the file open as `fh` (stat `st`), computed on the first request for this version. */
  factsOf(file: string, st: Stats, fh: FileHandle): Promise<FileFacts> {
    return this.memo(this.facts, file, versionKey(st), async () => {
      const data = await fh.readFile();
      return { hash: sha256(data), contentType: contentTypeOf(file, data) };
    });
  }

  /**
   * True when the sibling open as `fh` decodes to content whose hash is `hash`. A stale sibling
   * (left from an older publish, or its file edited by hand) is then never served; the decoder
   * stops past `size` bytes, so a sibling can't expand into more than its file.
   */
  async siblingHolds(sibling: string, st: Stats, fh: FileHandle, coding: Coding, hash: string, size: number): Promise<boolean> {
    const decodedHash = await this.memo(this.siblings, sibling, versionKey(st), async () => {
      try {
        const packed = await fh.readFile();
        const opts = { maxOutputLength: Math.max(size, 1) };
        const data = coding === 'gzip' ? await gunzip(packed, opts) : await unbrotli(packed, opts);
        return sha256(data);
      } catch {
        return null;
      }
    });
    return decodedHash === hash;
  }

  private memo<T>(map: Map<string, { key: string; value: Promise<T> }>, file: string, key: string, make: () => Promise<T>): Promise<T> {
    const hit = map.get(file);
    if (hit && hit.key === key) return hit.value;
    const value = make();
    map.delete(file);
    if (map.size >= this.limit) map.delete(map.keys().next().value as string);
    map.set(file, { key, value });
    // A failed read is not remembered: the next request tries again.
    value.catch(() => {
      if (map.get(file)?.value === value) map.delete(file);
    });
    return value;
  }
}
