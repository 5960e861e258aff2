// The stable codes ingest reports, and one constructor so every message names its file the same
// way. Codes are part of the contract: users grep for them and the publish report counts them.
import type { Diagnostic } from '../model/index.js';

/** Reasons an article is rejected (nothing of it is published). */
export const REJECT = {
  EmptyArticle: 'EmptyArticle',
  MissingHeadline: 'MissingHeadline',
  InvalidUtf8: 'InvalidUtf8',
  BadFrontMatter: 'BadFrontMatter',
  ImpossibleDate: 'ImpossibleDate',
  ArticleTooLarge: 'ArticleTooLarge',
  BadJson: 'BadJson',
  UnknownInputKind: 'UnknownInputKind',
} as const;

/** Things worth telling the author while the article still publishes. */
export const WARN = {
  ForbiddenCharacter: 'ForbiddenCharacter',
  UnknownField: 'UnknownField',
  EmptyBody: 'EmptyBody',
  UpdatedBeforePublished: 'UpdatedBeforePublished',
  ExtraMedia: 'ExtraMedia',
} as const;

export type RejectCode = (typeof REJECT)[keyof typeof REJECT];
export type WarnCode = (typeof WARN)[keyof typeof WARN];

/** A problem tied to a line (1-based) or a byte offset of a file. */
export function diag(
  code: RejectCode | WarnCode,
  file: string,
  message: string,
  at: { line?: number | null; offset?: number | null } = {},
): Diagnostic {
  const d: Diagnostic = { code, message, file, line: at.line ?? null };
  if (at.offset !== undefined && at.offset !== null) d.offset = at.offset;
  return d;
}

/** Thrown inside a parser to reject the article; caught once, in ingestArticle. */
export class Rejection extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message);
    this.name = 'Rejection';
  }
}

export function reject(...args: Parameters<typeof diag>): never {
  throw new Rejection(diag(...args));
}
