// Reads and checks wirefeed.config.json. Every bad value is reported by its path
// (`site.url: not an absolute URL`) so a user can find it without reading code.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Person, Site } from '../model/index.js';

export interface Config {
  /** Absolute path of the config file ('' when defaults were used). */
  file: string;
  /** Folder the config lives in: `.wirefeed/` and relative paths hang off it. */
  root: string;
  site: Site;
  /** Articles larger than this are rejected (bytes). */
  maxArticleBytes: number;
  /** Byte budget of each main feed file; items beyond it move to the archives. */
  maxFeedBytes: number;
  /** Items per archive page. */
  archivePageSize: number;
  schedule: { cron: string; timezone: string };
  serve: { maxAge: number };
}

export class ConfigError extends Error {
  constructor(readonly file: string, readonly problems: string[]) {
    super(`${file}: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

export const DEFAULT_CONFIG_FILE = 'wirefeed.config.json';

const DEFAULTS = {
  itemLimit: 50,
  maxFeedBytes: 1024 * 1024,
  archivePageSize: 100,
  maxArticleBytes: 5 * 1024 * 1024,
  cron: '*/15 * * * *',
  maxAge: 300,
};

type Json = Record<string, unknown>;

/** Loads the config file; a missing file at the default path is an error too (publish needs a site). */
export async function loadConfig(file: string = DEFAULT_CONFIG_FILE): Promise<Config> {
  const abs = path.resolve(file);
  let text: string;
  try {
    text = readFileSync(abs, 'utf8'); // (in line: one small file, and fs/promises not loaded for it)
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (err as Error).message;
    throw new ConfigError(abs, [reason]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(abs, [`not valid JSON: ${(err as Error).message}`]);
  }
  return parseConfig(raw, abs);
}

/** Checks a parsed config value; pure, so tests can feed it objects. */
export function parseConfig(raw: unknown, file: string): Config {
  const problems: string[] = [];
  const obj = (v: unknown, at: string): Json => {
    if (v === undefined) return {};
    if (v === null || typeof v !== 'object' || Array.isArray(v)) {
      problems.push(`${at}: must be an object`);
      return {};
    }
    return v as Json;
  };
  const top = obj(raw, '(root)');
  const site = obj(top.site, 'site');
  const feed = obj(top.feed, 'feed');
  const ingest = obj(top.ingest, 'ingest');
  const schedule = obj(top.schedule, 'schedule');
  const serve = obj(top.serve, 'serve');

  const str = (o: Json, key: string, at: string, fallback?: string): string => {
    const v = o[key];
    if (v === undefined && fallback !== undefined) return fallback;
    if (typeof v !== 'string' || v.trim() === '') {
      problems.push(`${at}.${key}: ${v === undefined ? 'is required' : 'must be a non-empty string'}`);
      return fallback ?? '';
    }
    return v;
  };
  const url = (o: Json, key: string, at: string, required: boolean): string | null => {
    const v = o[key];
    if (v === undefined || v === null) {
      if (required) problems.push(`${at}.${key}: is required`);
      return null;
    }
    if (!isAbsoluteHttpUrl(v)) {
      problems.push(`${at}.${key}: not an absolute URL`);
      return null;
    }
    // Serialized, so characters a URI cannot carry come out percent-encoded in every feed.
    return new URL(v as string).href;
  };
  const int = (o: Json, key: string, at: string, fallback: number, min: number): number => {
    const v = o[key];
    if (v === undefined) return fallback;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
      problems.push(`${at}.${key}: must be an integer ≥ ${min}`);
      return fallback;
    }
    return v;
  };

  const title = str(site, 'title', 'site');
  let siteUrl = url(site, 'url', 'site', true) ?? 'https://example.invalid/';
  if (!siteUrl.endsWith('/')) siteUrl += '/';
  const description = str(site, 'description', 'site', title);
  const language = str(site, 'language', 'site', 'en');
  if (!/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(language)) problems.push('site.language: not a BCP 47 language tag');
  const timezone = str(site, 'timezone', 'site', 'UTC');
  if (!isValidZone(timezone)) problems.push(`site.timezone: unknown time zone "${timezone}"`);
  let feedBaseUrl = url(site, 'feedUrl', 'site', false) ?? siteUrl;
  if (!feedBaseUrl.endsWith('/')) feedBaseUrl += '/';
  const icon = url(site, 'icon', 'site', false);
  const copyright = site.copyright === undefined ? null : str(site, 'copyright', 'site');
  const author = parseAuthor(site.author, problems);

  const hubsRaw = top.hubs ?? [];
  const hubs: string[] = [];
  if (!Array.isArray(hubsRaw)) problems.push('hubs: must be an array of URLs');
  else hubsRaw.forEach((h, i) => (isAbsoluteHttpUrl(h) ? hubs.push(new URL(h as string).href) : problems.push(`hubs[${i}]: not an absolute URL`)));

  const itemLimit = int(feed, 'itemLimit', 'feed', DEFAULTS.itemLimit, 1);
  const maxFeedBytes = int(feed, 'maxBytes', 'feed', DEFAULTS.maxFeedBytes, 4096);
  const archivePageSize = int(feed, 'archivePageSize', 'feed', DEFAULTS.archivePageSize, 1);
  const maxArticleBytes = int(ingest, 'maxArticleBytes', 'ingest', DEFAULTS.maxArticleBytes, 1);
  const cron = str(schedule, 'cron', 'schedule', DEFAULTS.cron);
  const scheduleZone = str(schedule, 'timezone', 'schedule', timezone);
  if (!isValidZone(scheduleZone)) problems.push(`schedule.timezone: unknown time zone "${scheduleZone}"`);
  const maxAge = int(serve, 'maxAge', 'serve', DEFAULTS.maxAge, 0);

  const known = new Set(['$schema', 'site', 'feed', 'ingest', 'schedule', 'serve', 'hubs']);
  for (const key of Object.keys(top)) if (!known.has(key)) problems.push(`${key}: unknown setting`);

  if (problems.length) throw new ConfigError(file, problems);
  return {
    file,
    root: file ? path.dirname(file) : process.cwd(),
    site: { title, url: siteUrl, description, language, author, icon, timezone, feedBaseUrl, itemLimit, hubs, copyright },
    maxArticleBytes,
    maxFeedBytes,
    archivePageSize,
    schedule: { cron, timezone: scheduleZone },
    serve: { maxAge },
  };
}

function parseAuthor(v: unknown, problems: string[]): Person | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return { name: v };
  if (typeof v !== 'object' || Array.isArray(v)) {
    problems.push('site.author: must be a name or an object with name, email, url');
    return null;
  }
  const a = v as Json;
  if (typeof a.name !== 'string' || !a.name.trim()) problems.push('site.author.name: is required');
  if (a.email !== undefined && (typeof a.email !== 'string' || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(a.email)))
    problems.push('site.author.email: not an e-mail address');
  if (a.url !== undefined && !isAbsoluteHttpUrl(a.url)) problems.push('site.author.url: not an absolute URL');
  return {
    name: String(a.name ?? ''),
    email: typeof a.email === 'string' ? a.email : null,
    url: typeof a.url === 'string' ? a.url : null,
  };
}

export function isAbsoluteHttpUrl(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  try {
    const u = new URL(v);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.host !== '';
  } catch {
    return false;
  }
}

let canonicalZones: Set<string> | null = null;

/**
 * Whether `zone` is a time zone the runtime knows: exactly luxon's IANAZone.isValidZone (a
 * DateTimeFormat in that zone can be made), without loading luxon, and usually without making a
 * DateTimeFormat either: the first one costs ~12 ms of ICU set-up on every run, the list of
 * canonical zone names ~1 ms. Other names (aliases such as `Etc/UTC`, other spellings, bad
 * names) take the slow way.
 */
export function isValidZone(zone: string): boolean {
  if (!zone) return false;
  // UTC (the default) is in no list but every runtime knows it.
  canonicalZones ??= new Set(['UTC', ...(typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [])]);
  if (canonicalZones.has(zone)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone }).format();
    return true;
  } catch {
    return false;
  }
}
