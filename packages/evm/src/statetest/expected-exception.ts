import type { TxException } from '../tx/exception.js';

const PREFIX = 'TransactionException.';

/**
 * Legacy retesteth names (ethereum/tests `TR_*`, still in older fillers) for the execution-spec-tests
 * `TransactionException` members they denote.
 */
const LEGACY: Record<string, readonly TxException[]> = {
  TR_IntrinsicGas: ['INTRINSIC_GAS_TOO_LOW'],
  TR_NoFunds: ['INSUFFICIENT_ACCOUNT_FUNDS'],
  TR_NoFundsOrGas: ['INSUFFICIENT_ACCOUNT_FUNDS', 'INTRINSIC_GAS_TOO_LOW'],
  TR_FeeCapLessThanBlocks: ['INSUFFICIENT_MAX_FEE_PER_GAS'],
  TR_GasLimitReached: ['GAS_ALLOWANCE_EXCEEDED'],
  TR_TipGtFeeCap: ['PRIORITY_GREATER_THAN_MAX_FEE_PER_GAS'],
  TR_NonceHasMaxValue: ['NONCE_IS_MAX'],
  TR_InitCodeLimitExceeded: ['INITCODE_SIZE_EXCEEDED'],
  TR_RLP_WRONGVALUE: ['RLP_INVALID_VALUE'],
  SenderNotEOA: ['SENDER_NOT_EOA'],
  TR_EMPTYBLOB: ['TYPE_3_TX_ZERO_BLOBS'],
  TR_BLOBCREATE: ['TYPE_3_TX_CONTRACT_CREATION'],
  TR_BLOBLIST_OVERSIZE: ['TYPE_3_TX_BLOB_COUNT_EXCEEDED'],
  TR_BLOBVERSION_INVALID: ['TYPE_3_TX_INVALID_BLOB_VERSIONED_HASH'],
};

/**
 * The exceptions an `expectException` field allows: `TransactionException.A|TransactionException.B`
 * (execution-spec-tests) or one legacy name. Undefined for a name this runner does not know, so the
 * case fails instead of passing on any rejection.
 */
export function expectedExceptions(field: string): ReadonlySet<string> | undefined {
  const legacy = LEGACY[field];
  if (legacy !== undefined) return new Set(legacy);
  const names = field.split('|').map((part) => part.trim());
  if (!names.every((name) => name.startsWith(PREFIX))) return undefined;
  return new Set(names.map((name) => name.slice(PREFIX.length)));
}
