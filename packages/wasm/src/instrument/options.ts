/**
 * What the instrumenter injects. Costs are in the chain's native gas unit, so the injected counter
 * holds gas directly and host functions can charge the same counter.
 */
export interface InstrumentOptions {
  /** Gas of each instruction, indexed by opcode (0xFC ops at 0x100 + sub-opcode). */
  opCost: Float64Array;
  /** Gas per byte (or table element) moved by memory.copy/fill/init and table.copy/init. */
  bulkByteCost: number;
  /** Stack-height limit, in the limiter's units (see `frameCost`). */
  maxStackHeight: number;
  /** When set, every memory's maximum is clamped to this many pages. */
  maxMemoryPages?: number;
  /**
   * Replace every NaN produced by float arithmetic with the canonical NaN (positive, quiet, zero
   * payload), as wasmer's `canonicalize_nans` does for CosmWasm, so results do not depend on the
   * host CPU's NaN bits.
   */
  canonicalizeNaNs?: boolean;
}

/** Exports the instrumenter adds; the host reads and writes the counters through them. */
export const GAS_EXPORT = '__polyvm_gas_left';
export const STACK_EXPORT = '__polyvm_stack_height';
/** The start function is exported instead of run at instantiation, so it runs metered. */
export const START_EXPORT = '__polyvm_start';
export const RESERVED_EXPORTS: readonly string[] = [GAS_EXPORT, STACK_EXPORT, START_EXPORT];

/**
 * The limiter's cost of one activation, in stack "slots": one for the frame itself plus its params
 * and locals plus the deepest its operand stack gets — the accounting of parity's pwasm-utils
 * stack limiter that NEAR's `max_stack_height` was defined against.
 */
export function frameCost(localCount: number, maxStackHeight: number): number {
  return 1 + localCount + maxStackHeight;
}
