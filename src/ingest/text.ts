// Wire text (`.txt`, `.md`): the headline on the first line, a blank line, then blocks separated
// by blank lines — the shape of the seed article and of most wire and scraped copy.
import { reject, REJECT } from './diagnostics.js';
import { classifyBlocks, type Block, type ClassifiedBody } from './blocks.js';
import { matchDateline } from './dateline.js';

export interface WireText {
  headline: string;
  classified: ClassifiedBody;
}

/** What the caller may know of the text from a look at its bytes (see byte-scan.ts). */
export interface TextHints {
  /** Whether the text may hold two spaces in a row; undefined: not known. */
  spaceRuns?: boolean;
  /** Per line of the file, 0 when the line holds no caption marker; null: not known. */
  markedLines?: Uint8Array | null;
}

/** A headline is one line; past this it is a paragraph that lost its headline. */
const MAX_HEADLINE_CHARS = 300;

/** Blank-line-separated blocks, each with the file line it starts on; lines inside a block are joined. */
export function splitBlocks(text: string, firstLine: number, hints: TextHints = {}): Block[] {
  const blocks: Block[] = [];
  // Runs of spaces are made one inside each block. Lines are trimmed and joined by one space, so a
  // block can only hold a run the text holds: most texts have none, and one look says so (or the
  // caller knows, from the scan of the article's bytes).
  const runs = hints.spaceRuns ?? text.includes('  ');
  // A block may hold a marker when one of its lines may (line i of the text is firstLine + i of the file).
  const marked = hints.markedLines ?? null;
  let joined = '';
  let start = -1;
  let mark = false;
  let at = 0;
  for (let i = 0; at <= text.length; i++) {
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    const line = text.slice(at, end).trim();
    at = end + 1;
    if (line) {
      const lineMark = marked === null || marked[firstLine - 1 + i] !== 0;
      if (start < 0) (start = firstLine + i), (joined = line), (mark = lineMark);
      else (joined += ' ' + line), (mark ||= lineMark);
    } else if (start >= 0) {
      blocks.push({ text: runs ? oneSpaced(joined) : joined, line: start, mayHoldMark: mark });
      start = -1;
    }
  }
  if (start >= 0) blocks.push({ text: runs ? oneSpaced(joined) : joined, line: start, mayHoldMark: mark });
  return blocks;
}

/** A block's text with runs of spaces made one (trimmed lines joined by spaces need no other trim). */
function oneSpaced(joined: string): string {
  return (joined.includes('  ') ? joined.replace(/ {2,}/g, ' ') : joined).trim();
}

/**
 * Reads the headline and classifies the rest. `headline` from front matter means every block is
 * story text; otherwise the first line is the headline. `hints`: what the caller knows of the text.
 */
export function readWireText(text: string, firstLine: number, file: string, headline?: string, hints: TextHints = {}): WireText {
  const blocks = splitBlocks(text, firstLine, hints);
  if (headline === undefined) {
    const first = blocks[0];
    if (!first) return reject(REJECT.MissingHeadline, file, 'no headline: the file has front matter but no text (set headline: or add the story below the ---)', { line: firstLine });
    const lines = firstBlockLines(text, first.line - firstLine);
    const line1 = lines[0];
    if (line1.length > MAX_HEADLINE_CHARS)
      reject(REJECT.MissingHeadline, file, `no headline: line ${first.line} is ${line1.length} characters long — put a one-line headline first, then a blank line`, { line: first.line });
    if (line1.length > 120 && matchDateline(line1))
      reject(REJECT.MissingHeadline, file, `no headline: line ${first.line} opens with a dateline, so it is the story's first paragraph — put the headline above it`, { line: first.line });
    headline = line1;
    // The headline's block gives way to what stood under the headline in it, if anything.
    if (lines.length > 1) blocks[0] = { text: lines.slice(1).join(' ').trim(), line: first.line + 1, mayHoldMark: first.mayHoldMark };
    else blocks.shift();
  }
  return { headline, classified: classifyBlocks(blocks, headline) };
}

/** The lines of the block starting at relative line `rel`, untrimmed of nothing but spaces. */
function firstBlockLines(text: string, rel: number): string[] {
  let at = 0;
  for (let i = 0; i < rel; i++) {
    at = text.indexOf('\n', at) + 1;
    if (at === 0) return [];
  }
  const out: string[] = [];
  while (at <= text.length) {
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    const l = text.slice(at, end).trim();
    if (!l) break;
    out.push(l);
    at = end + 1;
  }
  return out;
}
