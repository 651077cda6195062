import type { GasSchedule } from '@polyvm/core';
import { COSMWASM_MEMORY_PAGES, COSMWASM_OP_COSTS, COSMWASM_SCHEDULE } from './gas/cosmwasm.js';
import { NEAR_LIMITS, NEAR_OP_COSTS, NEAR_SCHEDULE } from './gas/near.js';
import { opCostTable } from './gas/op-costs.js';
import type { InstrumentOptions } from './instrument/options.js';
import { ENGINE_LIMITS, type ModuleLimits, type WasmFeatures } from './validate/features.js';

/** Everything that differs between chains: accepted features, limits and the metering rules. */
export interface WasmProfile {
  name: 'near' | 'cosmwasm' | 'spec';
  features: WasmFeatures;
  limits: ModuleLimits;
  instrument: InstrumentOptions;
  schedule: GasSchedule;
}

export const NEAR_PROFILE: WasmProfile = {
  name: 'near',
  features: { multiValue: false },
  limits: {
    maxFunctions: NEAR_LIMITS.maxFunctionsPerContract,
    maxLocalsPerFunction: ENGINE_LIMITS.maxLocalsPerFunction,
    maxMemoryPages: NEAR_LIMITS.maxMemoryPages,
    maxTableSize: NEAR_LIMITS.maxTableElements,
    maxModuleBytes: NEAR_LIMITS.maxContractSize,
  },
  instrument: {
    opCost: NEAR_OP_COSTS,
    // NEAR prices no per-byte bulk-memory cost of its own; polyvm charges one regular op per byte.
    bulkByteCost: NEAR_SCHEDULE.referenceOpCost,
    maxStackHeight: NEAR_LIMITS.maxStackHeight,
    maxMemoryPages: NEAR_LIMITS.maxMemoryPages,
    // polyvm choice: NaN bits must not depend on the host CPU (the interpreter produces the same).
    canonicalizeNaNs: true,
  },
  schedule: NEAR_SCHEDULE,
};

/**
 * cosmwasm-vm's static checks (`packages/vm/src/compatibility.rs`): at most 10_000 functions and a
 * table of at most 2_500 entries; memory capped by the instance memory limit.
 */
export const COSMWASM_PROFILE: WasmProfile = {
  name: 'cosmwasm',
  features: { multiValue: false },
  limits: {
    maxFunctions: 10_000,
    maxLocalsPerFunction: ENGINE_LIMITS.maxLocalsPerFunction,
    maxMemoryPages: COSMWASM_MEMORY_PAGES,
    maxTableSize: 2_500,
    // wasmd `x/wasm/types/validation.go`: MaxWasmSize = 800 * 1024 (a chain may raise it at build time).
    maxModuleBytes: 800 * 1024,
  },
  instrument: {
    opCost: COSMWASM_OP_COSTS,
    bulkByteCost: COSMWASM_SCHEDULE.referenceOpCost,
    // cosmwasm-vm relies on wasmer's native stack guard; polyvm uses NEAR's limit so it is deterministic.
    maxStackHeight: NEAR_LIMITS.maxStackHeight,
    maxMemoryPages: COSMWASM_MEMORY_PAGES,
    // cosmwasm-vm compiles with wasmer's NaN canonicalization (floats allowed since CosmWasm 1.4/2.0).
    canonicalizeNaNs: true,
  },
  schedule: COSMWASM_SCHEDULE,
};

/** For conformance runs: the spec's own limits, one unit of gas per instruction. */
export const SPEC_PROFILE: WasmProfile = {
  name: 'spec',
  features: { multiValue: false },
  limits: ENGINE_LIMITS,
  instrument: { opCost: opCostTable(1), bulkByteCost: 1, maxStackHeight: NEAR_LIMITS.maxStackHeight },
  schedule: { ...NEAR_SCHEDULE, name: 'unit cost per instruction', referenceOpCost: 1, entries: [] },
};
