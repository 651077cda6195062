import type { Receipt } from '../receipt.js';
import type { ExecuteOptions, MaybePromise, Runtime } from '../runtime.js';
import type { JournaledState } from '../state/journaled-state.js';

/**
 * The logical outcome of a workload, VM-independent: decimal strings keyed by name, e.g.
 * `{ counter: '1' }` or `{ alice: '999900', bob: '100' }`. The differential check compares these.
 */
export type LogicalResult = Record<string, string>;

/** One logical scenario, the same for every runtime. */
export interface WorkloadSpec {
  name: string;
  title: string;
  description: string;
  /** The scenario's size parameters (iterations, slots, array length…). */
  params: Readonly<Record<string, number>>;
  /** What every runtime must produce, computed by a plain TypeScript reference model. */
  expected: LogicalResult;
}

/** A workload deployed on one runtime, ready to be run again and again from the same state. */
export interface PreparedWorkload {
  /** Bytes of code deployed (all contracts/modules/programs the workload needs). */
  codeSize: number;
  /** Native gas spent deploying and initializing. */
  deployGas: number;
  /** Runs the measured transaction once. The harness reverts state between runs. */
  run(options?: ExecuteOptions): MaybePromise<Receipt>;
  /** Reads the logical result from the receipt and/or state after `run`. */
  result(receipt: Receipt, state: JournaledState): MaybePromise<LogicalResult>;
}

/** How one runtime implements one workload. */
export interface WorkloadImplementation {
  runtime: string;
  workload: string;
  /** A one-line note on how it is written (e.g. "EVM assembly", "WAT", "sBPF assembly"). */
  source: string;
  prepare(state: JournaledState, runtime: Runtime): MaybePromise<PreparedWorkload>;
}
