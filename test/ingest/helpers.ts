// Shared set-up for the ingest tests: a site, a fixed first-sight time, and shortcuts.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingestArticle, type IngestOptions, type IngestResult } from '../../src/ingest/index.js';
import type { Article, Site } from '../../src/model/index.js';

export const SITE: Site = {
  title: 'Example News',
  url: 'https://news.example.com/',
  description: 'World news',
  language: 'en',
  author: null,
  icon: null,
  timezone: 'UTC',
  feedBaseUrl: 'https://news.example.com/',
  itemLimit: 50,
  hubs: [],
  copyright: null,
};

export const FIRST_SEEN = '2024-04-02T08:00:00Z';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function fixture(rel: string): Uint8Array {
  return readFileSync(path.join(ROOT, 'test/fixtures/articles', rel));
}

export function ingest(p: string, content: string | Uint8Array, opts: Partial<IngestOptions> = {}): IngestResult {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  return ingestArticle({ path: p, bytes }, { site: SITE, firstSeen: FIRST_SEEN, maxBytes: 5 * 1024 * 1024, ...opts });
}

/** Ingests and insists it worked, so a test reads as what it checks. */
export function article(p: string, content: string | Uint8Array, opts: Partial<IngestOptions> = {}): Article {
  const r = ingest(p, content, opts);
  if (!r.ok) throw new Error(`${p} was rejected: ${r.error.code} ${r.error.message}`);
  return r.article;
}

export function rejection(p: string, content: string | Uint8Array, opts: Partial<IngestOptions> = {}) {
  const r = ingest(p, content, opts);
  if (r.ok) throw new Error(`${p} was accepted, expected a rejection`);
  return r.error;
}
