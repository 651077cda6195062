import { leafHash, nodeHash } from './commitment-hash.js';

/**
 * A binary Merkle root over the sorted (namespace, key, value) triples. Sorting makes the root
 * independent of insertion order; length-prefixing and the 0x00/0x01 leaf/node tags keep distinct
 * contents from colliding (the second-preimage guard of RFC 6962 §2.1). The empty state commits to
 * 32 zero bytes. Pairing level by level with an odd last node promoted gives RFC 6962's tree (the left
 * subtree holds the largest power of two below the count). `CommitmentTree` keeps the same tree
 * up to date incrementally; this one-shot version is the reference it is tested against.
 */
export function commitEntries(entries: Iterable<readonly [string, Uint8Array]>): Uint8Array {
  const sorted = [...entries].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  if (sorted.length === 0) return new Uint8Array(32);
  let level = sorted.map(([composite, value]) => leafHash(composite, value));
  while (level.length > 1) {
    const next: Uint8Array[] = [];
    for (let i = 0; i < level.length; i += 2) {
      const left = level[i]!;
      const right = level[i + 1];
      next.push(right === undefined ? left : nodeHash(left, right));
    }
    level = next;
  }
  return level[0]!;
}
