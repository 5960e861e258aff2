// Which files are articles, by name. Apart from the readers so that listing a folder (the
// publish job does it on every run, changed or not) does not load the whole of ingest.

/** Extensions read as wire text (with optional front matter) and as the JSON model. */
export const TEXT_EXTENSIONS = ['.txt', '.md', '.markdown', '.text'];
export const JSON_EXTENSIONS = ['.json'];

export function isArticleFile(path: string): boolean {
  const p = path.toLowerCase();
  return [...TEXT_EXTENSIONS, ...JSON_EXTENSIONS].some((e) => p.endsWith(e));
}
