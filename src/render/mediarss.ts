// Media RSS (http://search.yahoo.com/mrss/) elements for one item, shared by RSS and Atom so both
// carry photos, captions and credits the same way. A photo with a web URL becomes media:content with
// its description and credit inside; a photo without one still credits its photographer at item level
// (its caption is in the body HTML's <figure>).
import type { MediaItem } from '../model/index.js';
import { isWebUrl } from './html.js';
import { el, escapeAttr } from './xml.js';

function medium(type: string | null): string | null {
  if (!type || type.startsWith('image/')) return 'image';
  if (type.startsWith('video/')) return 'video';
  if (type.startsWith('audio/')) return 'audio';
  return null;
}

function credit(text: string): string {
  return el('media:credit', text, { role: 'photographer', scheme: 'urn:ebu' });
}

/** The Media RSS lines for an item's media, each already indented by `indent`. */
export function mediaRssLines(media: readonly MediaItem[], indent: string): string[] {
  const lines: string[] = [];
  for (const m of media) {
    if (isWebUrl(m.url)) {
      const inner = indent + '  ';
      let open = `${indent}<media:content url="${escapeAttr(m.url)}"`;
      if (m.type) open += ` type="${escapeAttr(m.type)}"`;
      if (m.size) open += ` fileSize="${m.size}"`;
      const med = medium(m.type);
      if (med) open += ` medium="${med}"`;
      if (m.width) open += ` width="${m.width}"`;
      if (m.height) open += ` height="${m.height}"`;
      const children: string[] = [];
      if (m.title) children.push(inner + el('media:title', m.title, { type: 'plain' }));
      if (m.caption) children.push(inner + el('media:description', m.caption, { type: 'plain' }));
      if (m.credit) children.push(inner + credit(m.credit));
      if (children.length === 0) lines.push(open + '/>');
      else lines.push(open + '>', ...children, `${indent}</media:content>`);
    } else if (m.credit) {
      lines.push(indent + credit(m.credit));
    }
  }
  return lines;
}
