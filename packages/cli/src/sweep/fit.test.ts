import { describe, expect, it } from 'vitest';
import { exceedsComplexity, fitGrowth, fitUpperGrowth } from './fit.js';

describe('fitGrowth', () => {
  it('recovers the exponent of an exact power law', () => {
    const fit = fitGrowth([10, 100, 1000].map((n) => ({ n, y: 3 * n ** 2 })));
    expect(fit?.exponent).toBeCloseTo(2, 10);
    expect(fit?.r2).toBeCloseTo(1, 10);
  });

  it('needs two distinct sizes with positive values', () => {
    expect(fitGrowth([{ n: 10, y: 5 }])).toBeNull();
    expect(
      fitGrowth([
        { n: 10, y: 5 },
        { n: 10, y: 6 },
      ]),
    ).toBeNull();
    expect(
      fitGrowth([
        { n: 10, y: 0 },
        { n: 100, y: 6 },
      ]),
    ).toBeNull();
  });

  it('flags growth beyond the declared complexity plus tolerance', () => {
    expect(exceedsComplexity({ exponent: 1.2, r2: 1, points: 3 }, 1)).toBe(false);
    expect(exceedsComplexity({ exponent: 1.9, r2: 1, points: 3 }, 1)).toBe(true);
    expect(exceedsComplexity(null, 1)).toBe(false);
  });
});

describe('fitUpperGrowth', () => {
  it('sees through a fixed cost that flattens the low end', () => {
    const points = [8, 32, 128, 512, 1024].map((n) => ({ n, y: 15_000 + 12 * n * n }));
    expect(fitGrowth(points)!.exponent).toBeLessThan(1.8);
    expect(fitUpperGrowth(points)!.exponent).toBeCloseTo(2, 1);
    expect(fitUpperGrowth(points)!.points).toBe(3);
  });
});
