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

const CREDIT_OPEN = '<media:credit role="photographer" scheme="urn:ebu">';
const CREDIT_CLOSE = '</media:credit>';

/** Pushes the Media RSS lines for an item's media onto `out`, each as a newline and `indent`
 *  before the element (text and markup as separate parts: the feed joins them once). */
export function mediaRss(media: readonly MediaItem[], indent: string, out: string[]): void {
  const inner = '\n' + indent + '  ';
  const outer = '\n' + indent;
  for (const m of media) {
    if (isWebUrl(m.url)) {
      out.push(outer, '<media:content url="', escapeAttr(m.url), '"');
      if (m.type) out.push(' type="', escapeAttr(m.type), '"');
      if (m.size) out.push(` fileSize="${m.size}"`);
      const med = medium(m.type);
      if (med) out.push(` medium="${med}"`);
      if (m.width) out.push(` width="${m.width}"`);
      if (m.height) out.push(` height="${m.height}"`);
      if (!m.title && !m.caption && !m.credit) {
        out.push('/>');
        continue;
      }
      out.push('>');
      if (m.title) out.push(inner, '<media:title type="plain">', escapeText(m.title), '</media:title>');
      if (m.caption) out.push(inner, '<media:description type="plain">', escapeText(m.caption), '</media:description>');
      if (m.credit) out.push(inner, CREDIT_OPEN, escapeText(m.credit), CREDIT_CLOSE);
      out.push(outer, '</media:content>');
    } else if (m.credit) {
      out.push(outer, CREDIT_OPEN, escapeText(m.credit), CREDIT_CLOSE);
    }
  }
}
