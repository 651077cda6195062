import { mulDecimalCeil } from './decimal.js';
import type { ChainCostProfile, TransactionShape } from './profile.js';
import { sourced } from './sourced.js';

const READ = '2026-12-07';

export const SOLANA_CONSTANTS = {
  // FeeStructure::default().lamports_per_signature; solana.com/docs/core/fees "5000 lamports per signature".
  lamportsPerSignature: sourced(
    5_000,
    'agave fee: FeeStructure lamports_per_signature; solana.com/docs/core/fees',
    READ,
  ),
  // Priority fee = ceil(CU limit × CU price / 1_000_000): the price is in micro-lamports per CU.
  microLamportsPerLamport: sourced(1_000_000, 'solana.com/docs/core/fees (prioritization fee)', READ),
  // agave program-runtime/src/execution_budget.rs: MAX_COMPUTE_UNIT_LIMIT, DEFAULT_INSTRUCTION_COMPUTE_UNIT_LIMIT.
  maxComputeUnitLimit: sourced(
    1_400_000,
    'agave program-runtime/src/execution_budget.rs MAX_COMPUTE_UNIT_LIMIT',
    READ,
  ),
  defaultInstructionComputeUnits: sourced(
    200_000,
    'agave execution_budget.rs DEFAULT_INSTRUCTION_COMPUTE_UNIT_LIMIT',
    READ,
  ),
  // agave cost-model/src/block_cost_limits.rs
  maxBlockUnits: sourced(
    50_000_000,
    'agave cost-model/src/block_cost_limits.rs MAX_BLOCK_UNITS = MAX_BLOCK_UNITS_SIMD_0207 (60M once SIMD-0256 activates)',
    READ,
  ),
  maxWritableAccountUnits: sourced(
    12_000_000,
    'agave cost-model/src/block_cost_limits.rs MAX_WRITABLE_ACCOUNT_UNITS',
    READ,
  ),
  signatureCost: sourced(720, 'agave block_cost_limits.rs SIGNATURE_COST = 30 × 24', READ),
  writeLockUnits: sourced(300, 'agave block_cost_limits.rs WRITE_LOCK_UNITS = 30 × 10', READ),
  instructionDataBytesPerUnit: sourced(
    4,
    'agave block_cost_limits.rs INSTRUCTION_DATA_BYTES_COST = 140 / 30',
    READ,
  ),
  // solana-sdk rent/src/lib.rs: DEFAULT_LAMPORTS_PER_BYTE_YEAR, DEFAULT_EXEMPTION_THRESHOLD, ACCOUNT_STORAGE_OVERHEAD.
  lamportsPerByteYear: sourced(3_480, 'solana-sdk rent/src/lib.rs DEFAULT_LAMPORTS_PER_BYTE_YEAR', READ),
  exemptionThresholdYears: sourced(2, 'solana-sdk rent/src/lib.rs DEFAULT_EXEMPTION_THRESHOLD = 2.0', READ),
  accountStorageOverhead: sourced(128, 'solana-sdk rent/src/lib.rs ACCOUNT_STORAGE_OVERHEAD', READ),
} as const;

const C = SOLANA_CONSTANTS;

/** `Rent::minimum_balance(len)`: (128 + len) × 3480 × 2 lamports. */
export function rentExemptMinimum(dataBytes: number): bigint {
  return (
    BigInt(C.accountStorageOverhead.value + dataBytes) *
    BigInt(C.lamportsPerByteYear.value) *
    BigInt(C.exemptionThresholdYears.value)
  );
}

/** agave cost model: what a transaction takes from the block's CU budget besides its execution. */
function costModelUnits(tx: TransactionShape): number {
  return (
    tx.signatures * C.signatureCost.value +
    tx.writeLocks * C.writeLockUnits.value +
    Math.floor(tx.inputBytes / C.instructionDataBytesPerUnit.value)
  );
}

export const SOLANA_PROFILE: ChainCostProfile = {
  id: 'solana',
  title: 'Solana',
  runtimes: ['svm'],
  feeUnit: 'compute units',
  token: { symbol: 'SOL', decimals: 9, smallestUnit: 'lamport' },
  constants: C,
  toFeeUnits: (cu) => cu,
  receiptIntrinsic: 'none',
  // Solana's base fee is per signature in lamports, not gas: there is no intrinsic gas. What a
  // transaction takes from the block besides its CUs (signatures, write locks, data) is in blockUnits.
  intrinsicGas: () => [],
  stateGrowthGas: () => null,
  // The base fee is per signature, whatever the CUs; the priority fee is per requested CU. The CU
  // limit requested is taken as the CUs used (a tight SetComputeUnitLimit).
  // agave compute-budget get_prioritization_fee rounds the micro-lamports up to whole lamports.
  fee: (cu, tx, prices) => {
    const micro = mulDecimalCeil(BigInt(cu), prices.priorityFee);
    const perLamport = BigInt(C.microLamportsPerLamport.value);
    return BigInt(tx.signatures * C.lamportsPerSignature.value) + (micro + perLamport - 1n) / perLamport;
  },
  storageCharge: (tx) =>
    tx.newEntries === 0
      ? null
      : {
          amount:
            rentExemptMinimum(0) * BigInt(tx.newEntries) +
            BigInt(tx.newStateBytes) * (rentExemptMinimum(1) - rentExemptMinimum(0)),
          refundable: true,
          includedInFee: false,
          rule: 'rent-exempt minimum (128 + bytes) × 3480 × 2 lamports per new account; returned when the account is closed',
        },
  perTransactionLimit: C.maxComputeUnitLimit,
  perBlockLimit: C.maxBlockUnits,
  // cost-model units: signatures, write locks and data bytes count against the block as well.
  blockUnits: (cu, tx) => cu + costModelUnits(tx),
  blockNote: `a transaction writing one hot account fits ${C.maxWritableAccountUnits.value.toLocaleString('en-US')} CU per account per block`,
};
