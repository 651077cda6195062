import {
  type BenchmarkReport,
  collectEnvironment,
  differentialCheck,
  measureWorkload,
  REPORT_SCHEMA,
  type RunResult,
  type WorkloadSpec,
} from '@polyvm/core';
import { isCompiledWorkload, lookupImplementation } from '@polyvm/examples';
import type { CliContext } from '../context.js';
import type { Progress } from '../progress.js';
import { recordingClock } from '../provenance/recording-clock.js';
import { MISSING_STATUS, NOT_APPLICABLE_STATUS } from '../report/agreement.js';
import { formatDuration } from '../report/format.js';

export interface CompareSelection {
  workloads: readonly WorkloadSpec[];
  runtimes: readonly string[];
  baseline: string;
  warmup: number;
  samples: number;
  /** Workloads from the user's scenario files: a VM the scenario has no artifact for is n/a. */
  scenarioWorkloads?: ReadonlySet<string>;
}

type ProgressFactory = (title: string, total: number) => Progress;

/** A measured row with the raw per-run times beside the harness's summary statistics. */
export type MeasuredResult = RunResult & { samplesMs?: number[] };

/** A result row with every cost at zero, to be filled in (or left so, when nothing ran). */
export function blankResult(runtime: string, workload: string, gasUnit: string): RunResult {
  return {
    runtime,
    workload,
    source: '',
    ok: false,
    status: 'error',
    result: {},
    gasUsed: 0,
    gasUnit,
    normalizedCost: 0,
    gasBreakdown: { compute: 0, memory: 0, storage: 0, call: 0, crypto: 0, other: 0 },
    instructions: 0,
    storage: { reads: 0, writes: 0, deletes: 0, bytesRead: 0, bytesWritten: 0, keysTouched: 0 },
    codeSize: 0,
    deployGas: 0,
  };
}

/**
 * The row of a (runtime, workload) pair that has no implementation: a kernel can never agree; a
 * compiled-tier workload on a VM without a compiler back end yet, or a user's scenario on a VM it
 * does not name, is n/a.
 */
function missingResult(
  ctx: CliContext,
  selection: CompareSelection,
  runtime: string,
  workload: string,
): RunResult {
  const scenario = selection.scenarioWorkloads?.has(workload) === true;
  const compiled = !scenario && isCompiledWorkload(workload);
  return {
    ...blankResult(runtime, workload, ctx.registry.create(runtime).gasSchedule.unit),
    source: 'not implemented',
    status: scenario || compiled ? NOT_APPLICABLE_STATUS : MISSING_STATUS,
    error: scenario
      ? `the scenario has no ${runtime} artifact`
      : compiled
        ? `no ${runtime} compiler back end yet`
        : `${runtime} has no implementation of ${workload}`,
  };
}

function pairs(selection: CompareSelection): Array<{ runtime: string; spec: WorkloadSpec }> {
  return selection.workloads.flatMap((spec) => selection.runtimes.map((runtime) => ({ runtime, spec })));
}

/**
 * Phase one, the differential check: every pair deployed on a fresh state and run once. Its
 * results carry no timing; only the costs and the logical result.
 */
export async function runDifferential(
  ctx: CliContext,
  selection: CompareSelection,
  progress: ProgressFactory,
): Promise<RunResult[]> {
  const todo = pairs(selection);
  const bar = progress('checking', todo.length);
  const results: RunResult[] = [];
  for (const { runtime, spec } of todo) {
    bar.begin(`${runtime}/${spec.name}`);
    const impl = lookupImplementation(ctx.catalog, runtime, spec.name);
    if (!impl) {
      results.push(missingResult(ctx, selection, runtime, spec.name));
    } else {
      const { time: _untimed, ...run } = await measureWorkload(ctx.registry.create(runtime), impl, {
        warmup: 0,
        samples: 1,
      });
      results.push(run);
    }
    bar.end(results.at(-1)!.status);
  }
  bar.finish();
  return results;
}

/**
 * Phase two, the measured matrix: each pair that agreed is deployed again on a fresh state and
 * timed with warm-up and repeated samples. Pairs that did not agree keep their phase-one row,
 * marked not ok, so the report shows what they did without timing code that computes the wrong thing.
 */
export async function runMeasurements(
  ctx: CliContext,
  selection: CompareSelection,
  checked: readonly RunResult[],
  progress: ProgressFactory,
): Promise<MeasuredResult[]> {
  const agreed = new Set(
    differentialCheck(selection.workloads, checked).flatMap((c) =>
      Object.entries(c.agree)
        .filter(([, ok]) => ok)
        .map(([runtime]) => `${runtime}/${c.workload}`),
    ),
  );
  const bar = progress('measuring', agreed.size);
  const results: MeasuredResult[] = [];
  for (const row of checked) {
    const pair = `${row.runtime}/${row.workload}`;
    const impl = lookupImplementation(ctx.catalog, row.runtime, row.workload);
    if (!agreed.has(pair) || !impl) {
      results.push({ ...row, ok: false });
      continue;
    }
    bar.begin(pair);
    // Recording the clock keeps the raw per-run times, which the harness only summarizes.
    const clock = recordingClock(ctx.clock ?? (() => performance.now()));
    const measured = await measureWorkload(ctx.registry.create(row.runtime), impl, {
      warmup: selection.warmup,
      samples: selection.samples,
      clock: clock.now,
    });
    results.push(measured.time ? { ...measured, samplesMs: clock.samples(selection.warmup) } : measured);
    bar.end(measured.time ? formatDuration(measured.time.medianMs) : measured.status);
  }
  bar.finish();
  return results;
}

/** The core `BenchmarkReport`; agreement is judged again on the measured runs, so a VM that
 * answers differently when run again is caught too. */
export function buildReport(
  ctx: CliContext,
  selection: CompareSelection,
  results: readonly RunResult[],
): BenchmarkReport {
  return {
    schema: REPORT_SCHEMA,
    environment: collectEnvironment({ ...ctx.packages }),
    baseline: selection.baseline,
    settings: { warmup: selection.warmup, samples: selection.samples },
    workloads: [...selection.workloads],
    differential: differentialCheck(selection.workloads, results),
    results: [...results],
  };
}
