import { GAS_CATEGORIES, type GasBreakdown } from '../gas.js';
import type { StateChange } from '../state/journaled-state.js';
import { toWholeUnits } from './decimal.js';
import type { ChainPrice } from './prices.js';
import type { ChainCostProfile, GasPart, TransactionShape } from './profile.js';

/** An amount of the chain's token: smallest units (exact), whole tokens, and the common currency. */
export interface TokenAmount {
  /** Smallest units as a decimal string (wei, lamports, yoctoNEAR, octas, uatom). */
  native: string;
  /** Whole tokens (ETH, SOL…), as a float for display. */
  token: number;
  /** In the price file's currency, or null without a price for this chain. */
  currency: number | null;
}

/**
 * What one transaction really costs on a chain. Gas figures are in the profile's fee unit. A null
 * means "does not apply on this chain" and is printed as n/a, never as 0.
 */
export interface WholeTransactionCost {
  chain: string;
  chainTitle: string;
  feeUnit: string;
  tokenSymbol: string;
  /** The VM's execution only, by category (what `compare` reported before). */
  execution: { total: number; byCategory: GasBreakdown };
  /** Gas every transaction pays before running (null: the chain has none, e.g. Solana). */
  intrinsic: { total: number; parts: GasPart[] } | null;
  /** Of the execution gas, what writing new state cost (null where state growth is not priced in gas). */
  stateGrowthGas: number | null;
  newEntries: number;
  newStateBytes: number;
  /** intrinsic + execution. */
  totalGas: number;
  fee: TokenAmount;
  /** Deposit/fee for the new state beyond gas (null: the chain has none); see `includedInFee`. */
  storage: (TokenAmount & { refundable: boolean; includedInFee: boolean; rule: string }) | null;
  /** totalGas / per-transaction limit (null: no limit). */
  limitShare: number | null;
  /** How many such transactions fit in one block (null: no default block limit). */
  transactionsPerBlock: number | null;
  blockNote: string;
}

/** The parts of a receipt the model reads. */
export interface ReceiptCosts {
  gasUsed: number;
  gasBreakdown: GasBreakdown;
  stateDiff: readonly StateChange[];
}

function amount(native: bigint, decimals: number, price: ChainPrice | undefined): TokenAmount {
  const token = toWholeUnits(native, decimals);
  return { native: native.toString(), token, currency: price ? token * price.tokenPrice : null };
}

/**
 * Prices one executed transaction on `profile`'s chain: intrinsic gas from the transaction's shape,
 * execution from the receipt (without the intrinsic part when the runtime already charged it), the
 * fee and storage deposit from the price, and the share of the per-transaction and per-block limits.
 */
export function wholeTransactionCost(
  profile: ChainCostProfile,
  receipt: ReceiptCosts,
  shape: TransactionShape,
  price?: ChainPrice,
): WholeTransactionCost {
  const parts = profile.intrinsicGas(shape);
  const intrinsicTotal = parts.reduce((sum, part) => sum + part.gas, 0);
  const byCategory = {} as GasBreakdown;
  for (const category of GAS_CATEGORIES) {
    const charged = receipt.gasBreakdown[category];
    const intrinsicHere = profile.receiptIntrinsic === category ? intrinsicTotal : 0;
    byCategory[category] = profile.toFeeUnits(Math.max(0, charged - intrinsicHere));
  }
  const alreadyCharged = profile.receiptIntrinsic === 'none' ? 0 : intrinsicTotal;
  const execution = profile.toFeeUnits(Math.max(0, receipt.gasUsed - alreadyCharged));
  const totalGas = execution + intrinsicTotal;
  const prices = price ?? { gasPrice: '0', priorityFee: '0', tokenPrice: 0 };
  const decimals = profile.token.decimals;
  const storage = profile.storageCharge(shape);
  const perTx = profile.perTransactionLimit?.value;
  const perBlock = profile.perBlockLimit?.value;
  return {
    chain: profile.id,
    chainTitle: profile.title,
    feeUnit: profile.feeUnit,
    tokenSymbol: profile.token.symbol,
    execution: { total: execution, byCategory },
    intrinsic: parts.length === 0 ? null : { total: intrinsicTotal, parts },
    stateGrowthGas: profile.stateGrowthGas(shape),
    newEntries: shape.newEntries,
    newStateBytes: shape.newStateBytes,
    totalGas,
    fee: amount(profile.fee(totalGas, shape, prices), decimals, price),
    storage: storage
      ? {
          ...amount(storage.amount, decimals, price),
          refundable: storage.refundable,
          includedInFee: storage.includedInFee,
          rule: storage.rule,
        }
      : null,
    limitShare: perTx === undefined ? null : totalGas / perTx,
    transactionsPerBlock:
      perBlock === undefined ? null : Math.floor(perBlock / Math.max(1, profile.blockUnits(totalGas, shape))),
    blockNote: profile.blockNote,
  };
}
