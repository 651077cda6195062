import { keccak_256 } from '@noble/hashes/sha3.js';
import type { JournaledState } from '@polyvm/core';
import { bytesToWord, wordToBytes, writeBytes } from '../execute/u256.js';

/**
 * Ethereum's world state (Yellow Paper §4.1) kept in the core `JournaledState`, so every sub-call
 * and transaction reverts exactly through the core journal:
 * - `evm/account`  address(20) → nonce(8) ‖ balance(32) ‖ codeHash(32)
 * - `evm/code`     codeHash(32) → code
 * - `evm/storage`  address(20) ‖ slot(32) → minimal big-endian value (zero is deleted)
 * - `evm/transient` same layout, EIP-1153 transient storage, cleared after every transaction
 */
export const NS_ACCOUNT = 'evm/account';
export const NS_CODE = 'evm/code';
export const NS_STORAGE = 'evm/storage';
export const NS_TRANSIENT = 'evm/transient';

/** keccak256 of the empty string: the code hash of accounts without code. */
export const EMPTY_CODE_HASH = keccak_256(new Uint8Array(0));
const EMPTY_CODE = new Uint8Array(0);

export interface Account {
  nonce: bigint;
  balance: bigint;
  codeHash: Uint8Array;
}

export function addressBytes(address: bigint): Uint8Array {
  return wordToBytes(address, 20);
}

export function addressWord(address: Uint8Array): bigint {
  return bytesToWord(address);
}

function slotKey(address: bigint, slot: bigint): Uint8Array {
  const key = new Uint8Array(52);
  writeBytes(key, 0, 20, address);
  writeBytes(key, 20, 32, slot);
  return key;
}

function encodeAccount(account: Account): Uint8Array {
  const out = new Uint8Array(72);
  out.set(wordToBytes(account.nonce, 8), 0);
  out.set(wordToBytes(account.balance, 32), 8);
  out.set(account.codeHash, 40);
  return out;
}

function decodeAccount(raw: Uint8Array): Account {
  return {
    nonce: bytesToWord(raw.subarray(0, 8)),
    balance: bytesToWord(raw.subarray(8, 40)),
    codeHash: raw.slice(40, 72),
  };
}

function isEmptyHash(hash: Uint8Array): boolean {
  for (let i = 0; i < 32; i++) if (hash[i] !== EMPTY_CODE_HASH[i]) return false;
  return true;
}

export class World {
  readonly state: JournaledState;

  constructor(state: JournaledState) {
    this.state = state;
  }

  getAccount(address: bigint): Account | undefined {
    const raw = this.state.get(NS_ACCOUNT, addressBytes(address));
    return raw === undefined ? undefined : decodeAccount(raw);
  }

  putAccount(address: bigint, account: Account): void {
    this.state.set(NS_ACCOUNT, addressBytes(address), encodeAccount(account));
  }

  /** Account or the all-zero default a missing account reads as. */
  accountOrEmpty(address: bigint): Account {
    return this.getAccount(address) ?? { nonce: 0n, balance: 0n, codeHash: EMPTY_CODE_HASH };
  }

  exists(address: bigint): boolean {
    return this.getAccount(address) !== undefined;
  }

  /** EIP-161: an account is empty when it has no code, zero nonce and zero balance. */
  isEmpty(account: Account): boolean {
    return account.nonce === 0n && account.balance === 0n && isEmptyHash(account.codeHash);
  }

  /** "Alive" in execution-specs terms: exists and is not empty. */
  isAlive(address: bigint): boolean {
    const account = this.getAccount(address);
    return account !== undefined && !this.isEmpty(account);
  }

  balance(address: bigint): bigint {
    return this.getAccount(address)?.balance ?? 0n;
  }

  setBalance(address: bigint, balance: bigint): void {
    const account = this.accountOrEmpty(address);
    account.balance = balance;
    this.putAccount(address, account);
  }

  /** Moves value; the caller has checked the balance. Creates the recipient if it does not exist. */
  transfer(from: bigint, to: bigint, value: bigint): void {
    this.setBalance(from, this.balance(from) - value);
    this.setBalance(to, this.balance(to) + value);
  }

