import type { GasSchedule, GasScheduleEntry } from '@polyvm/core';
import { OPCODES } from '../binary/opcodes.js';

/**
 * Aptos instruction gas, in internal gas units, from aptos-core
 * `aptos-move/aptos-gas-schedule/src/gas_schedule/instr.rs` (commit 0b5254bb); native costs from
 * `gas_schedule/move_stdlib.rs` (commit 018474ca); storage IO from `gas_schedule/transaction.rs`.
 */
export const INSTR = {
  nop: 200,
  ret: 1200,
  abort: 1200,
  br_true: 2400,
  br_false: 2400,
  branch: 1600,
  pop: 800,
  ld_u8: 1200,
  ld_u16: 1200,
  ld_u32: 1200,
  ld_u64: 1200,
  ld_u128: 1600,
  ld_u256: 1600,
  ld_true: 1200,
  ld_false: 1200,
  ld_const_base: 13000,
  ld_const_per_byte: 700,
  imm_borrow_loc: 1200,
  mut_borrow_loc: 1200,
  imm_borrow_field: 4000,
  mut_borrow_field: 4000,
  copy_loc_base: 1600,
  copy_loc_per_abs_val_unit: 80,
  move_loc_base: 2400,
  st_loc_base: 2400,
  call_base: 20000,
  call_per_arg: 2000,
  call_per_local: 2000,
  call_generic_per_ty_arg: 2000,
  pack_base: 4400,
  pack_per_field: 800,
  unpack_base: 4400,
  unpack_per_field: 800,
  read_ref_base: 4000,
  read_ref_per_abs_val_unit: 80,
  write_ref_base: 4000,
  freeze_ref: 200,
  cast: 2400,
  arith: 3200,
  eq_base: 2000,
  eq_per_abs_val_unit: 80,
  borrow_global_base: 10000,
  exists_base: 5000,
  move_from_base: 7000,
  move_to_base: 10000,
  vec_len_base: 4400,
  vec_borrow_base: 6600,
  vec_push_back_base: 7600,
  vec_pop_back_base: 5200,
  vec_swap_base: 6000,
  vec_pack_base: 12000,
  vec_pack_per_elem: 800,
  vec_unpack_base: 10000,
  vec_unpack_per_expected_elem: 800,
} as const;

export const NATIVE = {
  bcs_to_bytes_per_byte: 41,
  sha2_256_base: 12540,
  sha2_256_per_byte: 209,
  sha3_256_base: 16720,
  sha3_256_per_byte: 188,
  signer_borrow_address: 836,
  /** Vector natives have no own entry in Aptos (they became bytecodes); charged like the bytecodes. */
} as const;

/**
 * Per-transaction limits, aptos-core `aptos-move/aptos-gas-schedule/src/gas_schedule/transaction.rs`
 * (commit 02d4e971): `maximum_number_of_gas_units` is `MAX_GAS_AMOUNT` (2,000,000 gas units,
 * config/global-constants) × `gas_unit_scaling_factor` (1,000,000 internal units per gas unit);
 * `max_execution_gas` 20,000,000,000 and `max_io_gas` 10,000,000,000 internal units;
 * `memory_quota` 10,000,000 abstract value units; `max_transaction_size_in_bytes` 64 KiB.
 */
export const MAX_TRANSACTION_GAS = 2_000_000 * 1_000_000;
export const MAX_EXECUTION_GAS = 20_000_000_000;
export const MAX_IO_GAS = 10_000_000_000;
export const MEMORY_QUOTA = 10_000_000;
/** `max_transaction_size_in_bytes` (64 KiB): bounds a published module, a script and its arguments. */
export const MAX_TRANSACTION_SIZE = 64 * 1024;

export const STORAGE = {
  /** transaction.rs `storage_io_per_state_slot_read`; bytes are charged in 4 KiB pages. */
  slot_read: 302_385,
  byte_read: 151,
  page_bytes: 4096,
  slot_write: 89_568,
  byte_write: 89,
  /** `dependency_per_module` / `dependency_per_byte`: every module a transaction loads. */
  dependency_per_module: 74_460,
  dependency_per_byte: 42,
} as const;

