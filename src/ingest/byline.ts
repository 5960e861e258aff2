// Bylines and credit lines for people: `By Jane Doe and John Roe`, `By JANE DOE, Associated Press`,
// Reuters' trailer `(Reporting by Jane Doe in London; Editing by John Roe)`.
import type { Person } from '../model/index.js';
import { lastNonSpace, moreWordsThan } from './scan.js';

const NAME_WORD = String.raw`(?:[A-ZÀ-Þ][\p{L}'’\-]*\.?|[A-ZÀ-Þ]\.(?:[A-ZÀ-Þ]\.)*|(?:de|da|van|von|der|den|del|di|la|le|bin|al|el|dos|du)(?=\s))`;
/** A person's name: two to five capitalised words, particles allowed inside (`Ana de Armas`). */
const NAME = String.raw`${NAME_WORD}(?:\s+${NAME_WORD}){1,4}`;
const NAMES = String.raw`${NAME}(?:\s*(?:,|\band\b|&)\s*${NAME})*`;

/** `By Jane Doe`, `By JANE DOE, Associated Press`, `By Jane Doe and John Roe, AP Writers`. */
const BY_LINE = new RegExp(String.raw`^By\s+(${NAMES})(?:\s*,\s*([\p{L} .'’&-]{2,60}))?$`, 'u');

/** One list of people: the same name twice (a `By` line and Reuters' trailer) is one person, with the role. */
export function mergePeople(people: Person[]): Person[] {
  const out: Person[] = [];
  for (let i = 0; i < people.length; i++) {
    const p = people[i];
    const same = out.find((q) => q.name.toLowerCase() === p.name.toLowerCase());
    if (!same) out.push({ ...p });
    else if (!same.role && p.role) same.role = p.role;
  }
  return out;
}

/** Reuters' roles: `Reporting by`, `Additional reporting by`, `Writing by`, `Editing by`, … */
const ROLE_PART = /^\s*((?:additional\s+)?(?:reporting|writing|editing|compiled|compiling|graphics|photos|research|translated|translation|produced|production|sub-?editing|text)(?:\s+and\s+(?:reporting|writing|editing))?)\s+by\s+(.+?)\s*$/i;

/** How the first part of a role credit opens: ROLE_PART's start, past any leading `;`. */
const ROLE_OPENING = /^[\s;]*(?:additional\s+)?(?:reporting|writing|editing|compiled|compiling|graphics|photos|research|translated|translation|produced|production|sub-?editing|text)/i;

/**
 * The names in a list (`Jane Doe, John Roe and Ann Poe in London`), or null when none is one. A
 * loop and null for none, not map/filter and an empty list: arrays made either way differ inside
 * the engine, and code optimised for one kind was thrown away on meeting the other.
 */
function splitNames(s: string): string[] | null {
  const names: string[] = [];
  const parts = s.split(/\s*(?:,|;|\band\b|&)\s*/);
  for (let i = 0; i < parts.length; i++) {
    // (` in ` needs an `in`; a trimmed name of at most five words is one of at most five pieces.)
    const n = (parts[i].includes('in') ? parts[i].replace(/\s+in\s+[A-Z][\p{L} .'’-]*$/u, '') : parts[i]).trim();
    if (/^[A-ZÀ-Þ]/.test(n) && !moreWordsThan(n, 5)) names.push(n);
  }
  return names.length ? names : null;
}

/** What follows a byline's last comma when it is the employer or desk, not a name. */
const AFFILIATION = /\b(?:Press|Reuters|AP|AFP|Bloomberg|Writer|Correspondent|Reporter|Editor|Staff|News|Times|Post|Journal|Agency|Service|Desk|Bureau|Guardian|Herald|Tribune|Telegraph|Daily)\b/;

/** Reads a `By …` line; null when the block is prose (`By the time Trump left …`). */
export function parseByline(text: string): Person[] | null {
  const t = text.trim();
  if (t.length > 160 || !t.startsWith('By')) return null;
  const m = BY_LINE.exec(t);
  if (!m) return null;
  // `By JANE DOE, Associated Press`: the part after the last comma names the employer.
  let who = m[1];
  const lastComma = who.lastIndexOf(',');
  if (m[2] === undefined && lastComma > 0 && AFFILIATION.test(who.slice(lastComma + 1))) who = who.slice(0, lastComma);
  const names = splitNames(who);
  if (names === null) return null;
  return names.map((name) => ({ name, role: null }));
}

/** Reuters' trailer as a whole block or inside parentheses: each part keeps its role. */
export function parseRoleCredits(text: string): Person[] | null {
  let t = text.trim();
  if (t.startsWith('(')) t = t.replace(/^\(\s*/, '');
  if (t.endsWith(')')) t = t.replace(/\s*\)$/, '');
  if (t.length > 400) return null;
  // Every part must open with a role, the first one too: a paragraph is done with here.
  if (!ROLE_OPENING.test(t)) return null;
  const parts = t.split(/\s*;\s*/).filter(Boolean);
  const people: Person[] = [];
  for (let i = 0; i < parts.length; i++) {
    const m = ROLE_PART.exec(parts[i]);
    if (!m) return null;
    const role = m[1].charAt(0).toUpperCase() + m[1].slice(1).toLowerCase().replace(/\s+/g, ' ');
    const names = splitNames(m[2]);
    if (names !== null) for (let n = 0; n < names.length; n++) people.push({ name: names[n], role });
  }
  return people.length ? people : null;
}

/** The trailer glued to the end of a last paragraph: `… the person added. (Reporting by …)`. */
export function splitTrailingRoleCredits(paragraph: string): { text: string; people: Person[] } | null {
  if (lastNonSpace(paragraph) !== ')') return null;
  const m = /\s*\(((?:additional\s+)?(?:reporting|writing|editing)\s+by[^()]+)\)\s*$/i.exec(paragraph);
  if (!m || m.index === 0) return null;
  const people = parseRoleCredits(m[1]);
  if (!people) return null;
  return { text: paragraph.slice(0, m.index).trimEnd(), people };
}
