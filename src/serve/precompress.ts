// Compresses published files once, at publish time, so the server never compresses per request.
// FILE.gz and FILE.br are written beside FILE (gzip -6, Brotli 8); the bytes depend only on
// the input (gzip's header carries no name and a zero mtime), so an unchanged feed yields an
// unchanged sibling and a publish diff stays quiet.
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);

/** The suffix of each precompressed sibling, by HTTP content coding. */
export const SIBLING_SUFFIX = { br: '.br', gzip: '.gz' } as const;
export type Coding = keyof typeof SIBLING_SUFFIX;

/** gzip at level 6, deterministic for a given input and zlib build. Not 9: on our 460 KB feeds
 *  level 9 made files 0.1% smaller for ~15% more time. */
export function gzipBytes(data: Uint8Array): Promise<Buffer> {
  return gzip(data, { level: 6, memLevel: 9, chunkSize: outputChunk(data) });
}

/**
 * The output buffer for compressing `data`: room for all of it at once. The compressor runs on
 * libuv's thread pool, but each buffer it fills comes back to the calling thread through the
 * stream machinery, and the pieces are joined at the end: with Node's 16 KB default, a 460 KB feed
 * came back in ~6 pieces, and a run correcting a main-feed story spent more of its calling
 * thread on its copies' callbacks than on rendering the feeds. The bytes are the same either way.
 */
function outputChunk(data: Uint8Array): number {
  return Math.max(zlib.constants.Z_DEFAULT_CHUNK, data.byteLength + 1024);
}

/**
 * Brotli at quality 8, text mode (feeds and pages are text; the mode only tunes the encoder).
 * It runs on every publish that changes a feed, so the quality is a trade. Measured on 460 KB
 * main feeds: quality 11 took 660–730 ms a file; 9 took 33–45 ms for files 4% smaller than 8's;
 * 8 takes 18–19 ms; 7 takes about a third less (the three main feeds' first compression in a
 * process: ~125 → ~85 ms of CPU) for files 6.6% larger, and from 6 down Brotli is no smaller
 * than gzip on these files.
 */
export function brotliBytes(data: Uint8Array): Promise<Buffer> {
  return brotli(data, {
    chunkSize: outputChunk(data),
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 8,
      [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.byteLength,
    },
  });
}

/** A file's compressed copies, each under its sibling's suffix (`.gz`, `.br`); both are made at
 *  once on libuv's thread pool. */
export async function compressedCopies(data: Uint8Array): Promise<Array<[suffix: string, bytes: Buffer]>> {
  const [gz, br] = await Promise.all([gzipBytes(data), brotliBytes(data)]);
  return [
    [SIBLING_SUFFIX.gzip, gz],
    [SIBLING_SUFFIX.br, br],
  ];
}
