import {
  type ExecutionEvent,
  type ExecutionStatus,
  type JournaledState,
  type MetricsScope,
  makeReceipt,
  type PolyvmError,
  type Receipt,
} from '@polyvm/core';
import type { WasmGas } from './meter.js';

export interface GuestRun {
  status: ExecutionStatus;
  error?: PolyvmError;
  returnData?: Uint8Array;
  logs?: string[];
  events?: ExecutionEvent[];
  createdAddress?: Uint8Array;
}

/** Instructions are not counted one by one (metering is per block): compute gas / cost per op. */
function meteredInstructions(gas: WasmGas, referenceOpCost: number): number {
  return Math.round(gas.meter.breakdown().compute / referenceOpCost);
}

/**
 * Closes the checkpoint opened for a run: commits on success when `keep`, reverts otherwise, and
 * builds the receipt with the gas breakdown and the state diff the run produced.
 */
export function finishRun(
  state: JournaledState,
  gas: WasmGas,
  run: GuestRun,
  keep: boolean,
  referenceOpCost: number,
  accesses: MetricsScope,
): Receipt {
  const success = run.status === 'success';
  const stateDiff = success ? state.changesSince(state.depth) : [];
  const stateMetrics = accesses.end();
  if (success && keep) state.commit();
  else state.revert();
  return makeReceipt({
    status: run.status,
    gasUsed: gas.meter.used,
    gasBreakdown: gas.meter.breakdown(),
    returnData: success ? (run.returnData ?? new Uint8Array(0)) : new Uint8Array(0),
    logs: run.logs ?? [],
    events: success ? (run.events ?? []) : [],
    stateDiff,
    metrics: { instructions: meteredInstructions(gas, referenceOpCost), state: stateMetrics },
    ...(run.createdAddress ? { createdAddress: run.createdAddress } : {}),
    ...(run.error ? { error: run.error } : {}),
  });
}
