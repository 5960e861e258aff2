/** A problem found while reading an input: an article, a config file, a ledger. */
export interface Diagnostic {
  /** Stable name, e.g. `EmptyArticle`, `InvalidUtf8`. */
  code: string;
  message: string;
  /** The file it concerns. */
  file: string;
  /** 1-based line, when there is one. */
  line?: number | null;
  /** Byte offset, when a line means nothing (invalid UTF-8). */
  offset?: number | null;
}
