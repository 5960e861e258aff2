// Which files are articles, by name. Apart from the readers so that listing a folder (the
// publish job does it on every run, changed or not) does not load the whole of ingest.

/** Extensions read as wire text (with optional front matter) and as the JSON model. */
export const TEXT_EXTENSIONS = ['.txt', '.md', '.markdown', '.text'];
export const JSON_EXTENSIONS = ['.json'];

const ARTICLE_EXTENSIONS = [...TEXT_EXTENSIONS, ...JSON_EXTENSIONS];

export function isArticleFile(path: string): boolean {
  // (Called for every file of the articles folder on every run: no list made per call.)
  const p = path.toLowerCase();
  for (const e of ARTICLE_EXTENSIONS) if (p.endsWith(e)) return true;
  return false;
}
