import { keccak256 } from '../crypto/keccak.js';
import { EMPTY_TRIE_ROOT, hexPrefix, toNibbles } from './mpt.js';
import { encodeRlp, encodeRlpList } from './rlp.js';

/**
 * A leaf keeps no cached reference: re-encoding one when a sibling changes costs a hash, while caching
 * it for every slot took ~280 of the ~760 bytes per slot (100 000 slots, heap + buffers).
 */
interface Leaf {
  kind: 'leaf';
  path: Uint8Array;
  value: Uint8Array;
}

interface Extension {
  kind: 'extension';
  path: Uint8Array;
  child: Node;
  /** What the parent holds for this node (see `reference`), cleared whenever the subtree changes. */
  ref?: Uint8Array | undefined;
}

interface Branch {
  kind: 'branch';
  children: Array<Node | undefined>;
  value: Uint8Array | undefined;
  ref?: Uint8Array | undefined;
}

type Node = Leaf | Extension | Branch;

/** `remove` found nothing to delete: the caller keeps its node and its cached reference. */
const UNCHANGED = Symbol('unchanged');

/** RLP of the empty string: an empty branch slot or a branch without a value. */
const EMPTY_ITEM = Uint8Array.of(0x80);

/**
 * A Merkle Patricia Trie (Yellow Paper Appendix D) kept in memory and updated in place: a write
 * rebuilds only the nodes on its path, and every other branch and extension keeps the reference
 * (embedded RLP or hash) computed for it last time, so a root after k writes costs O(k · depth)
 * hashes (plus the leaves beside the path, which are re-encoded). Gives the same
 * root as `trieRoot` over the same pairs, including its rule that an empty value is no entry.
 */
export class MerkleTrie {
  #root: Node | undefined;
  #hash: Uint8Array | undefined;

  get isEmpty(): boolean {
    return this.#root === undefined;
  }

  put(key: Uint8Array, value: Uint8Array): void {
    if (value.length === 0) {
      this.delete(key);
      return;
    }
    this.#root = insert(this.#root, toNibbles(key), 0, value);
    this.#hash = undefined;
  }

  delete(key: Uint8Array): void {
    const next = remove(this.#root, toNibbles(key), 0);
    if (next === UNCHANGED) return;
    this.#root = next;
    this.#hash = undefined;
  }

  root(): Uint8Array {
    if (this.#root === undefined) return EMPTY_TRIE_ROOT.slice();
    this.#hash ??= keccak256(encode(this.#root));
    return this.#hash.slice();
  }
}

function insert(node: Node | undefined, key: Uint8Array, depth: number, value: Uint8Array): Node {
  if (node === undefined) return { kind: 'leaf', path: key.subarray(depth), value };
  if (node.kind !== 'leaf') node.ref = undefined;
  if (node.kind === 'branch') {
    if (depth === key.length) node.value = value;
    else node.children[key[depth]!] = insert(node.children[key[depth]!], key, depth + 1, value);
    return node;
  }
  const shared = sharedLength(node.path, key, depth);
  if (node.kind === 'leaf' && shared === node.path.length && depth + shared === key.length) {
    node.value = value;
    return node;
  }
  if (node.kind === 'extension' && shared === node.path.length) {
    node.child = insert(node.child, key, depth + shared, value);
    return node;
  }
  // The paths part after `shared` nibbles: a branch there holds both, under an extension for the rest.
  const branch: Branch = { kind: 'branch', children: new Array(16).fill(undefined), value: undefined };
  const prefix = node.path.subarray(0, shared);
  const nibble = node.path[shared];
  if (node.kind === 'leaf') {
    if (nibble === undefined) branch.value = node.value;
    else branch.children[nibble] = { kind: 'leaf', path: node.path.subarray(shared + 1), value: node.value };
  } else {
    const rest = node.path.subarray(shared + 1);
    branch.children[nibble!] =
      rest.length > 0 ? { kind: 'extension', path: rest, child: node.child } : node.child;
  }
  if (depth + shared === key.length) branch.value = value;
  else
    branch.children[key[depth + shared]!] = {
      kind: 'leaf',
      path: key.subarray(depth + shared + 1),
      value,
    };
  return shared > 0 ? { kind: 'extension', path: prefix, child: branch } : branch;
}

function remove(node: Node | undefined, key: Uint8Array, depth: number): Node | undefined | typeof UNCHANGED {
  if (node === undefined) return UNCHANGED;
  if (node.kind === 'leaf') {
    const matches =
      node.path.length === key.length - depth && sharedLength(node.path, key, depth) === node.path.length;
    return matches ? undefined : UNCHANGED;
  }
  if (node.kind === 'extension') {
    if (sharedLength(node.path, key, depth) < node.path.length) return UNCHANGED;
    const child = remove(node.child, key, depth + node.path.length);
    return child === UNCHANGED ? UNCHANGED : join(node.path, child);
  }
  if (depth === key.length) {
    if (node.value === undefined) return UNCHANGED;
    node.value = undefined;
  } else {
    const child = remove(node.children[key[depth]!], key, depth + 1);
    if (child === UNCHANGED) return UNCHANGED;
    node.children[key[depth]!] = child;
  }
  node.ref = undefined;
  return collapse(node);
}

/** A branch left with a single entry is no longer a branch: it becomes a leaf or joins its only child. */
function collapse(branch: Branch): Node | undefined {
  let only = -1;
  for (let i = 0; i < 16; i++) {
    if (branch.children[i] === undefined) continue;
    if (only >= 0 || branch.value !== undefined) return branch;
    only = i;
  }
  if (only < 0)
    return branch.value === undefined
      ? undefined
      : { kind: 'leaf', path: new Uint8Array(0), value: branch.value };
  return join(Uint8Array.of(only), branch.children[only]);
}

/** `child` reached through `path`: paths of leaves and extensions absorb it, a branch gets an extension. */
function join(path: Uint8Array, child: Node | undefined): Node | undefined {
  if (child === undefined) return undefined;
  if (child.kind === 'branch') return { kind: 'extension', path, child };
  const joined = new Uint8Array(path.length + child.path.length);
  joined.set(path);
  joined.set(child.path, path.length);
  child.path = joined;
  if (child.kind === 'extension') child.ref = undefined;
  return child;
}

function sharedLength(path: Uint8Array, key: Uint8Array, depth: number): number {
  let n = 0;
  while (n < path.length && depth + n < key.length && path[n] === key[depth + n]) n++;
  return n;
}

function encode(node: Node): Uint8Array {
  if (node.kind === 'leaf')
    return encodeRlpList([encodeRlp(hexPrefix(node.path, true)), encodeRlp(node.value)]);
  if (node.kind === 'extension')
    return encodeRlpList([encodeRlp(hexPrefix(node.path, false)), reference(node.child)]);
  const items = node.children.map((child) => (child === undefined ? EMPTY_ITEM : reference(child)));
  items.push(node.value === undefined ? EMPTY_ITEM : encodeRlp(node.value));
  return encodeRlpList(items);
}

/**
 * A child under 32 bytes of RLP is embedded in its parent as-is, a longer one by its keccak256 hash.
 * Cached on extensions and branches, whose subtrees are what an update leaves untouched.
 */
function reference(node: Node): Uint8Array {
  if (node.kind !== 'leaf' && node.ref !== undefined) return node.ref;
  const encoded = encode(node);
  const ref = encoded.length < 32 ? encoded : encodeRlp(keccak256(encoded));
  if (node.kind !== 'leaf') node.ref = ref;
  return ref;
}
