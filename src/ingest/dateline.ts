// Datelines: the place/date/agency line that opens wire copy. Each house style is one named
// pattern below; a paragraph is read left to right, one piece at a time, and only counts as
// having a dateline when the pieces end in the dash (or colon) that closes it. A paragraph that
// merely starts with a capitalised word never gets that far.

export interface DatelineParts {
  place: string | null;
  agency: string | null;
  /** Month/day (and year when the dateline has one); the caller resolves the year. */
  when: { month: number; day: number; year: number | null } | null;
  /** The dateline exactly as it opened the paragraph, dash included. */
  raw: string;
}

export interface DatelineMatch {
  dateline: DatelineParts;
  /** The paragraph with the dateline taken off. */
  rest: string;
}

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};
const MONTH = String.raw`(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;

// ── the pieces ───────────────────────────────────────────────────────────────

/** An upper-case place word: `NEW`, `DA’NANG`, `ST.`, `AL-FASHER`, AP's `McALLEN`. */
const UPPER_WORD = String.raw`(?:Mc|Mac)?[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ0-9'’.\-]*`;
/** `NEW YORK`, `WASHINGTON/BRUSSELS`, `NEW YORK/SAN FRANCISCO`. */
const UPPER_PLACE = new RegExp(String.raw`(${UPPER_WORD}(?:(?: |/|\s?/\s?)${UPPER_WORD})*)(?![a-zà-ÿ])`, 'y');
/** A place in ordinary case, accepted only when a date or an agency follows: `Moscow`, `Lima`. */
const MIXED_PLACE = new RegExp(String.raw`([A-ZÀ-ÖØ-Þa-z][a-zà-ÿ'’.\-]+(?: [A-ZÀ-ÖØ-Þa-z][a-zà-ÿ'’.\-]+){0,2})`, 'y');
/** `, Vietnam`, `, N.Y.`, `, West Germany`, `, British Columbia`, `, B.C.`. */
const REGION = new RegExp(String.raw`,\s*([A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÿ'’.\-]*(?: [A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÿ'’.\-]*){0,2})`, 'y');
/** An abbreviated state right after the city: ` Conn.,`, ` Fla.,` (only before a comma). */
const BARE_STATE = /\s([A-Z][a-z]{1,4}\.)(?=,)/y;
/** Reuters/Reuters-21578 `, March 26`, `Oct 27`, `, Aug 25, 2004`; IDG `AUGUST 18, 2004`. */
const MONTH_DAY = new RegExp(String.raw`,?\s*(${MONTH})\s+(\d{1,2})(?!\d)(?:,\s*(\d{4}))?`, 'iy');
/** AG feed `(05/11/04)`: month/day/year in parentheses. */
const NUMERIC_DATE = new RegExp(String.raw`\s*\((\d{1,2})/(\d{1,2})/(\d{2}|\d{4})\)`, 'y');
/** `(AP)`, `(Reuters)`, `(CP)`, `(Reuters Legal)`, `(IDG NEWS SERVICE)`, `(newratings.com)`. */
const AGENCY_PAREN = new RegExp(String.raw`,?\s*\(\s*([A-Za-z][^()\d]{0,39}?)\s*\)`, 'y');
/** The same with its opening parenthesis lost on the wire: `March 1 Reuters) -`. */
const AGENCY_HALF_PAREN = new RegExp(String.raw`\s+(Reuters|AP|AFP)\)`, 'y');
/** Em dash, en dash, `--`, or a hyphen that stands apart: what closes a dateline. */
const DASH = /\s*(?:—|–|-{2,3}|(?<=[\s)])-)(?=\s|$)|\s*(?:—|–)/y;
/** `NEW DELHI: ` — the colon style of South Asian and some European wires (upper-case place only). */
const COLON = /:(?=\s)/y;

/** Wire services that open copy on their own (`AP - `, `Reuters - `), with no place. */
const KNOWN_AGENCIES = new Set([
  'AP', 'Reuters', 'AFP', 'UPI', 'dpa', 'DPA', 'CP', 'Canadian Press', 'Bloomberg', 'PA', 'ANSA', 'EFE', 'Xinhua',
  'Kyodo', 'Yonhap', 'TASS', 'Interfax', 'IANS', 'PTI', 'ANI', 'AAP', 'NTB', 'APA', 'Agence France-Presse',
  'Associated Press', 'Press Association', 'Reuters Health', 'HealthDay',
]);

