/**
 * Knuth's MMIX linear congruential generator (x' = x·6364136223846793005 + 1442695040888963407
 * mod 2^64): a deterministic stream for fuzzers, so a report's seed reproduces its inputs.
 */
export class Lcg {
  #x: bigint;

  constructor(seed: bigint) {
    this.#x = seed;
  }

  /** The next 31-bit value (the high bits, the better-mixed ones). */
  next(): number {
    this.#x = (this.#x * 6364136223846793005n + 1442695040888963407n) & 0xffffffffffffffffn;
    return Number(this.#x >> 33n);
  }

  /** A value in 0..n-1; 0 when n ≤ 0. */
  below(n: number): number {
    return n <= 0 ? 0 : this.next() % n;
  }
}
