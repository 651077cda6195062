import { bitAt, branchHash, keyPath, leafHash } from './commitment-hash.js';

/**
 * The state root, computed from scratch: a binary Merkle radix (Patricia, crit-bit) trie over the
 * entries, each placed at the 256-bit path `keyPath(namespace, key)` (a domain-separated sha256).
 * A leaf commits to its path and value; a branch to the first bit where its two subtrees' paths differ
 * and to their two hashes. The shape therefore depends only on the set of keys, never on insertion order
 * or history, and one key changes only the branches above it. One entry: the root is its leaf; the
 * empty state commits to 32 zero bytes. Hash formats: `commitment-hash.ts`. `CommitmentTree` keeps the
 * same trie up to date incrementally; this sort-and-split version is the reference it is tested against.
 */
export function commitEntries(entries: Iterable<readonly [string, Uint8Array]>): Uint8Array {
  const leaves = [...entries].map(([composite, value]) => {
    const path = keyPath(composite);
    return { path, hash: leafHash(path, value) };
  });
  if (leaves.length === 0) return new Uint8Array(32);
  leaves.sort((a, b) => comparePaths(a.path, b.path));
  return subtree(leaves, 0, leaves.length, 0);
}

type SortedLeaf = { path: Uint8Array; hash: Uint8Array };

/** The hash of sorted leaves [from, to), which all agree on the bits before `bit`. */
function subtree(leaves: SortedLeaf[], from: number, to: number, bit: number): Uint8Array {
  if (to - from === 1) return leaves[from]!.hash;
  // Sorted and sharing bits < `bit`: the ones come after the zeros. Skip bits where all agree.
  for (; ; bit++) {
    let split = from;
    while (split < to && bitAt(leaves[split]!.path, bit) === 0) split++;
    if (split > from && split < to)
      return branchHash(bit, subtree(leaves, from, split, bit + 1), subtree(leaves, split, to, bit + 1));
  }
}

function comparePaths(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}
