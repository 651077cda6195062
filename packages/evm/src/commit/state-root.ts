import { keccak_256 } from '@noble/hashes/sha3.js';
import type { JournaledState } from '@polyvm/core';
import { wordToBytes } from '../execute/u256.js';
import type { Log } from '../host/substate.js';
import { addressBytes, NS_ACCOUNT, NS_STORAGE } from '../host/world.js';
import { secureTrieRoot } from './mpt.js';
import { encodeRlp } from './rlp.js';
import { EthereumStateTrie } from './state-trie.js';

/** Each state's trie, built by the first root and updated from the journal's changes afterwards. */
const tries = new WeakMap<JournaledState, EthereumStateTrie>();

/**
 * Ethereum's state root (Yellow Paper §4.1): the secure trie of address → RLP([nonce, balance,
 * storageRoot, codeHash]), where storageRoot is the secure trie of slot → RLP(value). The first call
 * on a state builds its trie; later ones rehash only the paths of the keys written since.
 */
export function ethereumStateRoot(state: JournaledState): Uint8Array {
  let trie = tries.get(state);
  if (trie === undefined) tries.set(state, (trie = new EthereumStateTrie(state)));
  return trie.root();
}

/**
 * The same root computed from scratch with the one-shot `secureTrieRoot`, walking the whole state:
 * the reference the incremental trie is checked against.
 */
export function ethereumStateRootFromScratch(state: JournaledState): Uint8Array {
  const storageByAccount = new Map<string, Array<[Uint8Array, Uint8Array]>>();
  for (const { key, value } of state.entries(NS_STORAGE)) {
    const owner = hex(key.subarray(0, 20));
    let slots = storageByAccount.get(owner);
    if (slots === undefined) storageByAccount.set(owner, (slots = []));
    slots.push([key.slice(20), encodeRlp(value)]);
  }
  const accounts: Array<[Uint8Array, Uint8Array]> = [];
  for (const { key, value } of state.entries(NS_ACCOUNT)) {
    const nonce = bytesValue(value.subarray(0, 8));
    const balance = bytesValue(value.subarray(8, 40));
    const storageRoot = secureTrieRoot(storageByAccount.get(hex(key)) ?? []);
    accounts.push([key, encodeRlp([nonce, balance, storageRoot, value.subarray(40, 72)])]);
  }
  return secureTrieRoot(accounts);
}

/** The `logs` field of state tests: keccak256(RLP([[address, [topics…], data]…])). */
export function logsHash(logs: readonly Log[]): Uint8Array {
  return keccak_256(
    encodeRlp(
      logs.map((log) => [addressBytes(log.address), log.topics.map((t) => wordToBytes(t)), log.data]),
    ),
  );
}

function bytesValue(bytes: Uint8Array): bigint {
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  return v;
}

function hex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}
