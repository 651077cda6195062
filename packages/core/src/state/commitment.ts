import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '../bytes.js';
import { parseStateKey } from './key.js';

/**
 * A binary Merkle root over the sorted (namespace, key, value) triples. Sorting makes the root
 * independent of insertion order; length-prefixing and the 0x00/0x01 leaf/node tags keep distinct
 * contents from colliding (the second-preimage guard of RFC 6962 §2.1). The empty state commits to
 * 32 zero bytes.
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

function leafHash(composite: string, value: Uint8Array): Uint8Array {
  const { namespace, key } = parseStateKey(composite);
  const ns = utf8ToBytes(namespace);
  const h = sha256.create();
  h.update(Uint8Array.of(0));
  for (const part of [ns, key, value]) {
    h.update(u32be(part.length));
    h.update(part);
  }
  return h.digest();
}

function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  return sha256.create().update(Uint8Array.of(1)).update(left).update(right).digest();
}

function u32be(n: number): Uint8Array {
  return Uint8Array.of(n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
}
