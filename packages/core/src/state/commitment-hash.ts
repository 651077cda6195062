import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '../bytes.js';
import { parseStateKey } from './key.js';

/*
 * The hashes of the state commitment, one domain tag each (first input byte) so that a key digest, a
 * leaf and a branch can never be read as one another (the second-preimage guard of RFC 6962 §2.1):
 *   path   = sha256(0x02 ‖ u32be(|namespace|) ‖ namespace ‖ u32be(|key|) ‖ key)
 *   leaf   = sha256(0x00 ‖ path ‖ u32be(|value|) ‖ value)
 *   branch = sha256(0x01 ‖ u8(bit) ‖ left ‖ right)
 */

const LEAF = 0;
const BRANCH = 1;
const PATH = 2;

/** The 256-bit trie path of a composite state key: its position never depends on other keys. */
export function keyPath(composite: string): Uint8Array {
  const { namespace, key } = parseStateKey(composite);
  const ns = utf8ToBytes(namespace);
  const h = sha256.create();
  h.update(Uint8Array.of(PATH));
  h.update(u32be(ns.length));
  h.update(ns);
  h.update(u32be(key.length));
  h.update(key);
  return h.digest();
}

/** The leaf of one entry: its path (which stands for namespace and key) and its length-prefixed value. */
export function leafHash(path: Uint8Array, value: Uint8Array): Uint8Array {
  const h = sha256.create();
  h.update(Uint8Array.of(LEAF));
  h.update(path);
  h.update(u32be(value.length));
  h.update(value);
  return h.digest();
}

/** A branch splitting its keys on path bit `bit` (0 = most significant bit of the first byte). */
export function branchHash(bit: number, left: Uint8Array, right: Uint8Array): Uint8Array {
  BRANCH_INPUT[1] = bit;
  BRANCH_INPUT.set(left, 2);
  BRANCH_INPUT.set(right, 34);
  return sha256(BRANCH_INPUT);
}

/** One reused input buffer: the 0x01 tag, the bit index, then the two 32-byte children. */
const BRANCH_INPUT = new Uint8Array(66);
BRANCH_INPUT[0] = BRANCH;

/** Bit `index` of a path, most significant bit of byte 0 first, so in-order leaves are sorted by path. */
export function bitAt(path: Uint8Array, index: number): number {
  return (path[index >> 3]! >> (7 - (index & 7))) & 1;
}

/** The first bit where two paths differ, or -1 when they are equal. */
export function firstDifferingBit(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]! ^ b[i]!;
    if (x !== 0) return i * 8 + Math.clz32(x) - 24;
  }
  return -1;
}

function u32be(n: number): Uint8Array {
  return Uint8Array.of(n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
}
