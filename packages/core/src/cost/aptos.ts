import { mulDecimalCeil } from './decimal.js';
import type { ChainCostProfile, GasPart, TransactionShape } from './profile.js';
import { sourced } from './sourced.js';

const READ = '2026-12-07';
const TXN = 'aptos-core aptos-move/aptos-gas-schedule/src/gas_schedule/transaction.rs';

/** Aptos-style Move: gas in internal units (1e6 per gas unit), storage paid in APT beside gas (AIP-17). */
export const APTOS_CONSTANTS = {
  gasUnitScalingFactor: sourced(1_000_000, `${TXN} GAS_SCALING_FACTOR`, READ),
  minTransactionGasUnits: sourced(2_760_000, `${TXN} min_transaction_gas_units (internal units)`, READ),
  largeTransactionCutoff: sourced(600, `${TXN} large_transaction_cutoff (bytes)`, READ),
  intrinsicGasPerByte: sourced(
    1_158,
    `${TXN} intrinsic_gas_per_byte (internal units per byte over the cutoff)`,
    READ,
  ),
  maxExecutionGas: sourced(
    920_000_000,
    `${TXN} max_execution_gas (internal units, "92ms at 10k gas per ms")`,
    READ,
  ),
  maxIoGas: sourced(1_000_000_000, `${TXN} max_io_gas (internal units)`, READ),
  maxGasAmount: sourced(2_000_000, 'aptos-core config/global-constants MAX_GAS_AMOUNT (gas units)', READ),
  minGasUnitPrice: sourced(
    100,
    'aptos-core config/global-constants GAS_UNIT_PRICE (octas per gas unit)',
    READ,
  ),
  storageFeePerStateSlot: sourced(40_000, `${TXN} storage_fee_per_state_slot (octas, gas feature ≥14)`, READ),
  storageFeePerStateByte: sourced(40, `${TXN} storage_fee_per_state_byte (octas, gas feature ≥14)`, READ),
} as const;

const C = APTOS_CONSTANTS;
const SCALE = C.gasUnitScalingFactor.value;

/** `calculate_intrinsic_gas`: min_transaction_gas_units + intrinsic_gas_per_byte × bytes over 600. */
export function aptosIntrinsicInternalGas(transactionBytes: number): number {
  const excess = Math.max(0, transactionBytes - C.largeTransactionCutoff.value);
  return C.minTransactionGasUnits.value + C.intrinsicGasPerByte.value * excess;
}

function intrinsicGas(tx: TransactionShape): GasPart[] {
  const excess = Math.max(0, tx.transactionBytes - C.largeTransactionCutoff.value);
  return [
    { name: 'min_transaction_gas_units', gas: C.minTransactionGasUnits.value / SCALE },
    { name: 'intrinsic_gas_per_byte × bytes over 600', gas: (C.intrinsicGasPerByte.value * excess) / SCALE },
  ];
}

export const APTOS_PROFILE: ChainCostProfile = {
  id: 'aptos',
  title: 'Aptos (Move)',
  runtimes: ['move'],
  feeUnit: 'gas units',
  token: { symbol: 'APT', decimals: 8, smallestUnit: 'octa' },
  constants: C,
  // Fractional until the total is rounded up to whole gas units in `fee`.
  toFeeUnits: (internal) => internal / SCALE,
  receiptIntrinsic: 'none',
  intrinsicGas,
  stateGrowthGas: () => null,
  // Gas units (rounded up) × gas unit price; the storage fee is charged in octas beside it.
  fee: (gasUnits, tx, prices) => {
    const storage = APTOS_PROFILE.storageCharge(tx)?.amount ?? 0n;
    return mulDecimalCeil(BigInt(Math.ceil(gasUnits)), prices.gasPrice) + storage;
  },
  storageCharge: (tx) =>
    tx.newEntries === 0 && tx.newStateBytes === 0
      ? null
      : {
          amount:
            BigInt(tx.newEntries * C.storageFeePerStateSlot.value) +
            BigInt(tx.newStateBytes * C.storageFeePerStateByte.value),
          refundable: true,
          includedInFee: true,
          rule: 'storage fee: 40,000 octas per new slot + 40 per byte; the slot deposit is refunded on deletion (byte-fee refund unconfirmed)',
        },
  perTransactionLimit: {
    ...C.maxExecutionGas,
    value: C.maxExecutionGas.value / SCALE,
    source: `${C.maxExecutionGas.source}, in gas units; IO has its own cap (max_io_gas)`,
  },
  perBlockLimit: null,
  blockUnits: (gasUnits) => gasUnits,
  // The per-block limit is the on-chain execution config, set by governance; aptos-core only fixes
  // a default for new networks (types/src/on_chain_config/execution_config.rs `default_for_genesis`:
  // LimitWithConflictAware { block_gas_limit: 35000 } at aptos-labs/aptos-core@00658176, in
  // effective block gas units, not gas units). Mainnet's live value is not in the sources: n/a.
  blockNote:
    "the block limit is an on-chain execution config (governance-set; aptos-core's genesis default is 35,000 effective block gas units, not gas units): n/a",
};
