// V8 settings the publishing commands make for their own process, measured on the bench
// (docs/performance.md; alternating runs of the 2-core machine):
//
// - Heap growth: V8 lets a heap that allocates fast grow to up to four times what survived its
//   last full collection before it collects again. A cold publish of a large archive holds every
//   article while it makes thousands of pages, each a large string that is garbage a moment
//   later: at 100,000 articles such a run peaked at 810–940 MB, about half of it garbage. Growth
//   capped at twice what survived: 600–640 MB, in the same time. At 10,000 articles neither time
//   nor memory changed beyond the noise.
// - The budget before a function is optimized: V8 compiles a function with its optimizing
//   compiler once it has run through a budget of bytecode. In a run of a few hundred ms to a few
//   seconds, many functions cross that line while still lukewarm, and their compiles, on V8's
//   background threads, compete with the run for two cores. With four times the budget only the
//   functions that stay hot are compiled: a cold 10k publish 2.72 → 2.48 s (CPU 4.38 → 4.16 s),
//   the newest story's correction 331 → 314 ms (CPU 402 → 372 ms), an archived story's CPU
//   279 → 231 ms; 100k no different.
//
// Set by `publish` and `schedule` for their own process only (never by the library, whose host
// owns its isolate), and each one not when node was started with it. Set after the launcher has
// handed V8 the code cache (V8 takes a cache only under the flags it was made with), and only once
// a run turns out to have work (defaultStages' beforeWork): set as the process started, they cost
// a run that finds nothing changed 5–10 ms before its work began.
// WIREFEED_V8_DEFAULTS=1 leaves V8 as it is (the build makes the code cache that way).
import v8 from 'node:v8';

/** V8's default budget (bytecode bytes run) before a function is considered for optimizing. */
const DEFAULT_INTERRUPT_BUDGET = 66 * 1024;

export const PUBLISH_V8_FLAGS: readonly string[] = ['--heap-growing-percent=100', `--interrupt-budget=${4 * DEFAULT_INTERRUPT_BUDGET}`];

/** The flags of `flags` that node's own arguments (`execArgv`) do not set already; none when
 *  the environment asks for V8's defaults. */
export function flagsToSet(flags: readonly string[], execArgv: readonly string[], env: NodeJS.ProcessEnv = {}): string[] {
  if (env.WIREFEED_V8_DEFAULTS && env.WIREFEED_V8_DEFAULTS !== '0') return [];
  const nameOf = (arg: string): string => arg.split('=')[0].replaceAll('_', '-');
  const given = new Set(execArgv.map(nameOf));
  return flags.filter((flag) => !given.has(nameOf(flag)));
}

/** Applies PUBLISH_V8_FLAGS to this process, its worker threads included. */
export function tunePublishingProcess(): void {
  for (const flag of flagsToSet(PUBLISH_V8_FLAGS, process.execArgv, process.env)) v8.setFlagsFromString(flag);
}
