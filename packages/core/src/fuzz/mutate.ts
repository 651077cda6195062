import type { Lcg } from './lcg.js';

/** What a format's mutator knows about it: byte values that matter and one hostile insertion. */
export interface MutationDictionary {
  /** Byte values that steer a decoder (opcodes, type codes, LEB128 continuations, extremes). */
  interesting: readonly number[];
  /** Bytes inserted whole: a value at its extreme (an EVM PUSH32 of 0xff…, an oversized LEB128). */
  extreme: readonly number[];
}

/**
 * One to four byte-level mutations of `seed` (overwrite with a random or an interesting byte,
 * insert random bytes, delete a run, insert the extreme, duplicate a slice), cut to `maxSize`.
 */
export function mutateBytes(
  seed: Uint8Array,
  rng: Lcg,
  maxSize: number,
  dictionary: MutationDictionary,
): Uint8Array {
  const out = Array.from(seed);
  const rounds = 1 + rng.below(4);
  for (let r = 0; r < rounds; r++) {
    const at = rng.below(out.length + 1);
    switch (rng.below(6)) {
      case 0:
        if (out.length) out[Math.min(at, out.length - 1)] = rng.below(256);
        break;
      case 1:
        if (out.length)
          out[Math.min(at, out.length - 1)] =
            dictionary.interesting[rng.below(dictionary.interesting.length)]!;
        break;
      case 2:
        out.splice(at, 0, ...Array.from({ length: 1 + rng.below(8) }, () => rng.below(256)));
        break;
      case 3:
        out.splice(at, 1 + rng.below(8));
        break;
      case 4:
        out.splice(at, 0, ...dictionary.extreme);
        break;
      default: {
        // Duplicate a slice (repeated sections, nested blocks, copied frames).
        const from = rng.below(out.length);
        out.splice(at, 0, ...out.slice(from, from + 1 + rng.below(32)));
      }
    }
  }
  return Uint8Array.from(out.length > maxSize ? out.slice(0, maxSize) : out);
}

/** A fuzz loop's `next`: every seed once, in order, then a mutant of a randomly chosen seed. */
export function seedsThenMutants(
  seeds: readonly Uint8Array[],
  rng: Lcg,
  mutant: (seed: Uint8Array) => Uint8Array,
): (index: number) => Uint8Array {
  return (index) => (index < seeds.length ? seeds[index]! : mutant(seeds[rng.below(seeds.length)]!));
}
