import { type StateChange, toHex } from '@polyvm/core';
import { NS_STORAGE } from '../host/world.js';

export interface StorageChange {
  address: string;
  slot: string;
  before: string;
  after: string;
}

const hexWord = (bytes: Uint8Array | undefined) => (bytes ? `0x${BigInt(toHex(bytes)).toString(16)}` : '0x0');

/**
 * Storage writes of a receipt's state diff. `World` keys a slot as the 20-byte address followed by
 * the 32-byte slot (host/world.ts `slotKey`); a key of another shape is shown whole.
 */
export function storageChanges(diff: readonly StateChange[]): StorageChange[] {
  return diff
    .filter((c) => c.namespace === NS_STORAGE)
    .map((c) => ({
      address: c.key.length === 52 ? toHex(c.key.subarray(0, 20)) : toHex(c.key),
      slot: c.key.length === 52 ? hexWord(c.key.subarray(20)) : '?',
      before: hexWord(c.before),
      after: hexWord(c.after),
    }));
}
