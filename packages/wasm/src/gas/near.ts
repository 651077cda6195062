import type { GasSchedule } from '@polyvm/core';
import { OP } from '../module/opcodes.js';
import { opCostTable } from './op-costs.js';

/**
 * NEAR's runtime parameters, from nearcore `core/parameters/res/runtime_configs/`: base values in
 * `parameters.yaml`, changed by the per-version diffs `NN.yaml`; the current values are the ones
 * `parameters.snap` (generated from the latest protocol version, read at commit 00fc950) lists.
 * `wasm_*` are the ext costs charged by host functions.
 */
export const NEAR_COSTS = {
  /** `wasm_regular_op_cost`: gas per executed wasm instruction. */
  regularOp: 822_756,
  base: 264_768_111,
  contractLoadingBase: 35_445_963,
  /** `wasm_contract_loading_bytes`: 216_750 in parameters.yaml, 1_089_295 since protocol 66 (`66.yaml`). */
  contractLoadingByte: 1_089_295,
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
  /**
   * `wasm_touching_trie_node` and `wasm_read_cached_trie_node`, per trie node a storage access
   * touches: 16_101_955_926 and 2_280_000_000 in parameters.yaml, both 2_280_000_000 in the current
   * parameters.snap.
   */
  touchingTrieNode: 2_280_000_000,
  readCachedTrieNode: 2_280_000_000,
} as const;

/**
 * How many trie nodes a storage access touches. polyvm has no Merkle-Patricia trie, so it charges
 * the mainnet averages near-sdk's `MockedExternalWithTrie` uses (derived from mainnet data,
 * hackmd.io/@birchmd/r1HRjr0P9): a read touches 2 new and 11 cached nodes
 * (MAINNET_AVERAGE_TOUCHED_TRIE_PER_READ, MAINNET_AVERAGE_READ_CACHED_TRIE_PER_READ); a write or a
 * removal touches the whole average depth of 13 (MAINNET_AVERAGE_TRIE_DEPTH). An estimate: on chain
 * the count depends on the shard's trie.
 */
export const NEAR_TRIE_NODES = {
  readTouched: 2,
  readCached: 11,
  writeTouched: 13,
} as const;

/** An action fee: burnt when the receipt is created (send, cheaper when signer = receiver) and when it runs. */
export interface ActionFee {
  sendSir: number;
  sendNotSir: number;
  execution: number;
}

/**
 * Transaction-level fees of the current parameters (`parameters.snap` @00fc950): every transaction
 * becomes an action receipt, and each action in it pays its own fee. `action_function_call` is
 * 2_319_861_500_000 in parameters.yaml and 200_000_000_000 send / 780_000_000_000 execution since
 * protocol 66 (`66.yaml`); the per-byte fees count method name + arguments (deploy: code bytes).
 */
export const NEAR_FEES = {
  actionReceiptCreation: {
    sendSir: 108_059_500_000,
    sendNotSir: 108_059_500_000,
    execution: 108_059_500_000,
  },
  functionCall: { sendSir: 200_000_000_000, sendNotSir: 200_000_000_000, execution: 780_000_000_000 },
  functionCallPerByte: { sendSir: 2_235_934, sendNotSir: 47_683_715, execution: 2_235_934 },
  deployContract: { sendSir: 184_765_750_000, sendNotSir: 184_765_750_000, execution: 184_765_750_000 },
  deployContractPerByte: { sendSir: 6_812_999, sendNotSir: 47_683_715, execution: 64_572_944 },
} as const satisfies Record<string, ActionFee>;

/** Send (as the signer's shard burns it) plus execution of `count` units of an action fee. */
export function actionFee(fee: ActionFee, signerIsReceiver: boolean, count = 1): number {
  return ((signerIsReceiver ? fee.sendSir : fee.sendNotSir) + fee.execution) * count;
}

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
const SNAP = 'nearcore core/parameters/res/runtime_configs/parameters.snap @00fc950';

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
      source: 'nearcore core/parameters/res/runtime_configs/66.yaml',
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
    { name: 'wasm_touching_trie_node', category: 'storage', cost: NEAR_COSTS.touchingTrieNode, source: SNAP },
    {
      name: 'wasm_read_cached_trie_node',
      category: 'storage',
      cost: NEAR_COSTS.readCachedTrieNode,
      source: SNAP,
    },
    {
      name: 'action_receipt_creation (send + exec)',
      category: 'call',
      cost: actionFee(NEAR_FEES.actionReceiptCreation, false),
      source: SNAP,
    },
    {
      name: 'action_function_call (send + exec)',
      category: 'call',
      cost: actionFee(NEAR_FEES.functionCall, false),
      source: SNAP,
    },
    {
      name: 'action_function_call_per_byte (send + exec)',
      category: 'call',
      cost: actionFee(NEAR_FEES.functionCallPerByte, false),
      per: 'byte of method name and arguments',
      source: SNAP,
    },
    {
      name: 'action_deploy_contract (send + exec)',
      category: 'call',
      cost: actionFee(NEAR_FEES.deployContract, false),
      source: SNAP,
    },
  ],
};
