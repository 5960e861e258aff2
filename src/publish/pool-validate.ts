// The publish pool's validation of one feed, the same on the calling thread and in a worker.
import type { ValidationReport } from '../validate/report.js';
import { utf8Bytes } from './fsio.js';

export type ValidateModule = typeof import('../validate/index.js') & {
  /** The validator's string entry point, when it has one: no UTF-8 round trip. */
  validateFeedText?: (text: string, opts?: { contentType?: string | null }) => ValidationReport;
};

let validateModule: Promise<ValidateModule> | null = null;

/** The validator's code, loaded once per thread and only when a feed is to be validated. */
export function loadValidate(): Promise<ValidateModule> {
  return (validateModule ??= import('../validate/index.js'));
}

/**
 * The validator's report on a feed given as bytes or text, and, when asked, the text's UTF-8
 * bytes: in a Uint8Array that owns its whole ArrayBuffer, so a worker can hand it over without a
 * copy (utf8Bytes; Buffer.from puts small strings in a shared pool buffer).
 */
export function validateInput(
  v: ValidateModule,
  input: Uint8Array | string,
  contentType: string | null,
  returnBytes: boolean,
): { report: ValidationReport; bytes?: Uint8Array } {
  const opts = { contentType };
  if (typeof input !== 'string') return { report: v.validateFeed(input, opts) };
  if (v.validateFeedText && !returnBytes) return { report: v.validateFeedText(input, opts) };
  const bytes = utf8Bytes(input);
  const report = v.validateFeedText ? v.validateFeedText(input, opts) : v.validateFeed(bytes, opts);
  return returnBytes ? { report, bytes } : { report };
}

