// Reading published feeds back the way a test checks them: JSON Feed items, Atom entries as
// text (to prove untouched entries are byte-identical), RSS lastBuildDate.
import { parseStringPromise } from 'xml2js';
import { validateFeed } from '../../src/validate/index.js';

export interface JsonItem {
  id: string;
  url?: string;
  title?: string;
  date_published?: string;
  date_modified?: string;
}

export function jsonItems(feedJson: Buffer | string): JsonItem[] {
  return (JSON.parse(feedJson.toString()) as { items: JsonItem[] }).items;
}

/** Each Atom `<entry>…</entry>` exactly as written, keyed by its id. */
export function atomEntries(atom: Buffer | string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of atom.toString().matchAll(/<entry[\s>][\s\S]*?<\/entry>/g)) {
    const id = /<id>([^<]*)<\/id>/.exec(m[0])?.[1] ?? '';
    out.set(unescapeXml(id), m[0]);
  }
  return out;
}

export async function atomFeedUpdated(atom: Buffer | string): Promise<string> {
  const doc = await parseStringPromise(atom.toString());
  return String(doc.feed.updated[0]);
}

export function rssLastBuildDate(rss: Buffer | string): string | null {
  return /<lastBuildDate>([^<]*)<\/lastBuildDate>/.exec(rss.toString())?.[1] ?? null;
}

/** Every feed file in `files` checked by our validator: name → its errors (empty when valid). */
export function feedErrors(files: Record<string, Buffer>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, bytes] of Object.entries(files)) {
    if (!/\.(xml|json)$/.test(name)) continue;
    const r = validateFeed(new Uint8Array(bytes));
    out[name] = r.errors.map((e) => `${e.code} ${e.message}`);
    if (r.format === 'unknown') out[name].push('format unknown');
  }
  return out;
}

function unescapeXml(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}
