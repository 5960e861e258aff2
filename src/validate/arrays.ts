// Arrays that the hot loops of the validator push objects (strings, nodes) onto, one new array
// per document. V8 makes an empty array literal for small integers and converts it at the first
// push of anything else; code optimised on the previous document expects the converted kind, and
// is thrown away (and optimised again) when the next document's array arrives unconverted.

/** An empty array already of the kind that holds any value. */
export function objectArray<T>(): T[] {
  const a = [null as T];
  a.pop();
  return a;
}
