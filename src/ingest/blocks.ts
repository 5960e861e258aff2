// The block classifier: decides what each blank-line-separated block of wire text is — body
// paragraph, dateline paragraph, dek, sub-heading, photo block, byline, editor's note. Wire copy
// is almost all body; web pages add deks, sub-headings and photo blocks. Every rule below names
// the layout it serves, and rules about position (a dek is first, a sub-heading sits between
// paragraphs) are kept apart from rules about the text itself.
import type { Person } from '../model/index.js';
import { parseByline, parseRoleCredits, splitTrailingRoleCredits } from './byline.js';
import { creditOnly, markedCredit, parenCredit, unmarkedCredit, type CaptionParts } from './credit.js';
import { headlineSource, matchDateline, type DatelineParts } from './dateline.js';
import { isNote } from './notes.js';

export interface Block {
  /** The block's lines joined by single spaces. */
  text: string;
  /** 1-based line of the file where the block starts. */
  line: number;
}

export interface PhotoBlock {
  title: string | null;
  caption: string | null;
  credit: string | null;
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

type Kind =
  | { kind: 'text' }
  | { kind: 'note' }
  | { kind: 'byline'; people: Person[] }
  | { kind: 'image'; title: string }
  | { kind: 'photo'; parts: CaptionParts };

/** A caption is a few lines under a picture; longer blocks with a marker in them are prose. */
const MAX_CAPTION_CHARS = 600;
/** A sub-heading is a line, not a paragraph. */
const MAX_HEADING_CHARS = 120;
const MAX_HEADING_WORDS = 16;
/** A dek (standfirst) is a sentence or two. */
const MAX_DEK_CHARS = 400;

/** Ends like a sentence (or a quotation, or a parenthesis closing one). */
const SENTENCE_END = /[.!?…"”’'»)\]]$/;

// ── what a block is by its own text ──────────────────────────────────────────

/** NBC/NewsNation scrape: `Image: X Image: X` — the same title twice, or once. */
function imageTitle(text: string): string | null {
  const m = /^Image:\s+(.+)$/.exec(text);
  if (!m) return null;
  const body = m[1];
  const halves = body.split(/\s+Image:\s+/);
  if (halves.length === 2 && halves[0].trim() === halves[1].trim()) return halves[0].trim();
  return halves[0].trim();
}

function photoParts(text: string): CaptionParts | null {
  if (text.length > MAX_CAPTION_CHARS) return null;
  const only = creditOnly(text);
  if (only) return { caption: null, credit: stripCreditMarker(only) };
  return markedCredit(text) ?? parenCredit(text) ?? unmarkedCredit(text);
}

function stripCreditMarker(s: string): string {
  return s.replace(/^(?:Photo(?:graph)?s?|Foto|Bild)\s*(?:by|:)\s*/i, '');
}

function intrinsicKind(text: string, first: boolean): Kind {
  if (isNote(text)) return { kind: 'note' };
  const by = parseByline(text) ?? parseRoleCredits(text);
  if (by) return { kind: 'byline', people: by };
  const title = imageTitle(text);
  if (title) return { kind: 'image', title };
  // The first paragraph may be a dateline paragraph (`NEW YORK (AP) — …`): never a caption.
  if (!first || !matchDateline(text)) {
    const parts = photoParts(text);
    if (parts) return { kind: 'photo', parts };
  }
  return { kind: 'text' };
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
  // Lists (`Barcelona, Bayern Munich, Porto, Real Madrid`) are not headings.
  if ((text.match(/,/g) ?? []).length > 1) return false;
  // Tables and results (`Net loss 500,000 vs loss 500,000`) are data, not headings.
  if (/\bvs\.?\b/i.test(text) || (text.match(/\d/g) ?? []).length > text.length / 4) return false;
  const last = text.slice(-1);
  if (/[.!;,:\-–—…]/.test(last)) return false;
  // A question is a heading when it is shouted (`WAS ANYONE ELSE INVOLVED?`), else it is prose.
  if (last === '?') return text === text.toUpperCase();
  if (/["”’'»)\]]/.test(last)) return /^["“„'‘«]/.test(text) && !/[.!?,]["”’'»]$/.test(text);
  return true;
}

/** Prose: a block a reader reads as a paragraph. */
function prose(text: string): boolean {
  return SENTENCE_END.test(text) || text.length > 160;
}

export function classifyBlocks(blocks: Block[], headline: string): ClassifiedBody {
  const out: ClassifiedBody = { dateline: null, byline: [], dek: null, body: [], headings: [], media: [], notes: [] };
  const opening = openingIndex(blocks);
  const kinds = blocks.map((b, i) => intrinsicKind(b.text, i === opening));
  const texts = blocks.map((b) => b.text);

  // Seed/NBC layout: an `Image:` block, then its caption (with or without a credit).
  const captionOf = new Map<number, number>();
  kinds.forEach((k, i) => {
    if (k.kind !== 'image' || i + 1 >= kinds.length) return;
    const next = kinds[i + 1];
    if (next.kind === 'photo' || (next.kind === 'text' && texts[i + 1].length <= 300 && !matchDateline(texts[i + 1]))) captionOf.set(i, i + 1);
  });
  const isCaption = new Set(captionOf.values());

  const textIdx = kinds.map((k, i) => (k.kind === 'text' && !isCaption.has(i) ? i : -1)).filter((i) => i >= 0);
  const photoAt = (i: number) => i < kinds.length && (kinds[i].kind === 'photo' || kinds[i].kind === 'image');

  // Dateline: on the first text block; or on the second, when a short dek stands before it.
  const src = headlineSource(headline);
  let datelineAt = -1;
  for (const k of textIdx.slice(0, 2)) {
    const m = matchDateline(texts[k], { headlineSource: src });
    if (m) {
      out.dateline = m.dateline;
      texts[k] = m.rest;
      datelineAt = k;
      break;
    }
    if (texts[k].length > MAX_DEK_CHARS) break;
  }

  // Dek: the first text block, when it stands apart from the body — web layouts put the
  // standfirst above the lead photo; wire copy puts it above the dateline paragraph.
  let dekAt = -1;
  const first = textIdx[0];
  if (first !== undefined && textIdx.length > 1 && datelineAt !== first && texts[first].length <= MAX_DEK_CHARS) {
    const photoNext = photoAt(first + 1) && textIdx.some((i) => i > first + 1);
    if (photoNext || datelineAt > first) dekAt = first;
  }

  // Sub-headings: a heading-like line between prose paragraphs (photos may stand in between).
  const headingAt = new Set<number>();
  for (let n = 0; n < textIdx.length; n++) {
    const i = textIdx[n];
    if (i === dekAt || i === datelineAt || n === 0) continue;
    if (!headingLike(texts[i])) continue;
    const prev = textIdx[n - 1];
    const next = textIdx[n + 1];
    if (next === undefined) continue;
    const prevOk = prev === dekAt || prose(texts[prev]);
    const nextOk = prose(texts[next]) && !headingLike(texts[next]);
    if (prevOk && nextOk) headingAt.add(i);
  }

  // Assemble, in reading order.
  for (let i = 0; i < kinds.length; i++) {
    const k = kinds[i];
    if (isCaption.has(i)) continue;
    switch (k.kind) {
      case 'note':
        out.notes.push(texts[i]);
        break;
      case 'byline':
        out.byline.push(...k.people);
        break;
      case 'image': {
        const c = captionOf.get(i);
        const parts: CaptionParts =
          c === undefined ? { caption: null, credit: null } : kinds[c].kind === 'photo' ? (kinds[c] as { parts: CaptionParts }).parts : { caption: texts[c], credit: null };
        out.media.push({ title: k.title, caption: parts.caption, credit: parts.credit });
        break;
      }
      case 'photo':
        out.media.push({ title: null, caption: k.parts.caption, credit: k.parts.credit });
        break;
      case 'text':
        if (i === dekAt) out.dek = texts[i];
        else if (headingAt.has(i)) out.headings.push({ before: out.body.length, text: texts[i] });
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
  // A heading with nothing after it is not one.
  out.headings = out.headings.filter((h) => h.before < out.body.length);
  return out;
}

/** Index of the first block that could open the story (not a note, byline or image label). */
function openingIndex(blocks: Block[]): number {
  for (let i = 0; i < blocks.length; i++) {
    const t = blocks[i].text;
    if (isNote(t) || parseByline(t) || parseRoleCredits(t) || imageTitle(t)) continue;
    return i;
  }
  return -1;
}
