// How far V8 lets the heap grow between two full collections, in the publishing commands' own
// process. V8 lets a heap that allocates fast grow to up to four times what survived its last
// full collection before it collects again. A cold publish of a large archive holds every
// article while it makes thousands of pages, each a large string that is garbage a moment later:
// at 100,000 articles such a run peaked at 810–940 MB, about half of it garbage. Growth capped
// at twice what survived took the same run to 600–640 MB in the same time (alternating runs);
// at 10,000 articles neither time nor memory changed.
//
// Set only where wirefeed is the process (runMain), never by the library, whose host owns its
// heap; and not when node was started with a choice of its own. Set after the launcher has
// handed V8 the code cache: V8 takes a cache only under the flags it was made with.
import v8 from 'node:v8';

/** Growth allowed after a full collection, in percent of what survived it. */
export const HEAP_GROWING_PERCENT = 100;

const FLAG = 'heap-growing-percent';

/** The V8 flag to set, or null when node's own arguments already choose it. */
export function heapGrowthFlag(execArgv: readonly string[]): string | null {
  const given = execArgv.some((arg) => arg.replaceAll('_', '-').startsWith(`--${FLAG}`));
  return given ? null : `--${FLAG}=${HEAP_GROWING_PERCENT}`;
}

/** Caps the heap's growth for the rest of this process, its worker threads included. */
export function capHeapGrowth(): void {
  const flag = heapGrowthFlag(process.execArgv);
  if (flag) v8.setFlagsFromString(flag);
}
