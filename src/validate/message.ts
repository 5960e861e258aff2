// Turns a code from the registry into a Message: the code's one-line text with its {placeholders}
// filled in, and the position (line/column for XML, a path for JSON Feed).
import { CODES, type Code } from './codes.js';
import type { Message, Severity } from './report.js';

export type MessageParams = Record<string, string | number>;

export interface MessageWhere {
  line?: number | null;
  column?: number | null;
  path?: string;
}

export function severityOf(code: Code): Severity {
  return CODES[code].severity;
}

export function makeMessage(code: Code, params: MessageParams = {}, where: MessageWhere = {}): Message {
  const message = CODES[code].text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
  const out: Message = { code, message, line: where.line ?? null, column: where.column ?? null };
  if (where.path !== undefined) out.path = where.path;
  return out;
}
