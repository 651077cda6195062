import type { TimeStats } from '@polyvm/core';

/**
 * A measurement whose median absolute deviation exceeds this share of its median is flagged: its
 * median may move by that much on a rerun, so ratios between runtimes closer than that mean little.
 */
export const SPREAD_THRESHOLD = 0.1;

/** MAD / median, or undefined when there is no timing. */
export function relativeSpread(time: TimeStats | undefined): number | undefined {
  if (!time || time.medianMs <= 0) return undefined;
  return time.madMs / time.medianMs;
}

export function isSpreadHigh(time: TimeStats | undefined): boolean {
  const spread = relativeSpread(time);
  return spread !== undefined && spread > SPREAD_THRESHOLD;
}
