import type { Tracer } from '@polyvm/core';
import { Interpreter } from '../interp/machine.js';
import { compileInstrumented, type PreparedModule, prepareModule } from './compile.js';
import './webassembly.js';
import { START_EXPORT } from '../instrument/options.js';
import type { WasmProfile } from '../profile.js';
import type { WasmGas } from './meter.js';

export interface CompiledContract {
  prepared: PreparedModule;
  wasm: WebAssembly.Module;
}

/**
 * Compiled contracts keyed by the stored code buffer (state hands back the same buffer for the same
 * entry), so a contract is decoded, validated, instrumented and compiled once per deployment.
 */
export class ContractCache {
  readonly #profile: WasmProfile;
  readonly #cache = new WeakMap<Uint8Array, CompiledContract>();

  constructor(profile: WasmProfile) {
    this.#profile = profile;
  }

  /** Throws DecodeError/ValidationError for code the profile rejects. */
  load(code: Uint8Array): CompiledContract {
    let compiled = this.#cache.get(code);
    if (!compiled) {
      const prepared = prepareModule(code, this.#profile);
      compiled = { prepared, wasm: compileInstrumented(prepared) };
      this.#cache.set(code, compiled);
    }
    return compiled;
  }
}

/**
 * Instantiates a metered contract and runs its (metered) start function. `bind` sees the exports
 * before any guest code runs, so the host can reach the memory from the start function on.
 */
export function instantiate(
  contract: CompiledContract,
  imports: WebAssembly.Imports,
  gas: WasmGas,
  bind: (exports: WebAssembly.Exports) => void,
  trace?: { tracer: Tracer; profile: WasmProfile },
): WebAssembly.Exports {
  if (trace) return instantiateTraced(contract, imports, gas, bind, trace.tracer, trace.profile);
  const instance = new WebAssembly.Instance(contract.wasm, imports);
  const exports = instance.exports;
  gas.attach(exports);
  bind(exports);
  const start = exports[START_EXPORT] as (() => void) | undefined;
  start?.();
  return exports;
}

/**
 * The traced path: the same validated module on the pure-TS interpreter, which charges the same
 * costs through the same counter exports and reports every instruction to the tracer.
 */
function instantiateTraced(
  contract: CompiledContract,
  imports: WebAssembly.Imports,
  gas: WasmGas,
  bind: (exports: WebAssembly.Exports) => void,
  tracer: Tracer,
  profile: WasmProfile,
): WebAssembly.Exports {
  const { module, codes } = contract.prepared;
  const interp = new Interpreter(module, codes, imports, {
    metering: profile.instrument,
    tracer,
    runtime: profile.schedule.runtime,
  });
  gas.attach(interp.exports);
  bind(interp.exports);
  if (module.start !== undefined) interp.invokeRaw(module.start, []);
  return interp.exports;
}
