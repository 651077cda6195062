import type { AbiValue, CallContext, JsValue } from '@polyvm/compiler';
import type { LogicalResult } from '@polyvm/core';

/** One call of a compiled workload, with the caller and block time it runs under. */
export interface CallStep {
  readonly fn: string;
  readonly args: readonly JsValue[];
  /** `msg.sender` as a 20-byte address number (default: Alice, the deployer). */
  readonly from?: bigint;
  readonly timestamp?: bigint;
}

/** A workload compiled from one Solidity source: deploy, set up, then one measured call. */
export interface CompiledWorkload {
  readonly workload: string;
  readonly file: string;
  readonly contract: string;
  readonly deploy?: readonly JsValue[];
  /** Calls run once after deployment, before measuring (each may succeed or revert). */
  readonly setup?: readonly CallStep[];
  /** The measured call; it must succeed. */
  readonly call: CallStep;
  /** Reads the logical result: from the measured call's return values, or with view calls. */
  readonly result: (
    returns: readonly AbiValue[],
    view: (fn: string, args: readonly JsValue[]) => Promise<readonly AbiValue[]>,
  ) => Promise<LogicalResult>;
}

/** The call context a step runs under (defaults from the compiler's `DEFAULT_CONTEXT`). */
export function stepContext(step: CallStep): Partial<CallContext> {
  return {
    ...(step.from === undefined ? {} : { sender: step.from }),
    ...(step.timestamp === undefined ? {} : { timestamp: step.timestamp }),
  };
}
