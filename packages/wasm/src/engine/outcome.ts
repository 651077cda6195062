import { ExecutionError, type ExecutionStatus, OutOfGasError, PolyvmError } from '@polyvm/core';
import './webassembly.js';
import { TrapError } from '../interp/numeric.js';
import type { WasmGas } from './meter.js';

/** Thrown by host functions when the contract itself asks to fail (NEAR panic, CosmWasm abort). */
export class GuestAbort extends Error {
  override name = 'GuestAbort';
}

export interface Failure {
  status: ExecutionStatus;
  error: PolyvmError;
}

/**
 * Maps whatever escaped a guest call to a receipt status. Out-of-gas is recognized both from the
 * host meter (OutOfGasError) and from the inline counter having gone negative before the injected
 * `unreachable`; stack exhaustion from the limiter's counter or V8's own RangeError.
 */
export function classifyFailure(err: unknown, gas: WasmGas, maxStackHeight: number): Failure {
  if (err instanceof OutOfGasError) return { status: 'out-of-gas', error: err };
  if (err instanceof GuestAbort) {
    return { status: 'revert', error: new ExecutionError(`guest panicked: ${err.message}`, { cause: err }) };
  }
  if (err instanceof PolyvmError) return { status: 'error', error: err };
  if (err instanceof TrapError) {
    // The interpreter (traced path) reports its own trap kinds.
    if (err.kind === 'out-of-gas') {
      gas.meter.consumeAll('compute');
      return {
        status: 'out-of-gas',
        error: new OutOfGasError(`out of gas: wasm instructions exceeded the limit of ${gas.meter.limit}`),
      };
    }
    const trap = err.kind === 'exhaustion' ? 'stack-exhaustion' : err.message;
    return {
      status: 'error',
      error: new ExecutionError(`wasm trap: ${err.message}`, { details: { trap }, cause: err }),
    };
  }
  if (err instanceof WebAssembly.RuntimeError && gas.exhausted()) {
    gas.meter.consumeAll('compute');
    return {
      status: 'out-of-gas',
      error: new OutOfGasError(`out of gas: wasm instructions exceeded the limit of ${gas.meter.limit}`),
    };
  }
  if (
    err instanceof RangeError ||
    (err instanceof WebAssembly.RuntimeError && gas.stackHeight() > maxStackHeight)
  ) {
    return {
      status: 'error',
      error: new ExecutionError('stack exhausted: call depth exceeds the stack-height limit', {
        details: { trap: 'stack-exhaustion', maxStackHeight },
        cause: err,
      }),
    };
  }
  if (err instanceof WebAssembly.RuntimeError) {
    return {
      status: 'error',
      error: new ExecutionError(`wasm trap: ${err.message}`, { details: { trap: err.message }, cause: err }),
    };
  }
  return {
    status: 'error',
    error: new ExecutionError(`host failure: ${(err as Error)?.message ?? String(err)}`, { cause: err }),
  };
}
