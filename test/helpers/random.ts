// A seeded source of small random numbers for tests that try many generated inputs: the same
// seed gives the same inputs on every run and machine, so a failure can be reproduced.

/** A function giving whole numbers in [0, n), from a linear congruential generator seeded with `seed`. */
export function seededRandom(seed: number): (n: number) => number {
  return (n) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
}
