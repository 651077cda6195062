import {
  G_ACCESS_LIST_ADDRESS,
  G_ACCESS_LIST_STORAGE_KEY,
  G_INITCODE_WORD,
  G_TRANSACTION,
  G_TX_CREATE,
  G_TX_DATA_NONZERO,
  G_TX_DATA_ZERO,
  words,
} from '../execute/gas-rules.js';
import { PER_EMPTY_ACCOUNT_COST } from './authorization.js';
import type { AccessListEntry } from './types.js';

/**
 * Intrinsic gas g0 (Yellow Paper §6.2): 21000, calldata at 4/16 per zero/non-zero byte (EIP-2028),
 * 32000 plus 2 per initcode word for creates (EIP-3860), and 2400 per address and 1900 per storage
 * key of the access list (EIP-2930), and 25000 per EIP-7702 authorization.
 */
export function intrinsicGas(
  input: Uint8Array,
  isCreate: boolean,
  accessList: readonly AccessListEntry[] = [],
  authorizations = 0,
): number {
  let gas = G_TRANSACTION;
  for (let i = 0; i < input.length; i++) gas += input[i] === 0 ? G_TX_DATA_ZERO : G_TX_DATA_NONZERO;
  if (isCreate) gas += G_TX_CREATE + G_INITCODE_WORD * words(input.length);
  for (const entry of accessList) {
    gas += G_ACCESS_LIST_ADDRESS + G_ACCESS_LIST_STORAGE_KEY * entry.storageKeys.length;
  }
  // EIP-7702: PER_EMPTY_ACCOUNT_COST per authorization tuple.
  return gas + PER_EMPTY_ACCOUNT_COST * authorizations;
}
