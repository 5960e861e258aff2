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

/** The Media RSS lines for an item's media, each as a newline and `indent` before the element. */
export function mediaRss(media: readonly MediaItem[], indent: string): string {
  const inner = '\n' + indent + '  ';
  const outer = '\n' + indent;
  let s = '';
  for (const m of media) {
    if (isWebUrl(m.url)) {
      s += outer + '<media:content url="' + escapeAttr(m.url) + '"';
      if (m.type) s += ' type="' + escapeAttr(m.type) + '"';
      if (m.size) s += ` fileSize="${m.size}"`;
      const med = medium(m.type);
      if (med) s += ` medium="${med}"`;
      if (m.width) s += ` width="${m.width}"`;
      if (m.height) s += ` height="${m.height}"`;
      if (!m.title && !m.caption && !m.credit) {
        s += '/>';
        continue;
      }
      s += '>';
      if (m.title) s += inner + '<media:title type="plain">' + escapeText(m.title) + '</media:title>';
      if (m.caption) s += inner + '<media:description type="plain">' + escapeText(m.caption) + '</media:description>';
      if (m.credit) s += inner + CREDIT_OPEN + escapeText(m.credit) + CREDIT_CLOSE;
      s += outer + '</media:content>';
    } else if (m.credit) {
      s += outer + CREDIT_OPEN + escapeText(m.credit) + CREDIT_CLOSE;
    }
  }
  return s;
}
