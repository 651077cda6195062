/** EIP-2930 access list entry. */
export interface AccessListEntry {
  address: Uint8Array;
  storageKeys: Uint8Array[];
}

/** EIP-7702 authorization tuple [chain_id, address, nonce, y_parity, r, s]. */
export interface Authorization {
  chainId: bigint;
  address: Uint8Array;
  nonce: bigint;
  yParity: number;
  r: bigint;
  s: bigint;
}

/**
 * What an EVM transaction carries beyond the core envelope. Without fee fields the gas price is
 * zero (a free call, handy for examples); set `gasPrice` for legacy/EIP-2930 transactions or
 * `maxFeePerGas` + `maxPriorityFeePerGas` for EIP-1559, plus blob fields for EIP-4844.
 */
export interface EvmTxPayload {
  gasPrice?: bigint;
  maxFeePerGas?: bigint;
  maxPriorityFeePerGas?: bigint;
  accessList?: AccessListEntry[];
  blobVersionedHashes?: Uint8Array[];
  maxFeePerBlobGas?: bigint;
  /** EIP-7702 (Prague) set-code transaction: the authorization list. */
  authorizationList?: Authorization[];
}
