// Media RSS (http://search.yahoo.com/mrss/) elements for one item, shared by RSS and Atom so both
// carry photos, captions and credits the same way. A photo with a web URL becomes media:content with
// its description and credit inside; a photo without one still credits its photographer at item level
// (its caption is in the body HTML's <figure>).
import type { MediaItem } from '../model/index.js';
import { isWebUrl } from './html.js';
import { escapeAttr, escapeText } from './xml.js';

function medium(type: string | null): string | null {
  if (!type || type.startsWith('image/')) return 'image';
  if (type.startsWith('video/')) return 'video';
  if (type.startsWith('audio/')) return 'audio';
  return null;
}

function credit(text: string): string {
  return `<media:credit role="photographer" scheme="urn:ebu">${escapeText(text)}</media:credit>`;
}

/** Pushes the Media RSS lines for an item's media onto `out`, each as a newline and `indent`
 *  before the element. */
export function mediaRss(media: readonly MediaItem[], indent: string, out: string[]): void {
  const inner = '\n' + indent + '  ';
  const outer = '\n' + indent;
  for (const m of media) {
    if (isWebUrl(m.url)) {
      let open = `${outer}<media:content url="${escapeAttr(m.url)}"`;
      if (m.type) open += ` type="${escapeAttr(m.type)}"`;
      if (m.size) open += ` fileSize="${m.size}"`;
      const med = medium(m.type);
      if (med) open += ` medium="${med}"`;
      if (m.width) open += ` width="${m.width}"`;
      if (m.height) open += ` height="${m.height}"`;
      if (!m.title && !m.caption && !m.credit) {
        out.push(open + '/>');
        continue;
      }
      out.push(open + '>');
      if (m.title) out.push(`${inner}<media:title type="plain">${escapeText(m.title)}</media:title>`);
      if (m.caption) out.push(`${inner}<media:description type="plain">${escapeText(m.caption)}</media:description>`);
      if (m.credit) out.push(inner + credit(m.credit));
      out.push(`${outer}</media:content>`);
    } else if (m.credit) {
      out.push(outer + credit(m.credit));
    }
  }
}
