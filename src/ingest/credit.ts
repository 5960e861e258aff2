// Photo credits: finding the credit in a caption block and splitting it off. Each house style is
// a named pattern; the unmarked styles (`… on Saturday MIKHAIL KLIMENTYEV/SPUTNIK/KREML / EPA`)
// go through a small grammar of credit segments instead of one large regex.
//
// Every block of every article is tried as a caption, and nearly all are body paragraphs. So each
// pattern has a guard in front of it: a cheap look at the block (does it end in `)`, hold a `©`,
// hold a marker word at all?) that is true whenever the pattern could match. A guard only ever
// skips a regex that would have failed; what a pattern finds is unchanged.
import { isSpace, lastNonSpace, lastWord, moreWordsThan } from './scan.js';

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

// What the grammar asks of a word depends on the word alone, and the words it is asked about
// repeat: agencies, photographers, the last words of paragraphs. So each word's answers are worked
// out together, once, as bits, and remembered.
const CAPS = 1;
const TITLE = 2;
const INITIALS = 4;
const NUMBER = 8;
const AGENCY = 16;
const ONE_CAPITAL = 32;
const PARTICLE = 64;
const HYPHENATED = 128;
const PHRASE = 256;
const SEPARATES = 512;
/** mayEndCredit's answer. */
const MAY_END = 1024;
/** endsSentence's answer. */
const ENDS_SENTENCE = 2048;
/** mayBeCreditWord's answer, from the bits: what any rule of isSegment lets in. */
const CREDIT_WORD = CAPS | TITLE | INITIALS | NUMBER | AGENCY | ONE_CAPITAL | PARTICLE | HYPHENATED | PHRASE;

/** The bits of a word (a token between spaces, or a part of one between slashes). */
function kindsOf(w: string): number {
  if (w.length > MAX_REMEMBERED) return workOutKinds(w);
  let kinds = wordKinds.get(w);
  if (kinds === undefined) {
    kinds = workOutKinds(w);
    if (wordKinds.size >= 4096) wordKinds.clear();
    // A copy as the key: V8 makes a substring of 13 or more characters a view of the whole text.
    wordKinds.set(w.length < 13 ? w : (w + ' ').slice(0, -1), kinds);
  }
  return kinds;
}
const wordKinds = new Map<string, number>();
/** Longer tokens are not words a credit is made of: they are worked out each time. */
const MAX_REMEMBERED = 40;

