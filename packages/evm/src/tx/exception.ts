/**
 * Why a transaction is invalid, named as execution-spec-tests' `TransactionException` members (the
 * names state-test fillers write in `expectException`), so a runner can check *which* rule rejected it.
 */
export type TxException =
  | 'INTRINSIC_GAS_TOO_LOW'
  | 'INTRINSIC_GAS_BELOW_FLOOR_GAS_COST'
  | 'GAS_ALLOWANCE_EXCEEDED'
  | 'INITCODE_SIZE_EXCEEDED'
  | 'PRIORITY_GREATER_THAN_MAX_FEE_PER_GAS'
  | 'INSUFFICIENT_MAX_FEE_PER_GAS'
  | 'INSUFFICIENT_MAX_FEE_PER_BLOB_GAS'
  | 'INSUFFICIENT_ACCOUNT_FUNDS'
  | 'NONCE_MISMATCH_TOO_LOW'
  | 'NONCE_MISMATCH_TOO_HIGH'
  | 'NONCE_IS_MAX'
  | 'SENDER_NOT_EOA'
  | 'RLP_INVALID_VALUE'
  | 'TYPE_3_TX_CONTRACT_CREATION'
  | 'TYPE_3_TX_ZERO_BLOBS'
  | 'TYPE_3_TX_BLOB_COUNT_EXCEEDED'
  | 'TYPE_3_TX_INVALID_BLOB_VERSIONED_HASH'
  | 'TYPE_4_TX_PRE_FORK'
  | 'TYPE_4_TX_CONTRACT_CREATION'
  | 'TYPE_4_EMPTY_AUTHORIZATION_LIST';

/** An invalid transaction: the rule it breaks and a one-line explanation. */
export interface TxRejection {
  exception: TxException;
  message: string;
}

export const rejection = (exception: TxException, message: string): TxRejection => ({ exception, message });
