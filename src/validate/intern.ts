// One string per distinct name. The element and attribute names of a feed repeat all through it,
// and are looked up in maps and objects at every element: the engine's own copy of a name
// (V8 "internalizes" the strings it uses as property names) is hashed once, independent of the
// text it was cut from, and the same object for every copy of the name, so that comparisons and
// lookups with it are quick.

/** The interned copy of a name (never a number: "12" would become an array index). */
export function intern(name: string): string {
  return Object.keys({ [name]: 0 })[0];
}
