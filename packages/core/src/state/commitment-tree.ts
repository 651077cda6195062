import { bitAt, branchHash, firstDifferingBit, keyPath, leafHash } from './commitment-hash.js';
import { HashSlots } from './hash-slots.js';

/** A key's leaf: slots holding its 256-bit path and its leaf hash. */
class Leaf {
  constructor(
    readonly path: number,
    readonly hash: number,
  ) {}
}

class Branch {
  /** Whether `hash` is out of date: a key below changed since the last `root()`. */
  stale = true;
  constructor(
    readonly bit: number,
    public left: TrieNode,
    public right: TrieNode,
    readonly hash: number,
  ) {}
}

type TrieNode = Leaf | Branch;

/**
 * `commitEntries`' trie kept between calls. A key sits at its own 256-bit path, so the shape depends
 * only on the key set: inserting, updating or removing one key touches the branches on its path alone,
 * O(depth) ≈ O(log n) for hashed paths. Changes only mark the branches on their path stale; `root()`
 * rehashes each stale branch once, however many keys changed below it.
 *
 * Memory per key: a leaf and a branch object plus three 32-byte slots (path, leaf hash, branch hash)
 * in shared chunks (`HashSlots`); `pnpm bench:state-root` prints the measured bytes per key.
 */
export class CommitmentTree {
  #slots = new HashSlots();
  #root: TrieNode | undefined;

  /** Recomputes everything from `entries` (the first call, or after too many changes to track). */
  rebuild(entries: Iterable<readonly [string, Uint8Array]>): void {
    this.#slots = new HashSlots();
    this.#root = undefined;
    for (const [composite, value] of entries) {
      const path = keyPath(composite);
      this.#put(path, leafHash(path, value));
    }
  }

  /** Brings the trie up to date for the keys in `changed`, reading their current value with `read`. */
  update(changed: Iterable<string>, read: (composite: string) => Uint8Array | undefined): void {
    for (const composite of changed) {
      const path = keyPath(composite);
      const value = read(composite);
      if (value === undefined) this.#remove(path);
      else this.#put(path, leafHash(path, value));
    }
  }

  root(): Uint8Array {
    return this.#root === undefined ? new Uint8Array(32) : this.#slots.view(this.#hashOf(this.#root)).slice();
  }

  #put(path: Uint8Array, hash: Uint8Array): void {
    const slots = this.#slots;
    if (this.#root === undefined) {
      this.#root = this.#leaf(path, hash);
      return;
    }
    const above: Branch[] = [];
    let node = this.#root;
    while (node instanceof Branch) {
      above.push(node);
      node = bitAt(path, node.bit) === 0 ? node.left : node.right;
    }
    const split = firstDifferingBit(path, slots.view(node.path));
    if (split < 0) {
      slots.write(node.hash, hash);
      for (const branch of above) branch.stale = true;
      return;
    }
    // The new branch goes below the last branch splitting on an earlier bit (bits grow downwards).
    let depth = 0;
    while (depth < above.length && above[depth]!.bit < split) above[depth++]!.stale = true;
    const parent = depth > 0 ? above[depth - 1] : undefined;
    const sibling = depth < above.length ? above[depth]! : node;
    const leaf = this.#leaf(path, hash);
    const slot = slots.allocate();
    const branch =
      bitAt(path, split) === 0
        ? new Branch(split, leaf, sibling, slot)
        : new Branch(split, sibling, leaf, slot);
    if (parent === undefined) this.#root = branch;
    else if (parent.left === sibling) parent.left = branch;
    else parent.right = branch;
  }

  #remove(path: Uint8Array): void {
    const slots = this.#slots;
    const above: Branch[] = [];
    let node = this.#root;
    while (node instanceof Branch) {
      above.push(node);
      node = bitAt(path, node.bit) === 0 ? node.left : node.right;
    }
    if (node === undefined || firstDifferingBit(path, slots.view(node.path)) >= 0) return;
    slots.release(node.path);
    slots.release(node.hash);
    const parent = above.pop();
    if (parent === undefined) {
      this.#root = undefined;
      return;
    }
    slots.release(parent.hash);
    const sibling = parent.left === node ? parent.right : parent.left;
    const grandparent = above[above.length - 1];
    if (grandparent === undefined) this.#root = sibling;
    else if (grandparent.left === parent) grandparent.left = sibling;
    else grandparent.right = sibling;
    for (const branch of above) branch.stale = true;
  }

  #leaf(path: Uint8Array, hash: Uint8Array): Leaf {
    const slots = this.#slots;
    const leaf = new Leaf(slots.allocate(), slots.allocate());
    slots.write(leaf.path, path);
    slots.write(leaf.hash, hash);
    return leaf;
  }

  /** The slot of a node's hash, first rehashing (and caching) the stale branches below it. */
  #hashOf(node: TrieNode): number {
    if (node instanceof Branch && node.stale) {
      const slots = this.#slots;
      const left = slots.view(this.#hashOf(node.left));
      const right = slots.view(this.#hashOf(node.right));
      slots.write(node.hash, branchHash(node.bit, left, right));
      node.stale = false;
    }
    return node.hash;
  }
}
