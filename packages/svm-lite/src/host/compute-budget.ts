import { equalBytes, InvalidTransactionError } from '@polyvm/core';
import { DEFAULT_HEAP_SIZE } from '../constants.js';
import { COSTS } from '../syscalls/costs.js';
import type { InstructionFrame, InvokeContext } from './invoke-context.js';
import { fromBase58, type Pubkey } from './pubkey.js';

export const COMPUTE_BUDGET_PROGRAM_ID = fromBase58('ComputeBudget111111111111111111111111111111');

/** `ComputeBudgetInstruction` borsh tags (`solana-compute-budget-interface`). Tag 0 is the removed `RequestUnitsDeprecated`. */
export const ComputeBudgetInstruction = {
  RequestHeapFrame: 1,
  SetComputeUnitLimit: 2,
  SetComputeUnitPrice: 3,
  SetLoadedAccountsDataSizeLimit: 4,
} as const;

/** `MIN_HEAP_FRAME_BYTES` / `MAX_HEAP_FRAME_BYTES` (agave `compute-budget-instruction`): 32 KiB .. 256 KiB in whole KiB. */
export const MIN_HEAP_FRAME_BYTES = DEFAULT_HEAP_SIZE;
export const MAX_HEAP_FRAME_BYTES = 256 * 1024;
/** `MAX_BUILTIN_ALLOCATION_COMPUTE_UNIT_LIMIT`: what a builtin instruction adds to the default limit. */
export const MAX_BUILTIN_ALLOCATION_COMPUTE_UNIT_LIMIT = 3_000;
/** `MAX_LOADED_ACCOUNTS_DATA_SIZE_BYTES`: 64 MiB. */
export const MAX_LOADED_ACCOUNTS_DATA_SIZE_BYTES = 64 * 1024 * 1024;
/** `MICRO_LAMPORTS_PER_LAMPORT`: compute-unit prices are in micro-lamports. */
const MICRO_LAMPORTS_PER_LAMPORT = 1_000_000n;
const U64_MAX = (1n << 64n) - 1n;

/** What a transaction's ComputeBudget instructions set (agave `ComputeBudgetLimits`). */
export interface ComputeBudgetLimits {
  computeUnitLimit: number;
  /** Micro-lamports per compute unit. */
  computeUnitPrice: bigint;
  heapSize: number;
  loadedAccountsDataSizeLimit: number;
}

function budgetError(
  kind: string,
  message: string,
  details: Record<string, unknown> = {},
): InvalidTransactionError {
  return new InvalidTransactionError(message, { details: { kind, ...details } });
}

/** A ComputeBudget `SetComputeUnitLimit(units)` instruction (borsh: tag 2, u32 little-endian). */
export function setComputeUnitLimitInstruction(units: number): {
  programId: Pubkey;
  accounts: [];
  data: Uint8Array;
} {
  const data = new Uint8Array(5);
  data[0] = ComputeBudgetInstruction.SetComputeUnitLimit;
  new DataView(data.buffer).setUint32(1, units, true);
  return { programId: COMPUTE_BUDGET_PROGRAM_ID, accounts: [], data };
}

/**
 * agave `ComputeBudgetInstructionDetails::try_from` + `sanitize_and_convert_to_compute_budget_limits`:
 * reads every ComputeBudget instruction (borsh, trailing bytes allowed as `try_from_slice_unchecked`
 * allows them), refusing unknown or short data (`InstructionError(i, InvalidInstructionData)`), a
 * second instruction of a kind (`DuplicateInstruction(i)`), a heap size outside 32..256 KiB or not
 * a multiple of 1 KiB, and a zero loaded-data limit. Without `SetComputeUnitLimit` the limit is
 * 200,000 per non-builtin instruction plus 3,000 per builtin one; either way at most 1,400,000.
 * These are transaction-level errors: the transaction is refused before any fee is taken.
 */
