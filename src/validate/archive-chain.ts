// Checks a set of feed documents that together form RFC 5005 archived feeds (and JSON Feed
// documents chained with next_url): every archive link leads to a document of the set, every
// archive page is reached from its main feed, and no item is lost or appears twice. Each
// document's own validity is the plain validator's job; validateArchiveChain runs both.
//
// Links are resolved by place, not by fetching: the main feed's self URL, less its own file
// name, is the base the other files' names hang off (`https://x/feeds/` + `archive/rss-2.xml`).
// Pure: names and bytes in, a report out.
import { makeMessage, severityOf, type MessageParams } from './message.js';
import type { Code } from './codes.js';
import { detectSyntax } from './detect.js';
import { validateFeed } from './index.js';
import type { FeedFormat, Message, ValidationReport } from './report.js';
import { XmlReader, type XmlElement } from './xml.js';

const ATOM_NS = 'http://www.w3.org/2005/Atom';
const FH_NS = 'http://purl.org/syndication/history/1.0';

/** What the chain check needs to know of one document. */
export interface ChainFacts {
  /** The file's path relative to the folder checked, `/`-separated (`archive/rss-2.xml`). */
  name: string;
  format: FeedFormat;
  /** RSS/Atom rel="self"; JSON Feed feed_url. */
  self: string | null;
  current: string | null;
  prevArchive: string | null;
  nextArchive: string | null;
  /** JSON Feed only. */
  nextUrl: string | null;
  /** fh:archive on the feed (RSS/Atom). */
  archive: boolean;
  /** Item ids in document order: RSS guid (else link), Atom id, JSON Feed id. */
  ids: string[];
}

/** A chain finding: a validator message and the file it concerns. */
export interface ChainMessage extends Message {
  file: string;
}

export interface ArchiveChain {
  format: FeedFormat;
  /** The main feed, then its archive pages from the newest to the oldest, as a reader walks them. */
  files: string[];
  items: number;
}

export interface ChainReport {
  valid: boolean;
  errors: ChainMessage[];
  warnings: ChainMessage[];
  chains: ArchiveChain[];
}

/** Most findings reported per check; past it, one MessagesTruncated warning says how many more. */
const MAX_FINDINGS = 200;

/** Reads the facts of one document. Unreadable documents give format 'unknown' and no links. */
export function chainFacts(name: string, bytes: Uint8Array): ChainFacts {
  const facts: ChainFacts = { name, format: 'unknown', self: null, current: null, prevArchive: null, nextArchive: null, nextUrl: null, archive: false, ids: [] };
  if (detectSyntax(bytes.subarray(0, 64)) === 'json') readJsonFacts(bytes, facts);
  else readXmlFacts(bytes, facts);
  return facts;
}

