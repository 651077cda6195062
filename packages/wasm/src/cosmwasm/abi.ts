import { ValidationError } from '@polyvm/core';
import type { WasmModule } from '../module/types.js';
import { COSMWASM_HOST_FUNCTIONS, UNSUPPORTED_COSMWASM_IMPORTS } from './host.js';

const KNOWN = new Set([...COSMWASM_HOST_FUNCTIONS, ...Object.keys(UNSUPPORTED_COSMWASM_IMPORTS)]);
/** cosmwasm-vm `compatibility.rs`: the exports every contract needs, and the interface marker. */
const REQUIRED_EXPORTS = ['allocate', 'deallocate', 'memory'];
const INTERFACE_VERSION = 'interface_version_8';

export function checkCosmWasmAbi(m: WasmModule): void {
  for (const imp of m.imports) {
    if (imp.module !== 'env' || imp.desc.kind !== 'func' || !KNOWN.has(imp.name)) {
      throw new ValidationError(
        `CosmWasm contracts may import only env host functions, found ${imp.module}.${imp.name}`,
      );
    }
  }
  const names = new Set(m.exports.map((e) => e.name));
  for (const name of REQUIRED_EXPORTS) {
    if (!names.has(name))
      throw new ValidationError(`CosmWasm contract is missing the required export "${name}"`);
  }
  if (!names.has(INTERFACE_VERSION)) {
    throw new ValidationError(
      `CosmWasm contract does not export ${INTERFACE_VERSION} (CosmWasm 1.0+ interface)`,
    );
  }
}

/** Entry points and how many Region arguments (env, info?, msg) each takes. */
export const ENTRY_POINTS = { instantiate: 3, execute: 3, migrate: 2, sudo: 2, query: 2 } as const;
export type EntryPoint = keyof typeof ENTRY_POINTS;

export function hasEntryPoint(m: WasmModule, entry: EntryPoint): boolean {
  return m.exports.some((e) => e.kind === 'func' && e.name === entry);
}
