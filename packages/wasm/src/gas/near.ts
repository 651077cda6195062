import type { GasSchedule } from '@polyvm/core';
import { OP } from '../module/opcodes.js';
import { opCostTable } from './op-costs.js';

/**
 * NEAR's runtime parameters, from nearcore `core/parameters/res/runtime_configs/parameters.yaml`
 * (protocol-version base values; `wasm_*` are the ext costs charged by host functions).
 */
export const NEAR_COSTS = {
  /** `wasm_regular_op_cost`: gas per executed wasm instruction. */
  regularOp: 822_756,
  base: 264_768_111,
  contractLoadingBase: 35_445_963,
  contractLoadingByte: 216_750,
  readMemoryBase: 2_609_863_200,
  readMemoryByte: 3_801_333,
  writeMemoryBase: 2_803_794_861,
  writeMemoryByte: 2_723_772,
  readRegisterBase: 2_517_165_186,
  readRegisterByte: 98_562,
  writeRegisterBase: 2_865_522_486,
  writeRegisterByte: 3_801_564,
  utf8DecodingBase: 3_111_779_061,
  utf8DecodingByte: 291_580_479,
  utf16DecodingBase: 3_543_313_050,
  utf16DecodingByte: 163_577_493,
  logBase: 3_543_313_050,
  logByte: 13_198_791,
  storageWriteBase: 64_196_736_000,
  storageWriteKeyByte: 70_482_867,
  storageWriteValueByte: 31_018_539,
  storageWriteEvictedByte: 32_117_307,
  storageReadBase: 56_356_845_750,
  storageReadKeyByte: 30_952_533,
  storageReadValueByte: 5_611_005,
  storageRemoveBase: 53_473_030_500,
  storageRemoveKeyByte: 38_220_384,
  storageRemoveRetValueByte: 11_531_556,
  storageHasKeyBase: 54_039_896_625,
  storageHasKeyByte: 30_790_845,
  sha256Base: 4_540_970_250,
  sha256Byte: 24_117_351,
  keccak256Base: 5_879_491_275,
  keccak256Byte: 21_471_105,
  /** `action_deploy_contract` execution cost: base and per code byte. */
  deployContractBase: 184_765_750_000,
  deployContractByte: 64_572_944,
} as const;

/** NEAR's `LimitConfig` (same parameters file). */
export const NEAR_LIMITS = {
  maxGasBurnt: 300_000_000_000_000,
  maxStackHeight: 262_144,
  maxMemoryPages: 2_048,
  maxFunctionsPerContract: 10_000,
  maxLocalsPerContract: 1_000_000,
  maxTableElements: 10_000,
  maxTablesPerContract: 1,
  maxRegisters: 100,
  maxRegisterSize: 104_857_600,
  maxTotalLogLength: 16_384,
  maxNumberLogs: 100,
  maxStorageKeyLength: 2_048,
  maxStorageValueLength: 4_194_304,
  /** `max_contract_size`: deploy refuses larger code before preparing it. */
  maxContractSize: 4_194_304,
} as const;

/**
 * One regular op per instruction; `block`, `end` and `else` cost nothing because they execute no
 * machine code of their own (NEAR's instrumentation rules).
 */
export const NEAR_OP_COSTS = opCostTable(NEAR_COSTS.regularOp, { [OP.block]: 0, [OP.end]: 0, [OP.else]: 0 });

const SOURCE = 'nearcore core/parameters/res/runtime_configs/parameters.yaml';

export const NEAR_SCHEDULE: GasSchedule = {
  runtime: 'wasm',
  name: 'NEAR runtime config (wasm_* ext costs)',
  unit: 'gas',
  source: SOURCE,
  referenceOpCost: NEAR_COSTS.regularOp,
  entries: [
    {
      name: 'wasm_regular_op_cost',
      category: 'compute',
      cost: NEAR_COSTS.regularOp,
      per: 'instruction',
      source: SOURCE,
    },
    { name: 'wasm_base (host call)', category: 'other', cost: NEAR_COSTS.base, source: SOURCE },
    {
      name: 'contract_loading_base',
      category: 'other',
      cost: NEAR_COSTS.contractLoadingBase,
      source: SOURCE,
    },
    {
      name: 'contract_loading_bytes',
      category: 'other',
      cost: NEAR_COSTS.contractLoadingByte,
      per: 'byte',
      source: SOURCE,
    },
    { name: 'storage_write_base', category: 'storage', cost: NEAR_COSTS.storageWriteBase, source: SOURCE },
    {
      name: 'storage_write_key_byte',
      category: 'storage',
      cost: NEAR_COSTS.storageWriteKeyByte,
      per: 'byte',
      source: SOURCE,
    },
    {
      name: 'storage_write_value_byte',
      category: 'storage',
      cost: NEAR_COSTS.storageWriteValueByte,
      per: 'byte',
      source: SOURCE,
    },
    { name: 'storage_read_base', category: 'storage', cost: NEAR_COSTS.storageReadBase, source: SOURCE },
    {
      name: 'storage_read_key_byte',
      category: 'storage',
      cost: NEAR_COSTS.storageReadKeyByte,
      per: 'byte',
      source: SOURCE,
    },
    {
      name: 'storage_read_value_byte',
      category: 'storage',
      cost: NEAR_COSTS.storageReadValueByte,
      per: 'byte',
      source: SOURCE,
    },
    { name: 'storage_remove_base', category: 'storage', cost: NEAR_COSTS.storageRemoveBase, source: SOURCE },
    { name: 'storage_has_key_base', category: 'storage', cost: NEAR_COSTS.storageHasKeyBase, source: SOURCE },
    { name: 'sha256_base', category: 'crypto', cost: NEAR_COSTS.sha256Base, source: SOURCE },
    { name: 'sha256_byte', category: 'crypto', cost: NEAR_COSTS.sha256Byte, per: 'byte', source: SOURCE },
    { name: 'keccak256_base', category: 'crypto', cost: NEAR_COSTS.keccak256Base, source: SOURCE },
    { name: 'log_base', category: 'other', cost: NEAR_COSTS.logBase, source: SOURCE },
    { name: 'read_memory_base', category: 'memory', cost: NEAR_COSTS.readMemoryBase, source: SOURCE },
    { name: 'write_memory_base', category: 'memory', cost: NEAR_COSTS.writeMemoryBase, source: SOURCE },
    { name: 'read_register_base', category: 'memory', cost: NEAR_COSTS.readRegisterBase, source: SOURCE },
    { name: 'write_register_base', category: 'memory', cost: NEAR_COSTS.writeRegisterBase, source: SOURCE },
    {
      name: 'action_deploy_contract',
      category: 'other',
      cost: NEAR_COSTS.deployContractBase,
      source: SOURCE,
    },
  ],
};
