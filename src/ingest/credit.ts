// Photo credits: finding the credit in a caption block and splitting it off. Each house style is
// a named pattern; the unmarked styles (`… on Saturday MIKHAIL KLIMENTYEV/SPUTNIK/KREML / EPA`)
// go through a small grammar of credit segments instead of one large regex.
//
// Every block of every article is tried as a caption, and nearly all are body paragraphs. So each
// pattern has a guard in front of it: a cheap look at the block (does it end in `)`, hold a `©`,
// hold a marker word at all?) that is true whenever the pattern could match. A guard only ever
// skips a regex that would have failed; what a pattern finds is unchanged.
import { lastNonSpace, lastWord, moreWordsThan } from './scan.js';

export interface CaptionParts {
  caption: string | null;
  credit: string | null;
}

/** Words that only ever appear in credits: agencies, picture services, and their glue. */
const AGENCY_WORDS = new Set(
  [
    'ap', 'afp', 'reuters', 'epa', 'efe', 'getty', 'images', 'shutterstock', 'rex', 'imago', 'dpa', 'sputnik',
    'bloomberg', 'xinhua', 'anadolu', 'keystone', 'apa', 'ntb', 'aap', 'sipa', 'istock', 'istockphoto', 'alamy',
    'nurphoto', 'sopa', 'zuma', 'ddp', 'epd', 'kna', 'kyodo', 'yonhap', 'ansa', 'tass', 'wireimage', 'filmmagic',
    'pool', 'handout', 'picture-alliance', 'backgrid', 'eyevine', 'polaris', 'redux', 'corbis', 'mirrorpix', 'pa',
    'tt', 'scanpix', 'belga', 'anp', 'lusa', 'kyodonews', 'upi', 'photothek', 'stock', 'dts', 'kna',
  ].map((w) => w.toLowerCase()),
);
/** Phrases of more than one word that start credits: `picture alliance / dpa`. */
const AGENCY_PHRASES = [/^picture alliance$/i, /^associated press$/i, /^press association$/i, /^getty images$/i];

// ── marked credits ────────────────────────────────────────────────────────────

/** The words that introduce a credit, in the languages of the sources we read. */
const MARKER = String.raw`(?:Photo(?:graph|s)?|Picture|Image|Pics?|Foto(?:s)?|Bild(?:er)?|Credit|Quelle|Crédit|Zdjęcie|Fot\.)`;

/**
 * What every marked style but BBC_IMAGE and PAREN_AGENCY_PHOTO (both found at the block's ends)
 * needs, looked for in one pass: a `:` (PAREN_MARKER, COLON_MARKER, `Photo: `), a `©`, `Pic/`, or
 * BY_MARKER's `by`, `von` or `par` before a space. Body paragraphs seldom have any.
 */
const ANY_MARK = /[©Ⓒ:]|(?:by|von|par)(?=\s)|Pics?\//i;
/** Any marker word, wherever it stands: COLON_MARKER needs one. */
const MARKER_WORD = new RegExp(MARKER);
/** BY_MARKER's words: it needs one of them. */
const BY_MARKER_WORD = /photo|picture|image|foto/i;

/** AP style `(AP Photo/Morry Gash)`, Reuters `(REUTERS/Name)` in parentheses at the end. */
const PAREN_AGENCY_PHOTO = /\s*\(\s*((?:[A-Z][\w.]*\s+)?Photo\s*\/\s*[^()]+?)\s*\)\s*$/;
/** Metro/Mirror `(Picture: Name/Agency)`, Daily Star `(Image: Agency)`, t-online `(Quelle: …)`; closing paren sometimes lost. */
const PAREN_MARKER = new RegExp(String.raw`\s*\(\s*${MARKER}\s*:\s*([^()]+?)\s*\)?\s*$`);
/** `Photo: Name/Agency`, Guardian `Photograph: …`, Bild `Foto: …`, Liechtenstein `| Foto: Zvg.`, `, Foto: LAT Images`. */
const COLON_MARKER = new RegExp(String.raw`(?:^|[\s|,.;·–-])${MARKER}\s*:\s*(.+)$`);
/** Postmedia/Bloomberg `Photo by Name / Agency`, `(Photo by Name/Agency)`, mid-day `Pics/Getty Images`. */
const BY_MARKER = /(?:^|[\s(|])(?:Photo(?:graph)?s?|Pictures?|Images?|Foto)\s+(?:by|von|par|:)\s+([^()]+?)\)?\s*$/i;
const SLASH_MARKER = /(?:^|\s)Pics?\/([^/].+)$/;
/** German/Austrian `© DPA Images | Name`, `© imago/Name`. */
const COPYRIGHT = /(?:^|\s)[©Ⓒ]\s*(.+)$/;
/** BBC web pages: `Image copyright Getty Images Image caption …`. */
const BBC_IMAGE = /^Image copyright\s+(.+?)\s+Image caption\s+(.+)$/;