function workOutKinds(w: string): number {
  let kinds = (isAgencyWord(w) ? AGENCY : 0) | (NAME_PARTICLE.test(w) ? PARTICLE : 0) | (PHRASE_WORD.test(w) ? PHRASE : 0) | (SEPARATOR.test(w) ? SEPARATES : 0);
  // The other bits all want a capital or a digit first (ABBREVIATION and INITIAL too): a
  // lower-case word (most last words of paragraphs) has none of them.
  const c = w.charCodeAt(0);
  const lower = c >= 0x61 && c <= 0x7a;
  if (!lower)
    kinds |=
      (isCapsWord(w) ? CAPS : 0) |
      (isTitleWord(w) ? TITLE : 0) |
      (INITIAL.test(w) ? INITIALS : 0) |
      (/^\d+$/.test(w) ? NUMBER : 0) |
      (/^[A-ZÀ-Þ]$/.test(w) ? ONE_CAPITAL : 0) |
      (/^[A-ZÀ-Þ][\p{L}-]*-[\p{L}-]+$/u.test(w) ? HYPHENATED : 0);
  if (/[.!?…:;"”’)»]$/.test(w) && (lower || (!ABBREVIATION.test(w) && !INITIAL.test(w)))) kinds |= ENDS_SENTENCE;
  // A token with slashes may end a credit when it separates, or when every part is a credit word.
  if (!w.includes('/')) {
    if (kinds & (SEPARATES | CREDIT_WORD) || w === '') kinds |= MAY_END;
  } else if (kinds & SEPARATES || !w.split('/').some((p) => p !== '' && !mayBeCreditWord(p))) kinds |= MAY_END;
  return kinds;
}

/** `picture alliance`, `Getty Images`: only ever two words, so only two words are joined to look. */
function isAgencyPhrase(words: string[]): boolean {
  // Each word of every phrase is a phrase word (PHRASE_WORD): the phrases are tried only then.
  if (words.length !== 2 || !(kindsOf(words[0]) & PHRASE) || !(kindsOf(words[1]) & PHRASE)) return false;
  return AGENCY_PHRASES.some((p) => p.test(words.join(' ')));
}

/**
 * One credit segment (between `/`, `|`, `–`, `via`): upper-case words first (`AFP PHOTO`,
 * `APEC 2017`), then title-case words (`National Committee`, `Kevin S. Vineys`). Title then
 * upper case (`Merz REUTERS`) is not one segment: the credit starts at the capitals.
 */
function isSegment(words: string[]): boolean {
  if (words.length === 0 || words.length > 5) return false;
  if (isAgencyPhrase(words)) return true;
  let seenTitle = false;
  for (let i = 0; i < words.length; i++) {
    const k = kindsOf(words[i]);
    if (k & CAPS && !(k & INITIALS)) {
      if (seenTitle) return false;
    } else if (k & (TITLE | INITIALS | NUMBER | AGENCY) || (seenTitle && k & ONE_CAPITAL)) {
      seenTitle = seenTitle || !(k & AGENCY);
    } else if (i > 0 && k & PARTICLE) {
      // `Ana de Armas`
    } else if (k & HYPHENATED) {
      seenTitle = true; // `PR-Video`
    } else return false;
  }
  return true;
}

function allSegments(segs: string[][]): boolean {
  for (let i = 0; i < segs.length; i++) if (!isSegment(segs[i])) return false;
  return true;
}

/** Words of agency phrases that no other rule of isSegment lets in (`picture alliance`). */
const PHRASE_WORD = /^(?:picture|alliance|associated|press|association|getty|images)$/i;

/** False when isSegment refuses any segment holding this word, wherever it stands. */
function mayBeCreditWord(w: string): boolean {
  // A lower-case word can only be an agency word, a particle or a phrase word: the other bits
  // all want a capital or a digit first.
  return (kindsOf(w) & CREDIT_WORD) !== 0;
}

/** Splits a token list on credit separators; tokens that hold a `/` are split too. */
function segmentsOf(tokens: string[]): string[][] | null {
  const segs: string[][] = [[]];
  for (let t = 0; t < tokens.length; t++) {
    const tok = tokens[t];
    if (kindsOf(tok) & SEPARATES) {
      if (segs[segs.length - 1].length === 0) return null;
      segs.push([]);
      continue;
    }
    if (!tok.includes('/')) {
      if (tok) segs[segs.length - 1].push(tok);
      continue;
    }
    const parts = tok.split('/');
    for (let i = 0; i < parts.length; i++) {
      if (i > 0) segs.push([]);
      if (parts[i]) segs[segs.length - 1].push(parts[i]);
    }
  }
  for (let i = 0; i < segs.length; i++) if (segs[i].length === 0) return null;
  return segs;
}

/** False when a token cannot stand in a credit's tail: a word no segment accepts (a separator may). */
function mayEndCredit(token: string): boolean {
  return (kindsOf(token) & MAY_END) !== 0;
}

function endsSentence(token: string): boolean {
  return (kindsOf(token) & ENDS_SENTENCE) !== 0;
}

/** Space that is not one space between two words: at either end, other than U+0020, or doubled. */
const IRREGULAR_SPACE = /^\s|\s$|[^\S ]| {2}/;

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
  // A block whose only spaces are single ones between words (as splitBlocks joins lines) splits
  // on them without a pattern, and its caption is its text before the credit.
  const plain = !IRREGULAR_SPACE.test(block);
  const tokens = plain ? block.split(' ') : block.split(/\s+/).filter(Boolean);
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
    if (kindsOf(tail[0]) & SEPARATES) continue;
    const segs = segmentsOf(tail);
    if (!segs || !allSegments(segs)) continue;
    const afterSentence = endsSentence(tokens[i - 1]);
    const lastPrev = tokens[i - 1];
    if (segs.length === 1) {
      // One bare word or name after prose is only believable under a short caption.
      if (block.length > MAX_SHORT_CAPTION) continue;
      const words = segs[0];
      const agency = words.some((w) => (kindsOf(w) & AGENCY) !== 0) || isAgencyPhrase(words);
      // `Einsatz mit Atemschutzmasken WDR` — but `JETSETTER TO CONVICT` is a heading, not a caption.
      const captionWords = tokens.slice(0, i);
      const capsAfterBareCaption =
        words.every((w) => (kindsOf(w) & CAPS) !== 0) && words.length <= 3 && !endsSentence(lastPrev) && captionWords.length >= 2 && captionWords.some((w) => /\p{Ll}/u.test(w));
      const standAlone = afterSentence && words.length <= 3 && words.some((w) => (kindsOf(w) & TITLE) !== 0);
      if (!(agency || capsAfterBareCaption || standAlone)) continue;
      // A body sentence that ends in an agency's name ends with a full stop: `… told Reuters.`
      if (/[.!?]$/.test(words[words.length - 1]) && !ABBREVIATION.test(words[words.length - 1])) continue;
    }
    if (/[,;:]$/.test(lastPrev) && !afterSentence) continue;
    const credit = tail.join(' ');
    return { caption: plain ? block.slice(0, block.length - credit.length - 1) : tokens.slice(0, i).join(' '), credit };
  }
  return null;
}

