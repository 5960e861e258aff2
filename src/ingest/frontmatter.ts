// YAML front matter between `---` lines: what a newsroom sets by hand (id, slug, url, dates,
// authors, tags, language, summary, media urls). Every bad value is rejected with its line.
import { createRequire } from 'node:module';
import type { Node } from 'yaml';
import type { Diagnostic, Person } from '../model/index.js';
import { diag, reject, REJECT, WARN } from './diagnostics.js';
import { parseInstant, type Instant } from './dates.js';
import { SLUG_PATTERN } from './slug.js';

export interface FrontMatterMedia {
  url: string | null;
  type: string | null;
  size: number | null;
  width: number | null;
  height: number | null;
  title: string | null;
  caption: string | null;
  credit: string | null;
}

export interface FrontMatter {
  id?: string;
  slug?: string;
  url?: string;
  headline?: string;
  date?: Instant;
  updated?: Instant;
  authors?: Person[];
  tags?: string[];
  language?: string;
  summary?: string;
  media?: FrontMatterMedia[];
}

export interface SplitText {
  frontMatter: FrontMatter | null;
  /** The text after the closing `---` (or all of it). */
  body: string;
  /** 1-based line of the file where `body` starts. */
  bodyLine: number;
  warnings: Diagnostic[];
}

const KNOWN_KEYS = new Set(['id', 'slug', 'url', 'headline', 'title', 'date', 'published', 'updated', 'authors', 'author', 'tags', 'language', 'lang', 'summary', 'media', 'photos']);

/** Splits off and reads front matter when the file opens with a `---` line. */
export function splitFrontMatter(text: string, file: string, zone: string): SplitText {
  if (!/^---[ ]*\n/.test(text)) return { frontMatter: null, body: text, bodyLine: 1, warnings: [] };
  const lines = text.split('\n');
  let close = -1;
  for (let i = 1; i < lines.length; i++) {
    if (/^(?:---|\.\.\.)\s*$/.test(lines[i])) {
      close = i;
      break;
    }
  }
  if (close < 0) reject(REJECT.BadFrontMatter, file, 'front matter opened on line 1 is never closed (add a line with ---)', { line: 1 });
  const yamlText = lines.slice(1, close).join('\n');
  const warnings: Diagnostic[] = [];
  const frontMatter = readFrontMatter(yamlText, file, 2, zone, warnings);
  return { frontMatter, body: lines.slice(close + 1).join('\n'), bodyLine: close + 2, warnings };
}

/**
 * The YAML parser, loaded the first time an article has front matter: loading it takes ~40–80 ms
 * (it is many CommonJS files), which every publish run with work paid even when no article had
 * any. Synchronous on purpose: ingest is.
 */
let yamlModule: typeof import('yaml') | null = null;
function yaml(): typeof import('yaml') {
  return (yamlModule ??= createRequire(import.meta.url)('yaml') as typeof import('yaml'));
}

