import { type GasCategory, GasMeter } from '@polyvm/core';
import './webassembly.js';
import { GAS_EXPORT, STACK_EXPORT } from '../instrument/options.js';

/**
 * Bridges the instrumented module's inline gas counter (an exported i64 global holding the gas
 * left) with the core `GasMeter`. Wasm code decrements the global without calling out; host
 * functions first `sync()` what the guest spent since the last look, then charge their own cost
 * and write the new remaining amount back.
 */
export class WasmGas {
  readonly meter: GasMeter;
  #gas: WebAssembly.Global | undefined;
  #stack: WebAssembly.Global | undefined;
  #published = 0;

  constructor(limit: number) {
    this.meter = new GasMeter(limit);
  }

  /** Binds the counters of a fresh instance and loads them with what is left. */
  attach(exports: WebAssembly.Exports): void {
    this.#gas = exports[GAS_EXPORT] as WebAssembly.Global;
    this.#stack = exports[STACK_EXPORT] as WebAssembly.Global;
    this.#stack.value = 0;
    this.#publish();
  }

  #publish(): void {
    this.#published = this.meter.remaining;
    if (this.#gas) this.#gas.value = BigInt(this.#published);
  }

  /** Moves the guest's spending since the last publish into the meter (throws when it overran). */
  sync(): void {
    if (!this.#gas) return;
    const left = Number(this.#gas.value as bigint);
    const spent = this.#published - left;
    if (spent > 0) this.meter.charge(spent, 'compute', 'wasm instructions');
    this.#publish();
  }

  /** A host-side charge; throws OutOfGasError when it does not fit. */
  charge(amount: number, category: GasCategory, reason?: string): void {
    this.sync();
    try {
      this.meter.charge(amount, category, reason);
    } finally {
      this.#publish();
    }
  }

  /** After a trap: did the inline counter run out? */
  exhausted(): boolean {
    return this.#gas !== undefined && (this.#gas.value as bigint) < 0n;
  }

  stackHeight(): number {
    return this.#stack === undefined ? 0 : (this.#stack.value as number);
  }

  /** Gas left, as the guest sees it now. */
  remaining(): number {
    this.sync();
    return this.meter.remaining;
  }
}