// ── public ───────────────────────────────────────────────────────────────────

/** `Anett Seidler | Anett Seidler` → `Anett Seidler`: some CMSs print the credit twice. */
function dedupeCredit(credit: string): string {
  if (!credit.includes('|')) return credit;
  const parts = credit.split(/\s+\|\s+/);
  if (parts.length === 2 && parts[0].toLowerCase() === parts[1].toLowerCase()) return parts[0];
  return credit;
}

function tidyCaption(s: string): string | null {
  // The pattern can only take something off a caption that ends in one of its characters.
  const last = s.charCodeAt(s.length - 1);
  const untidy = isSpace(last) || last === 0x7c || last === 0x2c || last === 0x3b || last === 0xb7 || last === 0x2013 || last === 0x2d;
  const t = (untidy ? s.replace(/[\s|,;·–-]+$/, '') : s).trim();
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
export function markedCredit(block: string, mayHoldMark = true): CaptionParts | null {
  const closes = lastNonSpace(block) === ')';
  const bbc = block.startsWith('Image copyright');
  // `mayHoldMark` false: the caller has looked, and ANY_MARK would find nothing.
  if (!closes && !bbc && !(mayHoldMark && ANY_MARK.test(block))) return null;
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
  if (last !== '）' && last !== ')') return null;
  const word = block.slice(-3, -1);
  if (word !== '提供' && word !== '撮影') return null;
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
  if (!segs || segs.length > 4 || !allSegments(segs) || moreWordsThan(inner, 6)) return null;
  return { caption: m[1].trim(), credit: inner };
}

/** What creditOnly takes off before it looks for a full stop: a block may end in `Jr.`. */
const ABBREVIATED_END = /(?:Jr|Sr|St|Zvg|Inc|Ltd)\.$/;

/** A block that is nothing but a credit: `Getty Images`, `REX/Shutterstock`, `Fredrik Persson/AP`. */
export function creditOnly(block: string): string | null {
  const t = block.trim();
  // Ending like a sentence, it is none (the test below, without its regular expressions): most
  // blocks are paragraphs, and end so.
  const last = t.charCodeAt(t.length - 1);
  if (last === 0x21 || last === 0x3f || last === 0x3a || last === 0x3b) return null; // ! ? : ;
  if (last === 0x2e && !ABBREVIATED_END.test(t.slice(-4))) return null;
  if (moreWordsThan(t, 8) || /[.!?:;]$/.test(t.replace(/\b(?:Jr|Sr|St|Zvg|Inc|Ltd)\.$/, ''))) return null;
  const segs = segmentsOf(t.split(/\s+/));
  if (!segs || !allSegments(segs)) return null;
  const all = segs.flat();
  const agency = all.some((w) => (kindsOf(w) & AGENCY) !== 0);
  if (segs.length >= 2 && agency) return t;
  if (segs.length >= 2 && segs.every((s) => s.length <= 4) && /\//.test(t)) return t;
  if (segs.length === 1 && agency && all.length <= 4) return t;
  return null;
}
