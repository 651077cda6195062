/**
 * A reproducible pseudo-random stream for tests, fuzzers and benchmarks (xorshift32, Marsaglia 2003):
 * `next(bound)` is an integer in [0, bound). Never for execution, which must not be random at all.
 */
export function seededRandom(seed: number): (bound: number) => number {
  let x = seed | 0 || 1;
  return (bound) => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) % bound;
  };
}
