import type { GasSchedule } from '@polyvm/core';
import { OP } from '../module/opcodes.js';
import { opCostTable } from './op-costs.js';

/**
 * cosmwasm-vm's metering cost function (`packages/vm/src/wasm_backend/engine.rs`, `cost()`): a flat
 * 115 gas per operator, 14x that at the accounting points where wasmer's metering middleware checks
 * the counter (loop, end, else, branches, calls, return).
 */
export const GAS_PER_OPERATION = 115;
export const GAS_PER_ACCOUNTING_POINT = GAS_PER_OPERATION * 14;

export const COSMWASM_OP_COSTS = opCostTable(GAS_PER_OPERATION, {
  [OP.loop]: GAS_PER_ACCOUNTING_POINT,
  [OP.end]: GAS_PER_ACCOUNTING_POINT,
  [OP.else]: GAS_PER_ACCOUNTING_POINT,
  [OP.br]: GAS_PER_ACCOUNTING_POINT,
  [OP.brIf]: GAS_PER_ACCOUNTING_POINT,
  [OP.brTable]: GAS_PER_ACCOUNTING_POINT,
  [OP.call]: GAS_PER_ACCOUNTING_POINT,
  [OP.callIndirect]: GAS_PER_ACCOUNTING_POINT,
  [OP.return]: GAS_PER_ACCOUNTING_POINT,
});

/**
 * Host-side costs. Storage is priced by the Cosmos SDK KV store (`store/types/gas.go`,
 * `KVGasConfig`: read 1000 + 3/byte, write 2000 + 30/byte, delete 1000 SDK gas) and converted with
 * wasmd's `DefaultGasMultiplier` (140_000 CosmWasm gas per SDK gas since CosmWasm 2.0 moved its
 * target to 1 Teragas per second, docs/GAS.md). The address-API prices are polyvm estimates of the
 * same order as cosmwasm-vm's `GasConfig` (`packages/vm/src/environment.rs`), not chain values.
 */
export const SDK_GAS_MULTIPLIER = 140_000;
export const COSMWASM_COSTS = {
  readFlat: 1_000 * SDK_GAS_MULTIPLIER,
  readPerByte: 3 * SDK_GAS_MULTIPLIER,
  writeFlat: 2_000 * SDK_GAS_MULTIPLIER,
  writePerByte: 30 * SDK_GAS_MULTIPLIER,
  delete: 1_000 * SDK_GAS_MULTIPLIER,
  /** GasConfig: address validate/canonicalize/humanize. */
  addrValidate: 2_000_000,
  addrCanonicalize: 1_000_000,
  addrHumanize: 1_000_000,
  /** wasmd `DefaultInstanceCost`: 60_000 SDK gas for loading a contract instance. */
  instanceCost: 60_000 * SDK_GAS_MULTIPLIER,
} as const;

/** cosmwasm-vm's default memory limit (wasmvm `memory_limit` 32 MiB) in 64 KiB pages. */
export const COSMWASM_MEMORY_PAGES = 512;

const SOURCE = 'cosmwasm-vm wasm_backend cost(); Cosmos SDK KVGasConfig x wasmd DefaultGasMultiplier';

export const COSMWASM_SCHEDULE: GasSchedule = {
  runtime: 'cosmwasm',
  name: 'CosmWasm (cosmwasm-vm metering + SDK KV gas)',
  unit: 'gas',
  source: SOURCE,
  referenceOpCost: GAS_PER_OPERATION,
  entries: [
    { name: 'operator', category: 'compute', cost: GAS_PER_OPERATION, per: 'instruction', source: SOURCE },
    {
      name: 'accounting point (loop/end/else/br*/call*/return)',
      category: 'compute',
      cost: GAS_PER_ACCOUNTING_POINT,
      per: 'instruction',
      source: SOURCE,
    },
    { name: 'db_read flat', category: 'storage', cost: COSMWASM_COSTS.readFlat, source: SOURCE },
    {
      name: 'db_read per byte',
      category: 'storage',
      cost: COSMWASM_COSTS.readPerByte,
      per: 'byte',
      source: SOURCE,
    },
    { name: 'db_write flat', category: 'storage', cost: COSMWASM_COSTS.writeFlat, source: SOURCE },
    {
      name: 'db_write per byte',
      category: 'storage',
      cost: COSMWASM_COSTS.writePerByte,
      per: 'byte',
      source: SOURCE,
    },
    { name: 'db_remove', category: 'storage', cost: COSMWASM_COSTS.delete, source: SOURCE },
    { name: 'addr_validate', category: 'crypto', cost: COSMWASM_COSTS.addrValidate, source: SOURCE },
    { name: 'addr_canonicalize', category: 'crypto', cost: COSMWASM_COSTS.addrCanonicalize, source: SOURCE },
    { name: 'addr_humanize', category: 'crypto', cost: COSMWASM_COSTS.addrHumanize, source: SOURCE },
  ],
};
