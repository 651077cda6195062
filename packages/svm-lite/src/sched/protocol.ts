import {
  type BlockContext,
  ExecutionError,
  type ExecutionStatus,
  type GasBreakdown,
  InvalidTransactionError,
  makeReceipt,
  OutOfGasError,
  type PolyvmError,
  type Receipt,
  type Transaction,
} from '@polyvm/core';
import type { SvmTxPayload } from '../runtime.js';

/** One transaction shipped to a worker with exactly the account records it may read. */
export interface WorkerTask {
  id: number;
  tx: Transaction<SvmTxPayload>;
  accounts: Array<{ key: Uint8Array; value: Uint8Array }>;
  block?: BlockContext;
}

/** A receipt flattened for structured clone (no class instances), plus the account writes. */
export interface WorkerResult {
  id: number;
  status: ExecutionStatus;
  gasUsed: number;
  gasBreakdown: GasBreakdown;
  instructions: number;
  logs: string[];
  returnData: Uint8Array;
  error?: { code: string; name: string; message: string };
  writes: Array<{ key: Uint8Array; value: Uint8Array | undefined }>;
}

export function toWorkerResult(id: number, receipt: Receipt): WorkerResult {
  return {
    id,
    status: receipt.status,
    gasUsed: receipt.gasUsed,
    gasBreakdown: receipt.gasBreakdown,
    instructions: receipt.metrics.instructions,
    logs: receipt.logs,
    returnData: receipt.returnData,
    error: receipt.error && {
      code: receipt.error.code,
      name: receipt.error.name,
      message: receipt.error.message,
    },
    writes: receipt.stateDiff.map((change) => ({ key: change.key, value: change.after })),
  };
}

/** Rebuilds a receipt on the main thread; the error keeps its code, message and name. */
export function fromWorkerResult(result: WorkerResult): Receipt {
  return makeReceipt({
    status: result.status,
    gasUsed: result.gasUsed,
    gasBreakdown: result.gasBreakdown,
    logs: result.logs,
    returnData: result.returnData,
    metrics: {
      instructions: result.instructions,
      state: { reads: 0, writes: 0, deletes: 0, bytesRead: 0, bytesWritten: 0, keysTouched: 0 },
    },
    error: result.error && rebuildError(result.error),
  });
}

function rebuildError(error: NonNullable<WorkerResult['error']>): PolyvmError {
  const details = { workerError: error.name };
  if (error.code === 'OUT_OF_GAS') return new OutOfGasError(error.message, { details });
  if (error.code === 'INVALID_TRANSACTION') return new InvalidTransactionError(error.message, { details });
  return new ExecutionError(error.message, { details });
}