  incrementNonce(address: bigint): void {
    const account = this.accountOrEmpty(address);
    account.nonce += 1n;
    this.putAccount(address, account);
  }

  codeHash(address: bigint): Uint8Array {
    return this.getAccount(address)?.codeHash ?? EMPTY_CODE_HASH;
  }

  code(address: bigint): Uint8Array {
    const account = this.getAccount(address);
    if (account === undefined || isEmptyHash(account.codeHash)) return EMPTY_CODE;
    return this.codeByHash(account.codeHash);
  }

  codeByHash(hash: Uint8Array): Uint8Array {
    if (isEmptyHash(hash)) return EMPTY_CODE;
    return this.state.get(NS_CODE, hash) ?? EMPTY_CODE;
  }

  setCode(address: bigint, code: Uint8Array): void {
    const account = this.accountOrEmpty(address);
    account.codeHash = keccak_256(code);
    if (code.length > 0) this.state.set(NS_CODE, account.codeHash, code);
    this.putAccount(address, account);
  }

  hasCode(address: bigint): boolean {
    const account = this.getAccount(address);
    return account !== undefined && !isEmptyHash(account.codeHash);
  }

  getStorage(address: bigint, slot: bigint): bigint {
    return this.#readSlot(NS_STORAGE, address, slot);
  }

  setStorage(address: bigint, slot: bigint, value: bigint): void {
    this.#writeSlot(NS_STORAGE, address, slot, value);
  }

  getTransient(address: bigint, slot: bigint): bigint {
    return this.#readSlot(NS_TRANSIENT, address, slot);
  }

  setTransient(address: bigint, slot: bigint, value: bigint): void {
    this.#writeSlot(NS_TRANSIENT, address, slot, value);
  }

  #readSlot(namespace: string, address: bigint, slot: bigint): bigint {
    const raw = this.state.get(namespace, slotKey(address, slot));
    return raw === undefined ? 0n : bytesToWord(raw);
  }

  /** Zero is stored as absence, so a cleared slot leaves no entry behind. */
  #writeSlot(namespace: string, address: bigint, slot: bigint, value: bigint): void {
    const key = slotKey(address, slot);
    if (value === 0n) this.state.delete(namespace, key);
    else this.state.set(namespace, key, minimal(value));
  }

  /**
   * Storage slots of one account, as (slot, value) words in slot order. Served by the state's prefix
   * index, so it costs the account's own slots, not the size of the state (SELFDESTRUCT and EIP-161
   * clean-up run it inside transactions).
   */
  storageOf(address: bigint): Array<[bigint, bigint]> {
    return this.#slotsOf(address).map((key) => [
      bytesToWord(key.subarray(20)),
      bytesToWord(this.state.get(NS_STORAGE, key) as Uint8Array),
    ]);
  }

  hasStorage(address: bigint): boolean {
    return this.state.hasKeyWithPrefix(NS_STORAGE, addressBytes(address));
  }

  /**
   * CREATE collision (EIP-684, EIP-7610): the target already has a nonce, code or storage
   * (the storage answer is one index lookup).
   */
  collides(address: bigint): boolean {
    const account = this.getAccount(address);
    if (account === undefined) return false;
    return account.nonce !== 0n || !isEmptyHash(account.codeHash) || this.hasStorage(address);
  }

  clearStorage(address: bigint): void {
    for (const key of this.#slotsOf(address)) this.state.delete(NS_STORAGE, key);
  }

  #slotsOf(address: bigint): Uint8Array[] {
    return this.state.keysWithPrefix(NS_STORAGE, addressBytes(address));
  }

  /** Removes an account with its storage (SELFDESTRUCT of a new contract, EIP-161 cleanup). */
  deleteAccount(address: bigint): void {
    this.clearStorage(address);
    this.state.delete(NS_ACCOUNT, addressBytes(address));
  }

  /** Every account address, sorted. */
  addresses(): bigint[] {
    return this.state.entries(NS_ACCOUNT).map(({ key }) => addressWord(key));
  }
}

function minimal(value: bigint): Uint8Array {
  const bytes = wordToBytes(value, 32);
  let start = 0;
  while (start < 31 && bytes[start] === 0) start++;
  return bytes.subarray(start);
}