/** A source prefix before the real dateline: `Canadian Press - VANCOUVER (CP) -`, `SPACE.com - TORONTO --`. */
const SOURCE_PREFIX = /([A-Z][\w.&']*(?: [A-Z][\w.&']*){0,3}) - (?=[A-Z(])/y;
/** A lead that names only its source: `AP - `, `The Motley Fool - `, `washingtonpost.com - `. */
const SOURCE_LEAD = /([\w][\w.&'’]*(?: [\w.&'’]+){0,3}) (?:-{1,2}|—|–) (?=\S)/y;
/** `(Buffalo, NY, October 18, 2004) -`: place and full date in one parenthesis. */
const PAREN_PLACE_DATE = new RegExp(String.raw`\(([^(),]+(?:, [^(),]+)?), (${MONTH})\s+(\d{1,2}),\s*(\d{4})\)`, 'iy');

// ── the reader ───────────────────────────────────────────────────────────────

class Cursor {
  pos = 0;
  constructor(readonly s: string) {}
  take(re: RegExp): RegExpExecArray | null {
    re.lastIndex = this.pos;
    const m = re.exec(this.s);
    if (m) this.pos = re.lastIndex;
    return m;
  }
}

function peek(c: Cursor, re: RegExp): boolean {
  re.lastIndex = c.pos;
  return re.test(c.s);
}

function monthNumber(name: string): number {
  return MONTHS[name.slice(0, 3).toLowerCase()];
}

function fullYear(y: string): number {
  const n = Number(y);
  return y.length === 2 ? (n < 70 ? 2000 + n : 1900 + n) : n;
}

const MONTH_WORD = new RegExp(`^${MONTH}$`, 'i');
function isMonthWord(word: string): boolean {
  return MONTH_WORD.test(word);
}

