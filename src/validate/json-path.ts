// JSON Feed messages point at a value by a path such as `items[3].authors[0].name`: the form
// users already read in JavaScript. Keys that are not plain identifiers are quoted
// (`_ext["a.b"]`) so a path never becomes ambiguous.

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** The path of member `key` of the object at `base` ('' is the document root). */
export function memberPath(base: string, key: string): string {
  if (IDENTIFIER.test(key)) return base === '' ? key : `${base}.${key}`;
  return `${base}[${JSON.stringify(key)}]`;
}

/** The path of element `index` of the array at `base`. */
export function indexPath(base: string, index: number): string {
  return `${base}[${index}]`;
}
