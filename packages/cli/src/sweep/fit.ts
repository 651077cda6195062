/** A power law y ≈ c·n^exponent fitted by least squares on log y against log n. */
export interface GrowthFit {
  exponent: number;
  /** Coefficient of determination of the log–log fit (1 = a perfect power law). */
  r2: number;
  /** Points the fit used (those with n > 0 and y > 0). */
  points: number;
}

/** Fits the growth exponent; null with fewer than two usable points or a single n. */
export function fitGrowth(points: ReadonlyArray<{ n: number; y: number }>): GrowthFit | null {
  const usable = points.filter((p) => p.n > 0 && p.y > 0);
  if (usable.length < 2) return null;
  const xs = usable.map((p) => Math.log(p.n));
  const ys = usable.map((p) => Math.log(p.y));
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const mx = mean(xs);
  const my = mean(ys);
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < xs.length; i++) {
    sxx += (xs[i]! - mx) ** 2;
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    syy += (ys[i]! - my) ** 2;
  }
  if (sxx === 0) return null;
  const exponent = sxy / sxx;
  const r2 = syy === 0 ? 1 : (sxy * sxy) / (sxx * syy);
  return { exponent, r2, points: usable.length };
}

/**
 * The fit over the larger half of the sizes (at least the two largest): fixed costs (the EVM's
 * memory for a return area, a contract's setup) flatten the low end of a log–log line, so the
 * asymptotic growth, the one a complexity class describes, shows at the high end.
 */
export function fitUpperGrowth(points: ReadonlyArray<{ n: number; y: number }>): GrowthFit | null {
  const sizes = [...new Set(points.map((p) => p.n))].sort((a, b) => a - b);
  if (sizes.length < 2) return null;
  const from = sizes[Math.min(Math.floor(sizes.length / 2), sizes.length - 2)]!;
  return fitGrowth(points.filter((p) => p.n >= from));
}

/** How far above its declared complexity a measured exponent may be before it is flagged. */
export const EXPONENT_TOLERANCE = 0.25;

export function exceedsComplexity(fit: GrowthFit | null, complexity: number): boolean {
  return fit !== null && fit.exponent > complexity + EXPONENT_TOLERANCE;
}
