import { describe, expect, it } from 'vitest';
import { median, timeStats } from './stats.js';

describe('timeStats', () => {
  it('computes median, spread and throughput', () => {
    const s = timeStats([4, 1, 2, 100, 3]);
    expect(s).toEqual({
      samples: 5,
      medianMs: 3,
      minMs: 1,
      maxMs: 100,
      meanMs: 22,
      madMs: 1,
      opsPerSec: 1000 / 3,
    });
  });

  it('averages the two middle samples of an even count', () => {
    expect(median([1, 2, 3, 10])).toBe(2.5);
  });

  it('rejects empty and invalid samples', () => {
    expect(() => timeStats([])).toThrow(/at least one sample/);
    expect(() => timeStats([1, Number.NaN])).toThrow(/finite non-negative/);
  });
});
