// Which kind of document a byte stream is, from its first bytes: JSON (a JSON Feed candidate)
// starts with "{" or "[" after an optional UTF-8 byte order mark and white space; anything else
// is read as XML, whose root element then says RSS or Atom.

export type Syntax = 'json' | 'xml' | 'undecided';

/** Looks at the start of a document; 'undecided' while only white space has been seen. */
export function detectSyntax(head: Uint8Array): Syntax {
  // The first bytes of a byte order mark, cut by a chunk boundary: wait for the rest.
  if (head.length < 3 && head[0] === 0xef && (head.length === 1 || head[1] === 0xbb)) return 'undecided';
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0a || head[i] === 0x0d)) i++;
  if (i >= head.length) return 'undecided';
  return head[i] === 0x7b || head[i] === 0x5b ? 'json' : 'xml';
}

/** detectSyntax for a document held as a string (its UTF-8 encoding would give the same answer). */
export function detectTextSyntax(text: string): Syntax {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let c = text.charCodeAt(i);
  while (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) c = text.charCodeAt(++i);
  if (i >= text.length) return 'undecided';
  return c === 0x7b || c === 0x5b ? 'json' : 'xml';
}
