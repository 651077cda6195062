/**
 * Compute-unit costs of syscalls and CPI, from agave `program-runtime/src/execution_budget.rs`
 * (`SVMTransactionExecutionCost::default()`) and the `MAX_*` limits of `solana_program` /
 * `solana-cpi`. Field names follow agave.
 */
export const COSTS = {
  /** Base cost of calling into a syscall. */
  syscall_base_cost: 100,
  log_64_units: 100,
  log_pubkey_units: 100,
  /** One `create_program_address` (each bump tried by `try_find_program_address` pays it again). */
  create_program_address_units: 1500,
  /**
   * One cross-program invocation: `INVOKE_UNITS_COST_SIMD_0339` (946) with SIMD-0339 active, as in
   * agave 3.1 and litesvm; it was `DEFAULT_INVOCATION_COST` (1000) before.
   */
  invoke_units: 946,
  /** SIMD-0339 bills each CPI account meta at its 34-byte size and each AccountInfo at 80 bytes. */
  cpi_account_meta_bytes: 34,
  cpi_account_info_bytes: 80,
  /** Bytes of CPI instruction data / account data charged per compute unit. */
  cpi_bytes_per_unit: 250,
  sha256_base_cost: 85,
  /** Per two bytes hashed (cost = max(mem_op_base_cost, sha256_byte_cost * len / 2) per slice). */
  sha256_byte_cost: 1,
  sha256_max_slices: 20_000,
  /** Minimum cost of a mem op syscall (memcpy/memmove/memset/memcmp) and of each hashed slice. */
  mem_op_base_cost: 10,
  sysvar_base_cost: 100,
  /** `sol_curve_group_op` (curve25519 via `solana-curve25519`): one cost per curve and operation. */
  curve25519_edwards_add_cost: 473,
  curve25519_edwards_subtract_cost: 475,
  curve25519_edwards_multiply_cost: 2_177,
  curve25519_ristretto_add_cost: 521,
  curve25519_ristretto_subtract_cost: 519,
  curve25519_ristretto_multiply_cost: 2_208,
  /** Heap above the default 32 KiB costs this much per 32 KiB page (`DEFAULT_HEAP_COST`). */
  heap_cost: 8,
  /** Max nested program invocations, top level included (`max_instruction_stack_depth`). */
  max_instruction_stack_depth: 5,
  /** Compute units an instruction gets by default, and the per-transaction ceiling. */
  default_instruction_compute_unit_limit: 200_000,
  max_compute_unit_limit: 1_400_000,
  /** Compute units every builtin program instruction costs (system program `DEFAULT_COMPUTE_UNITS`). */
  system_program_units: 150,
} as const;

/** `solana_program_entrypoint::MAX_PERMITTED_DATA_INCREASE`: realloc room per account per instruction. */
export const MAX_PERMITTED_DATA_INCREASE = 10 * 1024;
/** `solana_system_interface::MAX_PERMITTED_DATA_LENGTH`: 10 MiB per account. */
export const MAX_PERMITTED_DATA_LENGTH = 10 * 1024 * 1024;
/** `solana_cpi::MAX_RETURN_DATA`. */
export const MAX_RETURN_DATA = 1024;
/** PDA seeds: at most 16 of at most 32 bytes (`MAX_SEEDS`, `MAX_SEED_LEN`). */
export const MAX_SEEDS = 16;
export const MAX_SEED_LEN = 32;
/** CPI limits (`MAX_CPI_INSTRUCTION_DATA_LEN`, `MAX_CPI_INSTRUCTION_ACCOUNTS`, `MAX_CPI_ACCOUNT_INFOS`). */
export const MAX_CPI_INSTRUCTION_DATA_LEN = 10 * 1024;
export const MAX_CPI_INSTRUCTION_ACCOUNTS = 255;
export const MAX_CPI_ACCOUNT_INFOS = 255; // MAX_CPI_ACCOUNT_INFOS_SIMD_0339 (128 before)
/** `BPF_ALIGN_OF_U128`: account data in the input region is padded to 8 bytes. */
export const BPF_ALIGN_OF_U128 = 8;
