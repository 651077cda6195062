import {
  COSMWASM_CONSTANTS,
  JournaledState,
  logicalResultsEqual,
  measureWorkload,
  profileForRuntime,
  type Runtime,
} from '@polyvm/core';
import type { SizedWorkload } from '@polyvm/examples';
import { type Captured, capturingRuntime } from '../cost/capture.js';
import { shapeOf } from '../cost/shape-of.js';
import type { Progress } from '../progress.js';
import { recordingClock } from '../provenance/recording-clock.js';
import type { SweepPoint } from './sweep-report.js';

/**
 * What a runtime's receipt charges on every call whatever the size: on CosmWasm, wasmd's instance
 * cost (DefaultInstanceCost, 60,000 SDK gas × 140,000 for loading the contract), 8.4e9 CosmWasm
 * gas that would dwarf a small workload's own cost.
 */
function fixedPerCallGas(runtime: string): number {
  if (runtime !== 'cosmwasm') return 0;
  return COSMWASM_CONSTANTS.instanceCost.value * COSMWASM_CONSTANTS.gasMultiplier.value;
}

/**
 * The receipt's gas without the intrinsic part some runtimes include (the EVM's 21,000 + calldata)
 * and without fixed per-call charges (CosmWasm's instance cost): a constant offset would bend the
 * log–log line and understate the growth exponent.
 */
function executionGas(runtime: string, gasUsed: number, first: Captured | undefined): number {
  const fixed = fixedPerCallGas(runtime);
  const profile = profileForRuntime(runtime);
  if (!profile || profile.receiptIntrinsic === 'none' || !first) return Math.max(0, gasUsed - fixed);
  const intrinsic = profile
    .intrinsicGas(shapeOf(first.tx, first.receipt))
    .reduce((sum, part) => sum + part.gas, 0);
  return Math.max(0, gasUsed - intrinsic - fixed);
}

export interface SweepPlan {
  sized: SizedWorkload;
  /** (runtime, n) pairs to run, in order. */
  points: ReadonlyArray<{ runtime: string; n: number }>;
  warmup: number;
  samples: number;
}

/**
 * Runs every planned point on a fresh state: builds the workload at size n, checks its result
 * against the reference model at that size, and times it. A point that disagrees is kept, not ok.
 */
export async function runSweep(
  plan: SweepPlan,
  createRuntime: (name: string) => Runtime,
  progress: Progress,
  clock: () => number = () => performance.now(),
): Promise<SweepPoint[]> {
  const out: SweepPoint[] = [];
  for (const { runtime, n } of plan.points) {
    progress.begin(`${runtime} n=${n}`);
    const impl = plan.sized.implementations(n).find((i) => i.runtime === runtime)!;
    const expected = plan.sized.spec(n).expected;
    const recording = recordingClock(clock);
    const capture = capturingRuntime(createRuntime(runtime));
    const run = await measureWorkload(capture.runtime, impl, {
      warmup: plan.warmup,
      samples: plan.samples,
      clock: recording.now,
      state: new JournaledState(),
    });
    const agrees = run.status === 'success' && logicalResultsEqual(expected, run.result);
    const point: SweepPoint = {
      runtime,
      n,
      ok: run.ok && agrees,
      status: run.status,
      gasUsed: run.gasUsed,
      executionGas: executionGas(runtime, run.gasUsed, capture.executed[0]),
      gasUnit: run.gasUnit,
      instructions: run.instructions,
    };
    if (run.error) point.error = run.error;
    else if (!agrees)
      point.error = `result ${JSON.stringify(run.result)} differs from the reference ${JSON.stringify(expected)}`;
    if (run.time) {
      point.time = run.time;
      point.samplesMs = recording.samples(plan.warmup);
    }
    out.push(point);
    progress.end(point.ok ? `${point.gasUsed} ${point.gasUnit}` : point.status);
  }
  progress.finish();
  return out;
}
