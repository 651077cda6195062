import { InvalidArgumentError } from '../errors.js';

export interface TimeStats {
  samples: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  meanMs: number;
  /** Median absolute deviation: a spread that one slow outlier (a GC pause) cannot blow up. */
  madMs: number;
  opsPerSec: number;
}

export function median(sorted: readonly number[]): number {
  const n = sorted.length;
  if (n === 0) throw new InvalidArgumentError('median of an empty sample');
  const mid = n >> 1;
  return n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function timeStats(samplesMs: readonly number[]): TimeStats {
  if (samplesMs.length === 0) throw new InvalidArgumentError('timeStats needs at least one sample');
  for (const s of samplesMs) {
    if (!Number.isFinite(s) || s < 0)
      throw new InvalidArgumentError(`sample must be a finite non-negative number, got ${s}`);
  }
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const med = median(sorted);
  const deviations = sorted.map((s) => Math.abs(s - med)).sort((a, b) => a - b);
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    samples: sorted.length,
    medianMs: med,
    minMs: sorted[0]!,
    maxMs: sorted[sorted.length - 1]!,
    meanMs: sum / sorted.length,
    madMs: median(deviations),
    opsPerSec: med > 0 ? 1000 / med : Number.POSITIVE_INFINITY,
  };
}
