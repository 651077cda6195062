import { InvalidArgumentError, PolyvmError, UnsupportedError } from '../errors.js';
import type { GasBreakdown } from '../gas.js';
import { normalizedCost } from '../gas.js';
import type { Runtime } from '../runtime.js';
import { JournaledState, type StateMetrics } from '../state/journaled-state.js';
import { type TimeStats, timeStats } from './stats.js';
import type { LogicalResult, WorkloadImplementation } from './workload.js';

export interface MeasureOptions {
  /** Unmeasured runs first, so the JIT has compiled the hot paths. */
  warmup?: number;
  samples?: number;
  /** Milliseconds; `performance.now` by default. Injected so tests are deterministic. */
  clock?: () => number;
  /** Starting state; a fresh in-memory state by default. */
  state?: JournaledState;
}

export interface RunResult {
  runtime: string;
  workload: string;
  source: string;
  ok: boolean;
  /** Why the run failed (deploy error, non-success receipt, thrown error). */
  error?: string;
  status: string;
  result: LogicalResult;
  gasUsed: number;
  gasUnit: string;
  normalizedCost: number;
  gasBreakdown: GasBreakdown;
  instructions: number;
  storage: StateMetrics;
  codeSize: number;
  deployGas: number;
  time?: TimeStats;
}

/**
 * Deploys a workload once, checks one run's receipt, then times `warmup + samples` runs, each from
 * the same state (checkpoint before, revert after), and reports the first run's costs.
 */
/** The status of a pair whose implementation threw `UnsupportedError` while preparing. */
export const NOT_APPLICABLE = 'n/a';

export async function measureWorkload(
  runtime: Runtime,
  impl: WorkloadImplementation,
  options: MeasureOptions = {},
): Promise<RunResult> {
  const warmup = options.warmup ?? 3;
  const samples = options.samples ?? 10;
  if (!Number.isSafeInteger(warmup) || warmup < 0)
    throw new InvalidArgumentError(`warmup must be >= 0, got ${warmup}`);
  if (!Number.isSafeInteger(samples) || samples < 1)
    throw new InvalidArgumentError(`samples must be >= 1, got ${samples}`);
  if (impl.runtime !== runtime.name) {
    throw new InvalidArgumentError(
      `workload implementation is for "${impl.runtime}", runtime is "${runtime.name}"`,
    );
  }
  const clock = options.clock ?? (() => performance.now());
  const state = options.state ?? new JournaledState();
  const base: RunResult = {
    runtime: runtime.name,
    workload: impl.workload,
    source: impl.source,
    ok: false,
    status: 'error',
    result: {},
    gasUsed: 0,
    gasUnit: runtime.gasSchedule.unit,
    normalizedCost: 0,
    gasBreakdown: { compute: 0, memory: 0, storage: 0, call: 0, crypto: 0, other: 0 },
    instructions: 0,
    storage: { reads: 0, writes: 0, deletes: 0, bytesRead: 0, bytesWritten: 0, keysTouched: 0 },
    codeSize: 0,
    deployGas: 0,
  };
  try {
    const prepared = await impl.prepare(state, runtime);
    base.codeSize = prepared.codeSize;
    base.deployGas = prepared.deployGas;

    state.checkpoint();
    // A scope, not resetMetrics(): the caller's state keeps its own running counters.
    const accesses = state.beginMetrics();
    const receipt = await prepared.run();
    const storage = accesses.end();
    const result = await prepared.result(receipt, state);
    state.revert();
    Object.assign(base, {
      status: receipt.status,
      result,
      gasUsed: receipt.gasUsed,
      normalizedCost: normalizedCost(receipt.gasUsed, runtime.gasSchedule),
      gasBreakdown: receipt.gasBreakdown,
      instructions: receipt.metrics.instructions,
      storage,
    });
    if (receipt.status !== 'success') {
      base.error = `${receipt.status}: ${receipt.error?.message ?? 'no error message'}`;
      return base;
    }

    const times: number[] = [];
    for (let i = 0; i < warmup + samples; i++) {
      state.checkpoint();
      const start = clock();
      await prepared.run();
      const elapsed = clock() - start;
      state.revert();
      if (i >= warmup) times.push(elapsed);
    }
    base.time = timeStats(times);
    base.ok = true;
    return base;
  } catch (err) {
    base.error = err instanceof PolyvmError ? `${err.name}: ${err.message}` : String(err);
    // A runtime or back end that cannot express the workload says so with a typed error: the pair
    // does not apply (shown as n/a with the reason), which is not a failure of the ones that do.
    if (err instanceof UnsupportedError) base.status = NOT_APPLICABLE;
    return base;
  }
}
