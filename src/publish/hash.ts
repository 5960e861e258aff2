import { createHash } from 'node:crypto';

/** sha256 of bytes or UTF-8 text, lower-case hex: the content hash of the ledger and the cache. */
export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}
