/**
 * The composite keys of one namespace grouped by their first `length` key bytes, so that "which keys
 * start with this prefix" costs the size of the answer instead of a walk over the whole state
 * (an EVM account's storage slots are the `evm/storage` keys starting with its 20-byte address).
 * The owner keeps it in step with every insertion and removal, including those made by a revert.
 */
export class PrefixIndex {
  readonly #head: number;
  readonly #buckets = new Map<string, Set<string>>();

  /** `namespace` and the prefix length in bytes; the bucket id is the composite key's first characters. */
  constructor(namespace: string, length: number) {
    this.#head = namespace.length + 1 + 2 * length;
  }

  added(composite: string): void {
    if (composite.length < this.#head) return;
    const id = composite.slice(0, this.#head);
    const bucket = this.#buckets.get(id);
    if (bucket === undefined) this.#buckets.set(id, new Set([composite]));
    else bucket.add(composite);
  }

  removed(composite: string): void {
    if (composite.length < this.#head) return;
    const id = composite.slice(0, this.#head);
    const bucket = this.#buckets.get(id);
    if (bucket === undefined || !bucket.delete(composite)) return;
    if (bucket.size === 0) this.#buckets.delete(id);
  }

  /** Composite keys starting with `compositePrefix` (namespace, colon, hex prefix), unordered. */
  keys(compositePrefix: string): ReadonlySet<string> {
    return this.#buckets.get(compositePrefix) ?? EMPTY;
  }
}

const EMPTY: ReadonlySet<string> = new Set();
