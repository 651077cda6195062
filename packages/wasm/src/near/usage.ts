import type { JournaledState } from '@polyvm/core';

/** Per-account storage usage in bytes, as NEAR tracks it for storage staking. */
export const NEAR_USAGE = 'wasm/usage';

/**
 * nearcore `StorageUsageConfig`: an account record counts 100 bytes and every data record its key
 * and value plus 40 bytes of overhead; deployed code counts its length.
 */
export const NUM_BYTES_ACCOUNT = 100;
export const NUM_EXTRA_BYTES_RECORD = 40;

export function storageUsage(state: JournaledState, account: Uint8Array): bigint {
  const raw = state.get(NEAR_USAGE, account);
  return raw ? new DataView(raw.buffer, raw.byteOffset, 8).getBigUint64(0, true) : 0n;
}

export function addStorageUsage(state: JournaledState, account: Uint8Array, delta: number): void {
  const next = storageUsage(state, account) + BigInt(delta);
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, next < 0n ? 0n : next, true);
  state.set(NEAR_USAGE, account, out);
}