/** Base cost of each opcode; size-dependent parts are added by the interpreter. */
export const BASE_COST = new Float64Array(256);
const base: Record<string, number> = {
  Pop: INSTR.pop,
  Ret: INSTR.ret,
  BrTrue: INSTR.br_true,
  BrFalse: INSTR.br_false,
  Branch: INSTR.branch,
  LdU8: INSTR.ld_u8,
  LdU16: INSTR.ld_u16,
  LdU32: INSTR.ld_u32,
  LdU64: INSTR.ld_u64,
  LdU128: INSTR.ld_u128,
  LdU256: INSTR.ld_u256,
  LdConst: INSTR.ld_const_base,
  LdTrue: INSTR.ld_true,
  LdFalse: INSTR.ld_false,
  CopyLoc: INSTR.copy_loc_base,
  MoveLoc: INSTR.move_loc_base,
  StLoc: INSTR.st_loc_base,
  MutBorrowLoc: INSTR.mut_borrow_loc,
  ImmBorrowLoc: INSTR.imm_borrow_loc,
  MutBorrowField: INSTR.mut_borrow_field,
  ImmBorrowField: INSTR.imm_borrow_field,
  MutBorrowFieldGeneric: INSTR.mut_borrow_field,
  ImmBorrowFieldGeneric: INSTR.imm_borrow_field,
  Call: INSTR.call_base,
  CallGeneric: INSTR.call_base,
  Pack: INSTR.pack_base,
  PackGeneric: INSTR.pack_base,
  Unpack: INSTR.unpack_base,
  UnpackGeneric: INSTR.unpack_base,
  ReadRef: INSTR.read_ref_base,
  WriteRef: INSTR.write_ref_base,
  FreezeRef: INSTR.freeze_ref,
  Eq: INSTR.eq_base,
  Neq: INSTR.eq_base,
  Abort: INSTR.abort,
  Nop: INSTR.nop,
  Exists: INSTR.exists_base,
  ExistsGeneric: INSTR.exists_base,
  MutBorrowGlobal: INSTR.borrow_global_base,
  ImmBorrowGlobal: INSTR.borrow_global_base,
  MutBorrowGlobalGeneric: INSTR.borrow_global_base,
  ImmBorrowGlobalGeneric: INSTR.borrow_global_base,
  MoveFrom: INSTR.move_from_base,
  MoveFromGeneric: INSTR.move_from_base,
  MoveTo: INSTR.move_to_base,
  MoveToGeneric: INSTR.move_to_base,
  VecPack: INSTR.vec_pack_base,
  VecLen: INSTR.vec_len_base,
  VecImmBorrow: INSTR.vec_borrow_base,
  VecMutBorrow: INSTR.vec_borrow_base,
  VecPushBack: INSTR.vec_push_back_base,
  VecPopBack: INSTR.vec_pop_back_base,
  VecUnpack: INSTR.vec_unpack_base,
  VecSwap: INSTR.vec_swap_base,
};
for (const o of OPCODES)
  BASE_COST[o.code] = base[o.name] ?? (o.name.startsWith('Cast') ? INSTR.cast : INSTR.arith);

/** Gas category of each opcode's base cost: 0 compute, 2 storage, 3 call (core GAS_CATEGORIES order). */
export const OPCODE_CATEGORY = new Uint8Array(256);
for (const o of OPCODES) {
  if (/Global|MoveFrom|MoveTo|Exists/.test(o.name)) OPCODE_CATEGORY[o.code] = 2;
  else if (o.name.startsWith('Call') || o.name === 'Ret') OPCODE_CATEGORY[o.code] = 3;
}

const entry = (
  name: string,
  category: GasScheduleEntry['category'],
  cost: number,
  per?: string,
): GasScheduleEntry =>
  per === undefined
    ? { name, category, cost, source: 'aptos-gas-schedule' }
    : { name, category, cost, per, source: 'aptos-gas-schedule' };

export const MOVE_GAS_SCHEDULE: GasSchedule = {
  runtime: 'move',
  name: 'Aptos instruction gas (instr.rs) + storage IO (transaction.rs)',
  unit: 'internal gas units',
  source: 'aptos-core aptos-move/aptos-gas-schedule/src/gas_schedule/{instr,move_stdlib,transaction}.rs',
  referenceOpCost: INSTR.arith,
  entries: [
    ...Object.entries(INSTR).map(([name, cost]) =>
      entry(
        name,
        name.includes('global') || name.startsWith('move_')
          ? 'storage'
          : name.startsWith('call')
            ? 'call'
            : 'compute',
        cost,
        name.includes('per_') ? name.slice(name.indexOf('per_') + 4) : undefined,
      ),
    ),
    entry('hash.sha2_256.base', 'crypto', NATIVE.sha2_256_base),
    entry('hash.sha2_256.per_byte', 'crypto', NATIVE.sha2_256_per_byte, 'byte'),
    entry('hash.sha3_256.base', 'crypto', NATIVE.sha3_256_base),
    entry('hash.sha3_256.per_byte', 'crypto', NATIVE.sha3_256_per_byte, 'byte'),
    entry('bcs.to_bytes.per_byte_serialized', 'compute', NATIVE.bcs_to_bytes_per_byte, 'byte'),
    entry('storage_io_per_state_slot_read', 'storage', STORAGE.slot_read, 'slot'),
    entry('storage_io_per_state_byte_read', 'storage', STORAGE.byte_read, 'byte (4 KiB pages)'),
    entry('storage_io_per_state_slot_write', 'storage', STORAGE.slot_write, 'slot'),
    entry('storage_io_per_state_byte_write', 'storage', STORAGE.byte_write, 'byte'),
    entry('dependency_per_module', 'other', STORAGE.dependency_per_module, 'module'),
    entry('dependency_per_byte', 'other', STORAGE.dependency_per_byte, 'byte'),
  ],
};
