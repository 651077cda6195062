/** EIP-2930 access list entry. */
export interface AccessListEntry {
  address: Uint8Array;
  storageKeys: Uint8Array[];
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
}
