import { keccak_256 } from '@noble/hashes/sha3.js';
import { encodeRlp, type RlpInput } from './rlp.js';

/**
 * The root hash of a Merkle Patricia Trie (Yellow Paper Appendix D) built from a complete set of
 * key/value pairs at once: leaves, extensions and 17-way branches, hex-prefix encoded paths
 * (Appendix C), and nodes under 32 bytes of RLP embedded in their parent instead of hashed.
 */
export const EMPTY_TRIE_ROOT = keccak_256(encodeRlp(new Uint8Array(0)));

interface Item {
  nibbles: Uint8Array;
  value: Uint8Array;
}

export function trieRoot(entries: Iterable<readonly [Uint8Array, Uint8Array]>): Uint8Array {
  const items: Item[] = [];
  for (const [key, value] of entries) if (value.length > 0) items.push({ nibbles: toNibbles(key), value });
  if (items.length === 0) return EMPTY_TRIE_ROOT;
  items.sort((a, b) => compareNibbles(a.nibbles, b.nibbles));
  return keccak_256(encodeRlp(buildNode(items, 0)));
}

/** The secure trie of the state and storage tries: keys are keccak256-hashed first. */
export function secureTrieRoot(entries: Iterable<readonly [Uint8Array, Uint8Array]>): Uint8Array {
  const hashed: Array<[Uint8Array, Uint8Array]> = [];
  for (const [key, value] of entries) hashed.push([keccak_256(key), value]);
  return trieRoot(hashed);
}

function buildNode(items: Item[], depth: number): RlpInput {
  if (items.length === 1) {
    const only = items[0]!;
    return [hexPrefix(only.nibbles.subarray(depth), true), only.value];
  }
  const shared = sharedPrefix(items, depth);
  if (shared > 0) {
    const path = items[0]!.nibbles.subarray(depth, depth + shared);
    return [hexPrefix(path, false), reference(buildNode(items, depth + shared))];
  }
  const branch: RlpInput[] = [];
  let start = 0;
  let value: Uint8Array = new Uint8Array(0);
  if (items[0]!.nibbles.length === depth) {
    value = items[0]!.value;
    start = 1;
  }
  for (let nibble = 0; nibble < 16; nibble++) {
    let end = start;
    while (end < items.length && items[end]!.nibbles[depth] === nibble) end++;
    branch.push(end > start ? reference(buildNode(items.slice(start, end), depth + 1)) : new Uint8Array(0));
    start = end;
  }
  branch.push(value);
  return branch;
}

/** A child is embedded when its RLP is shorter than 32 bytes, otherwise referenced by hash. */
function reference(node: RlpInput): RlpInput {
  const encoded = encodeRlp(node);
  return encoded.length < 32 ? node : keccak_256(encoded);
}

function sharedPrefix(items: Item[], depth: number): number {
  const first = items[0]!.nibbles;
  const last = items[items.length - 1]!.nibbles;
  let n = 0;
  // Items are sorted, so the prefix shared by the first and last is shared by all.
  while (depth + n < first.length && depth + n < last.length && first[depth + n] === last[depth + n]) n++;
  return n;
}

/** Hex-prefix encoding (Yellow Paper Appendix C): flag nibble 2 for leaves, +1 for odd length. */
export function hexPrefix(nibbles: Uint8Array, leaf: boolean): Uint8Array {
  const odd = nibbles.length % 2;
  const flag = (leaf ? 2 : 0) + odd;
  const out = new Uint8Array(Math.floor(nibbles.length / 2) + 1);
  out[0] = flag << 4;
  let i = 0;
  if (odd) {
    out[0] |= nibbles[0]!;
    i = 1;
  }
  for (let o = 1; i < nibbles.length; i += 2, o++) out[o] = (nibbles[i]! << 4) | nibbles[i + 1]!;
  return out;
}

export function toNibbles(key: Uint8Array): Uint8Array {
  const out = new Uint8Array(key.length * 2);
  for (let i = 0; i < key.length; i++) {
    out[2 * i] = key[i]! >> 4;
    out[2 * i + 1] = key[i]! & 0x0f;
  }
  return out;
}

function compareNibbles(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}
