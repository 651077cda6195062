import type { GasCategory } from '../gas.js';
import type { Sourced } from './sourced.js';

/** What the cost model needs to know about one transaction besides its receipt. */
export interface TransactionShape {
  /** Bytes of call data / arguments the transaction carries. */
  inputBytes: number;
  /** Of `inputBytes`, how many are non-zero (Ethereum prices zero bytes lower). */
  nonZeroInputBytes: number;
  signatures: number;
  /** Serialized size of the whole signed transaction, where a chain prices it (Aptos, Cosmos SDK). */
  transactionBytes: number;
  /** Accounts the transaction write-locks (Solana). */
  writeLocks: number;
  /** Method name length (NEAR prices `method_name.len() + args.len()`). */
  methodNameBytes: number;
  /** New state entries (slots, records, accounts) the transaction created. */
  newEntries: number;
  /** Bytes of those new entries plus growth of existing ones, key + value as polyvm stores them. */
  newStateBytes: number;
}

/** One named piece of a transaction's intrinsic gas, e.g. `{ name: 'calldata', gas: 1088 }`. */
export interface GasPart {
  name: string;
  gas: number;
}

/** The price inputs of a chain's fee formula, all in the chain's smallest token unit. */
export interface FeePrices {
  /** Smallest token units per fee-gas unit, as a decimal string (may be fractional: 0.0025 uatom). */
  gasPrice: string;
  /**
   * Tip per fee-gas unit (Ethereum priority fee in wei; Solana compute-unit price in micro-lamports).
   * A decimal string; "0" when none.
   */
  priorityFee: string;
}

/** The state-growth deposit or fee for a transaction's new state. */
export interface StorageCharge {
  /** In the smallest token unit. */
  amount: bigint;
  /** True when the chain returns it once the state is deleted (Solana rent, NEAR staking, Aptos slot deposit). */
  refundable: boolean;
  /** True when the chain collects it as part of the transaction fee (Aptos), not as a separate deposit. */
  includedInFee: boolean;
  /** How it is computed, in one line. */
  rule: string;
}

/** A chain's fee formula, limits and storage pricing, with every constant sourced. */
export interface ChainCostProfile {
  /** Short id, also the price-file key: 'ethereum', 'solana', 'near', 'aptos', 'cosmwasm'. */
  id: string;
  title: string;
  /** polyvm runtimes whose receipts this profile prices. */
  runtimes: readonly string[];
  /** The unit the fee formula multiplies (gas, SDK gas, gas units, compute units). */
  feeUnit: string;
  token: { symbol: string; decimals: number; smallestUnit: string };
  /** Every constant the profile uses, by name, with source and date. */
  constants: Readonly<Record<string, Sourced>>;
  /** Converts the runtime's native gas into fee units (e.g. Aptos internal units / 1e6). */
  toFeeUnits(nativeGas: number): number;
  /**
   * Whether the runtime's receipt already counts the intrinsic gas (and in which category), so the
   * model does not count it twice.
   */
  receiptIntrinsic: GasCategory | 'none';
  /** Intrinsic / base gas in fee units, by part; empty when the chain has none. */
  intrinsicGas(tx: TransactionShape): GasPart[];
  /** Gas (fee units) of the execution that creates new state, included in the execution figure. */
  stateGrowthGas(tx: TransactionShape): number | null;
  /** The fee in the smallest token unit for `feeGas` fee units. */
  fee(feeGas: number, tx: TransactionShape, prices: FeePrices): bigint;
  /** Deposit/fee for new state beyond gas, or null when the chain charges state growth only as gas. */
  storageCharge(tx: TransactionShape): StorageCharge | null;
  /** The per-transaction limit in fee units, or null when there is none. */
  perTransactionLimit: Sourced | null;
  /** The per-block limit in fee units, or null when there is none by default. */
  perBlockLimit: Sourced | null;
  /** Units one transaction takes from the block limit (Solana's cost model adds signatures/locks). */
  blockUnits(feeGas: number, tx: TransactionShape): number;
  /** What the block figure leaves out, in one line (account write locks, chunk vs block…). */
  blockNote: string;
}
