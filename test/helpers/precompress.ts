// Writes the .gz and .br copies that `wirefeed publish` stages beside its main feeds, for files a
// test put on disk itself (the server's fixtures), with the publisher's own compressor.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { compressedCopies } from '../../src/serve/precompress.js';

/** FILE.gz and FILE.br beside each of `files` (paths relative to `dir`, or absolute). */
export async function precompress(dir: string, files: string[]): Promise<void> {
  await Promise.all(
    files.map(async (file) => {
      const abs = path.resolve(dir, file);
      const copies = await compressedCopies(await readFile(abs));
      await Promise.all(copies.map(([suffix, bytes]) => writeFile(abs + suffix, bytes)));
    }),
  );
}
