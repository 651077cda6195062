import type { Transaction } from '@polyvm/core';
import { toBase58 } from '../host/pubkey.js';
import { type SvmTxPayload, transactionAccounts } from '../runtime.js';

/** The account locks a transaction takes (agave `TransactionAccountLocks`): write or read, by key. */
export interface AccountLocks {
  writable: Set<string>;
  readonly: Set<string>;
}

export function accountLocks(tx: Transaction<SvmTxPayload>): AccountLocks {
  const locks: AccountLocks = { writable: new Set(), readonly: new Set() };
  for (const meta of transactionAccounts(tx).keys) {
    (meta.isWritable ? locks.writable : locks.readonly).add(toBase58(meta.pubkey));
  }
  return locks;
}

/** Two transactions conflict when one writes an account the other reads or writes. */
export function conflicts(a: AccountLocks, b: AccountLocks): boolean {
  for (const key of a.writable) if (b.writable.has(key) || b.readonly.has(key)) return true;
  for (const key of b.writable) if (a.readonly.has(key)) return true;
  return false;
}

/**
 * Sealevel-style scheduling: each transaction goes into the first wave after every earlier
 * transaction it conflicts with. Transactions in one wave touch disjoint writable accounts, so
 * they may run in any order or in parallel; running the waves in order gives exactly the state
 * of running the whole batch sequentially.
 */
export function scheduleWaves(locks: readonly AccountLocks[]): number[][] {
  const waveOf: number[] = [];
  const waves: number[][] = [];
  locks.forEach((mine, i) => {
    let wave = 0;
    for (let j = 0; j < i; j++) {
      if (waveOf[j]! >= wave && conflicts(mine, locks[j]!)) wave = waveOf[j]! + 1;
    }
    waveOf.push(wave);
    (waves[wave] ??= []).push(i);
  });
  return waves;
}
