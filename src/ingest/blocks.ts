// The block classifier: decides what each blank-line-separated block of wire text is — body
// paragraph, dateline paragraph, dek, sub-heading, photo block, byline, editor's note. Wire copy
// is almost all body; web pages add deks, sub-headings and photo blocks. Every rule below names
// the layout it serves, and rules about position (a dek is first, a sub-heading sits between
// paragraphs) are kept apart from rules about the text itself.
import type { Person } from '../model/index.js';
import { mergePeople, parseByline, parseRoleCredits, splitTrailingRoleCredits } from './byline.js';
import { creditOnly, japaneseCredit, markedCredit, parenCredit, unmarkedCredit, type CaptionParts } from './credit.js';
import { headlineSource, matchDateline, type DatelineMatch, type DatelineParts } from './dateline.js';
import { isNote } from './notes.js';

export interface Block {
  /** The block's lines joined by single spaces. */
  text: string;
  /** 1-based line of the file where the block starts. */
  line: number;
  /** False when a look at the bytes found nothing markedCredit's first test could (see byte-scan.ts). */
  mayHoldMark: boolean;
}

export interface PhotoBlock {
  title: string | null;
  caption: string | null;
  credit: string | null;
  /** The block stood before body[before]. */
  before?: number;
}

export interface ClassifiedBody {
  dateline: DatelineParts | null;
  byline: Person[];
  dek: string | null;
  body: string[];
  /** Sub-headings, each standing before body[before]. */
  headings: { before: number; text: string }[];
  media: PhotoBlock[];
  notes: string[];
}

/**
 * What a block is. Every kind has the same fields, in the same order (the unused ones null), so
 * the engine sees one object shape wherever kinds are read; mixed shapes made the optimised
 * classifier throw itself away and recompile several times in the first thousand articles.
 */
type Kind =
  | { kind: 'text' | 'note'; people: null; title: null; parts: null }
  | { kind: 'byline'; people: Person[]; title: null; parts: null }
  | { kind: 'image'; people: null; title: string; parts: null }
  | { kind: 'photo'; people: null; title: null; parts: CaptionParts };

/** The kinds that carry nothing but their name: one object each, read and never changed. */
const TEXT: Kind = { kind: 'text', people: null, title: null, parts: null };
const NOTE: Kind = { kind: 'note', people: null, title: null, parts: null };

/** The opening block's dateline match, once storyKind has read it (undefined until then). */
interface Seen {
  dateline: DatelineMatch | null | undefined;
}

/** A caption is a few lines under a picture; longer blocks with a marker in them are prose. */
const MAX_CAPTION_CHARS = 600;
/** A sub-heading is a line, not a paragraph. */
const MAX_HEADING_CHARS = 120;
const MAX_HEADING_WORDS = 16;
/** A dek (standfirst) is a sentence or two. */
const MAX_DEK_CHARS = 400;
/** Without a photo to set it off, a standfirst is short and clearly shorter than the lede. */
const MAX_STANDFIRST_CHARS = 300;
const STANDFIRST_RATIO = 0.6;

/** A key-point bullet line. */
const BULLET = /^[*•·]\s+\S/;

