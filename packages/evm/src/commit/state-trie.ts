import { type ChangeTracker, fromHex, type JournaledState, parseStateKey, stateKey } from '@polyvm/core';
import { keccak256 } from '../crypto/keccak.js';
import { NS_ACCOUNT, NS_STORAGE } from '../host/world.js';
import { encodeRlp } from './rlp.js';
import { MerkleTrie } from './trie.js';

/**
 * Ethereum's state trie (Yellow Paper §4.1) for one `JournaledState`, kept between root computations:
 * the journal reports which `evm/account` and `evm/storage` keys changed, and only those slots, their
 * accounts' storage roots and the account leaves are rewritten; every untouched subtree keeps its hash.
 *
 * Memory: one trie node per account and per storage slot plus their branches (measured in the README's
 * state-size section), alive as long as the state is.
 */
export class EthereumStateTrie {
  readonly #state: JournaledState;
  readonly #changes: ChangeTracker;
  #accounts = new MerkleTrie();
  /** Storage tries by owner address (hex, as in the composite key); empty tries are dropped. */
  #storage = new Map<string, MerkleTrie>();
  #built = false;

  constructor(state: JournaledState) {
    this.#state = state;
    this.#changes = state.trackChanges([NS_ACCOUNT, NS_STORAGE]);
  }

  root(): Uint8Array {
    const changed = this.#changes.take();
    if (!this.#built || changed === undefined) this.#rebuild();
    else if (changed.size > 0) this.#apply(changed);
    return this.#accounts.root();
  }

  #rebuild(): void {
    this.#accounts = new MerkleTrie();
    this.#storage = new Map();
    const ours: string[] = [];
    for (const [composite] of this.#state.backend.entries()) {
      if (composite.startsWith(ACCOUNT_HEAD) || composite.startsWith(STORAGE_HEAD)) ours.push(composite);
    }
    this.#apply(ours);
    this.#built = true;
  }

  /** Rewrites the changed slots, then the leaf of every account they or its own record touched. */
  #apply(changed: Iterable<string>): void {
    const backend = this.#state.backend;
    const touched = new Set<string>();
    for (const composite of changed) {
      const { namespace, key } = parseStateKey(composite);
      const value = backend.get(composite);
      const owner = composite.slice(namespace.length + 1, namespace.length + 41);
      touched.add(owner);
      if (namespace !== NS_STORAGE) continue;
      let trie = this.#storage.get(owner);
      if (trie === undefined) this.#storage.set(owner, (trie = new MerkleTrie()));
      const slot = keccak256(key.subarray(20));
      if (value === undefined) trie.delete(slot);
      else trie.put(slot, encodeRlp(value));
      if (trie.isEmpty) this.#storage.delete(owner);
    }
    for (const owner of touched) {
      const address = fromHex(owner);
      const account = backend.get(stateKey(NS_ACCOUNT, address));
      const path = keccak256(address);
      if (account === undefined) this.#accounts.delete(path);
      else this.#accounts.put(path, this.#leaf(owner, account));
    }
  }

  /** RLP([nonce, balance, storageRoot, codeHash]) of the stored nonce(8) ‖ balance(32) ‖ codeHash(32). */
  #leaf(owner: string, account: Uint8Array): Uint8Array {
    const storageRoot = this.#storage.get(owner)?.root() ?? EMPTY_STORAGE_ROOT;
    return encodeRlp([
      withoutLeadingZeros(account.subarray(0, 8)),
      withoutLeadingZeros(account.subarray(8, 40)),
      storageRoot,
      account.subarray(40, 72),
    ]);
  }
}

const ACCOUNT_HEAD = `${NS_ACCOUNT}:`;
const STORAGE_HEAD = `${NS_STORAGE}:`;
const EMPTY_STORAGE_ROOT = new MerkleTrie().root();

/** The minimal big-endian form RLP gives an integer (zero is the empty string). */
function withoutLeadingZeros(bytes: Uint8Array): Uint8Array {
  let start = 0;
  while (start < bytes.length && bytes[start] === 0) start++;
  return bytes.subarray(start);
}