function readJsonFacts(bytes: Uint8Array, facts: ChainFacts): void {
  let doc: unknown;
  try {
    doc = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
  } catch {
    return;
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return;
  const d = doc as Record<string, unknown>;
  facts.format = 'json';
  if (typeof d.feed_url === 'string') facts.self = d.feed_url;
  if (typeof d.next_url === 'string') facts.nextUrl = d.next_url;
  if (Array.isArray(d.items)) {
    for (const item of d.items) {
      const id = (item as Record<string, unknown> | null)?.id;
      if (typeof id === 'string' || typeof id === 'number') facts.ids.push(String(id));
    }
  }
}

/** One streaming pass that keeps only the feed-level links, fh:archive and the item ids. */
function readXmlFacts(bytes: Uint8Array, facts: ChainFacts): void {
  const stack: XmlElement[] = [];
  let text: string | null = null; // collecting: an item's guid/link or an entry's id
  let itemGuid: string | null = null;
  let itemLink: string | null = null;
  let root: 'rss' | 'atom' | null = null;

  const feedLink = (el: XmlElement): void => {
    let rel = 'alternate';
    let href: string | null = null;
    for (const a of el.attrs) {
      if (a.uri !== '') continue;
      if (a.local === 'rel') rel = a.value.trim();
      else if (a.local === 'href') href = a.value.trim();
    }
    if (href === null) return;
    if (rel === 'self') facts.self ??= href;
    else if (rel === 'current') facts.current ??= href;
    else if (rel === 'prev-archive') facts.prevArchive ??= href;
    else if (rel === 'next-archive') facts.nextArchive ??= href;
  };

  const reader = new XmlReader(
    {
      start(el) {
        const depth = stack.length;
        stack.push(el);
        if (depth === 0) {
          if (el.local === 'rss' && el.uri === '') root = 'rss';
          else if (el.local === 'feed' && el.uri === ATOM_NS) root = 'atom';
          return;
        }
        if (root === 'rss') {
          // rss > channel > (atom:link | fh:archive | item > guid/link)
          if (depth === 2 && stack[1].local === 'channel') {
            if (el.uri === ATOM_NS && el.local === 'link') feedLink(el);
            else if (el.uri === FH_NS && el.local === 'archive') facts.archive = true;
            else if (el.uri === '' && el.local === 'item') itemGuid = itemLink = null;
          } else if (depth === 3 && stack[2].local === 'item' && el.uri === '' && (el.local === 'guid' || el.local === 'link')) text = '';
        } else if (root === 'atom') {
          // feed > (link | fh:archive | entry > id)
          if (depth === 1) {
            if (el.uri === ATOM_NS && el.local === 'link') feedLink(el);
            else if (el.uri === FH_NS && el.local === 'archive') facts.archive = true;
          } else if (depth === 2 && stack[1].local === 'entry' && el.uri === ATOM_NS && el.local === 'id') text = '';
        }
      },
      text(t) {
        if (text !== null) text += t;
      },
      end() {
        const el = stack.pop()!;
        const depth = stack.length;
        if (text !== null) {
          const value = text.trim();
          text = null;
          if (root === 'atom') facts.ids.push(value);
          else if (el.local === 'guid') itemGuid = value;
          else itemLink = value;
          return;
        }
        if (root === 'rss' && depth === 2 && el.local === 'item' && el.uri === '') {
          const id = itemGuid ?? itemLink;
          if (id) facts.ids.push(id);
        }
      },
    },
    () => undefined, // well-formedness is the validator's report; here a broken file just ends early
  );
  reader.write(bytes);
  reader.end();
  if (root) facts.format = root;
}

/** Whether a document takes part in an archive chain (links to other documents of one). */
export function hasArchiveLinks(f: ChainFacts): boolean {
  return f.archive || f.prevArchive !== null || f.nextArchive !== null || f.current !== null || f.nextUrl !== null;
}

/**
 * The URL prefix the files' names hang off: from a document whose self URL ends in its own name
 * (the main feeds do). The most common one wins; null when no document says.
 */
export function chainBase(files: readonly ChainFacts[]): string | null {
  const votes = new Map<string, number>();
  for (const f of files) {
    if (!f.self || !f.self.endsWith('/' + f.name)) continue;
    const base = f.self.slice(0, f.self.length - f.name.length);
    votes.set(base, (votes.get(base) ?? 0) + 1);
  }
  let best: string | null = null;
  let bestVotes = 0;
  for (const [base, n] of votes) if (n > bestVotes || (n === bestVotes && best !== null && base < best)) [best, bestVotes] = [base, n];
  return best;
}

/** Checks the chains in a set of documents (their facts, as chainFacts reads them). */
export function checkArchiveChain(files: readonly ChainFacts[]): ChainReport {
  const errors: ChainMessage[] = [];
  const warnings: ChainMessage[] = [];
  let dropped = 0;
  const add = (code: Code, file: string, params: MessageParams, path?: string): void => {
    if (errors.length + warnings.length >= MAX_FINDINGS) {
      dropped++;
      return;
    }
    const m = { ...makeMessage(code, params, path === undefined ? {} : { path }), file };
    if (severityOf(code) === 'error') errors.push(m);
    else warnings.push(m);
  };

  const byName = new Map(files.map((f) => [f.name, f]));
  const base = chainBase(files);
  const bySelf = new Map<string, ChainFacts>();
  for (const f of files) if (f.self && f.format !== 'json' && !bySelf.has(f.self)) bySelf.set(f.self, f);
  /** The document a link leads to: by place under the base, else by an XML document's self URL. */
  const resolve = (href: string): ChainFacts | null => {
    if (base && href.startsWith(base)) {
      const hit = byName.get(href.slice(base.length));
      if (hit) return hit;
    }
    return bySelf.get(href) ?? null;
  };

  // Every archive link must lead somewhere in the set, to a document of the same format.
  const target = new Map<string, Map<string, ChainFacts | null>>(); // file → rel → target
  for (const f of files) {
    const links: [string, string | null, string | undefined][] =
      f.format === 'json' ? [['next_url', f.nextUrl, 'next_url']] : [['current', f.current, undefined], ['prev-archive', f.prevArchive, undefined], ['next-archive', f.nextArchive, undefined]];
    const m = new Map<string, ChainFacts | null>();
    target.set(f.name, m);
    for (const [rel, href, path] of links) {
      if (href === null) continue;
      const t = resolve(href);
      if (!t) add('ArchiveLinkBroken', f.name, { rel, href }, path);
      else if (t.format !== f.format) add('ArchiveLinkWrongFormat', f.name, { rel, href, format: t.format });
      m.set(rel, t && t.format === f.format ? t : null);
    }
  }

  // Heads: the main feeds. XML: not marked fh:archive. JSON: no next_url leads to it, and its
  // feed_url (the feed's identity) is its own place, or names no other document of the set.
  const nextUrlTargets = new Set<string>();
  for (const f of files) {
    const t = target.get(f.name)?.get('next_url');
    if (t) nextUrlTargets.add(t.name);
  }
  const isHead = (f: ChainFacts): boolean => {
    if (f.format === 'json') {
      if (nextUrlTargets.has(f.name)) return false;
      const identity = f.self ? resolve(f.self) : null;
      return !identity || identity === f;
    }
    return !f.archive;
  };

  /** A walked chain, with where each item was first found. */
  type Walked = ArchiveChain & { ids: Map<string, string> };
  const chains: Walked[] = [];
  const reached = new Set<string>();
  for (const head of files) {
    if (head.format === 'unknown' || !isHead(head)) continue;
    const rel = head.format === 'json' ? 'next_url' : 'prev-archive';
    if (!target.get(head.name)?.get(rel)) {
      reached.add(head.name); // a lone feed (or one whose only link is broken, reported above)
      continue;
    }
    chains.push(walk(head, rel));
  }

  function walk(head: ChainFacts, rel: string): Walked {
    const chain: ChainFacts[] = [head];
    const seen = new Set([head.name]);
    reached.add(head.name);
    let cur = head;
    for (;;) {
      const next = target.get(cur.name)?.get(rel) ?? null;
      if (!next) break;
      if (seen.has(next.name)) {
        add('ArchiveLoop', cur.name, { rel, target: next.name });
        break;
      }
      if (head.format !== 'json') checkXmlPage(head, cur, next);
      seen.add(next.name);
      reached.add(next.name);
      chain.push(next);
      cur = next;
    }
    // Each item once: twice in the archive is an error; in the main feed and a page, RFC 5005
    // lets readers keep the newer copy, so it is only worth a warning.
    const where = new Map<string, string>();
    let items = 0;
    for (const doc of chain) {
      for (const id of doc.ids) {
        const first = where.get(id);
        if (first === undefined) {
          where.set(id, doc.name);
          items++;
        } else if (first === head.name) add('ArchiveItemInMainAndPage', doc.name, { id, main: first });
        else add('ArchiveDuplicateItem', doc.name, { id, first });
      }
    }
    return { format: head.format, files: chain.map((c) => c.name), items, ids: where };
  }

  /** `page` was reached from `from` by prev-archive: it must link back and to its main feed. */
  function checkXmlPage(head: ChainFacts, from: ChainFacts, page: ChainFacts): void {
    if (!page.archive) add('ArchiveMarkerMissing', page.name, { from: from.name });
    const current = target.get(page.name)?.get('current');
    if (page.current === null) add('ArchiveCurrentMissing', page.name, { main: head.name });
    else if (current && current !== head) add('ArchiveCurrentMismatch', page.name, { href: page.current, main: head.name });
    const back = target.get(page.name)?.get('next-archive');
    if (from === head) {
      // The newest page: a next-archive from it means the main feed skipped newer pages.
      if (back) add('ArchiveNotNewest', head.name, { page: page.name, newer: back.name });
    } else if (page.nextArchive === null) add('ArchiveNextMissing', page.name, { from: from.name });
    else if (back && back !== from) add('ArchiveLinksDisagree', page.name, { href: page.nextArchive, from: from.name });
  }

  // Archive pages no main feed leads to: their items are lost to readers.
  for (const f of files) {
    if (reached.has(f.name) || f.format === 'unknown') continue;
    if (f.format === 'json' || f.archive) add('ArchivePageUnreachable', f.name, { count: f.ids.length });
  }

  // The same items in every format: a chain that lacks some another one has lost them.
  for (const a of chains) {
    for (const b of chains) {
      if (a === b || a.format === b.format) continue;
      let missing = 0;
      let example = '';
      for (const id of a.ids.keys()) {
        if (!b.ids.has(id)) {
          if (!missing) example = id;
          missing++;
        }
      }
      if (missing) add('ArchiveFormatsDiffer', b.files[0], { count: missing, format: b.format, other: a.files[0], example });
    }
  }
  if (dropped) warnings.push({ ...makeMessage('MessagesTruncated', { count: dropped }), file: files[0]?.name ?? '' });
  return {
    valid: errors.length === 0,
    errors,
    warnings,
    chains: chains.map(({ format, files: names, items }) => ({ format, files: names, items })),
  };
}

export interface ChainFileResult {
  name: string;
  report: ValidationReport;
}

/**
 * Validates each document on its own, then the chains between them. For callers that hold the
 * documents in memory (tests, the publish job's own check); the CLI streams files instead and
 * calls chainFacts and checkArchiveChain itself.
 */
export function validateArchiveChain(docs: readonly { name: string; bytes: Uint8Array }[]): { files: ChainFileResult[]; chain: ChainReport } {
  const files = docs.map((d) => ({ name: d.name, report: validateFeed(d.bytes) }));
  const chain = checkArchiveChain(docs.map((d) => chainFacts(d.name, d.bytes)));
  return { files, chain };
}
