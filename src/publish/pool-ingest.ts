// What the publish pool does to one article file, and how the threads share a list of them.
// Used the same way by the calling thread and by the pool's workers, so a file gives the same
// result whichever thread happens to take it.
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import type { Site } from '../model/index.js';
import { describeFsError } from './fsio.js';
import { sha256Hex } from './hash.js';
import type { IngestResult } from './job.js';

export interface IngestInput {
  /** The ledger's and the diagnostics' name of the file (ingest's `path`). */
  rel: string;
  /** Where to read it. */
  abs: string;
  /** RFC 3339: when wirefeed first saw the file (ingest's `firstSeen`). */
  firstSeen: string;
  /** Its size when it was listed: the file is then read in one call (see readListed). */
  size?: number;
}

export type IngestedFile =
  | { rel: string; ok: true; sha256: string; size: number; result: IngestResult }
  /** The file could not be read; the message names the reason (e.g. `not found (ENOENT)`). */
  | { rel: string; ok: false; readError: string };

export interface IngestFilesOptions {
  site: Site;
  maxBytes: number;
}

type IngestModule = typeof import('../ingest/index.js');

let ingestModule: Promise<IngestModule> | null = null;

/** Ingest's code, loaded once per thread and only when a file is to be ingested. */
export function loadIngest(): Promise<IngestModule> {
  return (ingestModule ??= import('../ingest/index.js'));
}

/** Reads, hashes and ingests one file. Never throws: a read error comes back as the file's. */
export function ingestFile(ingest: IngestModule, input: IngestInput, opts: IngestFilesOptions): IngestedFile {
  let bytes: Uint8Array;
  try {
    // Synchronous on purpose: open+read+close of a small file costs ~15 µs this way and several
    // times that through the promise API, and every thread that calls this has nothing else to do.
    bytes = input.size === undefined ? readFileSync(input.abs) : readListed(input.abs, input.size);
  } catch (err) {
    return { rel: input.rel, ok: false, readError: describeFsError(err) };
  }
  const result = ingest.ingestArticle({ path: input.rel, bytes }, { site: opts.site, firstSeen: input.firstSeen, maxBytes: opts.maxBytes });
  // Ingest hashed the bytes already for the article's `source.sha256`.
  const sha256 = result.ok ? result.article.source.sha256 : sha256Hex(bytes);
  return { rel: input.rel, ok: true, sha256, size: bytes.length, result };
}

/** Where this thread reads articles: each one's bytes are needed only until it is ingested. */
let scratch = Buffer.allocUnsafeSlow(256 * 1024);

/**
 * A file's bytes, when the listing saw it `listedSize` bytes long: open, one read asking for a
 * byte more than that (a shorter answer is the end of the file), close. readFileSync also asks
 * for the size (fstat) and makes a buffer for each file: 10,000 articles took ~120 ms its way and
 * ~70 ms this way. A file that grew since it was listed is read on to its end. The bytes are
 * valid until this thread's next call.
 */
export function readListed(abs: string, listedSize: number): Uint8Array {
  const fd = openSync(abs, 'r');
  try {
    if (scratch.length <= listedSize) scratch = Buffer.allocUnsafeSlow(listedSize + 1 + (listedSize >> 2));
    let length = readSync(fd, scratch, 0, listedSize + 1, null);
    if (length > listedSize) {
      // It grew: read on until a read answers nothing.
      for (;;) {
        if (length === scratch.length) {
          const larger = Buffer.allocUnsafeSlow(scratch.length * 2);
          scratch.copy(larger, 0, 0, length);
          scratch = larger;
        }
        const got = readSync(fd, scratch, length, scratch.length - length, null);
        if (got === 0) break;
        length += got;
      }
    }
    return scratch.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

/**
 * The shared state of one list being ingested by several threads: the next index nobody has taken
 * yet, and a stop flag. It lives in a SharedArrayBuffer, so a thread takes its next chunk without
 * asking anyone (work stealing): whoever is faster simply takes more chunks.
 */
export const NEXT = 0;
export const STOP = 1;

export function newClaims(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
}

/**
 * Takes the next chunk of [0, total): a quarter of an even share of what is left (so chunks shrink
 * towards the end and the threads finish together), between `min` and `max` items. Null when
 * nothing is left or the work was stopped.
 */
export function claimChunk(claims: Int32Array, total: number, parties: number, max: number, min = 4): [number, number] | null {
  for (;;) {
    if (Atomics.load(claims, STOP) !== 0) return null;
    const start = Atomics.load(claims, NEXT);
    if (start >= total) return null;
    const size = Math.max(min, Math.min(max, Math.ceil((total - start) / (parties * 4))));
    const end = Math.min(total, start + size);
    if (Atomics.compareExchange(claims, NEXT, start, end) === start) return [start, end];
  }
}
