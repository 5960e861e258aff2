// Character scans that stand in for regexes and splits on hot paths. Each says exactly which
// regex it replaces: the classifier runs them on every block of every article, so they must give
// the same answers, only without allocating arrays or scanning more of the text than needed.

/** True for the UTF-16 code units a regex's `\s` matches (ECMAScript WhiteSpace and LineTerminator). */
export function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** `s.split(/\s+/).filter(Boolean).length > limit`, read no further than the word past the limit. */
export function moreWordsThan(s: string, limit: number): boolean {
  let re = wordsPast.get(limit);
  if (!re) wordsPast.set(limit, (re = new RegExp(String.raw`^\s*(?:\S+\s+){${limit}}\S`)));
  return re.test(s);
}
/** `limit` runs of non-space, each closed by space, then one more: \S and \s never overlap, so no backtracking. */
const wordsPast = new Map<number, RegExp>();

/** The last of `s.split(/\s+/).filter(Boolean)`, or '' when there is none. */
export function lastWord(s: string): string {
  let end = s.length;
  while (end > 0 && isSpace(s.charCodeAt(end - 1))) end--;
  let start = end;
  while (start > 0 && !isSpace(s.charCodeAt(start - 1))) start--;
  return s.slice(start, end);
}

/** The last character of `s` that `\s` does not match, or '' (so `/X\s*$/` needs it to be X). */
export function lastNonSpace(s: string): string {
  let end = s.length;
  while (end > 0 && isSpace(s.charCodeAt(end - 1))) end--;
  return end > 0 ? s[end - 1] : '';
}