/** Captions credited with a single unmarked name (`… gelöscht. Truth Social`) are short. */
const MAX_SHORT_CAPTION = 300;

/** The longest credit we believe: anything longer is prose that happens to contain a marker. */
const MAX_CREDIT_WORDS = 14;

// ── the unmarked credit grammar ──────────────────────────────────────────────

const SEPARATOR = /^(?:\/|\||–|—|-|via|for|&)$/i;
const INITIAL = /^(?:[A-ZÀ-Þ]\.)+$/;
const NAME_PARTICLE = /^(?:de|da|do|dos|van|von|der|den|del|della|di|la|le|bin|al|el|ter|zu)$/;
const ABBREVIATION = /^(?:Jr|Sr|St|Dr|Co|Inc|Ltd|Corp|Zvg)\.$/;

const ROMAN = /^(?:I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII)$/;
function isCapsWord(t: string): boolean {
  // `EPA`, `KLIMENTYEV`, `APEC`, `2017`, `N.Y.` — but not `I`, `II.''` or `LOL.`.
  if (!/^[A-ZÀ-Þ0-9][A-ZÀ-Þ0-9.'’&\-]*$/.test(t) || !/[A-ZÀ-Þ]/.test(t)) return false;
  if (/['’]$/.test(t) || (/\.$/.test(t) && !/\..*\.$/.test(t))) return false;
  return !ROMAN.test(t) && t.replace(/[^A-ZÀ-Þ]/g, '').length >= 2;
}
function isTitleWord(t: string): boolean {
  // `Vineys`, `O'Neill`, `Schmitt`, `R.Schmitt`, `Jr.` — but not `Ireland's` or `Shamir.''`.
  if (/['’]s$/.test(t)) return false;
  return (/^[A-ZÀ-Þ][\p{Ll}\p{Lu}'’\-]*$/u.test(t) || ABBREVIATION.test(t) || /^(?:[A-Z]\.)+[A-Z][\p{Ll}]+$/u.test(t)) && /\p{Ll}/u.test(t);
}
function isAgencyWord(t: string): boolean {
  // The word without one trailing `.` or `,` (what `/[.,]$/` took off).
  const w = t.toLowerCase();
  const last = w.charCodeAt(w.length - 1);
  return AGENCY_WORDS.has(last === 0x2e || last === 0x2c ? w.slice(0, -1) : w);
}

/**
 * One credit segment (between `/`, `|`, `–`, `via`): upper-case words first (`AFP PHOTO`,
 * `APEC 2017`), then title-case words (`National Committee`, `Kevin S. Vineys`). Title then
 * upper case (`Merz REUTERS`) is not one segment: the credit starts at the capitals.
 */
function isSegment(words: string[]): boolean {
  if (words.length === 0 || words.length > 5) return false;
  if (AGENCY_PHRASES.some((p) => p.test(words.join(' ')))) return true;
  let seenTitle = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (isCapsWord(w) && !INITIAL.test(w)) {
      if (seenTitle) return false;
    } else if (isTitleWord(w) || INITIAL.test(w) || /^\d+$/.test(w) || isAgencyWord(w) || (seenTitle && /^[A-ZÀ-Þ]$/.test(w))) {
      seenTitle = seenTitle || !isAgencyWord(w);
    } else if (i > 0 && NAME_PARTICLE.test(w)) {
      // `Ana de Armas`
    } else if (/^[A-ZÀ-Þ][\p{L}-]*-[\p{L}-]+$/u.test(w)) {
      seenTitle = true; // `PR-Video`
    } else return false;
  }
  return true;
}

/** Words of agency phrases that no other rule of isSegment lets in (`picture alliance`). */
const PHRASE_WORD = /^(?:picture|alliance|associated|press|association|getty|images)$/i;

/** False when isSegment refuses any segment holding this word, wherever it stands. */
function mayBeCreditWord(w: string): boolean {
  // Every other test below wants a capital or a digit first: a lower-case word is decided here.
  const c = w.charCodeAt(0);
  if (c >= 0x61 && c <= 0x7a) return isAgencyWord(w) || NAME_PARTICLE.test(w) || PHRASE_WORD.test(w);
  return (
    isCapsWord(w) ||
    isTitleWord(w) ||
    INITIAL.test(w) ||
    /^\d+$/.test(w) ||
    isAgencyWord(w) ||
    /^[A-ZÀ-Þ]$/.test(w) ||
    NAME_PARTICLE.test(w) ||
    /^[A-ZÀ-Þ][\p{L}-]*-[\p{L}-]+$/u.test(w) ||
    PHRASE_WORD.test(w)
  );
}

/** Splits a token list on credit separators; tokens that hold a `/` are split too. */
function segmentsOf(tokens: string[]): string[][] | null {
  const segs: string[][] = [[]];
  for (const tok of tokens) {
    if (SEPARATOR.test(tok)) {
      if (segs[segs.length - 1].length === 0) return null;
      segs.push([]);
      continue;
    }
    const parts = tok.split('/');
    parts.forEach((p, i) => {
      if (i > 0) segs.push([]);
      if (p) segs[segs.length - 1].push(p);
    });
  }
  if (segs.some((s) => s.length === 0)) return null;
  return segs;
}

/** False when a token cannot stand in a credit's tail: a word no segment accepts (a separator may). */
function mayEndCredit(token: string): boolean {
  if (!token.includes('/')) return SEPARATOR.test(token) || token === '' || mayBeCreditWord(token);
  return SEPARATOR.test(token) || !token.split('/').some((p) => p !== '' && !mayBeCreditWord(p));
}

function endsSentence(token: string): boolean {
  return /[.!?…:;"”’)»]$/.test(token) && !ABBREVIATION.test(token) && !INITIAL.test(token);
}

/**
 * Finds an unmarked credit at the end of a caption: the longest tail of the block that reads as
 * credit segments. Several segments (`Name/Agency`, `AFP – Getty Images`) are enough; a single
 * one must be an agency (`dpa`, `Getty Images`), or stand alone after a full sentence
 * (`… gelöscht. Truth Social`), or be upper case after a caption with no full stop (`… WDR`).
 */
export function unmarkedCredit(block: string): CaptionParts | null {
  // The search below stops at once when the last word could not be in a credit (`debate.`):
  // most paragraphs end in such a word, and are done with before the block is split into words.
  if (!mayEndCredit(lastWord(block))) return null;
  const tokens = block.split(/\s+/).filter(Boolean);
  if (tokens.length < 2) return null;
  // A credit is at most MAX_CREDIT_WORDS tokens, and cannot hold a word no segment accepts
  // (`debate.`, `the`): the search starts after the last such word of the block's tail. Most
  // body paragraphs end in one, and are done with here.
  let start = Math.max(1, tokens.length - MAX_CREDIT_WORDS);
  for (let j = tokens.length - 1; j >= start; j--) {
    if (!mayEndCredit(tokens[j])) {
      start = j + 1;
      break;
    }
  }
  for (let i = start; i < tokens.length; i++) {
    const tail = tokens.slice(i);
    if (SEPARATOR.test(tail[0])) continue;
    const segs = segmentsOf(tail);
    if (!segs || !segs.every(isSegment)) continue;
    const afterSentence = endsSentence(tokens[i - 1]);
    const lastPrev = tokens[i - 1];
    if (segs.length === 1) {
      // One bare word or name after prose is only believable under a short caption.
      if (block.length > MAX_SHORT_CAPTION) continue;
      const words = segs[0];
      const agency = words.some(isAgencyWord) || AGENCY_PHRASES.some((p) => p.test(words.join(' ')));
      // `Einsatz mit Atemschutzmasken WDR` — but `JETSETTER TO CONVICT` is a heading, not a caption.
      const captionWords = tokens.slice(0, i);
      const capsAfterBareCaption =
        words.every(isCapsWord) && words.length <= 3 && !endsSentence(lastPrev) && captionWords.length >= 2 && captionWords.some((w) => /\p{Ll}/u.test(w));
      const standAlone = afterSentence && words.length <= 3 && words.some(isTitleWord);
      if (!(agency || capsAfterBareCaption || standAlone)) continue;
      // A body sentence that ends in an agency's name ends with a full stop: `… told Reuters.`
      if (/[.!?]$/.test(words[words.length - 1]) && !ABBREVIATION.test(words[words.length - 1])) continue;
    }
    if (/[,;:]$/.test(lastPrev) && !afterSentence) continue;
    return { caption: tokens.slice(0, i).join(' '), credit: tail.join(' ') };
  }
  return null;
}

// ── public ───────────────────────────────────────────────────────────────────

/** `Anett Seidler | Anett Seidler` → `Anett Seidler`: some CMSs print the credit twice. */
function dedupeCredit(credit: string): string {
  const parts = credit.split(/\s+\|\s+/);
  if (parts.length === 2 && parts[0].toLowerCase() === parts[1].toLowerCase()) return parts[0];
  return credit;
}

function tidyCaption(s: string): string | null {
  const t = s.replace(/[\s|,;·–-]+$/, '').trim();
  return t ? t : null;
}

function made(caption: string, credit: string): CaptionParts | null {
  const c = dedupeCredit(credit.trim().replace(/^[:\s]+/, ''));
  if (!c || moreWordsThan(c, MAX_CREDIT_WORDS)) return null;
  return { caption: tidyCaption(caption), credit: c };
}

/**
 * A credit introduced by a marker (`Photo:`, `(AP Photo/…)`, `©`, `Foto:`, `Photo by`), or null.
 * Works on whole caption blocks and on credit-only blocks (`Photo by ipopba / Getty Images`).
 */
export function markedCredit(block: string): CaptionParts | null {
  const closes = lastNonSpace(block) === ')';
  const bbc = block.startsWith('Image copyright');
  if (!closes && !bbc && !ANY_MARK.test(block)) return null;
  // Both parenthesised styles take the block's last `(` (nothing inside them is a parenthesis),
  // and BY_MARKER's credit runs to the end without one: their markers stand after it.
  const lastOpen = block.lastIndexOf('(');
  let m = bbc ? BBC_IMAGE.exec(block) : null;
  if (m) return { caption: m[2].trim(), credit: m[1].trim() };
  m = closes && block.includes('Photo', lastOpen) ? PAREN_AGENCY_PHOTO.exec(block) : null;
  if (m) return made(block.slice(0, m.index), m[1]);
  m = lastOpen >= 0 && block.includes(':', lastOpen) ? PAREN_MARKER.exec(block) : null;
  if (m) return made(block.slice(0, m.index), stripMarker(m[1]));
  m = BY_MARKER_WORD.test(lastOpen > 0 ? block.slice(lastOpen) : block) ? BY_MARKER.exec(block) : null;
  if (m) return made(block.slice(0, m.index), m[1]);
  m = block.includes('©') || block.includes('Ⓒ') ? COPYRIGHT.exec(block) : null;
  if (m) return made(block.slice(0, m.index), m[1]);
  m = block.includes('Pic/') || block.includes('Pics/') ? SLASH_MARKER.exec(block) : null;
  if (m) return made(block.slice(0, m.index), m[1]);
  m = block.includes(':') && MARKER_WORD.test(block) ? COLON_MARKER.exec(block) : null;
  if (m) {
    const credit = stripMarker(m[1]);
    // Salzburg style `Bild: SN/APA/NAME Caption…`: the credit leads, the caption follows it.
    if (m.index === 0) {
      const lead = leadingCredit(credit);
      if (lead) return lead;
    }
    return made(block.slice(0, m.index), credit);
  }
  return null;
}

/** `Bild: SN/APA/KEYSTONE/CYRIL ZINGARO Nationaler Trauertag…`: capitals and slashes, then the caption. */
function leadingCredit(text: string): CaptionParts | null {
  const m = /^((?:[A-ZÀ-Þ0-9][A-ZÀ-Þ0-9.'’&\-]*(?:\s*\/\s*|\s+))*[A-ZÀ-Þ0-9][A-ZÀ-Þ0-9.'’&\-]*)\s+(?=[A-ZÀ-Þ][\p{Ll}])(.+)$/u.exec(text);
  if (!m || !m[1].includes('/')) return null;
  return { caption: m[2].trim(), credit: m[1].trim() };
}

const LEADING_MARKER = new RegExp(String.raw`^${MARKER}\s*:\s*`);

/** `Foto: Bild: SN/…` → `SN/…`: a second marker inside the first. */
function stripMarker(s: string): string {
  return s.replace(LEADING_MARKER, '').trim();
}

/** Japanese papers: `…技官（警視庁提供）` — the photo was provided by (提供) the named body. */
const JAPANESE_COURTESY = /^(.+?)[（(]([^（）()]{1,30}?)(?:提供|撮影)[）)]$/;

export function japaneseCredit(block: string): CaptionParts | null {
  const last = block[block.length - 1];
  const word = block.slice(-3, -1);
  if (!((last === '）' || last === ')') && (word === '提供' || word === '撮影'))) return null;
  const m = JAPANESE_COURTESY.exec(block);
  return m ? { caption: m[1].trim(), credit: m[2].trim() } : null;
}

const PAREN_CREDIT = /^(.*[.!?…"”’])\s*\(([^()]{2,60})\)$/;

/** A trailing `(AP)`, `(Christie's)`, `(Fred Scheiber/SIPA)` after a full caption sentence. */
export function parenCredit(block: string): CaptionParts | null {
  // The parenthesis is the block's last one, closes it, and holds 2 to 60 characters.
  if (!block.endsWith(')')) return null;
  const open = block.lastIndexOf('(');
  const inside = block.length - 2 - open;
  if (open < 0 || inside < 2 || inside > 60) return null;
  const m = PAREN_CREDIT.exec(block);
  if (!m) return null;
  const inner = m[2].trim();
  // Here a possessive is a name (`Christie's`): the parenthesis already marks the credit.
  const segs = segmentsOf(inner.replace(/['’]s\b/g, '').split(/\s+/));
  if (!segs || segs.length > 4 || !segs.every(isSegment) || moreWordsThan(inner, 6)) return null;
  return { caption: m[1].trim(), credit: inner };
}

/** A block that is nothing but a credit: `Getty Images`, `REX/Shutterstock`, `Fredrik Persson/AP`. */
export function creditOnly(block: string): string | null {
  const t = block.trim();
  if (moreWordsThan(t, 8) || /[.!?:;]$/.test(t.replace(/\b(?:Jr|Sr|St|Zvg|Inc|Ltd)\.$/, ''))) return null;
  const segs = segmentsOf(t.split(/\s+/));
  if (!segs || !segs.every(isSegment)) return null;
  const all = segs.flat();
  if (segs.length >= 2 && all.some(isAgencyWord)) return t;
  if (segs.length >= 2 && segs.every((s) => s.length <= 4) && /\//.test(t)) return t;
  if (segs.length === 1 && all.some(isAgencyWord) && all.length <= 4) return t;
  return null;
}
