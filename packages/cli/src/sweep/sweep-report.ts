import { InvalidArgumentError, type TimeStats } from '@polyvm/core';
import { maxSizeFor, type SizeParameter } from '@polyvm/examples';
import type { GitState } from '../provenance/git.js';
import type { MachineLoad } from '../provenance/load.js';
import { exceedsComplexity, fitGrowth, fitUpperGrowth, type GrowthFit } from './fit.js';
import type { Shard } from './shard.js';

export const SWEEP_SCHEMA = 'polyvm.sweep/1';

/** One (runtime, n) measurement. */
export interface SweepPoint {
  runtime: string;
  n: number;
  ok: boolean;
  status: string;
  error?: string;
  /** The receipt's gas, as `compare` reports it. */
  gasUsed: number;
  /** `gasUsed` without the intrinsic gas a runtime's receipt may include: what the gas line plots. */
  executionGas: number;
  gasUnit: string;
  instructions: number;
  time?: TimeStats;
  /** Raw per-run times in ms, warm-up excluded. */
  samplesMs?: number[];
}

/** A sweep, or one shard of it: `polyvm merge` joins shards that share everything but `shard` and `points`. */
export interface SweepReport {
  schema: typeof SWEEP_SCHEMA;
  workload: string;
  parameter: SizeParameter;
  values: number[];
  runtimes: string[];
  settings: { warmup: number; samples: number };
  /** The slice this file holds; null for a whole sweep or a merge of all shards. */
  shard: Shard | null;
  /** Date/time, commit and machine load of each contributing run. */
  runs: Array<{
    startedAt: string;
    finishedAt: string;
    git: GitState;
    loadBefore: MachineLoad;
    loadAfter: MachineLoad;
    shard: Shard | null;
  }>;
  packages: Record<string, string>;
  points: SweepPoint[];
  /** Planned (runtime, n) pairs left out because n is above that runtime's declared maximum. */
  skipped: Array<{ runtime: string; n: number; reason: string }>;
}

/**
 * Every (runtime, n) pair of a sweep, sizes first, and the pairs above a runtime's declared maximum
 * (left out, with the reason): the same plan for the sweep, its shards and their merge.
 */
export function planSweep(
  parameter: SizeParameter,
  values: readonly number[],
  runtimes: readonly string[],
): { points: Array<{ runtime: string; n: number }>; skipped: SweepReport['skipped'] } {
  const points: Array<{ runtime: string; n: number }> = [];
  const skipped: SweepReport['skipped'] = [];
  for (const n of values) {
    for (const runtime of runtimes) {
      const max = maxSizeFor(parameter, runtime);
      if (n <= max) points.push({ runtime, n });
      else
        skipped.push({
          runtime,
          n,
          reason: `above ${runtime}'s declared maximum ${parameter.name} = ${max}`,
        });
    }
  }
  return { points, skipped };
}

export const METRICS = [
  { key: 'gas', label: 'execution gas', value: (p: SweepPoint) => p.executionGas },
  { key: 'time', label: 'median time (ms)', value: (p: SweepPoint) => p.time?.medianMs },
  { key: 'instructions', label: 'instructions', value: (p: SweepPoint) => p.instructions },
] as const;
export type MetricKey = (typeof METRICS)[number]['key'];

/** The fitted growth of one runtime's line for one metric. */
export interface LineFit {
  runtime: string;
  metric: MetricKey;
  /** Over every size. */
  fit: GrowthFit | null;
  /** Over the larger half of the sizes: the asymptotic growth, judged against the declared complexity. */
  upper: GrowthFit | null;
  /** Gas only: the upper exponent exceeds the workload's declared complexity. */
  exceedsDeclared: boolean;
}

export function pointsOf(report: SweepReport, runtime: string): SweepPoint[] {
  return report.points.filter((p) => p.runtime === runtime && p.ok).sort((a, b) => a.n - b.n);
}

/** Growth exponents of every (runtime, metric) line; only gas is judged against the declared complexity. */
export function fitLines(report: SweepReport): LineFit[] {
  return report.runtimes.flatMap((runtime) =>
    METRICS.map((metric) => {
      const points = pointsOf(report, runtime).flatMap((p) => {
        const y = metric.value(p);
        return y === undefined ? [] : [{ n: p.n, y }];
      });
      const upper = fitUpperGrowth(points);
      return {
        runtime,
        metric: metric.key,
        fit: fitGrowth(points),
        upper,
        exceedsDeclared: metric.key === 'gas' && exceedsComplexity(upper, report.parameter.complexity),
      };
    }),
  );
}

/** Checks a parsed sweep file; `origin` names it in errors. */
export function parseSweep(value: unknown, origin: string): SweepReport {
  const r = value as Partial<SweepReport> | null;
  if (typeof r !== 'object' || r === null || r.schema !== SWEEP_SCHEMA) {
    throw new InvalidArgumentError(`${origin}: not a ${SWEEP_SCHEMA} file`);
  }
  for (const field of ['workload', 'parameter', 'values', 'runtimes', 'points', 'runs'] as const) {
    if (r[field] === undefined) throw new InvalidArgumentError(`${origin}: missing "${field}"`);
  }
  return r as SweepReport;
}

/**
 * Joins shards of one sweep: they must agree on workload, parameter, sizes, runtimes and settings;
 * a point measured twice is an error, and so is a point no shard measured.
 */
export function mergeSweeps(parts: ReadonlyArray<{ report: SweepReport; origin: string }>): SweepReport {
  const [first, ...rest] = parts;
  if (!first) throw new InvalidArgumentError('merge needs at least one sweep file');
  const identity = (r: SweepReport) =>
    JSON.stringify([r.workload, r.parameter, r.values, r.runtimes, r.settings]);
  for (const part of rest) {
    if (identity(part.report) !== identity(first.report)) {
      throw new InvalidArgumentError(
        `${part.origin} is not a shard of the same sweep as ${first.origin} (workload, parameter, sizes, runtimes or settings differ)`,
      );
    }
  }
  const seen = new Map<string, string>();
  const points: SweepPoint[] = [];
  for (const { report, origin } of parts) {
    for (const point of report.points) {
      const key = `${point.runtime}@${point.n}`;
      const other = seen.get(key);
      if (other) throw new InvalidArgumentError(`point ${key} is in both ${other} and ${origin}`);
      seen.set(key, origin);
      points.push(point);
    }
  }
  const plan = planSweep(first.report.parameter, first.report.values, first.report.runtimes);
  const missing = plan.points.map((p) => `${p.runtime}@${p.n}`).filter((key) => !seen.has(key));
  if (missing.length > 0) {
    throw new InvalidArgumentError(`the shards do not cover the sweep: missing ${missing.join(', ')}`);
  }
  const order = (p: SweepPoint) =>
    first.report.values.indexOf(p.n) * 1000 + first.report.runtimes.indexOf(p.runtime);
  return {
    ...first.report,
    shard: null,
    runs: parts.flatMap((p) => p.report.runs),
    points: points.sort((a, b) => order(a) - order(b)),
  };
}