/** Run-in labels that open paragraphs the same way (`NOTE:`, `TAX RATES:`) are not places. */
const LABEL_WORDS = /\b(?:NOTE|NOTES|UPDATE|UPDATED|BREAKING|EXCLUSIVE|ANALYSIS|CORRECTION|CLARIFICATION|WARNING|SUMMARY|BACKGROUND|FACTBOX|FACTS|Q|A|QUESTION|ANSWER|EDITOR'?S|TIP|TIPS|WHAT|WHY|HOW|WHO|WHEN|WHERE)\b/;
function colonPlace(place: string): boolean {
  return place.length >= 4 && place.split(/\s+/).length <= 3 && !LABEL_WORDS.test(place);
}

/** Place words must hold two capitals and must not be a month (`AUGUST 18, 2004` is a date). */
function plausibleUpperPlace(place: string): boolean {
  const letters = place.replace(/[^A-ZÀ-ÖØ-Þ]/g, '');
  if (letters.length < 2) return false;
  const first = place.split(/[ /]/)[0];
  return !isMonthWord(first);
}

/** `(AP)`, `(Sports Network)`, `(dpa)`, `(newratings.com)` — but not `(pictured)` or `(left)`. */
function plausibleAgency(name: string): boolean {
  return /^[A-Z]/.test(name) || KNOWN_AGENCIES.has(name) || /^[\w-]+\.(?:com|net|org)$/i.test(name);
}

export interface DatelineContext {
  /** The source named in parentheses at the end of the headline (`… (AP)`), if any. */
  headlineSource?: string | null;
}

/** Reads a dateline off the start of a paragraph, or returns null. */
export function matchDateline(text: string, ctx: DatelineContext = {}): DatelineMatch | null {
  return (
    readSourcePrefixed(text, ctx) ??
    readSourceLead(text, ctx) ??
    readParenPlaceDate(text) ??
    readWireDateline(text, true) ??
    readWireDateline(text, false)
  );
}

/** The main wire shapes: [PLACE [, REGION]…] [DATE] [(AGENCY)] DASH. */
function readWireDateline(text: string, upper: boolean): DatelineMatch | null {
  const c = new Cursor(text);
  let place: string | null = null;
  let when: DatelineParts['when'] = null;
  let agency: string | null = null;

  // A date first means no place (`Nov 16 (Reuters) -`, `AUGUST 18, 2004 (IDG NEWS SERVICE) -`).
  const leadDate = c.take(MONTH_DAY);
  if (leadDate) {
    if (!upper) return null;
    when = { month: monthNumber(leadDate[1]), day: Number(leadDate[2]), year: leadDate[3] ? Number(leadDate[3]) : null };
  } else {
    const p = c.take(upper ? UPPER_PLACE : MIXED_PLACE);
    if (p) {
      if (upper && !plausibleUpperPlace(p[1])) return null;
      if (!upper && /^[A-ZÀ-ÖØ-Þ0-9'’.\-]+$/.test(p[1])) return null;
      place = p[1];
      // Regions, but never a month (`NEW YORK, Dec 6` is a date).
      for (let i = 0; i < 2; i++) {
        if (peek(c, MONTH_DAY)) break;
        const r = c.take(REGION);
        if (!r) break;
        place += ', ' + r[1];
      }
      // A region that lost its comma on the wire: `FARMINGTON Conn., March 9 -`.
      if (!place.includes(',') && !peek(c, MONTH_DAY)) {
        const r = c.take(BARE_STATE);
        if (r) place += ' ' + r[1];
      }
      const d = c.take(MONTH_DAY);
      if (d) when = { month: monthNumber(d[1]), day: Number(d[2]), year: d[3] ? Number(d[3]) : null };
    }
    const nd = c.take(NUMERIC_DATE);
    if (nd) when = { month: Number(nd[1]), day: Number(nd[2]), year: fullYear(nd[3]) };
  }
  const a = c.take(AGENCY_PAREN) ?? c.take(AGENCY_HALF_PAREN);
  if (a) {
    agency = a[1].replace(/\s+/g, ' ').trim();
    if (!plausibleAgency(agency)) return null;
  }
  if (!place && !when && !agency) return null;
  // An ordinary-case place needs a date or an agency to count (`Moscow, Russia (Sports Network) -`).
  if (!upper && !when && !agency) return null;
  const dashAt = c.pos;
  if (!c.take(DASH)) {
    if (!(upper && place && !when && !agency && colonPlace(place) && c.take(COLON))) return null;
  }
  return finish(text, c.pos, { place: place ? trimPlace(place) : null, agency, when }, dashAt);
}

/** `Canadian Press - OTTAWA (CP) -`: a source, then a full dateline with a place. */
function readSourcePrefixed(text: string, ctx: DatelineContext): DatelineMatch | null {
  const c = new Cursor(text);
  const m = c.take(SOURCE_PREFIX);
  if (!m) return null;
  const inner = readWireDateline(text.slice(c.pos), true);
  if (!inner || !inner.dateline.place) return null;
  void ctx;
  const raw = text.slice(0, c.pos) + inner.dateline.raw;
  return { dateline: { ...inner.dateline, agency: inner.dateline.agency ?? m[1], raw }, rest: inner.rest };
}

/** `(Buffalo, NY, October 18, 2004) -`. */
function readParenPlaceDate(text: string): DatelineMatch | null {
  const c = new Cursor(text);
  const m = c.take(PAREN_PLACE_DATE);
  if (!m) return null;
  const dashAt = c.pos;
  if (!c.take(DASH)) return null;
  const when = { month: monthNumber(m[2]), day: Number(m[3]), year: Number(m[4]) };
  return finish(text, c.pos, { place: m[1].trim(), agency: null, when }, dashAt);
}

/** `AP - `, `Reuters - `, or the source the headline names: `… (NewsFactor)` + `NewsFactor - `. */
function readSourceLead(text: string, ctx: DatelineContext): DatelineMatch | null {
  const c = new Cursor(text);
  const m = c.take(SOURCE_LEAD);
  if (!m) return null;
  const name = m[1];
  const known =
    KNOWN_AGENCIES.has(name) ||
    (ctx.headlineSource != null && ctx.headlineSource.toLowerCase() === name.toLowerCase()) ||
    /^[\w-]+\.(?:com|net|org|co\.uk)$/i.test(name);
  if (!known) return null;
  const raw = text.slice(0, c.pos).trimEnd();
  return { dateline: { place: null, agency: name, when: null, raw }, rest: text.slice(c.pos).trimStart() };
}

function finish(text: string, end: number, parts: Omit<DatelineParts, 'raw'>, dashAt: number): DatelineMatch | null {
  let rest = text.slice(end).trimStart();
  // A doubled dash on the wire (`2004) - - Buffalo's`) belongs to the dateline, not the text.
  const c = rest.charCodeAt(0);
  if (c === 0x2d || c === 0x2013 || c === 0x2014) rest = rest.replace(/^[-–—]+\s+/, '');
  if (!rest) return null;
  void dashAt;
  return { dateline: { place: parts.place, agency: parts.agency, when: parts.when, raw: text.slice(0, end).trim() }, rest };
}

function trimPlace(place: string): string {
  return place.replace(/[,\s]+$/, '').trim();
}

/** The source a feed headline credits at its end: `Ky. Company Wins Grant (AP)` → `AP`. */
export function headlineSource(headline: string): string | null {
  const m = /\(([^()]{2,40})\)\s*$/.exec(headline);
  return m ? m[1].trim() : null;
}
