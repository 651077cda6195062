import { type JournaledState, StateError } from '@polyvm/core';
import type { Pubkey } from './pubkey.js';

/** A Solana account (`solana_account::Account`). */
export interface Account {
  lamports: bigint;
  owner: Pubkey;
  executable: boolean;
  rentEpoch: bigint;
  data: Uint8Array;
}

/** Accounts live in the journaled state under this namespace, keyed by their 32-byte address. */
export const ACCOUNT_NAMESPACE = 'svm/account';

/** Fixed encoding: lamports u64 LE | owner 32 | executable u8 | rent_epoch u64 LE | data. */
const HEADER = 8 + 32 + 1 + 8;

export function encodeAccount(account: Account): Uint8Array {
  const out = new Uint8Array(HEADER + account.data.length);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, account.lamports, true);
  out.set(account.owner, 8);
  out[40] = account.executable ? 1 : 0;
  view.setBigUint64(41, account.rentEpoch, true);
  out.set(account.data, HEADER);
  return out;
}

export function decodeAccount(bytes: Uint8Array): Account {
  if (bytes.length < HEADER) throw new StateError(`account record of ${bytes.length} bytes is truncated`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  return {
    lamports: view.getBigUint64(0, true),
    owner: bytes.slice(8, 40),
    executable: bytes[40] === 1,
    rentEpoch: view.getBigUint64(41, true),
    data: bytes.slice(HEADER),
  };
}

/** A missing account reads as the default: 0 lamports, owned by the system program, no data. */
export function emptyAccount(): Account {
  return {
    lamports: 0n,
    owner: new Uint8Array(32),
    executable: false,
    rentEpoch: 0n,
    data: new Uint8Array(0),
  };
}

export function readAccount(state: JournaledState, key: Pubkey): Account | undefined {
  const raw = state.get(ACCOUNT_NAMESPACE, key);
  return raw === undefined ? undefined : decodeAccount(raw);
}

/** Writes an account; one left with zero lamports is purged, as the bank does after each transaction. */
export function writeAccount(state: JournaledState, key: Pubkey, account: Account): void {
  if (account.lamports === 0n) {
    if (state.get(ACCOUNT_NAMESPACE, key) !== undefined) state.delete(ACCOUNT_NAMESPACE, key);
    return;
  }
  state.set(ACCOUNT_NAMESPACE, key, encodeAccount(account));
}

export function cloneAccount(account: Account): Account {
  return { ...account, owner: account.owner.slice(), data: account.data.slice() };
}

/**
 * Rent as agave 3.x sets it with SIMD-0194 (and litesvm reports): 6960 lamports per byte-year with
 * an exemption threshold of 1.0 year, which keeps the exempt minimum of the older 3480 × 2 years.
 */
export const RENT = { lamportsPerByteYear: 6960n, exemptionThreshold: 1, burnPercent: 50 } as const;
/** `ACCOUNT_STORAGE_OVERHEAD`: bytes of metadata every account is charged rent for. */
export const ACCOUNT_STORAGE_OVERHEAD = 128n;

export function minimumBalance(dataLength: number): bigint {
  return (
    (ACCOUNT_STORAGE_OVERHEAD + BigInt(dataLength)) *
    RENT.lamportsPerByteYear *
    BigInt(RENT.exemptionThreshold)
  );
}

/** agave `RentState`: how an account stands against the rent-exempt minimum. */
type RentState =
  | { kind: 'uninitialized' }
  | { kind: 'exempt' }
  | { kind: 'paying'; size: number; lamports: bigint };

function rentState(account: Account): RentState {
  if (account.lamports === 0n) return { kind: 'uninitialized' };
  if (account.lamports >= minimumBalance(account.data.length)) return { kind: 'exempt' };
  return { kind: 'paying', size: account.data.length, lamports: account.lamports };
}

/**
 * agave `RentState::transition_allowed`: a transaction may not leave an account rent-paying
 * (above zero but below the exempt minimum) unless it already was, with the same size and no
 * more lamports than before.
 */
export function rentTransitionAllowed(before: Account, after: Account): boolean {
  const post = rentState(after);
  if (post.kind !== 'paying') return true;
  const pre = rentState(before);
  return pre.kind === 'paying' && pre.size === post.size && post.lamports <= pre.lamports;
}

/** A plain wallet: `lamports`, owned by the system program, no data. */
export function walletAccount(lamports: bigint): Account {
  return { ...emptyAccount(), lamports };
}