/** Ends like a sentence (or a quotation, or a parenthesis closing one). */
const SENTENCE_END = /[.!?…"”’'»)\]。！？」』]$/;

// ── what a block is by its own text ──────────────────────────────────────────

/** NBC/NewsNation scrape: `Image: X Image: X` — the same title twice, or once. */
function imageTitle(text: string): string | null {
  if (!text.startsWith('Image:')) return null;
  const m = /^Image:\s+(.+)$/.exec(text);
  if (!m) return null;
  const body = m[1];
  const halves = body.split(/\s+Image:\s+/);
  if (halves.length === 2 && halves[0].trim() === halves[1].trim()) return halves[0].trim();
  return halves[0].trim();
}

function photoParts(text: string, mayHoldMark: boolean): CaptionParts | null {
  if (text.length > MAX_CAPTION_CHARS) return null;
  const only = creditOnly(text);
  if (only) return { caption: null, credit: stripCreditMarker(only) };
  return markedCredit(text, mayHoldMark) ?? parenCredit(text) ?? japaneseCredit(text) ?? unmarkedCredit(text);
}

function stripCreditMarker(s: string): string {
  return s.replace(/^(?:Photo(?:graph)?s?|Foto|Bild)\s*(?:by|:)\s*/i, '');
}

/**
 * How every note, byline and image label opens, after any leading space, as one test: the
 * openings of isNote's four patterns, parseByline's `By`, parseRoleCredits' `(`, `;` or role word,
 * and imageTitle's `Image:`, all without regard to case (so it lets through more than they take,
 * never less). A body paragraph seldom opens so, and is done with here by one anchored look
 * instead of four readers each trimming the block and trying their patterns.
 */
const LABEL_OPENING =
  /^\s*(?:[([*;]|by|image:|ed|note|correct|clarification|anmerkung|hinweis|korrektur|rectificatif|sprostowanie|refiles|adds|updates|an earlier version|this (?:article|story|report)|diese meldung|additional|reporting|writing|editing|compil|graphics|photos|research|translat|produc|sub|text)/i;

/** A note, byline or image label: what a block is wherever it stands, or null. */
function labelKind(text: string): Kind | null {
  if (!LABEL_OPENING.test(text)) return null;
  // (Every reader in turn, even for `Image:` and `By` blocks, which only one of them takes: a
  // reader that runs only for rare blocks would throw the optimised classifier away, to be
  // compiled again, at the first such block — which costs more than the readers ever do.)
  if (isNote(text)) return NOTE;
  const by = parseByline(text) ?? parseRoleCredits(text);
  if (by) return { kind: 'byline', people: by, title: null, parts: null };
  const title = imageTitle(text);
  if (title) return { kind: 'image', people: null, title, parts: null };
  return null;
}

/** Any other block: a photo caption, or text. The opening block's dateline match (if it was read) is kept in `seen`. */
function storyKind(text: string, mayHoldMark: boolean, first: boolean, seen: Seen): Kind {
  // The first paragraph may be a dateline paragraph (`NEW YORK (AP) — …`): never a caption.
  if (first) seen.dateline = matchDateline(text);
  if (!first || !seen.dateline) {
    const parts = photoParts(text, mayHoldMark);
    if (parts) return { kind: 'photo', people: null, title: null, parts };
  }
  return TEXT;
}

// ── what a block is by where it stands ───────────────────────────────────────

/** Words a heading never ends on: it would be a sentence cut in two. */
const DANGLING = /\b(?:a|an|the|and|or|but|of|to|in|on|at|for|with|by|from|as|is|was|are|were|did|that|which|who|und|oder|der|die|das|mit|von|zu|et|ou|de|la|le)$/i;

/** Looks like a sub-heading: a short line, capitalised, with no full stop. */
function headingLike(text: string): boolean {
  if (text.length > MAX_HEADING_CHARS) return false;
  if (text.split(/\s+/).length > MAX_HEADING_WORDS) return false;
  if (!/^[\p{Lu}\p{Lo}\d"“„'‘«¿¡]/u.test(text)) return false;
  if (DANGLING.test(text)) return false;
  // Live-blog entries (`9h05 - Markets open higher`, `10:32 Police arrive`) are running text.
  if (/^\d{1,2}(?:[h:.]\d{2})\b/.test(text)) return false;
  // What a parenthesis says (`($14.99, #559393)`) does not make a line a list or a table.
  const bare = text.replace(/\([^()]*\)/g, '');
  // Lists (`Barcelona, Bayern Munich, Porto, Real Madrid`) are not headings.
  if ((bare.match(/,/g) ?? []).length > 1) return false;
  // Tables and results (`Net loss 500,000 vs loss 500,000`) are data, not headings.
  if (/\bvs\.?\b/i.test(bare) || (bare.match(/\d/g) ?? []).length > bare.length / 4) return false;
  const last = text.slice(-1);
  if (/[.!;,:\-–—…。！、]/.test(last)) return false;
  // A question is a heading when it is shouted (`WAS ANYONE ELSE INVOLVED?`); a quiet one only
  // in company (see shortQuestion).
  if (last === '?' || last === '？') return text === text.toUpperCase();
  // `Rosé, France ($14.99, #559393)` is a heading; `(… in the spring.)` closes a sentence.
  if (last === ')') return !/[.!?]\)$/.test(text);
  // A quotation that closes the line: a heading if nothing inside it ends a sentence.
  if (/["”’'»“]/.test(last)) return !/[.!?,…]["”’'»“]+$/.test(text) && /["“„'‘«»`]/.test(text.replace(/["”’'»“]+$/, ''));
  return true;
}

/** `Wann sind die Eisheiligen 2024?` — a heading when the article has others, prose otherwise. */
function shortQuestion(text: string): boolean {
  return text.length <= 90 && text.endsWith('?') && /^[\p{Lu}\d]/u.test(text) && !/\?.+\?$/.test(text);
}

/** Prose: a block a reader reads as a paragraph. */
function prose(text: string): boolean {
  // A lead-in (`Here's what we know:`) reads on into the next block like any paragraph.
  return SENTENCE_END.test(text) || text.endsWith(':') || text.length > 160;
}

/**
 * Which text blocks are sub-headings, and which one is the dek (-1 for none). Its own function, and
 * not a small one: the engine optimises it apart from classifyBlocks, so that the first article
 * with a short block (which these rules read further) recompiles this and not all of classifyBlocks.
 */
function headingsAndDek(texts: string[], textIdx: number[], kinds: Kind[], datelineAt: number): { headingAt: boolean[]; dekAt: number } {
  // Sub-headings: a heading-like line between prose paragraphs (photos may stand in between).
  const headingAt: boolean[] = [];
  for (let i = 0; i < kinds.length; i++) headingAt.push(false);
  let headingCount = 0;
  for (let n = 1; n < textIdx.length; n++) {
    const i = textIdx[n];
    if (i !== datelineAt && headingLike(texts[i]) && between(texts, textIdx, n)) (headingAt[i] = true), headingCount++;
  }
  // Short questions are headings in articles that have headings, or that are built of them.
  const questions: number[] = [];
  for (let n = 1; n < textIdx.length; n++) {
    const i = textIdx[n];
    if (i !== datelineAt && !headingAt[i] && shortQuestion(texts[i]) && between(texts, textIdx, n)) questions.push(i);
  }
  if (headingCount > 0 || questions.length >= 3) for (let q = 0; q < questions.length; q++) (headingAt[questions[q]] = true), headingCount++;

  // Dek: the first text block, when it stands apart from the body — web layouts put the
  // standfirst above the lead photo, wire copy above the dateline paragraph, and articles
  // with sub-headings set it off as a short block before a much longer lede.
  let dekAt = -1;
  const first = textIdx[0];
  if (first !== undefined && textIdx.length > 1 && datelineAt !== first && texts[first].length <= MAX_DEK_CHARS) {
    // A captioned photo block next (not an inline `Image:` label, which sits mid-story in scrapes), then more text.
    const photoNext = first + 1 < kinds.length && kinds[first + 1].kind === 'photo' && textIdx[textIdx.length - 1] > first + 1;
    let lede = -1;
    for (let n = 1; n < textIdx.length && lede < 0; n++) if (!headingAt[textIdx[n]]) lede = textIdx[n];
    const standfirst =
      headingCount > 0 && lede >= 0 && texts[first].length <= MAX_STANDFIRST_CHARS && texts[first].length <= STANDFIRST_RATIO * texts[lede].length;
    if (photoNext || datelineAt > first || standfirst) dekAt = first;
  }

  return { headingAt, dekAt };
}

/** Block textIdx[n] stands between prose paragraphs, and the one after it is no heading. */
function between(texts: string[], textIdx: number[], n: number): boolean {
  const prev = textIdx[n - 1];
  const next = textIdx[n + 1];
  return next !== undefined && prose(texts[prev]) && prose(texts[next]) && !headingLike(texts[next]);
}

export function classifyBlocks(blocks: Block[], headline: string): ClassifiedBody {
  const out: ClassifiedBody = { dateline: null, byline: [], dek: null, body: [], headings: [], media: [], notes: [] };
  // (Plain loops below: array methods on arrays whose element kinds differ from one article to the
  // next made the optimised code recompile.)
  const texts: string[] = [];
  const labels: (Kind | null)[] = [];
  // The opening is the first block that could open the story (not a note, byline or image label).
  let opening = -1;
  for (let i = 0; i < blocks.length; i++) {
    const label = labelKind(blocks[i].text);
    if (label === null && opening < 0) opening = i;
    labels.push(label);
    texts.push(blocks[i].text);
  }
  const seen: Seen = { dateline: undefined };
  const kinds: Kind[] = [];
  for (let i = 0; i < blocks.length; i++) kinds.push(labels[i] ?? storyKind(texts[i], blocks[i].mayHoldMark, i === opening, seen));

  // Seed/NBC layout: an `Image:` block, then its caption (with or without a credit).
  // (Flags by block index, in plain arrays: a Map and Sets per article cost more than the work.)
  const captioned: boolean[] = [];
  const isCaption: boolean[] = [];
  for (let i = 0; i < kinds.length; i++) captioned.push(false), isCaption.push(false);
  for (let i = 0; i + 1 < kinds.length; i++) {
    if (kinds[i].kind !== 'image') continue;
    const next = kinds[i + 1];
    if (next.kind === 'photo' || (next.kind === 'text' && texts[i + 1].length <= 300 && !matchDateline(texts[i + 1]))) {
      captioned[i] = true;
      isCaption[i + 1] = true;
    }
  }

  const textIdx: number[] = [];
  for (let i = 0; i < kinds.length; i++) if (kinds[i].kind === 'text' && !isCaption[i]) textIdx.push(i);

  // Dateline: on the first text block; or on the second, when a short dek stands before it.
  // Reuters' key-point bullets (`* Profit up 6 pct`) may come first: they are looked past.
  const src = headlineSource(headline);
  let datelineAt = -1;
  const leading: number[] = [];
  let pastBullets = false;
  for (let n = 0; n < textIdx.length && leading.length < 2; n++) {
    const bullet = BULLET.test(texts[textIdx[n]]);
    if (!bullet || pastBullets) leading.push(textIdx[n]);
    pastBullets ||= !bullet;
  }
  for (let l = 0; l < leading.length; l++) {
    const k = leading[l];
    // Without a headline source the opening block's match is the one storyKind read.
    const m = k === opening && src === null && seen.dateline !== undefined ? seen.dateline : matchDateline(texts[k], { headlineSource: src });
    if (m) {
      out.dateline = m.dateline;
      texts[k] = m.rest;
      datelineAt = k;
      break;
    }
    if (texts[k].length > MAX_DEK_CHARS) break;
  }

  const { headingAt, dekAt } = headingsAndDek(texts, textIdx, kinds, datelineAt);

  // Assemble, in reading order.
  for (let i = 0; i < kinds.length; i++) {
    const k = kinds[i];
    if (isCaption[i]) continue;
    switch (k.kind) {
      case 'note':
        out.notes.push(texts[i]);
        break;
      case 'byline':
        // (A spread: the lists come from two readers, in two kinds of array.)
        out.byline.push(...k.people);
        break;
      case 'image': {
        const c = i + 1;
        const parts: CaptionParts = !captioned[i]
          ? { caption: null, credit: null }
          : kinds[c].kind === 'photo'
            ? (kinds[c] as { parts: CaptionParts }).parts
            : { caption: texts[c], credit: null };
        out.media.push({ title: k.title, caption: parts.caption, credit: parts.credit, before: out.body.length });
        break;
      }
      case 'photo':
        out.media.push({ title: null, caption: k.parts.caption, credit: k.parts.credit, before: out.body.length });
        break;
      case 'text':
        if (i === dekAt) out.dek = texts[i];
        else if (headingAt[i]) out.headings.push({ before: out.body.length, text: texts[i] });
        else out.body.push(texts[i]);
        break;
    }
  }

  // Reuters' trailer glued to the last paragraph: `… (Reporting by X; Editing by Y)`.
  const lastIdx = out.body.length - 1;
  if (lastIdx >= 0) {
    const t = splitTrailingRoleCredits(out.body[lastIdx]);
    if (t) {
      out.body[lastIdx] = t.text;
      out.byline.push(...t.people);
    }
  }
  if (out.byline.length > 0) out.byline = mergePeople(out.byline);
  // A heading with nothing after it is not one.
  if (out.headings.length > 0) out.headings = out.headings.filter((h) => h.before < out.body.length);
  return out;
}

