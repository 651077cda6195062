import type { PolyvmError } from './errors.js';
import type { GasBreakdown } from './gas.js';
import type { StateChange, StateMetrics } from './state/journaled-state.js';

/**
 * - `success`: committed.
 * - `revert`: the program asked to undo (EVM REVERT, Move abort, Solana program error); state reverted.
 * - `out-of-gas`: the limit was reached; state reverted.
 * - `invalid`: rejected before execution (bad nonce, bad module…); state untouched.
 * - `error`: the program faulted (trap, access violation, stack overflow); state reverted.
 */
export type ExecutionStatus = 'success' | 'revert' | 'out-of-gas' | 'invalid' | 'error';

/** A log, EVM-style in shape; other VMs map to it (a NEAR log line has no topics, a Move event's type tag is its topic). */
export interface ExecutionEvent {
  emitter: Uint8Array;
  topics: Uint8Array[];
  data: Uint8Array;
}

export interface ExecutionMetrics {
  /** VM instructions executed (EVM opcodes, wasm instructions, Move bytecodes, sBPF instructions). */
  instructions: number;
  state: StateMetrics;
}

export interface Receipt {
  status: ExecutionStatus;
  /** In the VM's native unit, after refunds. */
  gasUsed: number;
  gasRefunded: number;
  gasBreakdown: GasBreakdown;
  returnData: Uint8Array;
  events: ExecutionEvent[];
  /** Plain-text log lines (Solana `Program log:`, NEAR `log_utf8`, CosmWasm `debug`). */
  logs: string[];
  stateDiff: StateChange[];
  metrics: ExecutionMetrics;
  /** Set by deploy/create. */
  createdAddress?: Uint8Array;
  /** Set unless status is `success`. */
  error?: PolyvmError;
}

const ZERO_BREAKDOWN: GasBreakdown = { compute: 0, memory: 0, storage: 0, call: 0, crypto: 0, other: 0 };

/** Fills the fields a runtime has nothing to say about, so every runtime builds receipts the same way. */
export function makeReceipt(fields: Partial<Receipt> & Pick<Receipt, 'status' | 'gasUsed'>): Receipt {
  return {
    gasRefunded: 0,
    gasBreakdown: { ...ZERO_BREAKDOWN },
    returnData: new Uint8Array(0),
    events: [],
    logs: [],
    stateDiff: [],
    metrics: {
      instructions: 0,
      state: { reads: 0, writes: 0, deletes: 0, bytesRead: 0, bytesWritten: 0, keysTouched: 0 },
    },
    ...fields,
  };
}
