import { leafHash, packedNodeHash } from './commitment-hash.js';

const HASH = 32;

/**
 * `commitEntries`' tree kept between calls, so a root after a few writes rehashes only what they
 * touched. Node j of level k covers leaves [j·2^k, (j+1)·2^k) of the sorted keys, so:
 * - a changed value rehashes its leaf and its ancestors: O(log n);
 * - an inserted or removed key shifts every later leaf into a new pair, so everything after it is
 *   rehashed (about n − position node hashes). That is inherent to this positional tree: the pairs
 *   after the insertion point never existed before, and the root must stay byte-identical.
 *
 * Memory: the sorted key array (one pointer per key; the strings are the backend's own) and the packed
 * hashes of every level, 32 bytes × (n + n/2 + n/4 + …) ≈ 64 bytes per key, up to twice that while
 * buffers grow by doubling.
 */
export class CommitmentTree {
  /** Composite keys, sorted as `commitEntries` sorts them (code-unit order). */
  #keys: string[] = [];
  /** levels[0] packs the leaf hashes, levels[k] the nodes over 2^k leaves; the top one is the root. */
  #levels: Uint8Array[] = [];
  #root: Uint8Array = new Uint8Array(HASH);

  /** Recomputes everything from `entries` (the first call, or after too many changes to track). */
  rebuild(entries: Iterable<readonly [string, Uint8Array]>): void {
    const sorted = [...entries].sort((a, b) => compare(a[0], b[0]));
    const leaves = new Uint8Array(sorted.length * HASH);
    sorted.forEach(([composite, value], i) => {
      leaves.set(leafHash(composite, value), i * HASH);
    });
    this.#keys = sorted.map(([composite]) => composite);
    this.#levels = [leaves];
    this.#rehash([], 0);
  }

  /** Brings the tree up to date for the keys in `changed`, reading their current value with `read`. */
  update(changed: Iterable<string>, read: (composite: string) => Uint8Array | undefined): void {
    const keys = this.#keys;
    const leaves = this.#levels[0]!;
    const updated: number[] = [];
    const inserted: Array<readonly [string, Uint8Array]> = [];
    const removed: number[] = [];
    for (const composite of changed) {
      const value = read(composite);
      const index = lowerBound(keys, composite);
      const present = keys[index] === composite;
      if (present && value === undefined) removed.push(index);
      else if (present) {
        leaves.set(leafHash(composite, value!), index * HASH);
        updated.push(index);
      } else if (value !== undefined) inserted.push([composite, value]);
    }
    const first = inserted.length + removed.length > 0 ? this.#splice(inserted, removed) : keys.length;
    this.#rehash(updated, first);
  }

  root(): Uint8Array {
    return this.#root.slice();
  }

  /**
   * Applies insertions and removals to the key array and the leaf level in one pass that copies the
   * untouched runs between them, and returns the first leaf position that moved or changed.
   */
  #splice(inserted: Array<readonly [string, Uint8Array]>, removed: number[]): number {
    const keys = this.#keys;
    const leaves = this.#levels[0]!;
    inserted.sort((a, b) => compare(a[0], b[0]));
    removed.sort((a, b) => a - b);
    const count = keys.length + inserted.length - removed.length;
    const nextKeys = new Array<string>(count);
    const nextLeaves = new Uint8Array(Math.max(count, 1) * HASH);
    let from = 0;
    let to = 0;
    let first = -1;
    const copyUntil = (end: number) => {
      nextLeaves.set(leaves.subarray(from * HASH, end * HASH), to * HASH);
      for (; from < end; from++, to++) nextKeys[to] = keys[from]!;
    };
    let r = 0;
    for (const [composite, value] of inserted) {
      const position = lowerBound(keys, composite);
      for (; r < removed.length && removed[r]! < position; r++) {
        copyUntil(removed[r]!);
        if (first < 0) first = to;
        from++;
      }
      copyUntil(position);
      if (first < 0) first = to;
      nextKeys[to] = composite;
      nextLeaves.set(leafHash(composite, value), to * HASH);
      to++;
    }
    for (; r < removed.length; r++) {
      copyUntil(removed[r]!);
      if (first < 0) first = to;
      from++;
    }
    copyUntil(keys.length);
    this.#keys = nextKeys;
    this.#levels[0] = nextLeaves;
    return first;
  }

  /**
   * Recomputes the ancestors of the `updated` leaves and every node from leaf position `first` on,
   * level by level up to the root.
   */
  #rehash(updated: number[], first: number): void {
    let count = this.#keys.length;
    if (count === 0) {
      this.#root = new Uint8Array(HASH);
      return;
    }
    let dirty = updated.filter((i) => i < first).sort((a, b) => a - b);
    let level = 0;
    for (; count > 1; level++) {
      const children = this.#levels[level]!;
      const parentCount = (count + 1) >> 1;
      const parents = this.#level(level + 1, parentCount);
      const parentFirst = first >> 1;
      const dirtyParents: number[] = [];
      for (const child of dirty) {
        const parent = child >> 1;
        if (parent < parentFirst && dirtyParents[dirtyParents.length - 1] !== parent)
          dirtyParents.push(parent);
      }
      const rehash = (parent: number) => {
        const left = 2 * parent * HASH;
        if (2 * parent + 1 < count) packedNodeHash(children, left, parents, parent * HASH);
        else parents.set(children.subarray(left, left + HASH), parent * HASH);
      };
      for (const parent of dirtyParents) rehash(parent);
      for (let parent = parentFirst; parent < parentCount; parent++) rehash(parent);
      dirty = dirtyParents;
      first = parentFirst;
      count = parentCount;
    }
    this.#root = this.#levels[level]!.slice(0, HASH);
  }

  /** The buffer of `level`, grown (by doubling, keeping its content) to hold `count` hashes. */
  #level(level: number, count: number): Uint8Array {
    const current = this.#levels[level];
    if (current !== undefined && current.length >= count * HASH) return current;
    const grown = new Uint8Array(Math.max(count * HASH, (current?.length ?? 0) * 2));
    if (current !== undefined) grown.set(current);
    this.#levels[level] = grown;
    return grown;
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The first index whose key is not below `key`. */
function lowerBound(keys: readonly string[], key: string): number {
  let low = 0;
  let high = keys.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (keys[mid]! < key) low = mid + 1;
    else high = mid;
  }
  return low;
}
