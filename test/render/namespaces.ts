// Finds element/attribute prefixes used in a document but not declared on its root element.
export function undeclaredPrefixes(xml: string): string[] {
  const rootStart = xml.indexOf('<', xml.indexOf('?>') + 2);
  const rootTag = xml.slice(rootStart, xml.indexOf('>', rootStart));
  const declared = new Set([...rootTag.matchAll(/xmlns:([\w-]+)=/g)].map((m) => m[1]));
  declared.add('xml');
  declared.add('xmlns');
  const used = new Set<string>();
  for (const m of xml.matchAll(/<\/?([\w-]+):[\w-]+/g)) used.add(m[1]);
  for (const m of xml.matchAll(/\s([\w-]+):[\w-]+="/g)) used.add(m[1]);
  return [...used].filter((p) => !declared.has(p)).sort();
}