export function computeBudgetLimits(
  instructions: ReadonlyArray<{ programId: Pubkey; data: Uint8Array }>,
  isBuiltin: (programId: Pubkey) => boolean,
): ComputeBudgetLimits {
  let unitLimit: number | undefined;
  let unitPrice: bigint | undefined;
  let heapSize: number | undefined;
  let loadedLimit: number | undefined;
  let builtins = 0;
  let others = 0;
  instructions.forEach(({ programId, data }, index) => {
    if (!equalBytes(programId, COMPUTE_BUDGET_PROGRAM_ID)) {
      if (isBuiltin(programId)) builtins++;
      else others++;
      return;
    }
    builtins++;
    const invalidData = () =>
      budgetError(
        'InstructionError',
        `InstructionError(${index}, InvalidInstructionData): invalid ComputeBudget instruction`,
        { instructionIndex: index, instructionError: 'InvalidInstructionData' },
      );
    const duplicate = () =>
      budgetError(
        'DuplicateInstruction',
        `DuplicateInstruction(${index}): ComputeBudget instruction repeated`,
        { instructionIndex: index },
      );
    const view = new DataView(data.buffer, data.byteOffset, data.length);
    const u32 = (): number => {
      if (data.length < 5) throw invalidData();
      return view.getUint32(1, true);
    };
    switch (data[0]) {
      case ComputeBudgetInstruction.RequestHeapFrame: {
        const bytes = u32();
        if (heapSize !== undefined) throw duplicate();
        if (bytes < MIN_HEAP_FRAME_BYTES || bytes > MAX_HEAP_FRAME_BYTES || bytes % 1024 !== 0)
          throw invalidData();
        heapSize = bytes;
        break;
      }
      case ComputeBudgetInstruction.SetComputeUnitLimit: {
        const units = u32();
        if (unitLimit !== undefined) throw duplicate();
        unitLimit = units;
        break;
      }
      case ComputeBudgetInstruction.SetComputeUnitPrice: {
        if (data.length < 9) throw invalidData();
        if (unitPrice !== undefined) throw duplicate();
        unitPrice = view.getBigUint64(1, true);
        break;
      }
      case ComputeBudgetInstruction.SetLoadedAccountsDataSizeLimit: {
        const bytes = u32();
        if (loadedLimit !== undefined) throw duplicate();
        loadedLimit = bytes;
        break;
      }
      default:
        throw invalidData();
    }
  });
  if (loadedLimit === 0)
    throw budgetError(
      'InvalidLoadedAccountsDataSizeLimit',
      'the loaded accounts data size limit must not be 0',
    );
  const defaultLimit =
    others * COSTS.default_instruction_compute_unit_limit +
    builtins * MAX_BUILTIN_ALLOCATION_COMPUTE_UNIT_LIMIT;
  return {
    computeUnitLimit: Math.min(unitLimit ?? defaultLimit, COSTS.max_compute_unit_limit),
    computeUnitPrice: unitPrice ?? 0n,
    heapSize: heapSize ?? DEFAULT_HEAP_SIZE,
    loadedAccountsDataSizeLimit: Math.min(
      loadedLimit ?? MAX_LOADED_ACCOUNTS_DATA_SIZE_BYTES,
      MAX_LOADED_ACCOUNTS_DATA_SIZE_BYTES,
    ),
  };
}

/**
 * agave `get_prioritization_fee`: compute-unit limit × price in micro-lamports, rounded up to whole
 * lamports, saturating at u64::MAX.
 */
export function prioritizationFee(limits: ComputeBudgetLimits): bigint {
  const micro = limits.computeUnitPrice * BigInt(limits.computeUnitLimit);
  const fee = (micro + MICRO_LAMPORTS_PER_LAMPORT - 1n) / MICRO_LAMPORTS_PER_LAMPORT;
  return fee > U64_MAX ? U64_MAX : fee;
}

/**
 * agave `calculate_heap_cost`: each 32 KiB page of heap beyond the first costs `heap_cost`,
 * charged every time an sBPF program is invoked.
 */
export function heapCost(heapSize: number): number {
  const page = 32 * 1024;
  return (Math.ceil(heapSize / page) - 1) * COSTS.heap_cost;
}

/**
 * The ComputeBudget program itself: its instructions were applied when the transaction was
 * sanitized, so executing one only costs `DEFAULT_COMPUTE_UNITS` (150), as agave's builtin does.
 */
export function computeBudgetProgram(context: InvokeContext, _frame: InstructionFrame): void {
  context.consume(COSTS.system_program_units, 'other');
}