function readFrontMatter(src: string, file: string, firstLine: number, zone: string, warnings: Diagnostic[]): FrontMatter {
  const { isMap, isSeq, LineCounter, parseDocument } = yaml();
  const counter = new LineCounter();
  const doc = parseDocument(src, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  const lineAt = (offset: number | undefined) => (offset === undefined ? firstLine : counter.linePos(offset).line + firstLine - 1);
  if (doc.errors.length) {
    const e = doc.errors[0];
    reject(REJECT.BadFrontMatter, file, `front matter is not valid YAML: ${e.message.split('\n')[0]}`, { line: lineAt(e.pos[0]) });
  }
  const fm: FrontMatter = {};
  if (doc.contents === null) return fm;
  if (!isMap(doc.contents)) reject(REJECT.BadFrontMatter, file, 'front matter must be a set of "key: value" lines', { line: firstLine });

  for (const pair of doc.contents.items) {
    const keyNode = pair.key as Node | null;
    const key = String((keyNode as { value?: unknown } | null)?.value ?? '');
    const line = lineAt(keyNode?.range?.[0]);
    const valueNode = pair.value as Node | null;
    const value: unknown = valueNode ? valueNode.toJSON() : null;
    const bad = (why: string): never => reject(REJECT.BadFrontMatter, file, `${key}: ${why}`, { line });
    const str = (): string => {
      if (typeof value !== 'string' && typeof value !== 'number') bad('must be text');
      const s = String(value).trim();
      if (!s) bad('must not be empty');
      return s;
    };
    switch (key) {
      case 'id': {
        const s = str();
        if (!/^[a-z][a-z0-9+.-]*:\S+$/i.test(s)) bad(`"${s}" is not an absolute URI (e.g. tag:news.example.com,2017-11-11:my-story)`);
        fm.id = s;
        break;
      }
      case 'slug': {
        const s = str();
        if (!SLUG_PATTERN.test(s)) bad(`"${s}" is not a slug (lower-case letters, digits and single hyphens)`);
        fm.slug = s;
        break;
      }
      case 'url': {
        const s = str();
        fm.url = webUrl(s) ?? bad(`"${s}" is not an absolute http(s) URL`);
        break;
      }
      case 'headline':
      case 'title':
        fm.headline = str();
        break;
      case 'date':
      case 'published':
      case 'updated': {
        const r = parseInstant(value, zone);
        if (!r.ok) reject(r.impossible ? REJECT.ImpossibleDate : REJECT.BadFrontMatter, file, `${key}: ${r.reason}`, { line });
        if (key === 'updated') fm.updated = r.at;
        else fm.date = r.at;
        break;
      }
      case 'author':
      case 'authors':
        fm.authors = readAuthors(value, bad);
        break;
      case 'tags': {
        const list = typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value : bad('must be a list of words or a comma-separated line');
        const tags: string[] = [];
        for (const t of list) {
          if (typeof t !== 'string' && typeof t !== 'number') bad('each tag must be text');
          const s = String(t).trim();
          if (s && !tags.includes(s)) tags.push(s);
        }
        fm.tags = tags;
        break;
      }
      case 'language':
      case 'lang': {
        const s = str();
        if (!/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(s)) bad(`"${s}" is not a BCP 47 language tag (e.g. en, en-GB, de)`);
        fm.language = s;
        break;
      }
      case 'summary':
        fm.summary = str();
        break;
      case 'media':
      case 'photos':
        if (!isSeq(valueNode)) bad('must be a list, one entry per photo block in order');
        fm.media = (value as unknown[]).map((v, i) => {
          const itemLine = isSeq(valueNode) ? lineAt((valueNode.items[i] as Node | undefined)?.range?.[0]) : line;
          return readMedia(v, `${key}[${i}]`, (why) => reject(REJECT.BadFrontMatter, file, why, { line: itemLine }));
        });
        break;
      default:
        if (!KNOWN_KEYS.has(key)) warnings.push(diag(WARN.UnknownField, file, `front matter key "${key}" is not used by wirefeed`, { line }));
    }
  }
  return fm;
}

function readAuthors(value: unknown, bad: (why: string) => never): Person[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map((a) => {
    if (typeof a === 'string' && a.trim()) return { name: a.trim(), role: null };
    if (a && typeof a === 'object' && !Array.isArray(a)) {
      const o = a as Record<string, unknown>;
      if (typeof o.name !== 'string' || !o.name.trim()) bad('each author needs a name');
      const p: Person = { name: (o.name as string).trim(), role: typeof o.role === 'string' ? o.role : null };
      if (o.email !== undefined) {
        if (typeof o.email !== 'string' || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(o.email)) bad(`"${String(o.email)}" is not an e-mail address`);
        p.email = o.email as string;
      }
      if (o.url !== undefined) {
        p.url = webUrl(o.url) ?? bad(`"${String(o.url)}" is not an absolute http(s) URL`);
      }
      return p;
    }
    return bad('must be a name, a list of names, or a list of {name, role, email, url}');
  });
}

function readMedia(v: unknown, at: string, bad: (why: string) => never): FrontMatterMedia {
  if (typeof v === 'string') v = { url: v };
  if (!v || typeof v !== 'object' || Array.isArray(v)) return bad(`${at}: must be a url or {url, type, size, width, height, title, caption, credit}`);
  const o = v as Record<string, unknown>;
  const text = (k: string): string | null => {
    if (o[k] === undefined || o[k] === null) return null;
    if (typeof o[k] !== 'string') bad(`${at}.${k}: must be text`);
    return (o[k] as string).trim() || null;
  };
  const count = (k: string): number | null => {
    if (o[k] === undefined || o[k] === null) return null;
    if (typeof o[k] !== 'number' || !Number.isInteger(o[k]) || (o[k] as number) < 0) bad(`${at}.${k}: must be a whole number ≥ 0`);
    return o[k] as number;
  };
  const given = text('url');
  const url = given === null ? null : (webUrl(given) ?? bad(`${at}.url: "${given}" is not an absolute http(s) URL`));
  let type = text('type');
  if (type !== null && !/^[a-z]+\/[a-z0-9.+-]+$/i.test(type)) bad(`${at}.type: "${type}" is not a MIME type (e.g. image/jpeg)`);
  if (type === null && url !== null) type = mimeFromUrl(url);
  return { url, type, size: count('size'), width: count('width'), height: count('height'), title: text('title'), caption: text('caption'), credit: text('credit') };
}

const MIME_BY_EXT: Record<string, string> = {
  jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp', avif: 'image/avif',
  svg: 'image/svg+xml', mp4: 'video/mp4', webm: 'video/webm', mp3: 'audio/mpeg', m4a: 'audio/mp4',
};

/** `…/photo.jpg?w=800` → `image/jpeg`; null when the extension says nothing. */
export function mimeFromUrl(url: string): string | null {
  try {
    const ext = new URL(url).pathname.split('.').pop()?.toLowerCase() ?? '';
    return MIME_BY_EXT[ext] ?? null;
  } catch {
    return null;
  }
}

/**
 * An absolute http(s) URL in its serialized form (`new URL(v).href`): characters a URI cannot
 * carry, such as `<`, `"` or spaces, come out percent-encoded, so one article's sloppy link
 * cannot make a whole feed invalid. Null when it is not such a URL.
 */
export function webUrl(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  try {
    const u = new URL(v);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.host !== '' ? u.href : null;
  } catch {
    return null;
  }
}
