import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '../bytes.js';
import { parseStateKey } from './key.js';

/** The leaf of one entry: sha256(0x00 ‖ for each of namespace, key, value: u32be(length) ‖ bytes). */
export function leafHash(composite: string, value: Uint8Array): Uint8Array {
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

/** An inner node: sha256(0x01 ‖ left ‖ right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  NODE_INPUT.set(left, 1);
  NODE_INPUT.set(right, 33);
  return sha256(NODE_INPUT);
}

/** `nodeHash` of the two hashes packed at `children[offset..offset + 64]`, written to `out[at..at + 32]`. */
export function packedNodeHash(children: Uint8Array, offset: number, out: Uint8Array, at: number): void {
  NODE_INPUT.set(children.subarray(offset, offset + 64), 1);
  out.set(sha256(NODE_INPUT), at);
}

/** One reused input buffer: the 0x01 tag, then the two 32-byte children. */
const NODE_INPUT = new Uint8Array(65);
NODE_INPUT[0] = 1;

function u32be(n: number): Uint8Array {
  return Uint8Array.of(n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
}
