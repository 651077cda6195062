import { describe, expect, it } from 'vitest';
import { seededRandom } from './seeded-random.js';

describe('seededRandom', () => {
  it('repeats for a seed, differs across seeds, stays in bounds', () => {
    const draw = (seed: number) => {
      const next = seededRandom(seed);
      return Array.from({ length: 64 }, () => next(10));
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
    expect(draw(0).every((n) => n >= 0 && n < 10)).toBe(true);
    expect(new Set(draw(3)).size).toBeGreaterThan(5);
  });
});
