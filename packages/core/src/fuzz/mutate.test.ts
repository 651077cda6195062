import { describe, expect, it } from 'vitest';
import { Lcg } from './lcg.js';
import { mutateBytes } from './mutate.js';

const DICTIONARY = { interesting: [0x00, 0xff], extreme: [0x7f, 0xff, 0xff] };

describe('Lcg and mutateBytes', () => {
  it('the LCG is the MMIX recurrence, high 31 bits', () => {
    const x1 = (1n * 6364136223846793005n + 1442695040888963407n) & 0xffffffffffffffffn;
    const rng = new Lcg(1n);
    expect(rng.next()).toBe(Number(x1 >> 33n));
    expect(new Lcg(5n).below(0)).toBe(0);
  });

  it('mutants are deterministic per seed, differ from the seed, and respect maxSize', () => {
    const seed = Uint8Array.from({ length: 40 }, (_, i) => i);
    const run = (s: bigint) => {
      const rng = new Lcg(s);
      return Array.from({ length: 50 }, () => mutateBytes(seed, rng, 48, DICTIONARY));
    };
    expect(run(7n)).toEqual(run(7n));
    expect(run(7n)).not.toEqual(run(8n));
    const mutants = run(7n);
    expect(mutants.every((m) => m.length <= 48)).toBe(true);
    expect(mutants.some((m) => m.length !== seed.length || m.some((b, i) => b !== seed[i]))).toBe(true);
  });
});
