// Every message the validator can give: a stable code, its severity, a one-line text, and an
// explanation for `wirefeed validate --explain CODE`. Codes never change meaning once published;
// users filter and search on them.
import type { Severity } from './report.js';

export interface CodeInfo {
  severity: Severity;
  /** One line: what is wrong. May contain {placeholders} filled from the message's parameters. */
  text: string;
  /** What the rule is, where it comes from, and how to fix it (for --explain and the README). */
  explain: string;
}

export const CODES = {
  // ── XML well-formedness and encoding ─────────────────────────────────────────

  // ── RSS ──────────────────────────────────────────────────────────────────────

  // ── Atom ─────────────────────────────────────────────────────────────────────

  // ── JSON Feed ────────────────────────────────────────────────────────────────

  // ── Fetching (URLs) ──────────────────────────────────────────────────────────
} satisfies Record<string, CodeInfo>;

export type Code = keyof typeof CODES;
