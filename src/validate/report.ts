// What a validation produces: the JSON contract of `wirefeed validate --json`.

export type FeedFormat = 'rss' | 'atom' | 'json' | 'unknown';
export type Severity = 'error' | 'warning';

/** One finding. XML findings carry line/column; JSON Feed findings carry a path like `items[3].id`. */
export interface Message {
  code: string;
  message: string;
  line: number | null;
  column: number | null;
  path?: string;
}

export interface ValidationReport {
  format: FeedFormat;
  valid: boolean;
  errors: Message[];
  warnings: Message[];
}
