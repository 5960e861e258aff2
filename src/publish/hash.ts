import { createHash } from 'node:crypto';
import { piecesOf, type FileData } from './fsio.js';

/** sha256 of bytes (whole or in pieces) or UTF-8 text, lower-case hex: the content hash of the
 *  ledger and the cache. */
export function sha256Hex(data: FileData): string {
  const hash = createHash('sha256');
  if (typeof data === 'string') hash.update(data);
  else for (const piece of piecesOf(data)) hash.update(piece);
  return hash.digest('hex');
}
