// Editor's notes and correction lines: kept with the article (Article.notes) but out of the body.

/** Reuters' preamble: `(Adds analyst comment)`, `(Corrects paragraph 3 …)`, `(Updates with …)`. */
const WIRE_ADVISORY = /^\(\s*(?:Adds|Updates|Corrects|Correcting|Recasts|Refiles|Repeats|Changes|Fixes|Removes|Inserts|Rewrites|Releads|Reopens|Writes through|Re-?issues|Clarifies|Amends|Deletes|Restores|New throughout|For (?:a |full |more )|Eds?:|Editor'?s? ?note|Note to|This (?:story|version|article)|Story (?:corrects|refiled|updated))[^]*\)$/i;
/** The same advisories without parentheses, as Reuters' web pages print them. */
const BARE_ADVISORY = /^(?:Corrects|Correcting|Refiles to|Adds|Updates with) [^.]{3,200}$/;
/** Notes named as such, in the languages of our sources. */
const NAMED_NOTE = /^\[?\s*(?:Editor['’]?s['’]? note|EDITOR['’]?S['’]? NOTE|Ed\.? note|Note to editors|Correction|CORRECTION|Clarification|CLARIFICATION|Anmerkung der Redaktion|Hinweis der Redaktion|Korrektur|Rectificatif|Note de la rédaction|Sprostowanie)\s*[:—–-]/;
/** Correction lines that say what changed: `An earlier version of this story misstated …`. */
const CORRECTION_LINE = /^(?:\*\s*)?(?:An earlier version of this (?:article|story|report)|This (?:article|story|report) (?:has been|was) (?:corrected|amended|updated)|This story has been updated|Correction appended|Diese Meldung wurde (?:korrigiert|aktualisiert))/i;

export function isNote(text: string): boolean {
  const t = text.trim();
  if (t.length > 600) return false;
  return WIRE_ADVISORY.test(t) || BARE_ADVISORY.test(t) || NAMED_NOTE.test(t) || CORRECTION_LINE.test(t);
}
