// Small helpers for the validator tests: validate a string or bytes, list the codes found.
import { validateFeed, type ValidationReport } from '../../src/validate/index.js';

export function check(doc: string | Uint8Array): ValidationReport {
  return validateFeed(typeof doc === 'string' ? new TextEncoder().encode(doc) : doc);
}

export const errorCodes = (r: ValidationReport): string[] => r.errors.map((e) => e.code);
export const warningCodes = (r: ValidationReport): string[] => r.warnings.map((e) => e.code);

/** A minimal valid RSS 2.0 document around the given channel content (items etc.). */
export function rss(inner: string, rootAttrs = ''): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"${rootAttrs}>
<channel>
<title>Example</title>
<link>https://example.com/</link>
<description>An example feed</description>
<atom:link href="https://example.com/rss.xml" rel="self" type="application/rss+xml"/>
${inner}
</channel>
</rss>
`;
}

/** A minimal valid Atom 1.0 feed around the given content (entries etc.). */
export function atom(inner: string, rootAttrs = ''): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"${rootAttrs}>
<title>Example</title>
<id>tag:example.com,2024:feed</id>
<updated>2024-03-05T10:00:00Z</updated>
<author><name>Jane Doe</name></author>
<link rel="self" href="https://example.com/atom.xml"/>
<link href="https://example.com/"/>
${inner}
</feed>
`;
}

export function entry(inner = '', id = 'tag:example.com,2024:1'): string {
  return `<entry><title>One</title><id>${id}</id><updated>2024-03-05T10:00:00Z</updated><link href="https://example.com/1"/>${inner}</entry>`;
}
