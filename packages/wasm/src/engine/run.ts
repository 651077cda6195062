import { type JournaledState, makeReceipt, type PolyvmError, type Receipt } from '@polyvm/core';
import { WasmGas } from './meter.js';
import { classifyFailure } from './outcome.js';
import { finishRun, type GuestRun } from './receipt.js';

export interface MeteredRun {
  state: JournaledState;
  gasLimit: number;
  /** Commit on success (execute, deploy) or always revert (call, estimate). */
  keep: boolean;
  referenceOpCost: number;
  maxStackHeight: number;
  createdAddress?: Uint8Array;
}

/**
 * The shared frame of every deploy and call: a state checkpoint, a gas meter, the guest body, and
 * whatever escaped it mapped to a receipt status, with state reverted unless the run succeeded.
 */
export function runMetered(run: MeteredRun, body: (gas: WasmGas, logs: string[]) => GuestRun): Receipt {
  const { state } = run;
  state.checkpoint();
  const accesses = state.beginMetrics();
  const gas = new WasmGas(run.gasLimit);
  // Hosts append to this array, so log lines written before a failure stay in the receipt.
  const logs: string[] = [];
  let outcome: GuestRun;
  try {
    outcome = { logs, ...body(gas, logs) };
  } catch (err) {
    outcome = { ...classifyFailure(err, gas, run.maxStackHeight), logs };
  }
  if (run.createdAddress) outcome = { ...outcome, createdAddress: run.createdAddress };
  return finishRun(state, gas, outcome, run.keep, run.referenceOpCost, accesses);
}

/** A receipt for a transaction rejected before anything ran. */
export function invalidReceipt(error: PolyvmError): Receipt {
  return makeReceipt({ status: 'invalid', gasUsed: 0, error });
}
